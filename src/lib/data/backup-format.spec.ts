import { describe, expect, it } from 'vitest';
import { BackupError, LineHasher, decodeValue, encodeValue, rowLine } from './backup-format';

const roundTrip = (v: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(v))));

describe('backup value encoding', () => {
	it('keeps NaN, the infinities and -0 in plain numbers, which JSON has no words for', () => {
		const back = roundTrip({ a: NaN, b: Infinity, c: -Infinity, d: -0, e: [0, -0, 1e-310] }) as Record<
			string,
			unknown
		>;
		expect(back.a).toBeNaN();
		expect(back.b).toBe(Infinity);
		expect(back.c).toBe(-Infinity);
		expect(Object.is(back.d, -0)).toBe(true);
		expect(back.e).toEqual([0, -0, 1e-310]);
		expect(Object.is((back.e as number[])[0], 0)).toBe(true);
	});

	it('gives back each typed array as the same class with the same bytes, NaN payloads included', () => {
		const f = Float64Array.from([1.5, NaN, -0, Infinity]);
		new DataView(f.buffer).setUint32(8, 0x7ff00001, true); // a signalling-NaN payload
		const i = Int32Array.from([-1, 2 ** 31 - 1]);
		const u = Uint8Array.from([0, 255]);
		const back = roundTrip({ f, i, u, f32: Float32Array.from([0.1]) }) as Record<string, ArrayBufferView>;
		expect(back.f).toBeInstanceOf(Float64Array);
		expect(new Uint8Array(back.f.buffer)).toEqual(new Uint8Array(f.buffer));
		expect(back.i).toEqual(i);
		expect(back.u).toEqual(u);
		expect(back.f32).toEqual(Float32Array.from([0.1]));
		expect(encodeValue(Float64Array.from([1]))).toEqual({ $f64: 'AAAAAAAA8D8=' });
	});

	it('escapes stored objects that look like tags, and keeps undefined inside arrays', () => {
		const value = { x: { $f64: 'text' }, y: { $esc: { $num: 'NaN' } }, z: [undefined, 1] };
		expect(roundTrip(value)).toEqual(value);
		expect((roundTrip(value) as { z: unknown[] }).z).toHaveLength(2);
	});

	it('keeps an own "__proto__" key as data', () => {
		const value = JSON.parse('{"__proto__":{"polluted":1},"k":2}') as Record<string, unknown>;
		const back = roundTrip(value) as Record<string, unknown>;
		expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
		expect(Object.keys(back)).toEqual(['__proto__', 'k']);
	});

	it('refuses what it cannot write back, naming the path', () => {
		expect(() => encodeValue({ when: new Date(0) })).toThrow(/\$\.when: a Date/);
		expect(() => encodeValue({ m: new Map() })).toThrow(/\$\.m: a Map/);
		expect(() => encodeValue({ n: 1n })).toThrow(/bigint/);
	});

	it('refuses an unknown tag or broken base64 as a corrupt file', () => {
		expect(() => decodeValue({ $what: 1 })).toThrow(BackupError);
		expect(() => decodeValue({ a: { $f64: '###' } })).toThrow(/\$\.a: the typed array is not valid base64/);
		expect(() => decodeValue({ $f64: 'AAA=' })).toThrow(/not a whole number of values/);
	});

	it('hashes lines as SHA-256 of their UTF-8 bytes', () => {
		const h = new LineHasher();
		h.update('abc');
		// FIPS 180-2, appendix B.1: SHA-256("abc").
		expect(h.hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(rowLine('goals', { seq: 1 })).toBe('{"s":"goals","r":{"seq":1}}\n');
	});
});
