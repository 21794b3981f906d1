import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../../testing/direction-matrix';
import { createRng } from '../../domain/random';
import { FitCancelledError } from '../types';
import { fitElasticNet } from './elastic-net';
import { ELASTIC_NET_MAX_ITER, implementation as elasticNetEntry } from './elastic-net.model';
import { implementation as lassoEntry } from './lasso.model';
import fixture from './linear.fixture.json';
import { fitRidge } from './ridge';

/** x = [1, 2, 3, 4], y = 2x: mean 2.5, population std √1.25, so the standardised c = Zᵀ(y − ȳ)/n is 2√1.25. */
const lineX = matrix(Float64Array.from([1, 2, 3, 4]), 4, 1);
const lineY = Float64Array.from([2, 4, 6, 8]);
const SD = Math.sqrt(1.25);

const real = forwardReturnMatrix();
const train = sliceRows(real, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(real, FIXTURE_ROWS.testStart, fixture.predictions_kept);

/** The penalised cases of linear.fixture.json (bench/make-linear-fixture.py), with their params. */
const PENALISED = Object.entries(fixture.cases).filter(([name]) => !name.startsWith('ols')) as [
	string,
	{
		params: { alpha: number; l1_ratio: number };
		standardised_coefficients: number[];
		coefficients: number[];
		intercept: number;
		test_predictions: number[];
	}
][];

describe('fitElasticNet on hand-checkable data', () => {
	it('soft-thresholds a single standardised feature: w = (c − α)/1 for the lasso', () => {
		const m = fitElasticNet(lineX, lineY, { alpha: 1, l1_ratio: 1, max_iter: 100 });
		expect(m.coefficients[0]).toBeCloseTo((2 * SD - 1) / SD, 12);
		expect(m.intercept).toBeCloseTo(5 - 2.5 * m.coefficients[0], 12);
		expect(m.importance()[0]).toBeCloseTo(2 * SD - 1, 12);
		expect(m.info.converged).toBe(1);
	});

	it('divides by 1 + α(1 − ρ) after thresholding at αρ for the elastic net', () => {
		const m = fitElasticNet(lineX, lineY, { alpha: 1, l1_ratio: 0.5, max_iter: 100 });
		expect(m.importance()[0]).toBeCloseTo((2 * SD - 0.5) / 1.5, 12);
	});

	it('keeps every coefficient at 0 and predicts the training mean once α passes max|c|/ρ', () => {
		const m = fitElasticNet(train.X, train.y, { alpha: 1000, l1_ratio: 1, max_iter: 1000 });
		expect(Array.from(m.coefficients)).toEqual(new Array(train.X.cols).fill(0));
		const mean = train.y.reduce((a, b) => a + b, 0) / train.y.length;
		for (const v of m.predict(test.X)) expect(v).toBeCloseTo(mean, 15);
		expect(m.info.iterations).toBe(1);
		// Just under the threshold one coefficient leaves 0: α_max = max|c| on the single-feature line is 2√1.25.
		expect(
			fitElasticNet(lineX, lineY, { alpha: 2 * SD + 1e-9, l1_ratio: 1, max_iter: 10 }).coefficients[0]
		).toBe(0);
		expect(
			fitElasticNet(lineX, lineY, { alpha: 2 * SD - 1e-3, l1_ratio: 1, max_iter: 10 }).coefficients[0]
		).toBeGreaterThan(0);
	});

	it('is ridge with penalty n·α when l1_ratio is 0', () => {
		const alpha = 0.01;
		const en = fitElasticNet(train.X, train.y, { alpha, l1_ratio: 0, max_iter: 10_000 });
		const ridge = fitRidge(train.X, train.y, { alpha: alpha * train.X.rows, fit_intercept: true });
		for (let j = 0; j < train.X.cols; j++) expect(en.importance()[j]).toBeCloseTo(ridge.importance()[j], 10);
		expect(en.intercept).toBeCloseTo(ridge.intercept, 10);
	});

	it('gives the same predictions whatever the units of a feature (the fit standardises)', () => {
		const scaled = train.X.data.slice();
		for (let i = 0; i < train.X.rows; i++) scaled[i * train.X.cols + 3] *= 1000;
		const params = { alpha: 1e-4, l1_ratio: 0.7, max_iter: 1000 };
		const a = fitElasticNet(train.X, train.y, params);
		const b = fitElasticNet(matrix(scaled, train.X.rows, train.X.cols), train.y, params);
		const pa = a.predict(train.X);
		const pb = b.predict(matrix(scaled, train.X.rows, train.X.cols));
		for (let i = 0; i < pa.length; i += 50) expect(pb[i]).toBeCloseTo(pa[i], 12);
		expect(b.coefficients[3]).toBeCloseTo(a.coefficients[3] / 1000, 12);
	});

	it('pins the coefficient of a constant column to 0', () => {
		const X = matrix(Float64Array.from([1, 7, 2, 7, 3, 7, 4, 7]), 4, 2);
		const m = fitElasticNet(X, lineY, { alpha: 0.1, l1_ratio: 0.5, max_iter: 100 });
		expect(m.coefficients[1]).toBe(0);
		expect(m.importance()[1]).toBe(0);
	});

	it('reports no convergence when max_iter ends the descent first', () => {
		const m = fitElasticNet(train.X, train.y, { alpha: 1e-4, l1_ratio: 1, max_iter: 3 });
		expect(m.info.iterations).toBe(3);
		expect(m.info.converged).toBe(0);
		expect(m.info.max_change).toBeGreaterThan(0);
	});

	it('reports progress ending at 1 and throws a coded error when cancelled', () => {
		const seen: number[] = [];
		fitElasticNet(
			train.X,
			train.y,
			{ alpha: 1e-4, l1_ratio: 1, max_iter: 1000 },
			{ onProgress: (f) => seen.push(f) }
		);
		expect(seen.at(-1)).toBe(1);
		for (const f of seen) expect(f >= 0 && f <= 1).toBe(true);
		const cancel = () =>
			fitElasticNet(
				train.X,
				train.y,
				{ alpha: 1e-4, l1_ratio: 1, max_iter: 1000 },
				{ isCancelled: () => true }
			);
		expect(cancel).toThrow(FitCancelledError);
	});

	it('refuses bad input with a RangeError naming the field', () => {
		const ok = { alpha: 1, l1_ratio: 0.5, max_iter: 10 };
		expect(() => fitElasticNet(lineX, lineY, { ...ok, alpha: -1 })).toThrow(/alpha must be ≥ 0/);
		expect(() => fitElasticNet(lineX, lineY, { ...ok, alpha: Infinity })).toThrow(/alpha must be ≥ 0/);
		expect(() => fitElasticNet(lineX, lineY, { ...ok, l1_ratio: 1.5 })).toThrow(
			/l1_ratio must be in \[0, 1\]/
		);
		expect(() => fitElasticNet(lineX, lineY, { ...ok, max_iter: 0 })).toThrow(
			/max_iter must be a whole number/
		);
		expect(() => fitElasticNet(lineX, lineY, { ...ok, max_iter: 2.5 })).toThrow(/max_iter/);
		expect(() => fitElasticNet(lineX, lineY.subarray(1), ok)).toThrow(/X has 4 rows but y has 3/);
		const nan = matrix(Float64Array.from([1, 2, NaN, 4]), 4, 1);
		expect(() => fitElasticNet(nan, lineY, ok)).toThrow(/row 2, column 0/);
		expect(() => fitElasticNet(lineX, Float64Array.from([1, NaN, 3, 4]), ok)).toThrow(
			/y has a non-finite value at row 1/
		);
		const m = fitElasticNet(lineX, lineY, ok);
		expect(() => m.predict(matrix(new Float64Array(2), 1, 2))).toThrow(/fitted on 1 columns, got 2/);
	});
});

describe('fitElasticNet against scikit-learn on the real S&P 500 forward-return matrix', () => {
	// Measured: standardised coefficients within 8e-12, predictions within 3e-12 (the target's std is 0.025).
	it.each(PENALISED)(
		'%s: same zero pattern, standardised coefficients within 1e-9, predictions within 1e-10',
		(_, c) => {
			const m = fitElasticNet(train.X, train.y, { ...c.params, max_iter: 1000 });
			expect(m.info.converged).toBe(1);
			const imp = m.importance();
			for (let j = 0; j < train.X.cols; j++) {
				expect(m.coefficients[j] === 0, `coefficient ${j} is zero`).toBe(c.coefficients[j] === 0);
				expect(imp[j]).toBeCloseTo(Math.abs(c.standardised_coefficients[j]), 9);
				expect(Math.abs(m.coefficients[j] - c.coefficients[j])).toBeLessThan(
					1e-9 * Math.max(1, Math.abs(c.coefficients[j])) + 1e-9
				);
			}
			const pred = m.predict(test.X);
			for (let i = 0; i < pred.length; i++)
				expect(Math.abs(pred[i] - c.test_predictions[i])).toBeLessThan(1e-10);
		}
	);

	it('the lasso and elastic_net entries reach the reference with their own iteration limits', async () => {
		const ctx = { rng: createRng(1) };
		const lasso = fixture.cases['lasso_1e-4'];
		const fittedLasso = await lassoEntry.fit(
			train.X,
			train.y,
			{ alpha: lasso.params.alpha, max_iter: 1000 },
			ctx
		);
		expect(fittedLasso.info?.converged).toBe(1);
		const pl = await fittedLasso.predict(test.X);
		for (let i = 0; i < pl.length; i++)
			expect(Math.abs(pl[i] - lasso.test_predictions[i])).toBeLessThan(1e-10);

		const enet = fixture.cases['enet_1e-3_0.5'];
		const fittedEnet = await elasticNetEntry.fit(
			train.X,
			train.y,
			{ alpha: enet.params.alpha, l1_ratio: 0.5 },
			ctx
		);
		expect(fittedEnet.info?.converged).toBe(1);
		expect(fittedEnet.info?.iterations).toBeLessThan(ELASTIC_NET_MAX_ITER);
		const pe = await fittedEnet.predict(test.X);
		for (let i = 0; i < pe.length; i++)
			expect(Math.abs(pe[i] - enet.test_predictions[i])).toBeLessThan(1e-10);
	});
});
