/**
 * k-means clustering (Lloyd's algorithm) as scikit-learn 1.2's `KMeans(n_clusters, init, max_iter, n_init=10,
 * tol=1e-4, algorithm='lloyd')`, on features standardised with the training window's mean and population standard
 * deviation (StandardScaler semantics; a constant column gets scale 1).
 *
 * - k-means++ is sklearn's greedy variant: after a uniformly drawn first centre, each step draws 2 + ⌊ln k⌋
 *   candidates with probability proportional to the squared distance to the nearest chosen centre and keeps the
 *   one that lowers the total squared distance most. `random` takes k distinct rows.
 * - Convergence as sklearn: stop when no label changes, or when the summed squared centre shift is at most
 *   tol × (mean variance of the standardised columns). A cluster left empty moves to the row farthest from its
 *   centre (sklearn relocates empty clusters the same way).
 * - n_init = 10 runs (sklearn 1.2's default; the catalog does not expose it), the lowest inertia wins.
 * `assign` gives each row the nearest centre: it reads that row only, so it is causal per row. A missing feature
 * value counts as the training mean (0 after standardising).
 */
import type { Matrix } from '../../domain/matrix';
import type { Rng } from '../../domain/random';
import { FitCancelledError, type FitContext } from '../types';

export interface KMeansParams {
	readonly n_clusters: number;
	readonly init: 'k-means++' | 'random';
	readonly max_iter: number;
}

/** sklearn's KMeans defaults for what the catalog does not expose. */
export const KMEANS_N_INIT = 10;
export const KMEANS_TOL = 1e-4;

export interface KMeansFit {
	readonly k: number;
	readonly mean: Float64Array;
	readonly scale: Float64Array;
	/** k × cols centres in standardised units. */
	readonly centres: Float64Array;
	/** Sum of squared distances of the training rows to their centre (standardised units). */
	readonly inertia: number;
	readonly iterations: number;
	readonly labels: Int32Array;
}

export function standardiser(X: Matrix): { mean: Float64Array; scale: Float64Array } {
	const { rows, cols, data } = X;
	const mean = new Float64Array(cols);
	const scale = new Float64Array(cols);
	for (let c = 0; c < cols; c++) {
		let s = 0;
		for (let r = 0; r < rows; r++) s += data[r * cols + c];
		const m = s / rows;
		let ss = 0;
		for (let r = 0; r < rows; r++) ss += (data[r * cols + c] - m) ** 2;
		const sd = Math.sqrt(ss / rows);
		mean[c] = m;
		scale[c] = sd > 0 ? sd : 1;
	}
	return { mean, scale };
}

function standardise(X: Matrix, mean: Float64Array, scale: Float64Array): Float64Array {
	const { rows, cols, data } = X;
	const out = new Float64Array(rows * cols);
	for (let r = 0; r < rows; r++)
		for (let c = 0; c < cols; c++) {
			const v = (data[r * cols + c] - mean[c]) / scale[c];
			out[r * cols + c] = Number.isFinite(v) ? v : 0;
		}
	return out;
}

function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, cols: number): number {
	let d = 0;
	for (let c = 0; c < cols; c++) {
		const e = a[i * cols + c] - b[j * cols + c];
		d += e * e;
	}
	return d;
}

