import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from './random';

describe('createRng', () => {
	it('gives the same stream for the same seed', () => {
		const a = createRng(42);
		const b = createRng(42);
		for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
	});

	it('gives different streams for neighbouring seeds', () => {
		const a = createRng(1);
		const b = createRng(2);
		const same = Array.from({ length: 20 }, () => a.uint32() === b.uint32()).filter(Boolean).length;
		expect(same).toBe(0);
	});

	it('draws uniform numbers in [0, 1) with a mean near one half', () => {
		const rng = createRng(7);
		let sum = 0;
		for (let i = 0; i < 20_000; i++) {
			const v = rng.next();
			expect(v).toBeGreaterThanOrEqual(0);
			expect(v).toBeLessThan(1);
			sum += v;
		}
		expect(sum / 20_000).toBeCloseTo(0.5, 1);
	});

	it('draws normals with mean near 0 and variance near 1', () => {
		const rng = createRng(11);
		const n = 20_000;
		let s = 0;
		let s2 = 0;
		for (let i = 0; i < n; i++) {
			const v = rng.normal();
			s += v;
			s2 += v * v;
		}
		expect(s / n).toBeCloseTo(0, 1);
		expect(s2 / n - (s / n) ** 2).toBeCloseTo(1, 1);
	});

	it('forks independent, reproducible generators without advancing the parent', () => {
		const parent = createRng(5);
		const f1 = parent.fork('fold-1').next();
		const f1again = createRng(5).fork('fold-1').next();
		expect(f1).toBe(f1again);
		expect(parent.fork('fold-2').next()).not.toBe(f1);
		expect(parent.next()).toBe(createRng(5).next());
	});

	it('refuses a non-finite seed', () => {
		expect(() => createRng(Number.NaN)).toThrow(RangeError);
	});

	it('shuffles to a permutation', () => {
		const values = Array.from({ length: 50 }, (_, i) => i);
		shuffleInPlace(values, createRng(3));
		expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
		expect(values).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
	});
});
