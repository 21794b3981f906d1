import { beforeAll, describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { returnMatrix } from '../../testing/return-matrix';
import { fitRidge } from '../linear/ridge';
import { fitKnn } from '../neighbors/knn';
import { fitExactTree } from '../trees/exact-tree';
import { FitCancelledError } from '../types';
import { benchSplitRows, type FixtureRows } from './fixture-rows';
import { fitRidgeLoo } from './ridge-loo';
import {
	contiguousBlocks,
	fitStacking,
	STACKING_KNN,
	STACKING_RIDGE,
	STACKING_TREE,
	type StackingModel
} from './stacking';
import fixture from './stacking.fixture.json';

function r2(y: Float64Array, p: Float64Array): number {
	let mean = 0;
	for (const v of y) mean += v;
	mean /= y.length;
	let res = 0;
	let tot = 0;
	for (let i = 0; i < y.length; i++) {
		res += (y[i] - p[i]) ** 2;
		tot += (y[i] - mean) ** 2;
	}
	return 1 - res / tot;
}

/** n rows of p uniform features and y = x·w + noise, from a seed. */
function synthetic(n: number, p: number, seed: number): { X: Matrix; y: Float64Array } {
	const rng = createRng(seed);
	const X = new Float64Array(n * p);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let s = 0;
		for (let j = 0; j < p; j++) {
			X[i * p + j] = rng.next() * 4 - 2;
			s += (j + 1) * X[i * p + j];
		}
		y[i] = s + (rng.next() - 0.5);
	}
	return { X: matrix(X, n, p), y };
}

describe('contiguousBlocks', () => {
	it('cuts the window into cv time-ordered blocks, the first n mod cv one row longer, like KFold', () => {
		expect(contiguousBlocks(11, 3)).toEqual([
			[0, 4],
			[4, 8],
			[8, 11]
		]);
		expect(contiguousBlocks(10, 5)).toEqual([
			[0, 2],
			[2, 4],
			[4, 6],
			[6, 8],
			[8, 10]
		]);
	});

	it('refuses a cv below 2 or above the number of rows, naming cv', () => {
		expect(() => contiguousBlocks(10, 1)).toThrow(/cv must be an integer ≥ 2/);
		expect(() => contiguousBlocks(4, 5)).toThrow(/cv \(5\) cannot exceed the number of training rows \(4\)/);
	});
});

describe('fitRidgeLoo', () => {
	it('scores each α by the exact leave-one-out error: refitting without each row gives the same', () => {
		const { X, y } = synthetic(30, 3, 11);
		const alphas = [0.5, 5, 50];
		const model = fitRidgeLoo(X, y, alphas);
		alphas.forEach((alpha, a) => {
			let sse = 0;
			for (let i = 0; i < X.rows; i++) {
				const keep = Array.from({ length: X.rows }, (_, k) => k).filter((k) => k !== i);
				const Xi = matrix(
					Float64Array.from(keep.flatMap((k) => [...X.data.subarray(k * 3, k * 3 + 3)])),
					29,
					3
				);
				const without = fitRidgeLoo(
					Xi,
					Float64Array.from(keep, (k) => y[k]),
					[alpha]
				);
				const predicted = without.predict(matrix(X.data.slice(i * 3, i * 3 + 3), 1, 3))[0];
				sse += (y[i] - predicted) ** 2;
			}
			expect(model.looMse[a]).toBeCloseTo(sse / X.rows, 10);
		});
		// y depends strongly on X with little noise: the smallest penalty predicts held-out rows best.
		expect(model.alpha).toBe(0.5);
	});

	it('keeps the first α when the errors tie exactly (a constant target fits perfectly at any α)', () => {
		const { X } = synthetic(10, 2, 3);
		const model = fitRidgeLoo(X, new Float64Array(10).fill(2), [10, 1, 0.1]);
		expect(model.alpha).toBe(10);
		expect(Array.from(model.looMse)).toEqual([0, 0, 0]);
		expect(model.intercept).toBe(2);
	});

	it('refuses a penalty that is not > 0 and non-finite inputs, naming the field', () => {
		const { X, y } = synthetic(10, 2, 3);
		expect(() => fitRidgeLoo(X, y, [1, 0])).toThrow(/alphas must be finite and > 0, got 0/);
		expect(() => fitRidgeLoo(X, y, [])).toThrow(/alphas must hold at least one value/);
		const bad = matrix(X.data.slice(), 10, 2);
		bad.data[5] = Number.NaN;
		expect(() => fitRidgeLoo(bad, y, [1])).toThrow(/Z has a non-finite value at row 2, column 1/);
	});
});

