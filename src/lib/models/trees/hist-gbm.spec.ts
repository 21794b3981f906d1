import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { FitCancelledError } from '../types';
import { fitHistGbm, histGbm, type HistGbmParams } from './hist-gbm';

const BASE: HistGbmParams = {
	n_estimators: 60,
	max_depth: 4,
	learning_rate: 0.2,
	min_samples_leaf: 5,
	subsample: 1,
	reg_lambda: 1,
	max_bins: 64
};

/** Test-only synthetic inputs: y = sin(x1) + x2² + noise, with x3 pure noise. Never market data. */
function synthetic(seed: number, n: number): { X: Matrix; y: Float64Array } {
	const rng = createRng(seed);
	const data = new Float64Array(n * 3);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const x1 = rng.next() * 6 - 3;
		const x2 = rng.next() * 2 - 1;
		data[i * 3] = x1;
		data[i * 3 + 1] = x2;
		data[i * 3 + 2] = rng.normal();
		y[i] = Math.sin(x1) + x2 * x2 + 0.05 * rng.normal();
	}
	return { X: matrix(data, n, 3), y };
}

function mse(y: Float64Array, yhat: Float64Array): number {
	let s = 0;
	for (let i = 0; i < y.length; i++) s += (y[i] - yhat[i]) ** 2;
	return s / y.length;
}

function variance(y: Float64Array): number {
	const mean = y.reduce((a, b) => a + b, 0) / y.length;
	return y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length;
}

const { X, y } = synthetic(11, 600);

