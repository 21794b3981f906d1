import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { directionMatrix, FIXTURE_ROWS, sliceRows } from '../../testing/direction-matrix';
import { ELASTICNET_L1_RATIO, fitLogistic, type LogisticParams } from './logistic';
import fixture from './logistic.fixture.json';

const l2 = (C: number): LogisticParams => ({ C, penalty: 'l2', max_iter: 100 });

/**
 * A symmetric one-feature set: x = [−2, −1, 1, 2] with labels [0, 1, 0, 1] mirrored so that the log-likelihood is
 * an even function of the intercept; its maximum therefore sits at intercept 0 for any slope. With x = ±1 and
 * ±2 both carrying one of each label pattern, the data are not separable and the unpenalised MLE exists.
 */
const symX = matrix(Float64Array.from([-2, -1, 1, 2, -2, -1, 1, 2]), 8, 1);
const symY = Float64Array.from([0, 0, 1, 1, 1, 0, 1, 0]);

describe('fitLogistic on hand-checkable data', () => {
	it('puts the maximum-likelihood intercept at 0 on a label-symmetric one-feature set', () => {
		const m = fitLogistic(symX, symY, { C: 1, penalty: 'none', max_iter: 100 });
		expect(m.info.converged).toBe(1);
		expect(m.intercept).toBeCloseTo(0, 12);
		// Symmetry: P(y=1 | x) + P(y=1 | −x) = 1.
		const p = m.predict(matrix(Float64Array.from([-1.5, 1.5, -2, 2]), 4, 1));
		expect(p[0] + p[1]).toBeCloseTo(1, 12);
		expect(p[2] + p[3]).toBeCloseTo(1, 12);
	});

	it('with no features beyond a constant column predicts the training positive rate', () => {
		// A constant column carries nothing: its coefficient is 0 and σ(intercept) is the MLE, the mean of y.
		const X = matrix(new Float64Array(10).fill(3), 10, 1);
		const y = Float64Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
		const m = fitLogistic(X, y, { C: 1, penalty: 'none', max_iter: 50 });
		expect(m.coefficients[0]).toBe(0);
		expect(m.importance()[0]).toBe(0);
		expect(m.predict(X)[0]).toBeCloseTo(0.3, 12);
		expect(m.intercept).toBeCloseTo(Math.log(0.3 / 0.7), 12);
	});

	it('sets the gradient of the l2 objective to zero (the mean residual balances the unpenalised intercept)', () => {
		const m = fitLogistic(symX, symY, l2(0.5));
		const p = m.predict(symX);
		let residualSum = 0;
		for (let i = 0; i < p.length; i++) residualSum += p[i] - symY[i];
		expect(residualSum).toBeCloseTo(0, 10);
	});

	it('zeroes every coefficient with l1 and a small C', () => {
		const { X, y } = sliceRows(directionMatrix(), 0, 500);
		const m = fitLogistic(X, y, { C: 1e-4, penalty: 'l1', max_iter: 100 });
		expect(Array.from(m.coefficients)).toEqual(new Array(X.cols).fill(0));
		// With no slope left, the intercept alone is the MLE: the positive rate of y.
		const rate = y.reduce((a, b) => a + b, 0) / y.length;
		expect(m.predict(X)[0]).toBeCloseTo(rate, 8);
	});

	it('gives the same probabilities whatever the units of a feature (the fit standardises)', () => {
		const { X, y } = sliceRows(directionMatrix(), 0, 400);
		const scaled = X.data.slice();
		for (let i = 0; i < X.rows; i++) scaled[i * X.cols + 3] *= 1000;
		for (const penalty of ['l2', 'l1', 'elasticnet', 'none'] as const) {
			const a = fitLogistic(X, y, { C: 0.5, penalty, max_iter: 200 });
			const b = fitLogistic(matrix(scaled, X.rows, X.cols), y, { C: 0.5, penalty, max_iter: 200 });
			const pa = a.predict(X);
			const pb = b.predict(matrix(scaled, X.rows, X.cols));
			for (let i = 0; i < pa.length; i++) expect(pb[i]).toBeCloseTo(pa[i], 9);
			expect(b.coefficients[3]).toBeCloseTo(a.coefficients[3] / 1000, 9);
		}
	});

	it('keeps predictions finite and inside (0, 1) on separable data without a penalty, reporting no convergence', () => {
		const X = matrix(Float64Array.from([1, 2, 3, 4, 5, 6]), 6, 1);
		const y = Float64Array.from([0, 0, 0, 1, 1, 1]);
		const m = fitLogistic(X, y, { C: 1, penalty: 'none', max_iter: 1000 });
		expect(m.info.converged).toBe(0);
		expect(m.info.iterations).toBeLessThanOrEqual(1000);
		expect(Number.isFinite(m.intercept)).toBe(true);
		expect(Number.isFinite(m.coefficients[0])).toBe(true);
		for (const v of m.predict(matrix(Float64Array.from([-1e6, 1, 3.4, 3.6, 6, 1e6]), 6, 1))) {
			expect(v).toBeGreaterThan(0);
			expect(v).toBeLessThan(1);
		}
	});

	it('splits the weight of a duplicated column without diverging when unpenalised', () => {
		// Two identical columns make the Hessian singular: the fit boosts its diagonal, stays finite, and the two
		// coefficients add up to the coefficient of the column alone.
		const { X, y } = sliceRows(directionMatrix(), 0, 400);
		const p = X.cols;
		const dup = new Float64Array(X.rows * (p + 1));
		for (let i = 0; i < X.rows; i++) {
			dup.set(X.data.subarray(i * p, (i + 1) * p), i * (p + 1));
			dup[i * (p + 1) + p] = X.data[i * p];
		}
		const params: LogisticParams = { C: 1, penalty: 'none', max_iter: 100 };
		const single = fitLogistic(X, y, params);
		const twice = fitLogistic(matrix(dup, X.rows, p + 1), y, params);
		expect(twice.info.solver).toBe('newton-cholesky+jitter');
		expect(twice.coefficients[0] + twice.coefficients[p]).toBeCloseTo(single.coefficients[0], 5);
		const a = single.predict(X);
		const b = twice.predict(matrix(dup, X.rows, p + 1));
		for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 6);
	});

	it('reports progress after each outer iteration and finishes at 1', () => {
		const seen: number[] = [];
		fitLogistic(symX, symY, l2(1), { onProgress: (f) => seen.push(f) });
		expect(seen.length).toBeGreaterThan(1);
		expect(seen[seen.length - 1]).toBe(1);
		for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
	});

	it('throws a fit_cancelled error when cancelled', () => {
		for (const penalty of ['l2', 'l1'] as const) {
			expect(() =>
				fitLogistic(symX, symY, { C: 1, penalty, max_iter: 10 }, { isCancelled: () => true })
			).toThrow(expect.objectContaining({ code: 'fit_cancelled' }));
		}
	});

	it('leaves its inputs untouched and gives identical results on a second call', () => {
		const { X, y } = sliceRows(directionMatrix(), 0, 300);
		const before = X.data.slice();
		const a = fitLogistic(X, y, { C: 0.1, penalty: 'elasticnet', max_iter: 100 });
		const b = fitLogistic(X, y, { C: 0.1, penalty: 'elasticnet', max_iter: 100 });
		expect(X.data).toEqual(before);
		expect(b.coefficients).toEqual(a.coefficients);
		expect(b.intercept).toBe(a.intercept);
	});

	it('refuses bad input with a message that names the field', () => {
		const y2 = Float64Array.from([0, 1]);
		const X2 = matrix(Float64Array.from([1, 2]), 2, 1);
		expect(() => fitLogistic(X2, Float64Array.from([0, 2]), l2(1))).toThrow(
			/y must hold labels 0 or 1, got 2 at row 1/
		);
		expect(() => fitLogistic(X2, Float64Array.from([1, 1]), l2(1))).toThrow(/y must contain both classes/);
		expect(() => fitLogistic(X2, Float64Array.from([0, 1, 1]), l2(1))).toThrow(
			/y has 3 labels but X has 2 rows/
		);
		expect(() => fitLogistic(matrix(Float64Array.from([1, Number.NaN]), 2, 1), y2, l2(1))).toThrow(
			/X has a non-finite value at row 1, column 0/
		);
		expect(() => fitLogistic(X2, y2, l2(0))).toThrow(/C must be a finite number > 0, got 0/);
		expect(() => fitLogistic(X2, y2, l2(-1))).toThrow(RangeError);
		expect(() => fitLogistic(X2, y2, { C: 1, penalty: 'l2', max_iter: 0 })).toThrow(/max_iter/);
		expect(() => fitLogistic(X2, y2, { C: 1, penalty: 'l3' as never, max_iter: 5 })).toThrow(
			/penalty must be one of/
		);
		const m = fitLogistic(X2, y2, l2(1));
		expect(() => m.predict(matrix(Float64Array.from([1, 2]), 1, 2))).toThrow(
			/2 columns but the model was fitted on 1/
		);
	});
});

