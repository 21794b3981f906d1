import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_HASH_TAG, contentSha256 } from './content-hash';

/** The version-1 layout written out independently, hashed by Node's OpenSSL: pins the format. */
function referenceHash(columns: Record<string, number[]>): string {
	const parts: Buffer[] = [Buffer.from(CONTENT_HASH_TAG, 'utf8')];
	const names = Object.keys(columns).sort();
	const u32 = (n: number) => {
		const b = Buffer.alloc(4);
		b.writeUInt32LE(n);
		return b;
	};
	parts.push(u32(names.length));
	for (const name of names) {
		const nameBytes = Buffer.from(name, 'utf8');
		parts.push(u32(nameBytes.length), nameBytes);
		const len = Buffer.alloc(8);
		len.writeBigUInt64LE(BigInt(columns[name].length));
		parts.push(len);
		const values = Buffer.alloc(columns[name].length * 8);
		columns[name].forEach((v, i) => values.writeDoubleLE(v, i * 8));
		parts.push(values);
	}
	return createHash('sha256').update(Buffer.concat(parts)).digest('hex');
}

const f = (...v: number[]): Float64Array => Float64Array.from(v);

/** A copy of `a` whose value at `i` has the raw bits `hi:lo` (used to plant NaN payloads). */
function withBits(a: Float64Array, i: number, hi: number, lo: number): Float64Array {
	const copy = a.slice();
	const view = new DataView(copy.buffer);
	view.setUint32(i * 8, lo, true);
	view.setUint32(i * 8 + 4, hi, true);
	return copy;
}

function nextUp(x: number): number {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, x);
	view.setBigUint64(0, view.getBigUint64(0) + 1n);
	return view.getFloat64(0);
}

describe('contentSha256', () => {
	it('hashes the documented byte layout (checked against node:crypto over hand-built bytes)', () => {
		const columns = { t: [1e12, 1.0000864e12], close: [101.25, 99.5], é: [-0, 3] };
		const typed = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)]));
		expect(contentSha256(typed)).toBe(referenceHash(columns));
	});

	it('hashes the empty record and empty columns', () => {
		expect(contentSha256({})).toBe(referenceHash({}));
		expect(contentSha256({ a: f() })).toBe(referenceHash({ a: [] }));
		expect(contentSha256({ a: f() })).not.toBe(contentSha256({}));
	});

	it('does not depend on the order of the column names in the object', () => {
		const a = { t: f(1, 2), open: f(3, 4), close: f(5, 6) };
		const b = { close: f(5, 6), t: f(1, 2), open: f(3, 4) };
		expect(contentSha256(a)).toBe(contentSha256(b));
	});

	it('changes when any single value moves by one ulp', () => {
		const base = { t: f(1, 2, 3), close: f(100.5, 101.25, 99.75) };
		const reference = contentSha256(base);
		for (const name of ['t', 'close'] as const) {
			for (let i = 0; i < 3; i++) {
				const column = base[name].slice();
				column[i] = nextUp(column[i]);
				expect(contentSha256({ ...base, [name]: column }), `${name}[${i}]`).not.toBe(reference);
			}
		}
	});

	it('changes when a column is renamed, moved to another name or loses a row', () => {
		const reference = contentSha256({ a: f(1, 2), b: f(3, 4) });
		expect(contentSha256({ a: f(1, 2), c: f(3, 4) })).not.toBe(reference);
		expect(contentSha256({ a: f(3, 4), b: f(1, 2) })).not.toBe(reference);
		expect(contentSha256({ a: f(1, 2), b: f(3) })).not.toBe(reference);
		// Length prefixes keep a value from sliding between neighbouring columns.
		expect(contentSha256({ a: f(1), b: f(2, 3, 4) })).not.toBe(contentSha256({ a: f(1, 2), b: f(3, 4) }));
	});

	it('gives every NaN the same hash whatever its payload, and matches the canonical quiet NaN', () => {
		const clean = f(1, Number.NaN, 3);
		const quietPayload = withBits(clean, 1, 0x7ff80000, 0x1234);
		const negativeNaN = withBits(clean, 1, 0xfff80000, 0);
		const signalling = withBits(clean, 1, 0x7ff00000, 1);
		for (const variant of [quietPayload, negativeNaN, signalling])
			expect(Number.isNaN(variant[1])).toBe(true);
		const reference = referenceHash({ v: [1, Number.NaN, 3] });
		expect(contentSha256({ v: clean })).toBe(reference);
		expect(contentSha256({ v: quietPayload })).toBe(reference);
		expect(contentSha256({ v: negativeNaN })).toBe(reference);
		expect(contentSha256({ v: signalling })).toBe(reference);
	});

	it('tells -0 from 0, since they are different floats', () => {
		expect(contentSha256({ v: f(-0) })).not.toBe(contentSha256({ v: f(0) }));
	});

	it('hashes only the viewed part of a column that is a subarray of a larger buffer', () => {
		const big = f(9, 1, 2, 3, 9);
		expect(contentSha256({ v: big.subarray(1, 4) })).toBe(contentSha256({ v: f(1, 2, 3) }));
	});

	it('gives the same hash across chunk boundaries whether or not a chunk holds a NaN', () => {
		const n = 150_000;
		const values = new Float64Array(n);
		for (let i = 0; i < n; i++) values[i] = 1000 + i / 7;
		const plain = contentSha256({ v: values });
		expect(plain).toBe(referenceHash({ v: Array.from(values) }));
		const withNaN = values.slice();
		withNaN[100_000] = Number.NaN;
		expect(contentSha256({ v: withNaN })).toBe(referenceHash({ v: Array.from(withNaN) }));
	});

	it('refuses a column that is not a Float64Array', () => {
		const wrong = { v: new Float32Array(2) } as unknown as Record<string, Float64Array>;
		expect(() => contentSha256(wrong)).toThrow(/must be a Float64Array/);
	});
});
