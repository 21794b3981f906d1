/**
 * From raw bytes to normalised text, refusing early and cheaply: the size and the line count are read off the
 * bytes before anything is decoded, so a 60 MB upload or a two-million-line file costs one pass and no strings.
 */
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './limits';
import type { Refusal } from './types';

/** Bytes examined for the UTF-16 pattern; a UTF-16 text shows it on every line. */
const UTF16_SNIFF_BYTES = 4096;
/** In UTF-16 of ASCII text half of the bytes are NUL, all on the same parity; this share says "UTF-16". */
const UTF16_NUL_SHARE = 0.3;

const LF = 0x0a;
const CR = 0x0d;

export interface DecodedText {
	readonly ok: true;
	/** BOM removed, every CRLF and lone CR turned into LF. */
	readonly text: string;
	readonly hadBom: boolean;
	/**
	 * Byte-order marks after the first (an export that prepended one to a file that had one). They are removed
	 * here, since PapaParse would drop one silently, and reported by the caller.
	 */
	readonly extraBoms: number;
	/** Lines in the file (a final line break does not start a new line). */
	readonly lineCount: number;
}

export function refusal(code: Refusal['code'], message: string): Refusal {
	return { ok: false, code, message };
}

function megabytes(n: number): string {
	return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Lines as an editor counts them: LF, CRLF and a lone CR each end one. */
export function countLines(bytes: Uint8Array): number {
	let breaks = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b === LF) breaks++;
		else if (b === CR && bytes[i + 1] !== LF) breaks++;
	}
	if (bytes.length === 0) return 0;
	const last = bytes[bytes.length - 1];
	return last === LF || last === CR ? breaks : breaks + 1;
}

function looksUtf16(bytes: Uint8Array): boolean {
	if (bytes.length >= 2) {
		if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
	}
	const n = Math.min(bytes.length, UTF16_SNIFF_BYTES);
	if (n < 4) return false;
	let evenNul = 0;
	let oddNul = 0;
	for (let i = 0; i < n; i++) {
		if (bytes[i] === 0) {
			if (i % 2 === 0) evenNul++;
			else oddNul++;
		}
	}
	const half = n / 2;
	return (
		(evenNul / half > UTF16_NUL_SHARE && oddNul === 0) || (oddNul / half > UTF16_NUL_SHARE && evenNul === 0)
	);
}

/**
 * Checks size, encoding and line count, then decodes. `maxLines` allows one header line above MAX_IMPORT_ROWS
 * data rows.
 */
export function decodeImportBytes(bytes: Uint8Array, maxLines = MAX_IMPORT_ROWS + 1): DecodedText | Refusal {
	if (!(bytes instanceof Uint8Array)) return refusal('bad_options', 'The file could not be read.');
	if (bytes.length === 0) return refusal('empty', 'The file is empty.');
	if (bytes.length > MAX_IMPORT_BYTES) {
		return refusal(
			'too_large',
			`The file is ${megabytes(bytes.length)}; the import takes files up to ${megabytes(MAX_IMPORT_BYTES)}. Download a shorter date range.`
		);
	}
	if (looksUtf16(bytes)) {
		return refusal(
			'utf16',
			'The file is saved as UTF-16 (Excel "Unicode Text"). Save it as "CSV UTF-8" and import it again.'
		);
	}
	if (bytes.indexOf(0) !== -1) {
		return refusal('binary', 'The file contains binary data (NUL bytes); it is not a text CSV file.');
	}
	const lineCount = countLines(bytes);
	if (lineCount > maxLines) {
		return refusal(
			'too_many_rows',
			`The file has ${lineCount.toLocaleString('en-US')} lines; the import takes up to ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows.`
		);
	}
	let text: string;
	try {
		// fatal: a stray Windows-1252 byte must stop the import, not become U+FFFD inside a number.
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return refusal(
			'not_utf8',
			'The file is not valid UTF-8 (it may be saved as Windows-1252 or Latin-1). Save it as "CSV UTF-8" and import it again.'
		);
	}
	const hadBom = text.charCodeAt(0) === 0xfeff;
	let boms = 0;
	while (text.charCodeAt(boms) === 0xfeff) boms++;
	if (boms > 0) text = text.slice(boms);
	if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
	return { ok: true, text, hadBom, extraBoms: Math.max(0, boms - 1), lineCount };
}

/** What the decoded text is, from its first characters: a saved API response and a saved web page are not CSV. */
export function contentKind(text: string): 'json' | 'markup' | 'csv' {
	const head = text.slice(0, 256).trimStart();
	if (head.startsWith('{') || head.startsWith('[')) return 'json';
	if (head.startsWith('<')) return 'markup';
	return 'csv';
}
