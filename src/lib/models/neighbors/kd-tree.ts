/**
 * Exact k-d tree search for k-NN, built like scikit-learn's KDTree (sklearn/neighbors/_binary_tree.pxi), written
 * here from its description:
 * - a complete binary tree stored as an array (children of node i are 2i + 1 and 2i + 2) with
 *   1 + ⌊log2(max(1, (n − 1) / leaf_size))⌋ levels, so every leaf holds between leaf_size and 2 × leaf_size rows
 *   (fewer only when n < leaf_size; leaf_size 30, KNeighborsRegressor's default);
 * - each node splits its rows at the median (the first ⌊m / 2⌋ rows go left) of the dimension where they spread
 *   widest, found by quickselect (three-way, so long runs of equal values, as tiled rows make, stay linear);
 * - each node keeps the bounding box of its rows; a query visits the nearer child first and skips a node whose box
 *   is farther than the current k-th candidate.
 *
 * Exactness: distances are summed over columns in the same order as brute force (knn.ts), so every row gets the
 * very same squared distance; a box's lower bound, summed in that order from per-column gaps that are never larger
 * than the row's own, is never above any of its rows' distances in floating point either. A node is skipped only
 * when that bound is strictly above the k-th distance, so rows tying with the k-th are still seen, and the shared
 * heap (heap.ts) settles ties by training row index. The tree therefore returns exactly brute force's neighbours.
 */
import { drain, offer } from './heap';

/** scikit-learn's default leaf_size for KNeighborsRegressor. */
export const KD_LEAF_SIZE = 30;

export interface KdTree {
	readonly q: number;
	readonly levels: number;
	/** Training rows in tree order (row-major, q columns), and their original row indices. */
	readonly points: Float64Array;
	readonly ids: Int32Array;
	/** Row range [start[i], end[i]) of node i in `points`. */
	readonly start: Int32Array;
	readonly end: Int32Array;
	/** Bounding box of node i: lower[i * q + c], upper[i * q + c]. */
	readonly lower: Float64Array;
	readonly upper: Float64Array;
}

/** Builds the tree over n rows of q columns (row-major). */
export function buildKdTree(data: Float64Array, n: number, q: number, leafSize = KD_LEAF_SIZE): KdTree {
	const levels = 1 + Math.floor(Math.log2(Math.max(1, (n - 1) / leafSize)));
	const nodes = 2 ** levels - 1;
	const firstLeaf = 2 ** (levels - 1) - 1;
	const idx = new Int32Array(n);
	for (let i = 0; i < n; i++) idx[i] = i;
	const start = new Int32Array(nodes);
	const end = new Int32Array(nodes);
	const lower = new Float64Array(nodes * q);
	const upper = new Float64Array(nodes * q);
	start[0] = 0;
	end[0] = n;
	// Parents come before children in array order, so one pass builds the tree top-down.
	for (let node = 0; node < nodes; node++) {
		const s = start[node];
		const e = end[node];
		const lo = node * q;
		for (let c = 0; c < q; c++) {
			lower[lo + c] = Infinity;
			upper[lo + c] = -Infinity;
		}
		for (let t = s; t < e; t++) {
			const base = idx[t] * q;
			for (let c = 0; c < q; c++) {
				const v = data[base + c];
				if (v < lower[lo + c]) lower[lo + c] = v;
				if (v > upper[lo + c]) upper[lo + c] = v;
			}
		}
		if (node >= firstLeaf) continue;
		let dim = 0;
		let spread = -1;
		for (let c = 0; c < q; c++) {
			const w = upper[lo + c] - lower[lo + c];
			if (w > spread) {
				spread = w;
				dim = c;
			}
		}
		const mid = s + ((e - s) >> 1);
		select(idx, data, q, dim, s, e, mid);
		start[2 * node + 1] = s;
		end[2 * node + 1] = mid;
		start[2 * node + 2] = mid;
		end[2 * node + 2] = e;
	}
	const points = new Float64Array(n * q);
	for (let t = 0; t < n; t++) points.set(data.subarray(idx[t] * q, idx[t] * q + q), t * q);
	return { q, levels, points, ids: idx, start, end, lower, upper };
}