describe('fitStacking on hand-checkable data', () => {
	it('predicts the final ridge of the base models refitted on the whole window', () => {
		const { X, y } = synthetic(60, 2, 5);
		const model = fitStacking(X, y, { cv: 3, n_jobs: -1 });
		const { X: Xq } = synthetic(7, 2, 6);
		const bases = [
			fitRidge(X, y, STACKING_RIDGE).predict(Xq),
			fitKnn(X, y, STACKING_KNN).predict(Xq),
			fitExactTree(X, y, STACKING_TREE).predict(Xq)
		];
		const predicted = model.predict(Xq);
		for (let i = 0; i < Xq.rows; i++) {
			const expected = model.intercept + bases.reduce((s, b, m) => s + model.weights[m] * b[i], 0);
			expect(predicted[i]).toBeCloseTo(expected, 12);
		}
	});

	it('makes each block’s out-of-fold predictions with base models that never saw that block', () => {
		const { X, y } = synthetic(40, 2, 8);
		const model = fitStacking(X, y, { cv: 4, n_jobs: 1 });
		// Block [10, 20): ridge fitted on rows 0–9 and 20–39 only.
		const keep = [...Array(10).keys(), ...Array.from({ length: 20 }, (_, k) => 20 + k)];
		const Xt = matrix(Float64Array.from(keep.flatMap((k) => [X.data[2 * k], X.data[2 * k + 1]])), 30, 2);
		const ridge = fitRidge(
			Xt,
			Float64Array.from(keep, (k) => y[k]),
			STACKING_RIDGE
		);
		const held = ridge.predict(matrix(X.data.slice(20, 40), 10, 2));
		for (let i = 0; i < 10; i++) expect(model.outOfFold.data[(10 + i) * 3]).toBeCloseTo(held[i], 12);
	});

	it('records that the base models ran sequentially, whatever n_jobs asked for', () => {
		const { X, y } = synthetic(30, 2, 9);
		const model = fitStacking(X, y, { cv: 3, n_jobs: 8 });
		expect(model.info.n_jobs_requested).toBe(8);
		expect(model.info.execution).toMatch(/^sequential/);
		expect(model.info.final_alpha).toBe(model.alpha);
	});

	it('reports progress after every base fit, ending at 1, and stops when cancelled', () => {
		const { X, y } = synthetic(30, 2, 9);
		const seen: number[] = [];
		fitStacking(X, y, { cv: 3, n_jobs: -1 }, { onProgress: (f) => seen.push(f) });
		expect(seen).toHaveLength(12);
		expect(seen.at(-1)).toBe(1);
		expect([...seen].sort((a, b) => a - b)).toEqual(seen);
		expect(() => fitStacking(X, y, { cv: 3, n_jobs: -1 }, { isCancelled: () => true })).toThrow(
			FitCancelledError
		);
	});

	it('refuses too few rows for k-NN inside a fold, and a bad cv, naming the field', () => {
		const { X, y } = synthetic(6, 2, 1);
		expect(() => fitStacking(X, y, { cv: 3, n_jobs: -1 })).toThrow(
			/stacking_ensemble needs more training rows: with cv 3 the smallest out-of-fold training set has 4 rows/
		);
		expect(() => fitStacking(X, y, { cv: 1, n_jobs: -1 })).toThrow(/cv must be an integer ≥ 2/);
		expect(() => fitStacking(X, y, { cv: 2, n_jobs: 0.5 })).toThrow(/n_jobs must be an integer/);
	});
});

