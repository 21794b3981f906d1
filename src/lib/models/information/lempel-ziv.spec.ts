import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { binarise, lz76Phrases, normalisedLz } from './lempel-ziv';

const bits = (s: string) => Array.from(s, Number);

describe('LZ76 phrase count', () => {
	it('parses 0001101001000101 into 6 phrases, 0·001·10·100·1000·101 (Lempel & Ziv 1976; Kaspar & Schuster 1987, Phys. Rev. A 36, 842)', () => {
		expect(lz76Phrases(bits('0001101001000101'))).toBe(6);
	});

	it('counts hand-parsed sequences: 0000 = 0·000, 01010101 = 0·1·010101, 0 = 0', () => {
		expect(lz76Phrases(bits('0000'))).toBe(2);
		expect(lz76Phrases(bits('01010101'))).toBe(3);
		expect(lz76Phrases(bits('0'))).toBe(1);
		expect(lz76Phrases([])).toBe(0);
	});

	it('counts a last phrase that is a copy running to the end (0·1·01 for 0101) like one that ends new (0·1·011)', () => {
		expect(lz76Phrases(bits('0101'))).toBe(3);
		expect(lz76Phrases(bits('01011'))).toBe(3);
		expect(lz76Phrases(bits('010110'))).toBe(4);
	});

	it('gives a seeded random binary sequence a normalised complexity near 1 (within 0.1 at n = 20,000)', () => {
		const rng = createRng(11);
		const n = 20_000;
		const s = Uint8Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
		const c = normalisedLz(lz76Phrases(s), n);
		expect(Math.abs(c - 1)).toBeLessThan(0.1);
	});

	it('gives a periodic sequence a normalised complexity near 0', () => {
		const s = Uint8Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? 1 : 0));
		expect(normalisedLz(lz76Phrases(s), 5000)).toBeLessThan(0.01);
	});
});

describe('binarising returns', () => {
	it('calls a return above zero an up move under the sign split, a flat one a down move', () => {
		expect(Array.from(binarise(Float64Array.of(0.1, 0, -0.2, 0.3), 'sign'))).toEqual([1, 0, 0, 1]);
	});

	it('splits at the median under the median split', () => {
		expect(Array.from(binarise(Float64Array.of(0.1, 0.2, 0.3, 0.4), 'median'))).toEqual([0, 0, 1, 1]);
		expect(Array.from(binarise(Float64Array.of(3, 1, 2), 'median'))).toEqual([1, 0, 0]);
	});
});
