import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../../testing/direction-matrix';
import { fitLinearRegression } from './linear-regression';
import fixture from './linear.fixture.json';

const real = forwardReturnMatrix();
const train = sliceRows(real, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(real, FIXTURE_ROWS.testStart, fixture.predictions_kept);

/** |a − b| within `rel` of |b| (or of 1e-300, so an exact 0 reference must be matched exactly). */
function expectRelative(a: number, b: number, rel: number, what: string): void {
	expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.abs(b));
}

describe('fitLinearRegression on hand-checkable data', () => {
	it('recovers an exact plane y = 1 + 2x₁ − 3x₂', () => {
		const x = [
			[0, 0],
			[1, 0],
			[0, 1],
			[2, 3],
			[5, -1]
		];
		const X = matrix(Float64Array.from(x.flat()), x.length, 2);
		const y = Float64Array.from(x, ([a, b]) => 1 + 2 * a - 3 * b);
		const m = fitLinearRegression(X, y, { fit_intercept: true, normalize: false });
		expect(m.coefficients[0]).toBeCloseTo(2, 12);
		expect(m.coefficients[1]).toBeCloseTo(-3, 12);
		expect(m.intercept).toBeCloseTo(1, 12);
		expect(m.info.solver).toBe('cholesky');
	});

	it('goes through the origin without an intercept', () => {
		const X = matrix(Float64Array.from([1, 2, 3]), 3, 1);
		// Least squares through 0: β = Σxy / Σx² = (1·1 + 2·2 + 3·4) / (1 + 4 + 9).
		const m = fitLinearRegression(X, Float64Array.from([1, 2, 4]), {
			fit_intercept: false,
			normalize: false
		});
		expect(m.intercept).toBe(0);
		expect(m.coefficients[0]).toBeCloseTo(17 / 14, 12);
	});

	it('gives the same predictions with normalize on or off (least squares does not depend on column scale)', () => {
		for (const fit_intercept of [true, false]) {
			const a = fitLinearRegression(train.X, train.y, { fit_intercept, normalize: false });
			const b = fitLinearRegression(train.X, train.y, { fit_intercept, normalize: true });
			const pa = a.predict(test.X);
			const pb = b.predict(test.X);
			for (let i = 0; i < pa.length; i++) expect(pb[i]).toBe(pa[i]);
			expect(b.info.normalize).toBe(1);
			expect(a.info.normalize).toBe(0);
		}
	});

	it('still solves when two columns are identical, recording the jitter', () => {
		const X = matrix(Float64Array.from([1, 1, 2, 2, 3, 3, 4, 4]), 4, 2);
		const m = fitLinearRegression(X, Float64Array.from([2, 4, 6, 8]), {
			fit_intercept: true,
			normalize: false
		});
		expect(m.info.solver).toBe('cholesky+jitter');
		const pred = m.predict(X);
		for (let i = 0; i < 4; i++) expect(pred[i]).toBeCloseTo(2 * (i + 1), 6);
	});

	it('refuses mismatched input with a RangeError naming what is wrong', () => {
		const X = matrix(Float64Array.from([1, 2, 3]), 3, 1);
		expect(() =>
			fitLinearRegression(X, new Float64Array(2), { fit_intercept: true, normalize: false })
		).toThrow(/X has 3 rows but y has 2 values/);
		const nan = matrix(Float64Array.from([1, NaN, 3]), 3, 1);
		expect(() =>
			fitLinearRegression(nan, new Float64Array(3), { fit_intercept: true, normalize: false })
		).toThrow(/row 1, column 0/);
	});
});

describe('fitLinearRegression against scikit-learn LinearRegression on the real S&P 500 forward-return matrix', () => {
	// Measured: coefficients within 2e-10 relative, predictions within 2e-10 relative (the matrix has rank 13 and a
	// standardised condition number of 17, so no jitter is needed).
	it.each([
		['ols_intercept_true', true],
		['ols_intercept_false', false]
	] as const)('%s: coefficients, intercept and predictions within 1e-8 relative', (name, fit_intercept) => {
		const c = fixture.cases[name];
		for (const normalize of [false, true]) {
			const m = fitLinearRegression(train.X, train.y, { fit_intercept, normalize });
			expect(m.info.solver).toBe('cholesky');
			for (let j = 0; j < train.X.cols; j++) {
				expectRelative(m.coefficients[j], c.coefficients[j], 1e-8, `coefficient ${j}`);
				expectRelative(m.importance()[j], Math.abs(c.standardised_coefficients[j]), 1e-8, `importance ${j}`);
			}
			expect(Math.abs(m.intercept - c.intercept)).toBeLessThanOrEqual(
				1e-8 * Math.max(Math.abs(c.intercept), 1e-3)
			);
			const pred = m.predict(test.X);
			for (let i = 0; i < pred.length; i++)
				expectRelative(pred[i], c.test_predictions[i], 1e-8, `prediction ${i}`);
		}
	});
});
