import { describe, expect, it } from 'vitest';
import {
	constrainStationary,
	difference,
	differencingOperator,
	expandAr,
	expandMa,
	isStationary,
	unconstrainStationary
} from './arma-params';

describe('the stationarity transform', () => {
	it('matches statsmodels’ constrain_stationary_univariate on hand-checked values', () => {
		// statsmodels 0.13.5: constrain_stationary_univariate([1]) = [−1/√2]; ([0.5, −2]) and ([0.3, −0.7, 1.5]) as below.
		expect(constrainStationary([1])[0]).toBeCloseTo(-Math.SQRT1_2, 15);
		const two = constrainStationary([0.5, -2]);
		expect(two[0]).toBeCloseTo(-0.0472135954999579, 14);
		expect(two[1]).toBeCloseTo(0.8944271909999159, 14);
		expect([...constrainStationary([0.3, -0.7, 1.5])].map((v) => +v.toFixed(12))).toEqual([
			0.354584818958, 0.471482355093, -0.832050294338
		]);
		expect([...unconstrainStationary([0.5, -0.2])!].map((v) => +v.toFixed(12))).toEqual([
			-0.458349248514, 0.204124145232
		]);
	});

	it('round-trips, and always gives a stationary polynomial', () => {
		for (const x of [[0.1], [-3, 2], [5, -5, 0.5, 1], [0, 0, 0]]) {
			const phi = constrainStationary(x);
			expect(isStationary(phi)).toBe(true);
			const back = unconstrainStationary(phi)!;
			x.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 9));
		}
	});

	it('refuses a non-stationary polynomial', () => {
		expect(unconstrainStationary([1.2])).toBeNull();
		expect(isStationary([0.5, 0.6])).toBe(false);
		expect(isStationary([])).toBe(true);
	});
});

describe('lag polynomials', () => {
	it('multiplies the seasonal AR and MA parts in', () => {
		// (1 − 0.5L)(1 − 0.3L⁴) = 1 − 0.5L − 0.3L⁴ + 0.15L⁵ → φ = (0.5, 0, 0, 0.3, −0.15)
		expect([...expandAr([0.5], [0.3], 4)].map((v) => +v.toFixed(12))).toEqual([0.5, 0, 0, 0.3, -0.15]);
		// (1 + 0.4L)(1 − 0.9L³) = 1 + 0.4L − 0.9L³ − 0.36L⁴
		expect([...expandMa([0.4], [-0.9], 3)].map((v) => +v.toFixed(12))).toEqual([0.4, 0, -0.9, -0.36]);
		expect([...expandAr([0.2, 0.1], [], 0)]).toEqual([0.2, 0.1]);
	});

	it('differences by (1 − L)ᵈ(1 − Lˢ)ᴰ', () => {
		expect([...differencingOperator(1, 0, 0)]).toEqual([-1]);
		expect([...differencingOperator(2, 0, 0)]).toEqual([-2, 1]);
		expect([...differencingOperator(1, 1, 3)]).toEqual([-1, 0, -1, 1]);
		const y = [1, 4, 9, 16, 25, 36];
		expect([...difference(y, differencingOperator(1, 0, 0))]).toEqual([3, 5, 7, 9, 11]);
		expect([...difference(y, differencingOperator(2, 0, 0))]).toEqual([2, 2, 2, 2]);
		// (1 − L)(1 − L²): yₜ − yₜ₋₁ − yₜ₋₂ + yₜ₋₃
		expect([...difference(y, differencingOperator(1, 1, 2))]).toEqual([
			16 - 9 - 4 + 1,
			25 - 16 - 9 + 4,
			36 - 25 - 16 + 9
		]);
	});
});