describe('fitLogistic against scikit-learn 1.2 (newton-cholesky, saga; tol 1e-10) on real S&P 500 rows', () => {
	const all = directionMatrix();
	const train = sliceRows(all, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
	const test = sliceRows(all, FIXTURE_ROWS.testStart, fixture.predictions_kept);

	it('fits on the very rows the fixture was made from', () => {
		expect(fixture.source.rows).toEqual(FIXTURE_ROWS);
		expect(train.X.data.reduce((a, b) => a + b, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(train.y.reduce((a, b) => a + b, 0)).toBe(fixture.source.ytr_sum);
	});

	const cases = Object.entries(fixture.cases);
	it.each(cases)('%s: probabilities within 1e-8 and coefficients within 1e-6 relative', (_name, ref) => {
		const penalty = (ref.params.penalty ?? 'none') as LogisticParams['penalty'];
		if (penalty === 'elasticnet') expect(ref.params).toHaveProperty('l1_ratio', ELASTICNET_L1_RATIO);
		const m = fitLogistic(train.X, train.y, { C: ref.params.C, penalty, max_iter: 1000 });
		expect(m.info.converged).toBe(1);
		const p = m.predict(test.X);
		ref.test_probabilities.forEach((v, i) => expect(Math.abs(p[i] - v)).toBeLessThan(1e-8));
		// Relative to the largest standardised coefficient, so exact zeros of l1 compare absolutely.
		const imp = m.importance();
		const largest = Math.max(...ref.standardised_coefficients.map(Math.abs));
		ref.standardised_coefficients.forEach((v, j) => {
			expect(Math.abs(imp[j] - Math.abs(v)) / largest).toBeLessThan(1e-6);
			expect(Math.sign(m.coefficients[j])).toBe(Math.sign(v));
		});
		ref.coefficients.forEach((v, j) => {
			if (v !== 0) expect(Math.abs(m.coefficients[j] - v) / Math.abs(v)).toBeLessThan(1e-6);
		});
		expect(Math.abs(m.intercept - ref.intercept) / Math.max(1, Math.abs(ref.intercept))).toBeLessThan(1e-6);
		// Exact zeros of the l1 and elastic-net fits are the same zeros.
		ref.coefficients.forEach((v, j) => expect(m.coefficients[j] === 0).toBe(v === 0));
	});

	it('sits closer to the optimum than lbfgs, which stops early on its relative-decrease test', () => {
		const ref = fixture.cases.l2_C1;
		const m = fitLogistic(train.X, train.y, l2(1));
		const p = m.predict(test.X);
		const gap = (q: number[]): number => Math.max(...q.map((v, i) => Math.abs(p[i] - v)));
		expect(gap(ref.test_probabilities)).toBeLessThan(1e-8);
		expect(gap(ref.lbfgs_test_probabilities)).toBeGreaterThan(1e-6);
	});
});
