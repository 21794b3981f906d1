import { describe, expect, it } from 'vitest';
import { sigmoid, softplus, weightedGram, type SolverInput } from './logistic-kernels';

describe('logistic kernels', () => {
	it('weightedGram gives the hand-computed weighted cross-products of [Z, 1], odd row count included', () => {
		// z rows (1,2) (3,4) (5,6) (7,8) (9,10), weights v = 1..5, r = (1, −1, 2, −2, 3):
		// Σv·z1² = 1 + 18 + 75 + 196 + 405 = 695, Σv·z1·z2 = 790, Σv·z2² = 900, Σv·z1 = 95, Σv·z2 = 110, Σv = 15;
		// Σz1·r = 21, Σz2·r = 24, Σr = 3.
		const s: SolverInput = {
			z: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
			n: 5,
			p: 2,
			y: new Float64Array(5),
			constant: new Uint8Array(2),
			C: 1,
			maxIter: 1
		};
		const G = new Float64Array(9).fill(Number.NaN);
		const c = new Float64Array(3).fill(Number.NaN);
		weightedGram(s, Float64Array.from([1, 2, 3, 4, 5]), Float64Array.from([1, -1, 2, -2, 3]), G, c);
		expect(Array.from(G)).toEqual([695, 790, 95, 790, 900, 110, 95, 110, 15]);
		expect(Array.from(c)).toEqual([21, 24, 3]);
	});

	it('softplus and sigmoid stay finite and exact in the tails', () => {
		expect(softplus(1000)).toBe(1000);
		expect(softplus(-1000)).toBe(0);
		expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
		expect(sigmoid(-1000)).toBe(0);
		expect(sigmoid(1000)).toBe(1);
		expect(sigmoid(-40)).toBeGreaterThan(0);
		expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 15);
	});
});