describe('fitStacking against scikit-learn StackingRegressor on the bench matrix (stacking.fixture.json)', () => {
	let rows: FixtureRows;
	const fits: Record<string, StackingModel> = {};
	beforeAll(() => {
		rows = benchSplitRows(returnMatrix());
		for (const c of Object.values(fixture.cases))
			fits[c.cv] = fitStacking(rows.Xtr, rows.ytr, { cv: c.cv, n_jobs: -1 });
	});

	it('starts from the same rows', () => {
		expect(rows.Xtr.rows).toBe(fixture.source.train_rows);
		expect(rows.Xte.rows).toBe(fixture.source.test_rows);
		expect(rows.Xtr.data.reduce((a, b) => a + b, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(rows.ytr.reduce((a, b) => a + b, 0)).toBeCloseTo(fixture.source.ytr_sum, 12);
	});

	it('makes the same out-of-fold ridge and k-NN predictions as cross_val_predict with KFold', () => {
		for (const c of Object.values(fixture.cases)) {
			const oof = fits[c.cv].outOfFold.data;
			c.oof_head.forEach((row, i) => {
				expect(oof[i * 3]).toBeCloseTo(row[0], 14);
				expect(oof[i * 3 + 1]).toBeCloseTo(row[1], 14);
			});
			for (const m of [0, 1]) {
				let sum = 0;
				for (let i = 0; i < rows.Xtr.rows; i++) sum += oof[i * 3 + m];
				expect(sum).toBeCloseTo(c.oof_column_sums[m], 9);
			}
		}
	});

	it('fits the same final ridge as RidgeCV(alphas=(0.1, 1, 10)) on the same columns (relative 1e-8)', () => {
		const oof = fits[5].outOfFold;
		for (const check of Object.values(fixture.final_estimator_on_ridge_knn_columns)) {
			const Z = matrix(new Float64Array(oof.rows * 2), oof.rows, 2);
			for (let i = 0; i < oof.rows; i++) {
				Z.data[2 * i] = oof.data[3 * i] * check.scale;
				Z.data[2 * i + 1] = oof.data[3 * i + 1] * check.scale;
			}
			const final = fitRidgeLoo(Z, rows.ytr, [0.1, 1, 10]);
			expect(final.alpha).toBe(check.alpha);
			check.weights.forEach((w, j) =>
				expect(Math.abs(final.coefficients[j] - w)).toBeLessThan(1e-8 * Math.abs(w))
			);
			expect(Math.abs(final.intercept - check.intercept)).toBeLessThan(1e-8 * Math.abs(check.intercept));
			check.loo_mse.forEach((v, a) => expect(Math.abs(final.looMse[a] - v)).toBeLessThan(1e-9 * v));
		}
	});

	/**
	 * The tree column can differ: scikit-learn visits features in a random order, so where two columns split a
	 * node equally well its tree (and ours) depend on that order. The fixture refits scikit-learn's ensemble with
	 * the tree's random_state 0–19 to measure its own spread (with cv 3 it even moves α between 0.1 and 10). Ours
	 * must agree with random_state 0 in R² (train and test within 0.01), sit inside that spread — α one of the
	 * seeds' α, each final weight inside the seeds' range widened by a tenth of its width — and its test
	 * predictions must be no further (RMS) from seed 0's than the furthest seed is.
	 */
	it('agrees with the whole StackingRegressor: R² within 0.01, α and weights inside its tree-seed spread', () => {
		for (const c of Object.values(fixture.cases)) {
			const model = fits[c.cv];
			expect(c.tree_seed_alphas).toContain(model.alpha);
			c.weights.forEach((_, m) => {
				const lo = c.tree_seed_weight_min[m];
				const hi = c.tree_seed_weight_max[m];
				const margin = (hi - lo) / 10;
				expect(model.weights[m]).toBeGreaterThanOrEqual(lo - margin);
				expect(model.weights[m]).toBeLessThanOrEqual(hi + margin);
			});
			const pte = model.predict(rows.Xte);
			expect(Math.abs(r2(rows.ytr, model.predict(rows.Xtr)) - c.train_r2)).toBeLessThan(0.01);
			expect(Math.abs(r2(rows.yte, pte) - c.test_r2)).toBeLessThan(0.01);
			let ss = 0;
			c.test_predictions.forEach((v, i) => (ss += (pte[i] - v) ** 2));
			expect(Math.sqrt(ss / c.test_predictions.length)).toBeLessThanOrEqual(c.tree_seed_test_rms_spread);
		}
	});
});