/** sklearn's `_kmeans_plusplus` with its default number of local trials. */
export function kmeansPlusPlus(
	Z: Float64Array,
	rows: number,
	cols: number,
	k: number,
	rng: Rng
): Float64Array {
	const centres = new Float64Array(k * cols);
	const trials = 2 + Math.floor(Math.log(k));
	const first = rng.int(rows);
	centres.set(Z.subarray(first * cols, (first + 1) * cols), 0);
	const closest = new Float64Array(rows);
	let pot = 0;
	for (let r = 0; r < rows; r++) pot += closest[r] = sqDist(Z, r, centres, 0, cols);
	const cum = new Float64Array(rows);
	const candidate = new Float64Array(rows);
	const best = new Float64Array(rows);
	for (let c = 1; c < k; c++) {
		let acc = 0;
		for (let r = 0; r < rows; r++) cum[r] = acc += closest[r];
		let bestPot = Infinity;
		let bestId = 0;
		for (let t = 0; t < trials; t++) {
			const target = rng.next() * pot;
			// searchsorted(cum, target, 'left'), clipped to the last row.
			let lo = 0;
			let hi = rows - 1;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (cum[mid] < target) lo = mid + 1;
				else hi = mid;
			}
			let candidatePot = 0;
			for (let r = 0; r < rows; r++) {
				candidate[r] = Math.min(closest[r], sqDist(Z, r, Z, lo, cols));
				candidatePot += candidate[r];
			}
			if (candidatePot < bestPot) {
				bestPot = candidatePot;
				bestId = lo;
				best.set(candidate);
			}
		}
		centres.set(Z.subarray(bestId * cols, (bestId + 1) * cols), c * cols);
		closest.set(best);
		pot = bestPot;
	}
	return centres;
}

function randomInit(Z: Float64Array, rows: number, cols: number, k: number, rng: Rng): Float64Array {
	// Partial Fisher–Yates: k distinct rows.
	const idx = Int32Array.from({ length: rows }, (_, i) => i);
	const centres = new Float64Array(k * cols);
	for (let c = 0; c < k; c++) {
		const j = c + rng.int(rows - c);
		[idx[c], idx[j]] = [idx[j], idx[c]];
		centres.set(Z.subarray(idx[c] * cols, (idx[c] + 1) * cols), c * cols);
	}
	return centres;
}

/**
 * Nearest centre of each row; returns the summed squared distance. The hot loop: distances as
 * ‖x‖² − 2x·c + ‖c‖² (one multiply-add per feature and centre; sklearn computes them the same way), with the
 * exact squared distance kept for the winner. When `sums` is given, adds each row to its centre's sum.
 */
function label(
	Z: Float64Array,
	norms: Float64Array,
	rows: number,
	cols: number,
	centres: Float64Array,
	k: number,
	labels: Int32Array,
	dist: Float64Array,
	sums?: Float64Array,
	counts?: Float64Array
): number {
	const cNorm = new Float64Array(k);
	for (let c = 0; c < k; c++) {
		let n = 0;
		for (let j = 0; j < cols; j++) n += centres[c * cols + j] ** 2;
		cNorm[c] = n;
	}
	let inertia = 0;
	for (let r = 0, rb = 0; r < rows; r++, rb += cols) {
		let best = Infinity;
		let at = 0;
		for (let c = 0, cb = 0; c < k; c++, cb += cols) {
			let dot = 0;
			for (let j = 0; j < cols; j++) dot += Z[rb + j] * centres[cb + j];
			const d = cNorm[c] - 2 * dot;
			if (d < best) {
				best = d;
				at = c;
			}
		}
		labels[r] = at;
		const d = Math.max(0, norms[r] + best);
		dist[r] = d;
		inertia += d;
		if (sums && counts) {
			const cb = at * cols;
			counts[at]++;
			for (let j = 0; j < cols; j++) sums[cb + j] += Z[rb + j];
		}
	}
	return inertia;
}

interface Run {
	centres: Float64Array;
	labels: Int32Array;
	inertia: number;
	iterations: number;
}

/** Squared distance of row r of Z to centre c (direct differences: exact, for the bounds' tightening). */
function sq(Z: Float64Array, rb: number, centres: Float64Array, cb: number, cols: number): number {
	let d = 0;
	for (let j = 0; j < cols; j++) {
		const e = Z[rb + j] - centres[cb + j];
		d += e * e;
	}
	return d;
}

