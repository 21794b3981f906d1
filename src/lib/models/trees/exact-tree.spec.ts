import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { FIXTURE_ROWS, sliceRows } from '../../testing/direction-matrix';
import { returnMatrix } from '../../testing/return-matrix';
import { FitCancelledError } from '../types';
import { fitExactTree, type ExactTreeParams } from './exact-tree';
import fixture from './exact-tree.fixture.json';

const DEEP: ExactTreeParams = { max_depth: null, min_samples_split: 2 };

function column(values: number[]): Matrix {
	return matrix(Float64Array.from(values), values.length, 1);
}

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

describe('the exact regression tree on hand-computable data', () => {
	it('splits midway between the two values that separate the targets best', () => {
		const model = fitExactTree(column([1, 2, 3, 4]), Float64Array.of(0, 0, 10, 10), {
			max_depth: 1,
			min_samples_split: 2
		});
		expect(model.feature[0]).toBe(0);
		expect(model.threshold[0]).toBe(2.5);
		expect([...model.predict(column([2.5, 2.6, -100, 100]))]).toEqual([0, 10, 0, 10]);
		expect(model.info).toEqual({ leaves: 2, depth: 1, nodes: 3 });
	});

	it('predicts the mean of a leaf: 1, 2, 3 | 10 splits off the outlier and the left leaf predicts 2', () => {
		const model = fitExactTree(column([1, 2, 3, 4]), Float64Array.of(1, 2, 3, 10), {
			max_depth: 1,
			min_samples_split: 2
		});
		// Proxies: {1}|{2,3,10} 1 + 225/3 = 76, {1,2}|{3,10} 4.5 + 84.5 = 89, {1,2,3}|{10} 12 + 100 = 112.
		expect(model.threshold[0]).toBe(3.5);
		expect([...model.predict(column([0, 3.5, 4]))]).toEqual([2, 2, 10]);
	});

	it('puts no threshold between equal values and never splits a constant feature', () => {
		const X = matrix(Float64Array.of(5, 1, 5, 1, 5, 2, 5, 2), 4, 2);
		const model = fitExactTree(X, Float64Array.of(0, 0, 4, 4), DEEP);
		expect(model.feature[0]).toBe(1);
		expect(model.threshold[0]).toBe(1.5);
		expect(model.info.leaves).toBe(2);
	});

	it('breaks an exact tie between two features inducing the same split by taking the earlier column', () => {
		const X = matrix(Float64Array.of(1, 30, 2, 20, 3, 10, 4, 0), 4, 2);
		const model = fitExactTree(X, Float64Array.of(0, 0, 1, 1), { max_depth: 1, min_samples_split: 2 });
		expect(model.feature[0]).toBe(0);
	});

	it('stops at max_depth, below min_samples_split rows, and at pure nodes', () => {
		const x = column([1, 2, 3, 4, 5, 6, 7, 8]);
		const y = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);
		expect(fitExactTree(x, y, { max_depth: 2, min_samples_split: 2 }).info).toEqual({
			leaves: 4,
			depth: 2,
			nodes: 7
		});
		// 8 rows split 4 | 4; nodes of 4 rows are below min_samples_split 5, so they are leaves.
		expect(fitExactTree(x, y, { max_depth: null, min_samples_split: 5 }).info.leaves).toBe(2);
		expect(fitExactTree(x, new Float64Array(8).fill(3), DEEP).info).toEqual({
			leaves: 1,
			depth: 0,
			nodes: 1
		});
	});

	it('credits each split its decrease in squared error, normalised to sum 1', () => {
		// Root on column 0 separates {0,0} from {4,8}: decrease 4·var(0,0,4,8) − 2·0 − 2·var(4,8) = 44 − 8 = 36.
		// The right child splits on column 1: 2·var(4,8) = 8. Importances 36/44 and 8/44.
		const X = matrix(Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1), 4, 2);
		const model = fitExactTree(X, Float64Array.of(0, 0, 4, 8), DEEP);
		const imp = model.importance();
		expect(imp[0]).toBeCloseTo(36 / 44, 14);
		expect(imp[1]).toBeCloseTo(8 / 44, 14);
		expect([...fitExactTree(X, new Float64Array(4), DEEP).importance()]).toEqual([0, 0]);
	});

	it('gives the same predictions when a feature is rescaled (no standardisation needed)', () => {
		const X = matrix(Float64Array.of(3, 1, 1, 5, 4, 2, 1, 9, 5, 3, 9, 2), 6, 2);
		const y = Float64Array.of(1, 5, 2, 8, 3, 7);
		const scaled = matrix(
			Float64Array.from(X.data, (v, k) => (k % 2 === 0 ? 1000 * v - 7 : v)),
			6,
			2
		);
		expect([...fitExactTree(scaled, y, DEEP).predict(scaled)]).toEqual([
			...fitExactTree(X, y, DEEP).predict(X)
		]);
	});

	it('refuses bad input with a RangeError naming the field', () => {
		const x = column([1, 2]);
		const y = Float64Array.of(1, 2);
		expect(() => fitExactTree(x, y, { max_depth: 0, min_samples_split: 2 })).toThrow(/max_depth/);
		expect(() => fitExactTree(x, y, { max_depth: 2.5, min_samples_split: 2 })).toThrow(RangeError);
		expect(() => fitExactTree(x, y, { max_depth: 2, min_samples_split: 1 })).toThrow(/min_samples_split/);
		expect(() => fitExactTree(x, Float64Array.of(1), DEEP)).toThrow(/y has 1 values/);
		expect(() => fitExactTree(column([1, Number.NaN]), y, DEEP)).toThrow(/X has a non-finite value at row 1/);
		expect(() => fitExactTree(x, Float64Array.of(1, Infinity), DEEP)).toThrow(/y has a non-finite value/);
		expect(() => fitExactTree(x, y, DEEP).predict(matrix(new Float64Array(2), 1, 2))).toThrow(/columns/);
	});

	it('throws FitCancelledError when cancelled and reports progress up to 1', () => {
		const n = 500;
		const X = column(Array.from({ length: n }, (_, i) => (i * 7919) % n));
		const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
		expect(() => fitExactTree(X, y, DEEP, { isCancelled: () => true })).toThrow(FitCancelledError);
		const seen: number[] = [];
		fitExactTree(X, y, DEEP, { onProgress: (f) => seen.push(f) });
		expect(seen.at(-1)).toBe(1);
		expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
	});
});

