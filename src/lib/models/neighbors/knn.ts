/**
 * k-nearest-neighbours regression: the prediction for a row is the mean target of the k training rows closest to it
 * by Euclidean distance on standardised features (train mean, population std, like sklearn's StandardScaler), or
 * the inverse-distance-weighted mean with weights 'distance'.
 *
 * Search is exact, by brute force (every training row is scanned and a bounded max-heap keeps the k closest) or by
 * a k-d tree (kd-tree.ts: scikit-learn's KDTree layout, leaf_size 30, median split on the widest column, bounding-
 * box pruning). `algorithm` picks between them as scikit-learn does ('auto': the tree unless there are more than
 * 15 features or k ≥ n // 2; 'brute': brute force; 'kd_tree' and 'ball_tree': the k-d tree). In scikit-learn the
 * algorithm only changes how neighbours are found, never which, and the same holds here bit for bit: both searches
 * sum the same squared distances in the same column order and keep the k smallest (distance, row index) pairs
 * (heap.ts), so ties at the k-th distance keep the earlier training row whichever search ran. The fit info records
 * what was asked for and the search that ran.
 *
 * Speed (bench matrix, 13 features, k = 5, one stacking fold: 3,228 training rows, 807 queries): brute force
 * ~90 ms, the tree ~60 ms; with the rows tiled 4× 1.26 s vs 0.26 s, 16× 11.4 s vs 0.18 s (exact copies let the
 * tree prune nearly everything).
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import { drain, offer } from './heap';
import { buildKdTree, kdNearest, kdScratch } from './kd-tree';

export const KNN_WEIGHTS = ['uniform', 'distance'] as const;
export const KNN_ALGORITHMS = ['auto', 'ball_tree', 'kd_tree', 'brute'] as const;

export interface KnnParams {
	n_neighbors: number;
	weights: (typeof KNN_WEIGHTS)[number];
	/** Which exact search runs, chosen as scikit-learn does (see the header); the neighbours are the same. */
	algorithm: (typeof KNN_ALGORITHMS)[number];
}

/** The searches that can run; the one that did is recorded in the fit info next to what `algorithm` asked for. */
export const KNN_SEARCH = { brute: 'brute_force_max_heap', kd_tree: 'kd_tree' } as const;
export type KnnSearch = (typeof KNN_SEARCH)[keyof typeof KNN_SEARCH];

/**
 * scikit-learn's rule for algorithm 'auto' (NearestNeighbors._fit, 1.2): brute force when there are more than 15
 * features or k ≥ n // 2 (a tree cannot prune then), else its k-d tree. 'kd_tree' and 'ball_tree' both run the k-d
 * tree here (the same neighbours either way), 'brute' brute force.
 */
export function chooseSearch(algorithm: KnnParams['algorithm'], n: number, p: number, k: number): KnnSearch {
	if (algorithm === 'brute') return KNN_SEARCH.brute;
	if (algorithm === 'auto' && (p > AUTO_BRUTE_ABOVE_FEATURES || k >= Math.floor(n / 2)))
		return KNN_SEARCH.brute;
	return KNN_SEARCH.kd_tree;
}

/** scikit-learn's 'auto' uses brute force above this many features. */
const AUTO_BRUTE_ABOVE_FEATURES = 15;

/** Query rows between two cancellation checks in predict (where the work is): ~1 ms of scanning at 4,000 rows. */
const QUERY_ROWS_PER_CANCEL_CHECK = 64;

/** Below this std relative to |mean| a column may be constant up to rounding, and is checked exactly. */
const NEAR_CONSTANT_RELATIVE_STD = 1e-10;

export interface KnnModel extends FittedModel {
	readonly info: {
		readonly algorithm_requested: string;
		readonly search: string;
		readonly n_neighbors: number;
		readonly weights: string;
		/** Columns used in the distance (constant training columns are left out). */
		readonly distance_columns: number;
	};
	predict(X: Matrix): Float64Array;
	/** Indices (ascending distance) and Euclidean distances of the k neighbours of each row, row-major n×k. */
	neighbours(X: Matrix): { index: Int32Array; distance: Float64Array };
}

