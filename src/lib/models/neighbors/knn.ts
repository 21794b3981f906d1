/**
 * k-nearest-neighbours regression: the prediction for a row is the mean target of the k training rows closest to it
 * by Euclidean distance on standardised features (train mean, population std, like sklearn's StandardScaler), or
 * the inverse-distance-weighted mean with weights 'distance'.
 *
 * Search is exact brute force: every training row is scanned and a bounded max-heap keeps the k closest. In
 * scikit-learn `algorithm` (ball_tree, kd_tree, brute, auto) only changes how neighbours are found, never which, so
 * every choice is accepted and gives the same neighbours here; the fit info records what was asked for and the
 * search that actually ran. Brute force is quick enough at this project's sizes (1,000 queries against 4,000
 * training rows × 13 features take about 0.1 s), and a tree buys little at 13 dimensions.
 *
 * Ties at the k-th distance keep the earlier training row (scikit-learn leaves tie order to its search structure;
 * on real data exact ties essentially never happen).
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';

export const KNN_WEIGHTS = ['uniform', 'distance'] as const;
export const KNN_ALGORITHMS = ['auto', 'ball_tree', 'kd_tree', 'brute'] as const;

export interface KnnParams {
	n_neighbors: number;
	weights: (typeof KNN_WEIGHTS)[number];
	/** Accepted for scikit-learn parity; the search here is always exact brute force (see the header). */
	algorithm: (typeof KNN_ALGORITHMS)[number];
}

/** The search that actually runs, recorded in the fit info whatever `algorithm` asked for. */
export const KNN_SEARCH = 'brute_force_max_heap';

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

	const search = (Xq: Matrix): { index: Int32Array; dist2: Float64Array } => {
		if (Xq.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Xq.cols}`);
		const m = Xq.rows;
		const query = standardise(Xq.data, m);
		const index = new Int32Array(m * k);
		const dist2 = new Float64Array(m * k);
		const heapD = new Float64Array(k);
		const heapI = new Int32Array(k);
		for (let r = 0; r < m; r++) {
			if (r % QUERY_ROWS_PER_CANCEL_CHECK === 0 && ctx.isCancelled?.()) throw new FitCancelledError();
			nearest(train, n, q, query, r * q, k, heapD, heapI);
			// Pop the max-heap from the back so the row's neighbours come out in ascending distance.
			for (let size = k; size > 0; size--) {
				index[r * k + size - 1] = heapI[0];
				dist2[r * k + size - 1] = heapD[0];
				popMax(heapD, heapI, size);
			}
		}
		return { index, dist2 };
	};

	return {
		info: {
			algorithm_requested: algorithm,
			search: KNN_SEARCH,
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
 * Fills the max-heap (heapD, heapI) with the k training rows nearest to query[qo .. qo + q) by squared distance.
 * A row replaces the current k-th only when strictly closer, so on a tie the earlier row stays. The partial sum
 * stops as soon as it exceeds the k-th distance: most rows are rejected after a few columns.
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
		if (size < k) {
			siftUp(heapD, heapI, size, d, i);
			size++;
		} else if (d < heapD[0]) {
			heapD[0] = d;
			heapI[0] = i;
			siftDown(heapD, heapI, size);
		}
	}
}

/** Heap order: larger distance first; equal distances put the later row on top, so it is the one replaced. */
function above(dA: number, iA: number, dB: number, iB: number): boolean {
	return dA > dB || (dA === dB && iA > iB);
}

function siftUp(heapD: Float64Array, heapI: Int32Array, at: number, d: number, i: number): void {
	let pos = at;
	while (pos > 0) {
		const parent = (pos - 1) >> 1;
		if (!above(d, i, heapD[parent], heapI[parent])) break;
		heapD[pos] = heapD[parent];
		heapI[pos] = heapI[parent];
		pos = parent;
	}
	heapD[pos] = d;
	heapI[pos] = i;
}

function siftDown(heapD: Float64Array, heapI: Int32Array, size: number): void {
	const d = heapD[0];
	const i = heapI[0];
	let pos = 0;
	for (;;) {
		let child = 2 * pos + 1;
		if (child >= size) break;
		if (child + 1 < size && above(heapD[child + 1], heapI[child + 1], heapD[child], heapI[child])) child++;
		if (!above(heapD[child], heapI[child], d, i)) break;
		heapD[pos] = heapD[child];
		heapI[pos] = heapI[child];
		pos = child;
	}
	heapD[pos] = d;
	heapI[pos] = i;
}

/** Removes the top of a heap of `size` entries (the last entry moves to the top and sinks). */
function popMax(heapD: Float64Array, heapI: Int32Array, size: number): void {
	const last = size - 1;
	heapD[0] = heapD[last];
	heapI[0] = heapI[last];
	siftDown(heapD, heapI, last);
}

function columnVaries(data: Float64Array, n: number, p: number, j: number): boolean {
	for (let i = 1; i < n; i++) if (data[i * p + j] !== data[j]) return true;
	return false;
}