/**
 * Lloyd's iterations, with Hamerly's bounds (an upper bound on each row's distance to its centre, a lower bound on
 * the distance to the next nearest) to skip rows whose nearest centre cannot have changed. The bounds only skip
 * work: labels, centres and iteration counts are those of plain Lloyd (sklearn's `algorithm='lloyd'`).
 */
function lloyd(
	Z: Float64Array,
	norms: Float64Array,
	rows: number,
	cols: number,
	k: number,
	start: Float64Array,
	maxIter: number,
	tol: number,
	ctx: FitContext
): Run {
	let centres = start;
	const labels = new Int32Array(rows);
	const dist = new Float64Array(rows);
	const upper = new Float64Array(rows);
	const lower = new Float64Array(rows);
	const counts = new Float64Array(k);
	const delta = new Float64Array(k);
	const half = new Float64Array(k);
	/** Exact nearest and second-nearest distance of row r: sets its label and both bounds. */
	const full = (r: number): void => {
		const rb = r * cols;
		let d1 = Infinity;
		let d2 = Infinity;
		let at = 0;
		for (let c = 0; c < k; c++) {
			const d = sq(Z, rb, centres, c * cols, cols);
			if (d < d1) {
				d2 = d1;
				d1 = d;
				at = c;
			} else if (d < d2) d2 = d;
		}
		labels[r] = at;
		upper[r] = Math.sqrt(d1);
		lower[r] = Math.sqrt(d2);
	};
	for (let r = 0; r < rows; r++) full(r);
	// Per-cluster sums of the rows, kept up to date as rows change cluster (so the M-step costs k × cols).
	const sums = new Float64Array(k * cols);
	const resum = (): void => {
		sums.fill(0);
		counts.fill(0);
		for (let r = 0, rb = 0; r < rows; r++, rb += cols) {
			const cb = labels[r] * cols;
			counts[labels[r]]++;
			for (let j = 0; j < cols; j++) sums[cb + j] += Z[rb + j];
		}
	};
	resum();
	let iterations = 0;
	for (let it = 0; it < maxIter; it++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		// M-step: centres of the current labels (an empty cluster moves to the row farthest from its centre).
		const moved = Float64Array.from(sums);
		let relocated = false;
		for (let c = 0; c < k; c++) {
			if (counts[c] > 0) {
				for (let j = 0; j < cols; j++) moved[c * cols + j] /= counts[c];
				continue;
			}
			let far = 0;
			let farD = -1;
			for (let r = 0; r < rows; r++) {
				const d = sq(Z, r * cols, centres, labels[r] * cols, cols);
				if (d > farD) {
					farD = d;
					far = r;
				}
			}
			moved.set(Z.subarray(far * cols, (far + 1) * cols), c * cols);
			relocated = true;
		}
		iterations = it + 1;
		let shift = 0;
		let maxDelta = 0;
		let secondDelta = 0;
		let maxAt = -1;
		for (let c = 0; c < k; c++) {
			const d2 = sq(moved, c * cols, centres, c * cols, cols);
			shift += d2;
			delta[c] = Math.sqrt(d2);
			if (delta[c] > maxDelta) {
				secondDelta = maxDelta;
				maxDelta = delta[c];
				maxAt = c;
			} else if (delta[c] > secondDelta) secondDelta = delta[c];
		}
		centres = moved;
		if (shift <= tol) break;
		// E-step with the new centres.
		for (let c = 0; c < k; c++) {
			let m = Infinity;
			for (let o = 0; o < k; o++)
				if (o !== c) m = Math.min(m, sq(centres, c * cols, centres, o * cols, cols));
			half[c] = Math.sqrt(m) / 2;
		}
		let changed = false;
		for (let r = 0; r < rows; r++) {
			const a = labels[r];
			if (relocated) {
				full(r);
				changed ||= labels[r] !== a;
				continue;
			}
			upper[r] += delta[a];
			lower[r] -= a === maxAt ? secondDelta : maxDelta;
			const bound = Math.max(half[a], lower[r]);
			if (upper[r] <= bound) continue;
			upper[r] = Math.sqrt(sq(Z, r * cols, centres, a * cols, cols));
			if (upper[r] <= bound) continue;
			full(r);
			const b = labels[r];
			if (b !== a) {
				changed = true;
				counts[a]--;
				counts[b]++;
				for (let j = 0, rb = r * cols; j < cols; j++) {
					sums[a * cols + j] -= Z[rb + j];
					sums[b * cols + j] += Z[rb + j];
				}
			}
		}
		if (relocated) resum();
		// sklearn stops when the labels no longer change ("strict convergence").
		if (!changed) break;
	}
	// As sklearn: the labels and inertia of the final centres.
	const inertia = label(Z, norms, rows, cols, centres, k, labels, dist);
	return { centres, labels, inertia, iterations };
}

