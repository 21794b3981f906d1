import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../../testing/direction-matrix';
import { FitCancelledError } from '../types';
import { fitBayesianRidge } from './bayesian-ridge';
import { implementation } from './bayesian-ridge-forecast.model';
import fixture from './bayesian-ridge.fixture.json';
import { fitRidge } from './ridge';
import { symmetricEigen } from './symmetric-eigen';

const DEFAULTS = { alpha_1: 1e-6, alpha_2: 1e-6, lambda_1: 1e-6 };
const real = forwardReturnMatrix();
const train = sliceRows(real, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(real, FIXTURE_ROWS.testStart, fixture.source.test_rows_kept);

const rel = (ours: number, ref: number) => Math.abs(ours - ref) / Math.abs(ref);

describe('the Jacobi eigen-decomposition', () => {
	it('diagonalises a symmetric matrix: A v = λ v for every pair, vectors orthonormal', () => {
		const rng = createRng(3);
		const p = 7;
		const A = new Float64Array(p * p);
		for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) A[i * p + j] = A[j * p + i] = rng.next() - 0.5;
		const { values, vectors: V } = symmetricEigen(A, p);
		for (let k = 0; k < p; k++) {
			for (let i = 0; i < p; i++) {
				let av = 0;
				for (let j = 0; j < p; j++) av += A[i * p + j] * V[j * p + k];
				expect(av).toBeCloseTo(values[k] * V[i * p + k], 13);
			}
			for (let l = 0; l < p; l++) {
				let dot = 0;
				for (let i = 0; i < p; i++) dot += V[i * p + k] * V[i * p + l];
				expect(dot).toBeCloseTo(k === l ? 1 : 0, 13);
			}
		}
	});
});

describe('fitBayesianRidge on hand-checkable data', () => {
	it('is ridge with penalty λ/α on the standardised features, at the α and λ it settles on', () => {
		const m = fitBayesianRidge(train.X, train.y, DEFAULTS);
		const ridge = fitRidge(train.X, train.y, { alpha: m.info.lambda / m.info.alpha, fit_intercept: true });
		const a = m.predict(test.X);
		const b = ridge.predict(test.X);
		for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 12);
	});

	it('follows the scalar evidence recursion on one feature: w = s·c/(s² + λ/α), then λ, α from γ', () => {
		// x = 1..6 standardises to z with Σz² = n = 6; c = Σz(y − ȳ)/√… is computed here the long way.
		const x = [1, 2, 3, 4, 5, 6];
		const y = [1.1, 1.9, 3.2, 3.9, 5.3, 5.8];
		const n = x.length;
		const mx = x.reduce((a, b) => a + b) / n;
		const sd = Math.sqrt(x.reduce((a, v) => a + (v - mx) ** 2, 0) / n);
		const z = x.map((v) => (v - mx) / sd);
		const my = y.reduce((a, b) => a + b) / n;
		const yc = y.map((v) => v - my);
		const s2 = z.reduce((a, v) => a + v * v, 0);
		const zy = z.reduce((a, v, i) => a + v * yc[i], 0);
		let alpha = 1 / (yc.reduce((a, v) => a + v * v, 0) / n + 2 ** -52);
		let lambda = 1;
		let w = 0;
		let iterations = 0;
		for (let it = 0; it < 300; it++) {
			const wNew = zy / (s2 + lambda / alpha);
			const rmse = yc.reduce((a, v, i) => a + (v - z[i] * wNew) ** 2, 0);
			const gamma = (alpha * s2) / (lambda + alpha * s2);
			lambda = (gamma + 2e-6) / (wNew * wNew + 2e-6);
			alpha = (n - gamma + 2e-6) / (rmse + 2e-6);
			iterations = it + 1;
			const done = it !== 0 && Math.abs(w - wNew) < 1e-3;
			w = wNew;
			if (done) break;
		}
		w = zy / (s2 + lambda / alpha);
		const m = fitBayesianRidge(matrix(Float64Array.from(x), n, 1), Float64Array.from(y), DEFAULTS);
		expect(m.info.iterations).toBe(iterations);
		expect(m.info.alpha).toBeCloseTo(alpha, 8);
		expect(m.info.lambda).toBeCloseTo(lambda, 8);
		expect(m.standardisedCoefficients[0]).toBeCloseTo(w, 12);
		expect(m.coefficients[0]).toBeCloseTo(w / sd, 12);
		expect(m.intercept).toBeCloseTo(my - (w / sd) * mx, 12);
	});

	it('predicts a standard deviation of exactly √(1/α) at the training mean of the features', () => {
		const m = fitBayesianRidge(train.X, train.y, DEFAULTS);
		const centre = new Float64Array(train.X.cols);
		for (let i = 0; i < train.X.rows; i++)
			for (let j = 0; j < train.X.cols; j++) centre[j] += train.X.data[i * train.X.cols + j] / train.X.rows;
		const { std } = m.predictWithStd(matrix(centre, 1, train.X.cols));
		expect(std[0]).toBeCloseTo(Math.sqrt(1 / m.info.alpha), 9);
		// Away from the centre the weight uncertainty adds to it.
		const far = centre.map((v, j) => v + 10 * (j + 1));
		expect(m.predictWithStd(matrix(far, 1, train.X.cols)).std[0]).toBeGreaterThan(std[0]);
	});

	it('gives the same predictions whatever the units of a feature (the fit standardises)', () => {
		const scaled = train.X.data.slice();
		for (let i = 0; i < train.X.rows; i++) scaled[i * train.X.cols + 2] *= 1000;
		const a = fitBayesianRidge(train.X, train.y, DEFAULTS);
		const b = fitBayesianRidge(matrix(scaled, train.X.rows, train.X.cols), train.y, DEFAULTS);
		expect(b.info.alpha).toBeCloseTo(a.info.alpha, 6);
		const pa = a.predict(train.X);
		const pb = b.predict(matrix(scaled, train.X.rows, train.X.cols));
		for (let i = 0; i < pa.length; i += 50) expect(pb[i]).toBeCloseTo(pa[i], 12);
	});

	it('gives a constant column a zero coefficient', () => {
		const X = matrix(Float64Array.from([1, 7, 2, 7, 3, 7, 4, 7, 5, 7]), 5, 2);
		const m = fitBayesianRidge(X, Float64Array.from([2, 4.1, 5.9, 8, 10.2]), DEFAULTS);
		expect(m.coefficients[1]).toBe(0);
		expect(m.coefficients[0]).toBeGreaterThan(1.5);
	});

	it('reports progress ending at 1 and throws a coded error when cancelled', () => {
		const seen: number[] = [];
		fitBayesianRidge(train.X, train.y, DEFAULTS, { onProgress: (f) => seen.push(f) });
		expect(seen.at(-1)).toBe(1);
		for (const f of seen) expect(f >= 0 && f <= 1).toBe(true);
		expect(() => fitBayesianRidge(train.X, train.y, DEFAULTS, { isCancelled: () => true })).toThrow(
			FitCancelledError
		);
	});

	it('refuses bad input with a RangeError naming the field', () => {
		const x = matrix(Float64Array.from([1, 2, 3]), 3, 1);
		const y = Float64Array.from([1, 2, 3]);
		expect(() => fitBayesianRidge(x, y, { ...DEFAULTS, alpha_1: -1 })).toThrow(/alpha_1 must be/);
		expect(() => fitBayesianRidge(x, y, { ...DEFAULTS, alpha_2: Number.NaN })).toThrow(/alpha_2 must be/);
		expect(() => fitBayesianRidge(x, y, { ...DEFAULTS, lambda_1: Infinity })).toThrow(/lambda_1 must be/);
		expect(() => fitBayesianRidge(x, y, { ...DEFAULTS, lambda_2: -1 })).toThrow(/lambda_2 must be/);
		expect(() => fitBayesianRidge(x, y.subarray(1), DEFAULTS)).toThrow(/X has 3 rows but y has 2/);
		expect(() => fitBayesianRidge(matrix(Float64Array.of(1), 1, 1), y.subarray(2), DEFAULTS)).toThrow(
			/at least 2 rows/
		);
		expect(() => fitBayesianRidge(matrix(Float64Array.from([1, NaN, 3]), 3, 1), y, DEFAULTS)).toThrow(
			/row 1, column 0/
		);
		expect(() => fitBayesianRidge(x, Float64Array.from([1, 2, Infinity]), DEFAULTS)).toThrow(
			/y has a non-finite value at row 2/
		);
		expect(() => fitBayesianRidge(x, y, DEFAULTS).predict(matrix(new Float64Array(2), 1, 2))).toThrow(
			/fitted on 1 columns, got 2/
		);
	});
});

