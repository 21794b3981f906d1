import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { FIXTURE_ROWS, sliceRows } from '../../testing/direction-matrix';
import { returnMatrix } from '../../testing/return-matrix';
import fixture from './forest.fixture.json';
import {
	checkTrainingData,
	depthLimit,
	predictTreeRow,
	treeImportance,
	WeightedCartBuilder,
	type CartTree
} from './weighted-cart';

const STUMP = { maxDepth: 1, minSamplesSplit: 2 };
const DEEP = { maxDepth: Number.POSITIVE_INFINITY, minSamplesSplit: 2 };

function column(values: number[]): Matrix {
	return matrix(Float64Array.from(values), values.length, 1);
}

function predict(tree: CartTree, X: Matrix): number[] {
	return Array.from({ length: X.rows }, (_, i) => predictTreeRow(tree, X.data, i * X.cols));
}

describe('the weighted exact tree on hand-computable data', () => {
	it('counts a row of weight 3 three times when choosing the split', () => {
		const X = column([1, 2, 3]);
		const y = Float64Array.of(0, 3, 6);
		const builder = new WeightedCartBuilder(X, y);
		// Unweighted, {0}|{3,6} and {0,3}|{6} tie at 40.5 and the first wins.
		expect(builder.grow(Float64Array.of(1, 1, 1), STUMP)!.threshold[0]).toBe(1.5);
		// Weights 1, 1, 3: {0}|{3,6,6,6} gives 21²/4 = 110.25, {0,3}|{6,6,6} gives 9/2 + 18²/3 = 112.5.
		const tree = builder.grow(Float64Array.of(1, 1, 3), STUMP)!;
		expect(tree.threshold[0]).toBe(2.5);
		expect(predict(tree, column([2, 3]))).toEqual([1.5, 6]);
		expect(tree.weight[0]).toBe(5);
		expect(tree.value[0]).toBeCloseTo(21 / 5, 15);
	});

	it('ignores rows of weight 0: the split falls midway between the in-bag neighbours', () => {
		const tree = new WeightedCartBuilder(column([1, 2, 3]), Float64Array.of(0, 100, 6)).grow(
			Float64Array.of(1, 0, 1),
			DEEP
		)!;
		expect(tree.threshold[0]).toBe(2);
		expect(predict(tree, column([1, 2, 3]))).toEqual([0, 0, 6]);
		expect(tree.nodeCount).toBe(3);
	});

	it('predicts the weighted mean at a leaf and returns no tree when every weight is 0', () => {
		const builder = new WeightedCartBuilder(column([1, 2]), Float64Array.of(0, 3));
		const root = builder.grow(Float64Array.of(2, 1), { maxDepth: 0, minSamplesSplit: 2 })!;
		expect(root.value[0]).toBe(1);
		expect(root.impurity[0]).toBeCloseTo(2, 14); // weighted variance of 0, 0, 3
		expect(builder.grow(new Float64Array(2), DEEP)).toBeNull();
	});

	it('needs min_samples_split distinct in-bag rows to split, however heavy they are', () => {
		const builder = new WeightedCartBuilder(column([1, 2, 3, 4]), Float64Array.of(0, 0, 8, 8));
		expect(builder.grow(Float64Array.of(5, 5, 0, 5), { maxDepth: 9, minSamplesSplit: 4 })!.nodeCount).toBe(1);
		expect(builder.grow(Float64Array.of(5, 5, 1, 5), { maxDepth: 9, minSamplesSplit: 4 })!.nodeCount).toBe(3);
	});

	it('credits each split its weighted decrease in squared error, normalised to sum 1', () => {
		// Root on column 0 separates {0,0} from {4,8} (weights 1,1,1,1): 44 − 8 = 36; the right child on column 1: 8.
		const X = matrix(Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1), 4, 2);
		const tree = new WeightedCartBuilder(X, Float64Array.of(0, 0, 4, 8)).grow(
			new Float64Array(4).fill(1),
			DEEP
		)!;
		const imp = treeImportance(tree, 2);
		expect(imp[0]).toBeCloseTo(36 / 44, 14);
		expect(imp[1]).toBeCloseTo(8 / 44, 14);
	});

	it('refuses bad input with a RangeError naming the field', () => {
		expect(() => checkTrainingData(column([1, 2]), Float64Array.of(1))).toThrow(/y has 1 values/);
		expect(() => checkTrainingData(column([1, Number.NaN]), Float64Array.of(1, 2))).toThrow(
			/X has a non-finite value at row 1, column 0/
		);
		expect(() => checkTrainingData(column([1, 2]), Float64Array.of(1, Infinity))).toThrow(
			/y has a non-finite value at row 1/
		);
		expect(() => checkTrainingData(column([]), new Float64Array(0))).toThrow(/at least one training row/);
		expect(() => depthLimit(0)).toThrow(/max_depth/);
		expect(() => depthLimit(2.5)).toThrow(RangeError);
		expect(depthLimit(null)).toBe(Number.POSITIVE_INFINITY);
		const builder = new WeightedCartBuilder(column([1, 2]), Float64Array.of(1, 2));
		expect(() => builder.grow(Float64Array.of(1), DEEP)).toThrow(/weights has 1 values for 2 rows/);
	});
});