describe('the exact regression tree against scikit-learn 1.2 DecisionTreeRegressor (random_state 0)', () => {
	// The fixture's X was rounded to float32 (sklearn's own cast), so we round the same way.
	const m = returnMatrix();
	const round = (X: Matrix): Matrix => matrix(Float64Array.from(X.data, Math.fround), X.rows, X.cols);
	const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
	const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
	const Xtr = round(train.X);
	const Xte = round(test.X);

	it('starts from the same real rows as the fixture', () => {
		expect(Xtr.data.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(train.y.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.ytr_sum, 10);
	});

	/**
	 * sklearn breaks exact ties (two columns inducing the same partition of a node) by a random feature order, we
	 * by column order. A test row may then go down a different branch: allowed only where sklearn itself changes
	 * that row's prediction with random_state (0–19 in the fixture), and only to a prediction one of those seeds
	 * gives. Training rows never differ (a tie splits them the same way whichever column wins).
	 */
	function tieFree(
		pred: Float64Array,
		expected: (i: number) => number,
		varying: Record<string, number[]>
	): number[] {
		const unexplained: number[] = [];
		for (let i = 0; i < pred.length; i++) {
			if (Math.abs(pred[i] - expected(i)) < 1e-12) continue;
			const seen = varying[String(i)] ?? [];
			if (!seen.some((v) => Math.abs(pred[i] - v) < 1e-12)) unexplained.push(i);
		}
		return unexplained;
	}

	it.each(['depth3_split2', 'depth6_split2', 'depth6_split20'] as const)(
		'%s: predictions within 1e-12 on train and test rows (test ties as sklearn’s seeds allow), same size',
		(name) => {
			const ref = fixture.cases[name];
			const model = fitExactTree(Xtr, train.y, ref.params);
			const ptr = model.predict(Xtr);
			ref.train_leaf.forEach((leaf, i) => expect(Math.abs(ptr[i] - ref.values[leaf])).toBeLessThan(1e-12));
			expect(Object.keys(ref.train_varying)).toEqual([]);
			const pte = model.predict(Xte);
			expect(tieFree(pte, (i) => ref.values[ref.test_leaf[i]], ref.test_varying)).toEqual([]);
			expect(model.info.leaves).toBe(ref.leaves);
			expect(model.info.depth).toBe(ref.depth);
			expect(Math.abs(r2(train.y, ptr) - ref.train_r2)).toBeLessThan(1e-12);
		}
	);

	it.each(['depth3_split2', 'depth6_split2', 'depth6_split20'] as const)(
		'%s: the same impurity decrease at every split within 1e-9 (sorted, so whichever tied column made it)',
		(name) => {
			const ref = fixture.cases[name];
			const t = fitExactTree(Xtr, train.y, ref.params);
			const decreases: number[] = [];
			for (let node = 0; node < t.nodeCount; node++) {
				if (t.feature[node] < 0) continue;
				const [l, r] = [t.left[node], t.right[node]];
				decreases.push(
					t.count[node] * t.impurity[node] - t.count[l] * t.impurity[l] - t.count[r] * t.impurity[r]
				);
			}
			const total = decreases.reduce((s, v) => s + v, 0);
			const ours = decreases.map((v) => v / total).sort((a, b) => a - b);
			expect(ours.length).toBe(ref.split_decreases.length);
			ours.forEach((v, k) => expect(Math.abs(v - ref.split_decreases[k])).toBeLessThan(1e-9));
			expect(t.importance().reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
		}
	);

	it.each(['depth3_split2', 'depth6_split20'] as const)(
		'%s: per-column importances within 1e-9 of sklearn’s for one of its seeds 0–19',
		(name) => {
			const ref = fixture.cases[name];
			const imp = fitExactTree(Xtr, train.y, ref.params).importance();
			const matches = ref.seed_importances.filter((seed) =>
				seed.every((v, j) => Math.abs(v - imp[j]) < 1e-9)
			);
			expect(matches.length).toBeGreaterThan(0);
		}
	);

	it('grows an unlimited tree to training R² = 1 on distinct rows, one leaf per row like sklearn', () => {
		const ref = fixture.cases.unlimited;
		expect(ref.distinct_train_rows).toBe(Xtr.rows);
		const model = fitExactTree(Xtr, train.y, DEEP);
		expect(r2(train.y, model.predict(Xtr))).toBe(1);
		expect(ref.train_r2).toBe(1);
		expect(model.info.leaves).toBe(ref.leaves);
		// Deep nodes hold 2–3 rows, where many columns tie: most test rows depend on the tie order, in sklearn too.
		expect(Object.keys(ref.test_varying).length).toBeGreaterThan(50);
		const pte = model.predict(Xte).subarray(0, ref.test_predictions.length);
		// A test row we predict differently from seed 0 is always one whose prediction changes with sklearn's seed;
		// with ties at nearly every deep node our column order can pick a path none of 20 seeds took (6 of 100 rows).
		const differs = [...pte.keys()].filter((i) => Math.abs(pte[i] - ref.test_predictions[i]) >= 1e-12);
		expect(differs.filter((i) => !(String(i) in ref.test_varying))).toEqual([]);
		expect(tieFree(pte, (i) => ref.test_predictions[i], ref.test_varying).length).toBeLessThanOrEqual(6);
	});
});