/**
 * Rearranges idx[s .. e) so idx[nth] holds the row whose value in column `dim` ranks nth, with no larger value
 * before it and no smaller after it (quickselect, median-of-three pivot, three-way partition).
 */
function select(
	idx: Int32Array,
	data: Float64Array,
	q: number,
	dim: number,
	s: number,
	e: number,
	nth: number
) {
	let lo = s;
	let hi = e;
	while (hi - lo > 1) {
		const a = data[idx[lo] * q + dim];
		const b = data[idx[(lo + hi) >> 1] * q + dim];
		const c = data[idx[hi - 1] * q + dim];
		const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
		// [lo, lt) < pivot, [lt, t) == pivot, [gt, hi) > pivot.
		let lt = lo;
		let gt = hi;
		let t = lo;
		while (t < gt) {
			const v = data[idx[t] * q + dim];
			if (v < pivot) {
				const tmp = idx[lt];
				idx[lt++] = idx[t];
				idx[t++] = tmp;
			} else if (v > pivot) {
				const tmp = idx[--gt];
				idx[gt] = idx[t];
				idx[t] = tmp;
			} else t++;
		}
		if (nth < lt) hi = lt;
		else if (nth >= gt) lo = gt;
		else return;
	}
}

/** Squared distance from query[qo .. qo + q) to node's box, summed column by column like a row's distance. */
function boxDistance(tree: KdTree, node: number, query: Float64Array, qo: number): number {
	const { q, lower, upper } = tree;
	const o = node * q;
	let d = 0;
	for (let c = 0; c < q; c++) {
		const x = query[qo + c];
		const lo = lower[o + c];
		if (x < lo) {
			const g = lo - x;
			d += g * g;
			continue;
		}
		const hi = upper[o + c];
		if (x > hi) {
			const g = x - hi;
			d += g * g;
		}
	}
	return d;
}

/** Scratch for queries on one tree: a node stack (with each node's box distance) and the candidate heap. */
export interface KdScratch {
	readonly nodes: Int32Array;
	readonly bounds: Float64Array;
	readonly heapD: Float64Array;
	readonly heapI: Int32Array;
}

export function kdScratch(tree: KdTree, k: number): KdScratch {
	const depth = 2 * tree.levels + 2;
	return {
		nodes: new Int32Array(depth),
		bounds: new Float64Array(depth),
		heapD: new Float64Array(k),
		heapI: new Int32Array(k)
	};
}

/**
 * Writes the k nearest training rows to query[qo .. qo + q) into index/dist2 at o, ascending by (squared distance,
 * row index): exactly what brute force writes.
 */
export function kdNearest(
	tree: KdTree,
	query: Float64Array,
	qo: number,
	k: number,
	scratch: KdScratch,
	index: Int32Array,
	dist2: Float64Array,
	o: number
): void {
	const { q, levels, points, ids, start, end } = tree;
	const { nodes, bounds, heapD, heapI } = scratch;
	const firstLeaf = 2 ** (levels - 1) - 1;
	let size = 0;
	let top = 0;
	nodes[0] = 0;
	bounds[0] = 0;
	while (top >= 0) {
		const node = nodes[top];
		const bound = bounds[top--];
		if (size === k && bound > heapD[0]) continue;
		if (node >= firstLeaf) {
			for (let t = start[node]; t < end[node]; t++) {
				const base = t * q;
				const limit = size === k ? heapD[0] : Infinity;
				let d = 0;
				for (let c = 0; c < q && d <= limit; c++) {
					const diff = points[base + c] - query[qo + c];
					d += diff * diff;
				}
				size = offer(heapD, heapI, size, k, d, ids[t]);
			}
			continue;
		}
		const left = 2 * node + 1;
		const right = left + 1;
		const dl = boxDistance(tree, left, query, qo);
		const dr = boxDistance(tree, right, query, qo);
		// Push the farther child first so the nearer one is searched first.
		if (dl <= dr) {
			nodes[++top] = right;
			bounds[top] = dr;
			nodes[++top] = left;
			bounds[top] = dl;
		} else {
			nodes[++top] = left;
			bounds[top] = dl;
			nodes[++top] = right;
			bounds[top] = dr;
		}
	}
	drain(heapD, heapI, k, index, dist2, o);
}
