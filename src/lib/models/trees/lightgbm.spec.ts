import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { returnMatrix } from '../../testing/return-matrix';
import { gbmBenchRows } from '../../testing/gbm-bench-rows';
import {
	EARLY_STOPPING_AUTO_ROWS,
	fitHistGbm,
	LIGHTGBM_FIXED,
	usesEarlyStopping,
	type HistGbmModel,
	type HistGbmParams
} from './hist-gbm';
import fixture from './lightgbm.fixture.json';

/** The lightgbm entry's defaults as core params (catalog defaults + scikit-learn's for the rest). */
const LEAFWISE: HistGbmParams = {
	...LIGHTGBM_FIXED,
	n_estimators: 100,
	max_leaf_nodes: 31,
	learning_rate: 0.1
};

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

function leafCounts(model: HistGbmModel): number[] {
	return model.trees.map((t) => Array.from(t.feature).filter((f) => f < 0).length);
}

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

describe('the LightGBM-style GBM against scikit-learn HistGradientBoostingRegressor', () => {
	const { train, test } = gbmBenchRows(returnMatrix());
	const configs: Record<keyof typeof fixture.cases, HistGbmParams> = {
		defaults: LEAFWISE,
		leaves10_lr005_iter50: { ...LEAFWISE, max_leaf_nodes: 10, learning_rate: 0.05, n_estimators: 50 },
		depthwise_depth6: { ...LEAFWISE, max_leaf_nodes: null, max_depth: 6 }
	};

	for (const [name, ref] of Object.entries(fixture.cases)) {
		it(`matches ${name} on the bench rows: train and test R² within 0.01, predictions within 1e-12`, () => {
			expect(ref.early_stopping_used).toBe(false);
			const model = fitHistGbm(train.X, train.y, configs[name as keyof typeof configs], {
				rng: createRng(0)
			});
			expect(model.trees.length).toBe(ref.trees);
			expect(model.info?.leaves).toBe(ref.leaves);
			const pte = model.predict(test.X);
			expect(Math.abs(r2(train.y, model.predict(train.X)) - ref.train_r2)).toBeLessThan(0.01);
			expect(Math.abs(r2(test.y, pte) - ref.test_r2)).toBeLessThan(0.01);
			// Same bins, float32 gradients and summation order as scikit-learn: the trees come out identical.
			ref.test_predictions.forEach((v, i) => expect(Math.abs(pte[i] - v)).toBeLessThan(1e-12));
		});
	}
});

describe('leaf-wise growth', () => {
	// x = 0..11; y jumps by 10 at x = 6 and, on the right only, by 4 at x = 9. The root splits at 5|6; splitting the
	// right leaf at 8|9 cuts its squared error by 24 while the flat left leaf has nothing to gain, so the third
	// leaf goes to the right.
	const x = matrix(
		Float64Array.from({ length: 12 }, (_, i) => i),
		12,
		1
	);
	const y = Float64Array.from({ length: 12 }, (_, i) => (i < 6 ? 0 : i < 9 ? 10 : 14));
	const params: HistGbmParams = {
		...LEAFWISE,
		n_estimators: 1,
		learning_rate: 1,
		min_samples_leaf: 1
	};

	it('splits the open leaf with the largest gain next, up to max_leaf_nodes', () => {
		const stump = fitHistGbm(x, y, { ...params, max_leaf_nodes: 2 }, { rng: createRng(1) }).trees[0];
		expect(stump.nodeCount).toBe(3);
		expect(stump.threshold[0]).toBe(5.5);
		const three = fitHistGbm(x, y, { ...params, max_leaf_nodes: 3 }, { rng: createRng(1) }).trees[0];
		expect(three.nodeCount).toBe(5);
		expect(three.feature[three.left[0]]).toBe(-1);
		const right = three.right[0];
		expect(three.threshold[right]).toBe(8.5);
		const pred = fitHistGbm(x, y, { ...params, max_leaf_nodes: 3 }, { rng: createRng(1) }).predict(x);
		expect(Array.from(pred)).toEqual(Array.from(y));
	});

	it('stops early when no open leaf has a positive gain, and never exceeds the leaf cap', () => {
		const model = fitHistGbm(x, y, { ...params, max_leaf_nodes: 31 }, { rng: createRng(1) });
		// Three constant pieces need three leaves; nothing else has gain.
		expect(leafCounts(model)).toEqual([3]);
		const { X: Xs, y: ys } = synthetic(3, 800);
		const capped = fitHistGbm(
			Xs,
			ys,
			{ ...LEAFWISE, n_estimators: 20, max_leaf_nodes: 7, min_samples_leaf: 25 },
			{ rng: createRng(1) }
		);
		for (const t of capped.trees) {
			expect(Array.from(t.feature).filter((f) => f < 0)).toHaveLength(7);
			for (let i = 0; i < t.nodeCount; i++) {
				if (t.feature[i] < 0) expect(t.count[i]).toBeGreaterThanOrEqual(25);
				else expect(t.count[t.left[i]] + t.count[t.right[i]]).toBe(t.count[i]);
			}
		}
	});
});

