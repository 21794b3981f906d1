import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../../testing/direction-matrix';
import { FitCancelledError } from '../types';
import { KernelRowCache } from './kernel-cache';
import { fitSvr, type SvrKernel, type SvrParams } from './svr';
import fixture from './svr.fixture.json';

const DEFAULTS: SvrParams = { C: 1, kernel: 'rbf', gamma: 'scale' };
const real = forwardReturnMatrix();
const train = sliceRows(real, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(real, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);

function r2(y: Float64Array, pred: Float64Array): number {
	let mean = 0;
	for (const v of y) mean += v / y.length;
	let ssRes = 0;
	let ssTot = 0;
	for (let i = 0; i < y.length; i++) {
		ssRes += (y[i] - pred[i]) ** 2;
		ssTot += (y[i] - mean) ** 2;
	}
	return 1 - ssRes / ssTot;
}

describe('the kernel row cache', () => {
	it('computes a row once, then serves it from memory', () => {
		let computed = 0;
		const cache = new KernelRowCache(4, (i, out) => {
			computed++;
			out.fill(i);
		});
		expect([...cache.get(2)]).toEqual([2, 2, 2, 2]);
		cache.get(2);
		expect(computed).toBe(1);
		expect([cache.hits, cache.misses]).toEqual([1, 1]);
	});

	it('stays within its memory budget by recycling the least recently used row', () => {
		const computed: number[] = [];
		// 1,000 rows of 1,000 float32 values: 4 KB each, so a 12 KB budget holds three rows.
		const cache = new KernelRowCache(
			1000,
			(i, out) => {
				computed.push(i);
				out[0] = i;
			},
			12_000
		);
		expect(cache.capacity).toBe(3);
		for (const i of [1, 2, 3, 1, 4, 2, 1]) cache.get(i);
		// 4 evicts 2 (1 was used after 2), then 2 evicts 3, and 1 is still there.
		expect(computed).toEqual([1, 2, 3, 4, 2]);
		expect(cache.size).toBe(3);
		expect(cache.get(4)[0]).toBe(4);
	});

	it('keeps at least two rows however small the budget (the solver holds two at once)', () => {
		expect(new KernelRowCache(100, () => {}, 1).capacity).toBe(2);
		expect(() => new KernelRowCache(100, () => {}, 0)).toThrow(/budget/);
	});
});

describe('fitSvr on hand-checkable data', () => {
	// z = ±1 after standardising; with a linear kernel f(z) = w·z + b and, by symmetry, b = 0.
	const two = matrix(Float64Array.of(-3, 5), 2, 1);
	const ys = Float64Array.of(-1, 1);

	it('puts both points at the bound C when the penalty is weak: w = 2C', () => {
		const m = fitSvr(two, ys, { C: 0.25, kernel: 'linear', gamma: 'scale' });
		expect([...m.support]).toEqual([0, 1]);
		expect([...m.dualCoef]).toEqual([-0.25, 0.25]);
		expect(m.intercept).toBeCloseTo(0, 12);
		expect([...m.predict(two)].map((v) => Number(v.toFixed(12)))).toEqual([-0.5, 0.5]);
		expect(m.info.bounded_support_vectors).toBe(2);
	});

	it('stops at the tube’s edge when C is large: w = 1 − ε, predictions ±0.9', () => {
		const m = fitSvr(two, ys, { C: 10, kernel: 'linear', gamma: 'scale' });
		const p = m.predict(two);
		expect(p[0]).toBeCloseTo(-0.9, 3);
		expect(p[1]).toBeCloseTo(0.9, 3);
		expect(m.info.bounded_support_vectors).toBe(0);
	});

	it('has no support vectors and predicts the mid-range of y when every target is inside the tube', () => {
		const X = matrix(Float64Array.of(1, 2, 3, 4, 5), 5, 1);
		const y = Float64Array.of(0.01, 0.05, -0.02, 0.12, 0.03);
		const m = fitSvr(X, y, DEFAULTS);
		expect(m.support.length).toBe(0);
		expect(m.info.iterations).toBe(0);
		expect(m.intercept).toBeCloseTo((0.12 - 0.02) / 2, 15);
	});

	it('gives the same fit whatever the units of a feature (the fit standardises)', () => {
		const small = sliceRows(real, 0, 300);
		const y = small.y.map((v) => v * 50);
		const scaled = small.X.data.slice();
		for (let i = 0; i < small.X.rows; i++)
			scaled[i * small.X.cols + 4] = 1000 * scaled[i * small.X.cols + 4] - 7;
		const a = fitSvr(small.X, y, DEFAULTS);
		const b = fitSvr(matrix(scaled, small.X.rows, small.X.cols), y, DEFAULTS);
		expect([...b.support]).toEqual([...a.support]);
		b.dualCoef.forEach((v, k) => expect(v).toBeCloseTo(a.dualCoef[k], 6));
	});

	it('gives bit-identical results with a kernel cache of two rows (the cache only saves time)', () => {
		const small = sliceRows(real, 0, 300);
		const y = small.y.map((v) => v * 50);
		const big = fitSvr(small.X, y, DEFAULTS);
		const tiny = fitSvr(small.X, y, { ...DEFAULTS, cacheBytes: 1 });
		expect(tiny.info.cache_rows).toBe(2);
		expect([...tiny.dualCoef]).toEqual([...big.dualCoef]);
		expect(tiny.intercept).toBe(big.intercept);
	});

	it('reaches the same optimum without shrinking, within the stopping tolerance', () => {
		const small = sliceRows(real, 0, 500);
		const y = small.y.map((v) => v * 50);
		const a = fitSvr(small.X, y, DEFAULTS);
		const b = fitSvr(small.X, y, { ...DEFAULTS, shrinking: false });
		const pa = a.predict(test.X);
		const pb = b.predict(test.X);
		for (let i = 0; i < pa.length; i++) expect(Math.abs(pa[i] - pb[i])).toBeLessThan(1e-3);
	});

	it('reports progress ending at 1 and throws a coded error when cancelled', () => {
		const y = train.y.map((v) => v * 50);
		const seen: number[] = [];
		fitSvr(train.X, y, DEFAULTS, { onProgress: (f) => seen.push(f) });
		expect(seen.length).toBeGreaterThan(1);
		expect(seen.at(-1)).toBe(1);
		expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1] || f === 1))).toBe(true);
		expect(() => fitSvr(train.X, y, DEFAULTS, { isCancelled: () => true })).toThrow(FitCancelledError);
		let calls = 0;
		expect(() => fitSvr(train.X, y, DEFAULTS, { isCancelled: () => ++calls > 1 })).toThrow(FitCancelledError);
	});

	it('refuses bad input with a RangeError naming the field', () => {
		const x = matrix(Float64Array.of(1, 2, 3), 3, 1);
		const y = Float64Array.of(1, 2, 3);
		expect(() => fitSvr(x, y, { ...DEFAULTS, C: 0 })).toThrow(/C must be/);
		expect(() => fitSvr(x, y, { ...DEFAULTS, kernel: 'cubic' as SvrKernel })).toThrow(
			/kernel must be one of/
		);
		expect(() => fitSvr(x, y, { ...DEFAULTS, gamma: 'wide' as 'scale' })).toThrow(/gamma must be one of/);
		expect(() => fitSvr(x, y, { ...DEFAULTS, epsilon: -1 })).toThrow(/epsilon must be/);
		expect(() => fitSvr(x, y, { ...DEFAULTS, degree: 1.5 })).toThrow(/degree must be/);
		expect(() => fitSvr(x, y, { ...DEFAULTS, tol: 0 })).toThrow(/tol must be/);
		expect(() => fitSvr(x, y.subarray(1), DEFAULTS)).toThrow(/X has 3 rows but y has 2/);
		expect(() => fitSvr(matrix(Float64Array.of(1, NaN, 3), 3, 1), y, DEFAULTS)).toThrow(/row 1, column 0/);
		expect(() => fitSvr(x, Float64Array.of(1, 2, NaN), DEFAULTS)).toThrow(
			/y has a non-finite value at row 2/
		);
		expect(() => fitSvr(x, y, DEFAULTS).predict(matrix(new Float64Array(2), 1, 2))).toThrow(
			/fitted on 1 columns, got 2/
		);
	});
});