export function fitKnn(
	X: Matrix,
	y: Float64Array,
	params: KnnParams,
	ctx: Pick<FitContext, 'isCancelled' | 'onProgress'> = {}
): KnnModel {
	const { rows: n, cols: p, data } = X;
	const { n_neighbors: k, weights, algorithm } = params;
	if (!Number.isInteger(k) || k < 1) throw new RangeError(`n_neighbors must be an integer ≥ 1, got ${k}`);
	if (!(KNN_WEIGHTS as readonly string[]).includes(weights)) {
		throw new RangeError(`weights must be one of ${KNN_WEIGHTS.join(', ')}, got ${String(weights)}`);
	}
	if (!(KNN_ALGORITHMS as readonly string[]).includes(algorithm)) {
		throw new RangeError(`algorithm must be one of ${KNN_ALGORITHMS.join(', ')}, got ${String(algorithm)}`);
	}
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (k > n) {
		throw new RangeError(`n_neighbors (${k}) cannot exceed the number of training rows (${n})`);
	}
	if (ctx.isCancelled?.()) throw new FitCancelledError();
	for (let i = 0; i < data.length; i++) {
		if (!Number.isFinite(data[i])) {
			throw new RangeError(`X has a non-finite value at row ${Math.floor(i / p)}, column ${i % p}`);
		}
	}
	for (let i = 0; i < n; i++) {
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
	}

	// Column statistics; a constant column is dropped from the distance (it would add nothing for training rows
	// and the same amount to every distance of a query).
	const used: number[] = [];
	const mean: number[] = [];
	const scale: number[] = [];
	for (let j = 0; j < p; j++) {
		let s = 0;
		for (let i = 0; i < n; i++) s += data[i * p + j];
		const m = s / n;
		let ss = 0;
		for (let i = 0; i < n; i++) ss += (data[i * p + j] - m) ** 2;
		const sd = Math.sqrt(ss / n);
		const varies = sd > NEAR_CONSTANT_RELATIVE_STD * Math.abs(m) || columnVaries(data, n, p, j);
		if (varies && sd > 0) {
			used.push(j);
			mean.push(m);
			scale.push(sd);
		}
	}
	const q = used.length;
	const standardise = (src: Float64Array, rows: number): Float64Array => {
		const out = new Float64Array(rows * q);
		for (let i = 0; i < rows; i++) {
			for (let c = 0; c < q; c++) out[i * q + c] = (src[i * p + used[c]] - mean[c]) / scale[c];
		}
		return out;
	};
	const train = standardise(data, n);
	const targets = y.slice();
	ctx.onProgress?.(1);

	const method = chooseSearch(algorithm, n, p, k);
	const tree = method === KNN_SEARCH.kd_tree ? buildKdTree(train, n, q) : null;

	const search = (Xq: Matrix): { index: Int32Array; dist2: Float64Array } => {
		if (Xq.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Xq.cols}`);
		const m = Xq.rows;
		const query = standardise(Xq.data, m);
		const index = new Int32Array(m * k);
		const dist2 = new Float64Array(m * k);
		const scratch = tree ? kdScratch(tree, k) : null;
		const heapD = new Float64Array(k);
		const heapI = new Int32Array(k);
		for (let r = 0; r < m; r++) {
			if (r % QUERY_ROWS_PER_CANCEL_CHECK === 0 && ctx.isCancelled?.()) throw new FitCancelledError();
			if (tree && scratch) {
				kdNearest(tree, query, r * q, k, scratch, index, dist2, r * k);
				continue;
			}
			nearest(train, n, q, query, r * q, k, heapD, heapI);
			drain(heapD, heapI, k, index, dist2, r * k);
		}
		return { index, dist2 };
	};

	return {
		info: {
			algorithm_requested: algorithm,
			search: method,
			n_neighbors: k,
			weights,
			distance_columns: q
		},
		predict(Xq: Matrix): Float64Array {
			const { index, dist2 } = search(Xq);
			const out = new Float64Array(Xq.rows);
			for (let r = 0; r < Xq.rows; r++) {
				const o = r * k;
				if (weights === 'uniform') {
					let s = 0;
					for (let t = 0; t < k; t++) s += targets[index[o + t]];
					out[r] = s / k;
					continue;
				}
				// Like scikit-learn: when a neighbour sits at distance 0 the weights become 1 for every zero-distance
				// neighbour and 0 for the rest, so an exact match predicts its own target (or the mean of several).
				if (dist2[o] === 0) {
					let s = 0;
					let c = 0;
					for (let t = 0; t < k && dist2[o + t] === 0; t++, c++) s += targets[index[o + t]];
					out[r] = s / c;
					continue;
				}
				let s = 0;
				let w = 0;
				for (let t = 0; t < k; t++) {
					const wt = 1 / Math.sqrt(dist2[o + t]);
					s += wt * targets[index[o + t]];
					w += wt;
				}
				out[r] = s / w;
			}
			return out;
		},
		neighbours(Xq: Matrix) {
			const { index, dist2 } = search(Xq);
			return { index, distance: dist2.map(Math.sqrt) };
		}
	};
}

/**
 * Fills the heap (heapD, heapI) with the k training rows nearest to query[qo .. qo + q) by squared distance,
 * scanning every row. The partial sum stops as soon as it exceeds the k-th distance: most rows are rejected after
 * a few columns.
 */
function nearest(
	train: Float64Array,
	n: number,
	q: number,
	query: Float64Array,
	qo: number,
	k: number,
	heapD: Float64Array,
	heapI: Int32Array
): void {
	let size = 0;
	for (let i = 0; i < n; i++) {
		const base = i * q;
		const bound = size === k ? heapD[0] : Infinity;
		let d = 0;
		for (let c = 0; c < q && d <= bound; c++) {
			const diff = train[base + c] - query[qo + c];
			d += diff * diff;
		}
		size = offer(heapD, heapI, size, k, d, i);
	}
}

function columnVaries(data: Float64Array, n: number, p: number, j: number): boolean {
	for (let i = 1; i < n; i++) if (data[i * p + j] !== data[j]) return true;
	return false;
}