function rowNorms(Z: Float64Array, rows: number, cols: number): Float64Array {
	const norms = new Float64Array(rows);
	for (let r = 0; r < rows; r++) {
		let n = 0;
		for (let j = 0; j < cols; j++) n += Z[r * cols + j] ** 2;
		norms[r] = n;
	}
	return norms;
}

export function fitKMeans(X: Matrix, params: KMeansParams, ctx: FitContext): KMeansFit {
	const { rows, cols } = X;
	const k = params.n_clusters;
	if (!Number.isInteger(k) || k < 1) throw new RangeError(`n_clusters must be a positive integer, got ${k}`);
	if (!Number.isInteger(params.max_iter) || params.max_iter < 1)
		throw new RangeError(`max_iter must be a positive integer, got ${params.max_iter}`);
	if (cols < 1) throw new RangeError('X has no columns');
	if (rows < k) throw new RangeError(`X has ${rows} rows, fewer than n_clusters = ${k}`);
	for (let i = 0; i < X.data.length; i++)
		if (!Number.isFinite(X.data[i]))
			throw new RangeError(`X has a non-finite value at row ${Math.floor(i / cols)}, column ${i % cols}`);
	const { mean, scale } = standardiser(X);
	const Z = standardise(X, mean, scale);
	// sklearn: tol is relative to the mean variance of the (standardised) columns.
	let meanVar = 0;
	for (let c = 0; c < cols; c++) {
		let s = 0;
		let ss = 0;
		for (let r = 0; r < rows; r++) s += Z[r * cols + c];
		const m = s / rows;
		for (let r = 0; r < rows; r++) ss += (Z[r * cols + c] - m) ** 2;
		meanVar += ss / rows / cols;
	}
	const tol = KMEANS_TOL * meanVar;
	const norms = rowNorms(Z, rows, cols);
	let best: Run | null = null;
	for (let run = 0; run < KMEANS_N_INIT; run++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		const start =
			params.init === 'k-means++'
				? kmeansPlusPlus(Z, rows, cols, k, ctx.rng)
				: randomInit(Z, rows, cols, k, ctx.rng);
		const result = lloyd(Z, norms, rows, cols, k, start, params.max_iter, tol, ctx);
		if (best === null || result.inertia < best.inertia) best = result;
		ctx.onProgress?.((run + 1) / KMEANS_N_INIT);
	}
	return { k, mean, scale, ...best! };
}

/** Nearest centre of each row of X (raw feature units; standardised with the training statistics). */
export function assignKMeans(model: KMeansFit, X: Matrix): Int32Array {
	if (X.cols !== model.mean.length)
		throw new RangeError(`X has ${X.cols} columns; the model was fitted on ${model.mean.length}`);
	const Z = standardise(X, model.mean, model.scale);
	const labels = new Int32Array(X.rows);
	label(
		Z,
		rowNorms(Z, X.rows, X.cols),
		X.rows,
		X.cols,
		model.centres,
		model.k,
		labels,
		new Float64Array(X.rows)
	);
	return labels;
}