describe('fitSvr against scikit-learn 1.2 make_pipeline(StandardScaler(), SVR(kernel, C=1))', () => {
	it('starts from the same real rows as the fixture', () => {
		expect(train.X.data.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(train.y.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.ytr_sum, 12);
	});

	// The solver is libsvm's step for step, so the path is the same: measured, dual coefficients within 1e-11
	// (the fixture keeps 12 digits), predictions within 4e-10, the same iteration count and support set.
	it.each(Object.entries(fixture.cases))(
		'%s: same iterations and support vectors; dual coefficients, intercept and predictions within 1e-6',
		(_, c) => {
			const y = train.y.map((v) => v * c.target_scale);
			const m = fitSvr(train.X, y, { C: 1, kernel: c.kernel as SvrKernel, gamma: 'scale' });
			expect(Math.abs(m.gammaValue - c.gamma) / c.gamma).toBeLessThan(1e-12);
			expect(m.info.iterations).toBe(c.n_iter);
			expect([...m.support]).toEqual(c.support);
			c.dual_coef.forEach((v, k) => expect(Math.abs(m.dualCoef[k] - v)).toBeLessThan(1e-6 * Math.abs(v)));
			expect(Math.abs(m.intercept - c.intercept)).toBeLessThan(1e-6 * Math.abs(c.intercept));
			const pred = m.predict(test.X);
			c.test_predictions.forEach((v, i) => expect(Math.abs(pred[i] - v)).toBeLessThan(1e-6 * Math.abs(v)));
			expect(Math.abs(r2(y, m.predict(train.X)) - c.train_r2)).toBeLessThan(
				0.01 * Math.max(1, Math.abs(c.train_r2))
			);
			const yt = test.y.map((v) => v * c.target_scale);
			expect(Math.abs(r2(yt, pred) - c.test_r2)).toBeLessThan(0.01 * Math.max(1, Math.abs(c.test_r2)));
		}
	);
});
