import { describe, expect, it } from 'vitest';
import { minimize } from './minimize';

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;

describe('minimize (BFGS)', () => {
	it('finds the minimum of a convex quadratic, whatever the start', () => {
		// f = ½ xᵀAx − bᵀx with A = [[3, 1], [1, 2]], b = [1, 1]: minimum at A⁻¹b = [0.2, 0.4].
		const f = (x: Float64Array): number =>
			0.5 * (3 * x[0] ** 2 + 2 * x[0] * x[1] + 2 * x[1] ** 2) - x[0] - x[1];
		for (const start of [
			[0, 0],
			[10, -7],
			[-100, 50]
		]) {
			const r = minimize(f, start);
			expect(r.converged).toBe(true);
			expect(r.x[0]).toBeCloseTo(0.2, 6);
			expect(r.x[1]).toBeCloseTo(0.4, 6);
		}
	});

	it('walks the Rosenbrock valley to (1, 1) with numerical gradients', () => {
		const r = minimize(rosenbrock, [-1.2, 1]);
		expect(r.converged).toBe(true);
		expect(r.x[0]).toBeCloseTo(1, 4);
		expect(r.x[1]).toBeCloseTo(1, 4);
		expect(r.value).toBeLessThan(1e-8);
	});

	it('uses an analytic gradient when given one, with fewer evaluations', () => {
		const gradient = (x: Float64Array, out: Float64Array): void => {
			out[0] = -400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]);
			out[1] = 200 * (x[1] - x[0] ** 2);
		};
		const numeric = minimize(rosenbrock, [-1.2, 1]);
		const analytic = minimize(rosenbrock, [-1.2, 1], { gradient });
		expect(analytic.x[0]).toBeCloseTo(1, 5);
		expect(analytic.evaluations).toBeLessThan(numeric.evaluations);
	});

	it('treats a non-finite value as a step too long, staying inside the domain', () => {
		// −log x + x is minimised at x = 1 and undefined for x ≤ 0; a full step from 0.01 overshoots into x < 0.
		const f = (x: Float64Array): number => (x[0] > 0 ? -Math.log(x[0]) + x[0] : Number.NaN);
		const r = minimize(f, [0.01]);
		expect(r.converged).toBe(true);
		// The gradient tolerance (1e-6) bounds the error at x = 1, where f'' = 1.
		expect(r.x[0]).toBeCloseTo(1, 5);
	});

	it('reports the iterations it ran and stops at the limit, unconverged', () => {
		const seen: number[] = [];
		const r = minimize(rosenbrock, [-1.2, 1], { maxIterations: 3, onIteration: (i) => seen.push(i) });
		expect(r.iterations).toBe(3);
		expect(seen).toEqual([1, 2, 3]);
		expect(r.converged).toBe(false);
		expect(r.reason).toBe('max_iterations');
	});

	it('stops when cancelled, with a coded error', () => {
		expect(() => minimize(rosenbrock, [-1.2, 1], { isCancelled: () => true })).toThrow(
			expect.objectContaining({ code: 'fit_cancelled' })
		);
	});

	it('refuses a start where the function is not finite, and an empty parameter vector', () => {
		expect(() => minimize(() => Number.NaN, [0])).toThrow(/starting point has value NaN/);
		expect(() => minimize(() => 0, [])).toThrow(/at least one parameter/);
	});

	it('gives the same answer on every run (no randomness)', () => {
		const a = minimize(rosenbrock, [-1.2, 1]);
		const b = minimize(rosenbrock, [-1.2, 1]);
		expect([...a.x]).toEqual([...b.x]);
	});
});