describe('fitBayesianRidge against scikit-learn 1.2 make_pipeline(StandardScaler(), BayesianRidge())', () => {
	it('starts from the same real rows as the fixture', () => {
		expect(train.X.data.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(train.y.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.ytr_sum, 12);
	});

	// Measured: coefficients within 3e-13, α and λ within 2e-15 and 8e-14, predictions within 6e-12, std 2e-15.
	it.each(Object.entries(fixture.cases))(
		'%s: same iterations; coefficients, intercept, α, λ, predictions and predictive std within 1e-9 relative',
		(_, c) => {
			const scale = 'target_scale' in c ? c.target_scale : 1;
			const m = fitBayesianRidge(
				train.X,
				train.y.map((v) => v * scale),
				c.params
			);
			expect(m.info.iterations).toBe(c.n_iter);
			c.standardised_coefficients.forEach((v, j) =>
				expect(rel(m.standardisedCoefficients[j], v)).toBeLessThan(1e-9)
			);
			expect(rel(m.standardisedIntercept, c.intercept)).toBeLessThan(1e-9);
			expect(rel(m.info.alpha, c.alpha)).toBeLessThan(1e-9);
			expect(rel(m.info.lambda, c.lambda)).toBeLessThan(1e-9);
			const { mean, std } = m.predictWithStd(test.X);
			c.test_predictions.forEach((v, i) => expect(rel(mean[i], v)).toBeLessThan(1e-9));
			c.test_std.forEach((v, i) => expect(rel(std[i], v)).toBeLessThan(1e-9));
			const trainStd = m.predictWithStd(train.X).std;
			expect(rel(trainStd.reduce((a, v) => a + v, 0) / trainStd.length, c.train_mean_std)).toBeLessThan(1e-9);
		}
	);

	it('records α, λ, iterations and the mean predictive std of the predicted rows in the fitted model’s info', async () => {
		const fitted = await implementation.fit(train.X, train.y, DEFAULTS, { rng: createRng(0) });
		await fitted.predict(test.X);
		const c = fixture.cases.defaults;
		expect(rel(Number(fitted.info?.alpha), c.alpha)).toBeLessThan(1e-9);
		expect(rel(Number(fitted.info?.lambda), c.lambda)).toBeLessThan(1e-9);
		expect(fitted.info?.iterations).toBe(c.n_iter);
		const meanStd = c.test_std.reduce((s, v) => s + v, 0) / c.test_std.length;
		expect(rel(Number(fitted.info?.test_mean_predictive_std), meanStd)).toBeLessThan(1e-9);
	});
});
