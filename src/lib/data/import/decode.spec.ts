import { describe, expect, it } from 'vitest';
import { contentKind, countLines, decodeImportBytes } from './decode';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './limits';

const enc = (s: string) => new TextEncoder().encode(s);
const code = (bytes: Uint8Array, maxLines?: number) => {
	const r = decodeImportBytes(bytes, maxLines);
	return r.ok ? 'ok' : r.code;
};

describe('countLines', () => {
	it('counts LF, CRLF and lone CR line endings alike, and a final line break starts no line', () => {
		expect(countLines(enc(''))).toBe(0);
		expect(countLines(enc('a'))).toBe(1);
		expect(countLines(enc('a\nb'))).toBe(2);
		expect(countLines(enc('a\nb\n'))).toBe(2);
		expect(countLines(enc('a\r\nb\r\n'))).toBe(2);
		expect(countLines(enc('a\rb\rc'))).toBe(3);
		expect(countLines(enc('\n\n'))).toBe(2);
	});
});

describe('decodeImportBytes', () => {
	it('refuses a file one byte over MAX_IMPORT_BYTES and takes one exactly at it', () => {
		const at = new Uint8Array(MAX_IMPORT_BYTES).fill(0x31);
		expect(code(at)).toBe('ok');
		expect(code(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x31))).toBe('too_large');
	});

	it('refuses one line past the limit before decoding anything', () => {
		const lines = new Uint8Array(MAX_IMPORT_ROWS + 2).fill(0x0a);
		expect(code(lines)).toBe('too_many_rows');
		expect(code(lines.subarray(1))).toBe('ok');
		expect(code(enc('a\nb\nc'), 2)).toBe('too_many_rows');
	});

	it('refuses UTF-16 by its BOM or by its NUL-interleaved bytes, and other NULs as binary', () => {
		expect(code(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBe('utf16');
		expect(code(new Uint8Array([0xfe, 0xff, 0x00, 0x41]))).toBe('utf16');
		expect(code(new Uint8Array([0x44, 0, 0x61, 0, 0x74, 0, 0x65, 0]))).toBe('utf16');
		expect(code(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x00, 0x32, 0x0a]))).toBe('binary');
	});

	it('refuses bytes that are not UTF-8 instead of replacing them', () => {
		expect(code(new Uint8Array([0x61, 0xe9, 0x62]))).toBe('not_utf8');
		expect(code(new Uint8Array([0xc3, 0x28]))).toBe('not_utf8');
	});

	it('strips a UTF-8 BOM and turns CRLF and CR into LF', () => {
		const r = decodeImportBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('a,b\r\n1,2\r3,4')]));
		expect(r).toMatchObject({ ok: true, text: 'a,b\n1,2\n3,4', hadBom: true, extraBoms: 0, lineCount: 3 });
	});

	it('refuses an empty file and anything that is not bytes', () => {
		expect(code(new Uint8Array(0))).toBe('empty');
		expect(code('a,b' as unknown as Uint8Array)).toBe('bad_options');
	});
});

describe('contentKind', () => {
	it('tells JSON and markup from CSV by the first characters', () => {
		expect(contentKind('  {"observations": []}')).toBe('json');
		expect(contentKind('[1]')).toBe('json');
		expect(contentKind('<!DOCTYPE html>')).toBe('markup');
		expect(contentKind('<?xml version="1.0"?>')).toBe('markup');
		expect(contentKind('Date,Close')).toBe('csv');
	});

	it('removes and counts byte-order marks after the first, which PapaParse would drop silently', () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62]);
		expect(decodeImportBytes(bytes)).toMatchObject({ ok: true, text: 'a,b', hadBom: true, extraBoms: 1 });
	});
});
