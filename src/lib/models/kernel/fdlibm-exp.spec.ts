import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { fdlibmExp } from './fdlibm-exp';

describe('fdlibmExp', () => {
	it('returns exactly what Math.exp returns, bit for bit, across the ranges an RBF kernel meets (seed 9)', () => {
		const rng = createRng(9);
		const ranges: [number, number][] = [
			[-60, 1],
			[-1.5, 1.5],
			[-1e-7, 1e-7],
			[-745, -700],
			[-708, 709]
		];
		let mismatches = 0;
		for (const [lo, hi] of ranges) {
			for (let i = 0; i < 40_000; i++) {
				const x = lo + (hi - lo) * rng.next();
				if (!Object.is(fdlibmExp(x), Math.exp(x))) mismatches++;
			}
		}
		expect(mismatches).toBe(0);
	});

	it('handles the edges as Math.exp does', () => {
		for (const x of [
			0,
			-0,
			1,
			-1,
			Math.LN2 / 2,
			-Math.LN2 / 2,
			1.5 * Math.LN2,
			2 ** -30,
			709.7,
			-745.1,
			-800,
			800
		])
			expect(Object.is(fdlibmExp(x), Math.exp(x)), String(x)).toBe(true);
		expect(fdlibmExp(Number.NaN)).toBeNaN();
		expect(fdlibmExp(-Infinity)).toBe(0);
		expect(fdlibmExp(Infinity)).toBe(Infinity);
	});
});
