import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { fitRidge, ridge } from './ridge';

/**
 * The hand-solved system used below (2 features, 5 rows):
 *   x1 = [1, 2, 3, 4, 5]  mean 3, centred [-2, -1, 0, 1, 2]
 *   x2 = [1, 3, 2, 5, 4]  mean 3, centred [-2, 0, -1, 2, 1]
 *   y  = [1, 3, 2, 5, 6]  mean 3.4, centred [-2.4, -0.4, -1.4, 1.6, 2.6]
 * Centred cross-products: S11 = 10, S22 = 10, S12 = 8, S1y = 12, S2y = 12.
 * Both columns have population std √(10/5) = √2, so on the standardised scale ZᵀZ = [[5, 4], [4, 5]] and
 * Zᵀy = [12/√2, 12/√2]. Then (ZᵀZ + αI)β = Zᵀy gives β1 = β2 = (12/√2)/(9 + α), and on the raw scale
 * coef = β/√2 = 6/(9 + α), intercept = 3.4 − 3·coef1 − 3·coef2.
 *   α = 0 (OLS): coef = 2/3 each, intercept = 3.4 − 4 = −0.6
 *   α = 1:       coef = 0.6 each, intercept = 3.4 − 3.6 = −0.2, |β| = 12/(10√2)
 */
const X = matrix(Float64Array.from([1, 1, 2, 3, 3, 2, 4, 5, 5, 4]), 5, 2);
const y = Float64Array.from([1, 3, 2, 5, 6]);
const ctx = { rng: createRng(1) };

describe('ridge', () => {
	it('with alpha 0 reproduces the hand-solved least-squares fit', () => {
		const m = fitRidge(X, y, { alpha: 0, fit_intercept: true });
		expect(m.coefficients[0]).toBeCloseTo(2 / 3, 12);
		expect(m.coefficients[1]).toBeCloseTo(2 / 3, 12);
		expect(m.intercept).toBeCloseTo(-0.6, 12);
	});

	it('with alpha approaching 0 converges to the least-squares fit', () => {
		const m = fitRidge(X, y, { alpha: 1e-9, fit_intercept: true });
		expect(m.coefficients[0]).toBeCloseTo(2 / 3, 8);
		expect(m.intercept).toBeCloseTo(-0.6, 8);
	});

	it('with alpha 1 matches the hand-solved penalised system on the standardised scale', () => {
		const m = fitRidge(X, y, { alpha: 1, fit_intercept: true });
		expect(m.coefficients[0]).toBeCloseTo(0.6, 12);
		expect(m.coefficients[1]).toBeCloseTo(0.6, 12);
		expect(m.intercept).toBeCloseTo(-0.2, 12);
		const imp = m.importance();
		expect(imp[0]).toBeCloseTo(12 / (10 * Math.SQRT2), 12);
		expect(m.predict(matrix(Float64Array.from([1, 1]), 1, 2))[0]).toBeCloseTo(-0.2 + 1.2, 12);
	});

	it('shrinks the coefficients as alpha grows', () => {
		const rng = createRng(7);
		const n = 200;
		const p = 4;
		const data = new Float64Array(n * p);
		const yy = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < p; j++) data[i * p + j] = rng.normal() * (j + 1);
			yy[i] = data[i * p] - 0.5 * data[i * p + 1] + 0.2 * data[i * p + 3] + 0.3 * rng.normal();
		}
		const norms = [0, 1, 10, 100, 1000].map((alpha) => {
			const imp = fitRidge(matrix(data, n, p), yy, { alpha, fit_intercept: true }).importance();
			return Math.hypot(...imp);
		});
		for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThan(norms[k - 1]);
	});

	it('without an intercept fits through the origin and does not centre', () => {
		// y = 2x exactly: with α = 0 the slope is 2 and there is no intercept whatever the mean of x.
		const Xo = matrix(Float64Array.from([1, 2, 3, 4]), 4, 1);
		const m = fitRidge(Xo, Float64Array.from([2, 4, 6, 8]), { alpha: 0, fit_intercept: false });
		expect(m.coefficients[0]).toBeCloseTo(2, 12);
		expect(m.intercept).toBe(0);
		// With α = 1: z = x/s (s = population std √1.25), β = Σzy/(Σz² + 1) = (60/s)/(30/s² + 1), coef = β/s.
		const s = Math.sqrt(1.25);
		const m1 = fitRidge(Xo, Float64Array.from([2, 4, 6, 8]), { alpha: 1, fit_intercept: false });
		expect(m1.coefficients[0]).toBeCloseTo(60 / s / (30 / (s * s) + 1) / s, 12);
	});

	it('gives a constant column a zero coefficient, even with alpha 0', () => {
		const Xc = matrix(Float64Array.from([1, 7, 2, 7, 3, 7, 4, 7]), 4, 2);
		const m = fitRidge(Xc, Float64Array.from([1, 3, 2, 5]), { alpha: 0, fit_intercept: true });
		expect(m.coefficients[1]).toBe(0);
		expect(Number.isFinite(m.coefficients[0])).toBe(true);
	});

	it('treats a constant column whose mean has rounding error as constant', () => {
		// 0.1 summed 4,035 times is not exactly 403.5, so the centred column would be rounding noise.
		const n = 4035;
		const data = new Float64Array(n * 2);
		const yy = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			data[i * 2] = i % 7;
			data[i * 2 + 1] = 0.1;
			yy[i] = (i % 7) * 0.5 + 1;
		}
		const m = fitRidge(matrix(data, n, 2), yy, { alpha: 0, fit_intercept: true });
		expect(m.coefficients[1]).toBe(0);
		expect(m.coefficients[0]).toBeCloseTo(0.5, 10);
		expect(m.intercept).toBeCloseTo(1, 10);
	});

	it('solves collinear columns with alpha 0 by a tiny diagonal jitter instead of failing', () => {
		const Xd = matrix(Float64Array.from([1, 2, 2, 4, 3, 6, 4, 8]), 4, 2);
		const m = fitRidge(Xd, Float64Array.from([1, 2, 3, 4]), { alpha: 0, fit_intercept: true });
		expect(m.info.solver).toBe('cholesky+jitter');
		const pred = m.predict(Xd);
		for (let i = 0; i < 4; i++) expect(pred[i]).toBeCloseTo(i + 1, 6);
	});

	it('refuses non-finite features and a negative alpha', () => {
		const bad = matrix(Float64Array.from([1, Number.NaN, 2, 3]), 2, 2);
		expect(() => fitRidge(bad, Float64Array.from([1, 2]), { alpha: 1, fit_intercept: true })).toThrow(
			RangeError
		);
		expect(() => fitRidge(X, y, { alpha: -1, fit_intercept: true })).toThrow(RangeError);
	});

	it('predicts NaN for a row with a NaN feature rather than guessing', () => {
		const m = fitRidge(X, y, { alpha: 1, fit_intercept: true });
		const out = m.predict(matrix(Float64Array.from([Number.NaN, 1, 2, 2]), 2, 2));
		expect(Number.isNaN(out[0])).toBe(true);
		expect(Number.isFinite(out[1])).toBe(true);
	});

	it('is deterministic and reachable through the Learner contract', async () => {
		const a = await ridge.fit(X, y, { alpha: 0.5, fit_intercept: true }, ctx);
		const b = await ridge.fit(X, y, { alpha: 0.5, fit_intercept: true }, ctx);
		expect(Array.from(await a.predict(X))).toEqual(Array.from(await b.predict(X)));
	});
});
