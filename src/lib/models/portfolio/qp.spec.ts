import { describe, expect, it } from 'vitest';
import { solveQp } from './qp';

const v = (...x: number[]) => Float64Array.from(x);

describe('solveQp', () => {
	it('solves Nocedal & Wright’s Example 16.4 from (2, 0) to (1.4, 1.7), with the one active constraint’s multiplier', () => {
		// min (x1 − 1)² + (x2 − 2.5)² s.t. x1 − 2x2 + 2 ≥ 0, −x1 − 2x2 + 6 ≥ 0, −x1 + 2x2 + 2 ≥ 0, x ≥ 0.
		const sol = solveQp(
			{
				n: 2,
				G: v(2, 0, 0, 2),
				c: v(-2, -5),
				eq: [],
				ineq: [
					{ a: v(1, -2), b: -2 },
					{ a: v(-1, -2), b: -6 },
					{ a: v(-1, 2), b: -2 },
					{ a: v(1, 0), b: 0 },
					{ a: v(0, 1), b: 0 }
				]
			},
			v(2, 0)
		);
		expect(sol.x[0]).toBeCloseTo(1.4, 14);
		expect(sol.x[1]).toBeCloseTo(1.7, 14);
		// Only the first constraint is active: G x + c = λ1 a1 → (0.8, −1.6) = λ1 (1, −2), λ1 = 0.8.
		expect(sol.lambdaIneq[0]).toBeCloseTo(0.8, 14);
		expect(Array.from(sol.lambdaIneq.subarray(1))).toEqual([0, 0, 0, 0]);
	});

	it('stops at the minimiser instead of cycling on rounding-sized steps (three identical assets, pinned case)', () => {
		// Mean–variance on three copies of MSFT's monthly returns (window ending 2006-01-01, Ledoit–Wolf
		// covariance): the step after reaching (⅓, ⅓, ⅓) was ≈ 1.2e-14, above the step tolerance, and the method
		// cycled between three points until it gave up. The answer is ⅓ each by symmetry.
		const d = 0.0019161167530802059;
		const o = 0.0018454100306867212;
		const mu = 0.009396493048045776;
		const ineq = [0, 1, 2].flatMap((i) => [
			{ a: Float64Array.from([0, 1, 2], (j) => (j === i ? 1 : 0)), b: 0 },
			{ a: Float64Array.from([0, 1, 2], (j) => (j === i ? -1 : 0)), b: -1 }
		]);
		const sol = solveQp(
			{ n: 3, G: v(d, o, o, o, d, o, o, o, d), c: v(-mu, -mu, -mu), eq: [{ a: v(1, 1, 1), b: 1 }], ineq },
			v(1, 0, 0)
		);
		for (const x of sol.x) expect(x).toBeCloseTo(1 / 3, 12);
		expect(sol.iterations).toBeLessThan(5);
	});

	it('refuses a problem whose Hessian is singular on the feasible directions', () => {
		expect(() =>
			solveQp({ n: 2, G: v(1, 0, 0, 0), c: v(0, -1), eq: [], ineq: [{ a: v(1, 0), b: 0 }] }, v(1, 1))
		).toThrow(/singular/);
	});
});