describe('histogram GBM', () => {
	it('fits y = sin(x1) + x2² with train R² above 0.9 and beats a constant', () => {
		const model = fitHistGbm(X, y, BASE, { rng: createRng(1) });
		const r2 = 1 - mse(y, model.predict(X)) / variance(y);
		expect(r2).toBeGreaterThan(0.9);
		const heldOut = synthetic(12, 400);
		expect(mse(heldOut.y, model.predict(heldOut.X))).toBeLessThan(variance(heldOut.y));
	});

	it('gives identical predictions for the same seed, with subsampling', () => {
		const params = { ...BASE, subsample: 0.6 };
		const a = fitHistGbm(X, y, params, { rng: createRng(5) }).predict(X);
		const b = fitHistGbm(X, y, params, { rng: createRng(5) }).predict(X);
		expect(Array.from(a)).toEqual(Array.from(b));
	});

	it('gives different predictions for different seeds when subsample < 1', () => {
		const params = { ...BASE, subsample: 0.6 };
		const a = fitHistGbm(X, y, params, { rng: createRng(5) }).predict(X);
		const b = fitHistGbm(X, y, params, { rng: createRng(6) }).predict(X);
		expect(Array.from(a)).not.toEqual(Array.from(b));
	});

	it('ignores the seed when every row is used', () => {
		const a = fitHistGbm(X, y, BASE, { rng: createRng(5) }).predict(X);
		const b = fitHistGbm(X, y, BASE, { rng: createRng(6) }).predict(X);
		expect(Array.from(a)).toEqual(Array.from(b));
	});

	it('never makes a leaf with fewer than min_samples_leaf rows', () => {
		const model = fitHistGbm(
			X,
			y,
			{ ...BASE, max_depth: 8, min_samples_leaf: 37, subsample: 0.7 },
			{ rng: createRng(3) }
		);
		let leaves = 0;
		for (const t of model.trees) {
			for (let i = 0; i < t.nodeCount; i++) {
				if (t.feature[i] < 0) {
					leaves++;
					expect(t.count[i]).toBeGreaterThanOrEqual(37);
				} else {
					expect(t.count[t.left[i]] + t.count[t.right[i]]).toBe(t.count[i]);
				}
			}
		}
		expect(leaves).toBeGreaterThan(model.trees.length);
	});

	it('predicts the mean when no split can leave min_samples_leaf rows on both sides', () => {
		const Xs = matrix(Float64Array.from([1, 2, 3, 4, 5]), 5, 1);
		const ys = Float64Array.from([1, 2, 3, 4, 10]);
		const model = fitHistGbm(Xs, ys, { ...BASE, min_samples_leaf: 3 }, { rng: createRng(1) });
		for (const t of model.trees) expect(t.nodeCount).toBe(1);
		for (const v of model.predict(Xs)) expect(v).toBeCloseTo(4, 12);
	});

	it('grows stumps when max_depth is 1', () => {
		const model = fitHistGbm(X, y, { ...BASE, max_depth: 1 }, { rng: createRng(1) });
		for (const t of model.trees) {
			expect(t.nodeCount).toBe(3);
			expect(t.feature[0]).toBeGreaterThanOrEqual(0);
			expect(t.feature[t.left[0]]).toBe(-1);
			expect(t.feature[t.right[0]]).toBe(-1);
		}
	});

	it('computes leaf values as −G/(n+λ) × learning rate', () => {
		// One stump on x = [0, 0, 1, 1], y = [0, 0, 4, 4]: mean 2, gradients [2, 2, −2, −2]; with λ = 1 and lr 0.5
		// the right leaf is −(−4)/(2+1)·0.5 = 2/3 and the left leaf −2/3.
		const Xs = matrix(Float64Array.from([0, 0, 1, 1]), 4, 1);
		const ys = Float64Array.from([0, 0, 4, 4]);
		const params = { ...BASE, n_estimators: 1, max_depth: 1, min_samples_leaf: 1, learning_rate: 0.5 };
		const pred = fitHistGbm(Xs, ys, params, { rng: createRng(1) }).predict(Xs);
		expect(pred[0]).toBeCloseTo(2 - 2 / 3, 12);
		expect(pred[3]).toBeCloseTo(2 + 2 / 3, 12);
	});

	it('reports progress after every tree and throws FitCancelledError when cancelled', () => {
		const seen: number[] = [];
		expect(() =>
			fitHistGbm(X, y, BASE, {
				rng: createRng(1),
				onProgress: (f) => seen.push(f),
				isCancelled: () => seen.length >= 3
			})
		).toThrow(FitCancelledError);
		expect(seen).toEqual([1 / 60, 2 / 60, 3 / 60]);
		const all: number[] = [];
		fitHistGbm(X, y, { ...BASE, n_estimators: 4 }, { rng: createRng(1), onProgress: (f) => all.push(f) });
		expect(all).toEqual([0.25, 0.5, 0.75, 1]);
	});

	it('ranks the informative features above pure noise, with importances summing to 1', () => {
		const imp = fitHistGbm(X, y, BASE, { rng: createRng(1) }).importance();
		expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
		expect(imp[0]).toBeGreaterThan(imp[2]);
		expect(imp[1]).toBeGreaterThan(imp[2]);
	});

	it('predicts finite values for rows with NaN features, sending NaN down a learned side', () => {
		// NaN in training marks the high-y rows, so a NaN at predict time should land on the high side.
		const n = 200;
		const data = new Float64Array(n);
		const ys = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			data[i] = i % 4 === 0 ? Number.NaN : i;
			ys[i] = i % 4 === 0 ? 10 : 0;
		}
		const model = fitHistGbm(
			matrix(data, n, 1),
			ys,
			{ ...BASE, min_samples_leaf: 10 },
			{ rng: createRng(1) }
		);
		const out = model.predict(matrix(Float64Array.from([Number.NaN, 50]), 2, 1));
		expect(out[0]).toBeGreaterThan(9);
		expect(out[1]).toBeLessThan(1);
		// A model trained without NaN still answers for NaN rows (they follow the child that had more rows).
		const clean = fitHistGbm(X, y, BASE, { rng: createRng(1) });
		const nanRows = clean.predict(
			matrix(Float64Array.from([Number.NaN, 0.5, Number.NaN, 1, Number.NaN, 0]), 2, 3)
		);
		for (const v of nanRows) expect(Number.isFinite(v)).toBe(true);
	});

	it('refuses invalid parameters and mismatched shapes', () => {
		const ctx = { rng: createRng(1) };
		expect(() => fitHistGbm(X, y, { ...BASE, max_bins: 256 }, ctx)).toThrow(RangeError);
		expect(() => fitHistGbm(X, y, { ...BASE, subsample: 0 }, ctx)).toThrow(RangeError);
		expect(() => fitHistGbm(X, y, { ...BASE, min_samples_leaf: 0 }, ctx)).toThrow(RangeError);
		expect(() => fitHistGbm(X, y.subarray(1), BASE, ctx)).toThrow(RangeError);
		const model = fitHistGbm(X, y, { ...BASE, n_estimators: 2 }, ctx);
		expect(() => model.predict(matrix(new Float64Array(2), 1, 2))).toThrow(RangeError);
	});

	it('is reachable through the Learner contract', async () => {
		const model = await histGbm.fit(X, y, { ...BASE, n_estimators: 3 }, { rng: createRng(1) });
		expect((await model.predict(X)).length).toBe(X.rows);
		expect(model.info?.trees).toBe(3);
	});
});