describe('the incremental root histogram', () => {
	it('grows the same trees as rebuilding the root from the rows, to rounding, leaf-wise and depth-wise', () => {
		// 5,000 rows ≥ 2 × leaves × bins (4 × 65 or 2³ × 65), so every tree after the first reuses the sum of its
		// predecessor's leaf histograms; a leaf left out of that sum would move the root's split.
		const { X, y } = synthetic(21, 5000);
		for (const shape of [{ max_leaf_nodes: 4 }, { max_leaf_nodes: null, max_depth: 3 }]) {
			const params: HistGbmParams = { ...LEAFWISE, ...shape, n_estimators: 40, max_bins: 64 };
			const fast = fitHistGbm(X, y, params, { rng: createRng(1) });
			const slow = fitHistGbm(X, y, { ...params, incremental_root: false }, { rng: createRng(1) });
			expect(leafCounts(fast)).toEqual(leafCounts(slow));
			const a = fast.predict(X);
			const b = slow.predict(X);
			// Targets are of order 1 and gradients float32: rounding differences stay far below 1e-7.
			for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-7);
		}
	});
});

describe('early stopping on a time-ordered validation tail', () => {
	it("turns on under 'auto' only above 10,000 rows, like HistGradientBoostingRegressor", () => {
		expect(EARLY_STOPPING_AUTO_ROWS).toBe(10_000);
		expect(usesEarlyStopping('auto', 10_000)).toBe(false);
		expect(usesEarlyStopping('auto', 10_001)).toBe(true);
		expect(usesEarlyStopping(true, 50)).toBe(true);
		expect(usesEarlyStopping(false, 1e6)).toBe(false);
	});

	it('trains on the first 90 % of rows exactly as a fit on those rows alone, and stops when validation stalls', () => {
		// Pure noise: the validation loss stops improving within a few trees.
		const rng = createRng(7);
		const n = 1000;
		const X = matrix(
			Float64Array.from({ length: n * 2 }, () => rng.normal()),
			n,
			2
		);
		const y = Float64Array.from({ length: n }, () => rng.normal());
		const early = fitHistGbm(X, y, { ...LEAFWISE, early_stopping: true }, { rng: createRng(1) });
		const trees = early.trees.length;
		expect(trees).toBeLessThan(100);
		expect(trees).toBeGreaterThanOrEqual(10);
		expect(early.validationScores).toHaveLength(trees + 1);
		// The rule: the last 10 scores are no better than the one before them (+ tol 1e-7); earlier, some were.
		const s = early.validationScores;
		const reference = s[s.length - 11] + 1e-7;
		expect(s.slice(-10).every((v) => v <= reference)).toBe(true);
		// The validation rows are the last 100, never shuffled: the trees equal those of a plain fit on rows 0..899.
		const head = { data: X.data.subarray(0, 900 * 2), rows: 900, cols: 2 };
		const plain = fitHistGbm(
			head,
			y.subarray(0, 900),
			{ ...LEAFWISE, n_estimators: trees },
			{
				rng: createRng(1)
			}
		);
		expect(Array.from(early.predict(X))).toEqual(Array.from(plain.predict(X)));
		expect(early.info?.validation_rounds).toBe(trees);
	});

	it('is off by default in the core, so the xgboost entry never holds rows out', () => {
		const { X, y } = synthetic(4, 300);
		const model = fitHistGbm(
			X,
			y,
			{ ...LEAFWISE, early_stopping: undefined, n_estimators: 5 },
			{
				rng: createRng(1)
			}
		);
		expect(model.validationScores).toEqual([]);
		expect(model.trees).toHaveLength(5);
	});
});

