import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { directionMatrix, sliceRows } from '../../testing/direction-matrix';
import { buildKdTree, KD_LEAF_SIZE } from './kd-tree';
import { chooseSearch, fitKnn, KNN_SEARCH, type KnnParams } from './knn';

/** Fits brute force and the k-d tree on the same rows and expects bit-identical neighbours, distances, predictions. */
function expectSameAsBruteForce(X: Matrix, y: Float64Array, Xq: Matrix, k: number): void {
	for (const weights of ['uniform', 'distance'] as const) {
		const params = (algorithm: KnnParams['algorithm']): KnnParams => ({ n_neighbors: k, weights, algorithm });
		const brute = fitKnn(X, y, params('brute'));
		const tree = fitKnn(X, y, params('kd_tree'));
		expect(brute.info.search).toBe(KNN_SEARCH.brute);
		expect(tree.info.search).toBe(KNN_SEARCH.kd_tree);
		const a = brute.neighbours(Xq);
		const b = tree.neighbours(Xq);
		expect(b.index).toEqual(a.index);
		expect(b.distance).toEqual(a.distance);
		expect(tree.predict(Xq)).toEqual(brute.predict(Xq));
	}
}

function tileRows(X: Matrix, y: Float64Array, times: number): { X: Matrix; y: Float64Array } {
	const data = new Float64Array(X.data.length * times);
	const yy = new Float64Array(y.length * times);
	for (let t = 0; t < times; t++) {
		data.set(X.data, t * X.data.length);
		yy.set(y, t * y.length);
	}
	return { X: matrix(data, X.rows * times, X.cols), y: yy };
}

describe('the k-d tree', () => {
	it('has as many levels as scikit-learn gives it, and leaves of leaf_size to 2 × leaf_size rows', () => {
		const { X } = sliceRows(directionMatrix(), 0, 4000);
		const tree = buildKdTree(X.data, X.rows, X.cols);
		// 1 + ⌊log2(3999 / 30)⌋ = 1 + 7.
		expect(tree.levels).toBe(8);
		const firstLeaf = 2 ** (tree.levels - 1) - 1;
		for (let leaf = firstLeaf; leaf < 2 * firstLeaf + 1; leaf++) {
			const size = tree.end[leaf] - tree.start[leaf];
			expect(size).toBeGreaterThanOrEqual(KD_LEAF_SIZE);
			expect(size).toBeLessThanOrEqual(2 * KD_LEAF_SIZE);
		}
		expect(buildKdTree(X.data, 1, X.cols).levels).toBe(1);
	});

	it('splits every node at the median of its widest column, each row inside its node’s box', () => {
		const { X } = sliceRows(directionMatrix(), 0, 1000);
		const tree = buildKdTree(X.data, X.rows, X.cols);
		const q = X.cols;
		const firstLeaf = 2 ** (tree.levels - 1) - 1;
		let outside = 0;
		for (let node = 0; node < 2 * firstLeaf + 1; node++) {
			for (let t = tree.start[node]; t < tree.end[node]; t++) {
				for (let c = 0; c < q; c++) {
					const v = tree.points[t * q + c];
					if (v < tree.lower[node * q + c] || v > tree.upper[node * q + c]) outside++;
				}
			}
			if (node >= firstLeaf) continue;
			const spread = (c: number) => tree.upper[node * q + c] - tree.lower[node * q + c];
			let dim = 0;
			for (let c = 1; c < q; c++) if (spread(c) > spread(dim)) dim = c;
			const [l, r] = [2 * node + 1, 2 * node + 2];
			expect(tree.end[l] - tree.start[l]).toBe((tree.end[node] - tree.start[node]) >> 1);
			expect(tree.upper[l * q + dim]).toBeLessThanOrEqual(tree.lower[r * q + dim]);
		}
		expect(outside).toBe(0);
		expect(Array.from(tree.ids).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
	});
});

describe('chooseSearch', () => {
	it("follows scikit-learn's 'auto' rule: the tree unless more than 15 features or k ≥ n // 2", () => {
		expect(chooseSearch('auto', 4000, 13, 5)).toBe(KNN_SEARCH.kd_tree);
		expect(chooseSearch('auto', 4000, 15, 5)).toBe(KNN_SEARCH.kd_tree);
		expect(chooseSearch('auto', 4000, 16, 5)).toBe(KNN_SEARCH.brute);
		expect(chooseSearch('auto', 11, 13, 5)).toBe(KNN_SEARCH.brute);
		expect(chooseSearch('auto', 12, 13, 5)).toBe(KNN_SEARCH.kd_tree);
		expect(chooseSearch('brute', 4000, 13, 5)).toBe(KNN_SEARCH.brute);
		expect(chooseSearch('kd_tree', 10, 30, 9)).toBe(KNN_SEARCH.kd_tree);
		expect(chooseSearch('ball_tree', 4000, 13, 5)).toBe(KNN_SEARCH.kd_tree);
	});
});

describe('the k-d tree search against brute force', () => {
	const m = directionMatrix();

	it('finds the very same neighbours, distances and predictions on the real S&P 500 matrix', () => {
		const train = sliceRows(m, 0, 2000);
		const test = sliceRows(m, 2005, 500);
		for (const k of [1, 5, 50]) expectSameAsBruteForce(train.X, train.y, test.X, k);
	});

	it('finds the very same neighbours when tiling makes every row appear four times (ties everywhere)', () => {
		const train = sliceRows(m, 0, 600);
		const tiled = tileRows(train.X, train.y, 4);
		// Training rows as queries: each has four copies at distance 0, so k = 5 ties at 0 and breaks at the 5th.
		const queries = sliceRows(m, 0, 700).X;
		for (const k of [1, 3, 5, 9]) expectSameAsBruteForce(tiled.X, tiled.y, queries, k);
	});

	it('finds the very same neighbours on a small integer grid, where most distances tie', () => {
		const n = 500;
		const data = new Float64Array(n * 3);
		const y = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			data[i * 3] = i % 3;
			data[i * 3 + 1] = Math.floor(i / 3) % 4;
			data[i * 3 + 2] = (i * 7) % 5;
			y[i] = i;
		}
		const X = matrix(data, n, 3);
		const qd = new Float64Array(60 * 3);
		for (let i = 0; i < qd.length; i++) qd[i] = ((i * 13) % 11) / 2 - 0.5;
		for (const k of [1, 7, 40]) expectSameAsBruteForce(X, y, matrix(qd, 60, 3), k);
	});
});