describe('the weighted tree against scikit-learn 1.2 DecisionTreeRegressor with sample_weight = bootstrap counts', () => {
	// The fixture's X was rounded to float32 (sklearn's own cast), so we round the same way.
	const m = returnMatrix();
	const round = (X: Matrix): Matrix => matrix(Float64Array.from(X.data, Math.fround), X.rows, X.cols);
	const train = sliceRows(m, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
	const test = sliceRows(m, FIXTURE_ROWS.testStart, FIXTURE_ROWS.testRows);
	const Xtr = round(train.X);
	const Xte = round(test.X);
	const counts = Float64Array.from(fixture.weighted_tree.counts);
	const builder = new WeightedCartBuilder(Xtr, train.y);

	it('starts from the same real rows and the same bootstrap counts as the fixture', () => {
		expect(Xtr.data.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(train.y.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.ytr_sum, 10);
		expect(counts.reduce((s, v) => s + v, 0)).toBe(Xtr.rows);
	});

	it('depth 6: in-bag and test rows within 1e-12, out-of-bag rows moved only by sklearn’s seed, same split decreases', () => {
		const ref = fixture.weighted_tree.cases.depth6;
		const tree = builder.grow(counts, { maxDepth: 6, minSamplesSplit: 2 })!;
		expect((tree.nodeCount + 1) / 2).toBe(ref.leaves);
		expect(tree.depth).toBe(ref.depth);
		expect(tree.weight[0]).toBe(ref.root_weight);
		expect(tree.impurity[0]).toBeCloseTo(ref.root_impurity, 15);
		const ptr = predict(tree, Xtr);
		const unexplained = ref.train_leaf.filter((leaf, i) => {
			if (Math.abs(ptr[i] - ref.values[leaf]) < 1e-12) return false;
			// Two columns inducing the same in-bag partition: an out-of-bag row between their thresholds follows the
			// column chosen, which sklearn draws at random (the fixture lists what seeds 0–19 predict there).
			const seen = (ref.train_varying as Record<string, number[]>)[String(i)] ?? [];
			return counts[i] > 0 || !seen.some((v) => Math.abs(ptr[i] - v) < 1e-12);
		});
		expect(unexplained).toEqual([]);
		const pte = predict(tree, Xte);
		expect(Object.keys(ref.test_varying)).toEqual([]);
		ref.test_leaf.forEach((leaf, i) => expect(Math.abs(pte[i] - ref.values[leaf])).toBeLessThan(1e-12));
		// Each split's weighted impurity decrease, sorted: the same whichever of two tied columns made the split.
		const decreases: number[] = [];
		for (let node = 0; node < tree.nodeCount; node++) {
			if (tree.feature[node] < 0) continue;
			const [l, r] = [tree.left[node], tree.right[node]];
			decreases.push(
				tree.weight[node] * tree.impurity[node] -
					tree.weight[l] * tree.impurity[l] -
					tree.weight[r] * tree.impurity[r]
			);
		}
		const total = decreases.reduce((s, v) => s + v, 0);
		const ours = decreases.map((v) => v / total).sort((a, b) => a - b);
		expect(ours.length).toBe(ref.split_decreases.length);
		ours.forEach((v, k) => expect(Math.abs(v - ref.split_decreases[k])).toBeLessThan(1e-9));
		expect(treeImportance(tree, Xtr.cols).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
	});

	it('unlimited: the same number of leaves and depth, and the in-bag rows fitted exactly', () => {
		const ref = fixture.weighted_tree.cases.unlimited;
		const tree = builder.grow(counts, DEEP)!;
		expect((tree.nodeCount + 1) / 2).toBe(ref.leaves);
		expect(tree.depth).toBe(ref.depth);
		expect(ref.inbag_r2).toBe(1);
		const ptr = predict(tree, Xtr);
		let worst = 0;
		for (let i = 0; i < Xtr.rows; i++)
			if (counts[i] > 0) worst = Math.max(worst, Math.abs(ptr[i] - train.y[i]));
		expect(worst).toBeLessThan(1e-15);
	});
});