describe('column sampling and GOSS', () => {
	const { X, y } = synthetic(11, 600);
	const base: HistGbmParams = { ...LEAFWISE, n_estimators: 30, max_leaf_nodes: 8 };

	it('lets each tree split only on round(fraction · features) columns, the same ones for the same seed', () => {
		const params = { ...base, colsample_bytree: 0.34 };
		const a = fitHistGbm(X, y, params, { rng: createRng(5) });
		for (const t of a.trees) {
			const used = new Set(Array.from(t.feature).filter((f) => f >= 0));
			expect(used.size).toBeLessThanOrEqual(1);
		}
		const b = fitHistGbm(X, y, params, { rng: createRng(5) });
		expect(Array.from(a.predict(X))).toEqual(Array.from(b.predict(X)));
		const c = fitHistGbm(X, y, params, { rng: createRng(6) });
		expect(Array.from(a.predict(X))).not.toEqual(Array.from(c.predict(X)));
	});

	it('GOSS keeping every row (top + other = 1) equals no GOSS, and sampling still fits well', () => {
		const plain = fitHistGbm(X, y, base, { rng: createRng(1) }).predict(X);
		const all = fitHistGbm(
			X,
			y,
			{ ...base, goss: { top_rate: 0.5, other_rate: 0.5 } },
			{ rng: createRng(1) }
		);
		expect(Array.from(all.predict(X))).toEqual(Array.from(plain));
		const goss = fitHistGbm(
			X,
			y,
			{ ...base, goss: { top_rate: 0.2, other_rate: 0.1 } },
			{ rng: createRng(1) }
		);
		const again = fitHistGbm(
			X,
			y,
			{ ...base, goss: { top_rate: 0.2, other_rate: 0.1 } },
			{ rng: createRng(1) }
		);
		const pred = goss.predict(X);
		expect(Array.from(again.predict(X))).toEqual(Array.from(pred));
		expect(Array.from(pred)).not.toEqual(Array.from(plain));
		expect(r2(y, pred)).toBeGreaterThan(0.9);
		// The first ⌊1 / learning_rate⌋ = 10 trees see every row, as in LightGBM.
		for (let t = 0; t < 10; t++) expect(goss.trees[t].count[0]).toBe(600);
		for (let t = 10; t < 30; t++) expect(goss.trees[t].count[0]).toBe(120 + 60);
	});
});

describe('parameter checks', () => {
	const { X, y } = synthetic(1, 50);
	const ctx = { rng: createRng(1) };
	it.each([
		[{ max_leaf_nodes: 1 }, /max_leaf_nodes/],
		[{ colsample_bytree: 0 }, /colsample_bytree/],
		[{ validation_fraction: 1, early_stopping: true }, /validation_fraction/],
		[{ n_iter_no_change: 0 }, /n_iter_no_change/],
		[{ tol: -1 }, /tol/],
		[{ goss: { top_rate: 0.8, other_rate: 0.5 } }, /goss/],
		[{ max_leaf_nodes: null }, /max_depth and max_leaf_nodes/]
	] as const)('refuses %j with a RangeError naming the field', (bad, message) => {
		expect(() => fitHistGbm(X, y, { ...LEAFWISE, ...bad }, ctx)).toThrow(RangeError);
		expect(() => fitHistGbm(X, y, { ...LEAFWISE, ...bad }, ctx)).toThrow(message);
	});
});
