/**
 * Exact CART regression trees with row weights, grown many times over one training matrix: the core of the
 * random forest, bagging and AdaBoost entries. Each tree is scikit-learn's DecisionTreeRegressor fitted with
 * `sample_weight` (squared error, min_samples_leaf 1, every feature at every node): a bootstrap sample is a weight
 * per row (how many times it was drawn), which is how scikit-learn's forests and bagging fit their trees too.
 *
 * Why exact splits rather than the histogram trees of tree.ts: these trees grow to pure leaves by default, and a
 * histogram split search costs features × bins per node however few rows the node holds — on the bench matrix a
 * full tree has ~2,500 nodes, most with a handful of rows, so scanning 13 × 255 bins at each cost more than this
 * whole tree (measured: bench/forest.ts). Sorting is what makes exact trees slow (exact-tree.ts sorts every column
 * for each tree); here each column is sorted once per fit and every tree filters that order by its in-bag rows in
 * O(rows · features), then keeps each node's segments sorted by stable partitioning, so a tree level costs
 * O(in-bag rows · features) and nothing is allocated per node.
 *
 * Where we follow scikit-learn (as exact-tree.ts does): the best split maximises the weighted proxy
 * S_L²/W_L + S_R²/W_R, first strictly larger wins, columns in column order (sklearn visits them in a random order,
 * so exact ties between columns may go the other way); values within FEATURE_THRESHOLD are one value; threshold
 * a/2 + b/2 (a when that rounds to b); a node whose weighted variance is ≤ machine epsilon is a leaf; a node needs
 * min_samples_split distinct in-bag rows to split. sklearn casts X to float32; we keep float64.
 */
import type { Matrix } from '../../domain/matrix';

/** sklearn's _splitter.pyx FEATURE_THRESHOLD: sorted values closer than this are treated as one value. */
const FEATURE_THRESHOLD = 1e-7;
/** sklearn's _tree.pyx EPSILON (float64 machine epsilon): a node with variance ≤ this is pure. */
const PURE_VARIANCE = 2.220446049250313e-16;

/** One fitted tree as flat arrays; node 0 is the root and feature −1 marks a leaf. */
export interface CartTree {
	readonly nodeCount: number;
	readonly feature: Int32Array;
	/** x ≤ threshold goes left. */
	readonly threshold: Float64Array;
	readonly left: Int32Array;
	readonly right: Int32Array;
	/** Weighted mean target of the node's rows. */
	readonly value: Float64Array;
	/** Total weight of the node's rows (sklearn's weighted_n_node_samples). */
	readonly weight: Float64Array;
	/** Weighted variance of the node's targets (sklearn's squared-error impurity). */
	readonly impurity: Float64Array;
	/** Depth of the deepest leaf (root = 0). */
	readonly depth: number;
}

export interface CartSettings {
	/** Root = depth 0; Infinity grows until leaves are pure or too small to split. */
	readonly maxDepth: number;
	/** Fewest distinct rows (weight > 0) a node needs before it may be split (≥ 2). */
	readonly minSamplesSplit: number;
}

/** Checks X and y once for every learner built on this core; messages name the field. */
export function checkTrainingData(X: Matrix, y: Float64Array): void {
	const { rows: n, cols: p, data } = X;
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (n < 1) throw new RangeError('X needs at least one training row');
	if (p < 1) throw new RangeError('X needs at least one feature column');
	for (let k = 0; k < data.length; k++)
		if (!Number.isFinite(data[k]))
			throw new RangeError(`X has a non-finite value at row ${Math.floor(k / p)}, column ${k % p}`);
	for (let i = 0; i < n; i++)
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
}

/** max_depth as the catalog gives it (null = unlimited) → a depth limit; RangeError names the field. */
export function depthLimit(maxDepth: number | null): number {
	if (maxDepth === null) return Number.POSITIVE_INFINITY;
	if (!(Number.isInteger(maxDepth) && maxDepth >= 1))
		throw new RangeError(`max_depth must be an integer ≥ 1 or null, got ${maxDepth}`);
	return maxDepth;
}

export class WeightedCartBuilder {
	readonly rows: number;
	readonly cols: number;
	private readonly y: Float64Array;
	/** order0[f·n + k]: the k-th row of all rows sorted by feature f; xs0 the matching values. */
	private readonly order0: Int32Array;
	private readonly xs0: Float64Array;
	// Per-tree work space, reused by every tree.
	private readonly order: Int32Array;
	private readonly xs: Float64Array;
	private readonly wy: Float64Array;
	private readonly goesLeft: Uint8Array;
	private readonly scratchRow: Int32Array;
	private readonly scratchX: Float64Array;
	private readonly stack: Int32Array;
	// The tree being grown (capacity 2n − 1: every leaf holds at least one row).
	private readonly feature: Int32Array;
	private readonly threshold: Float64Array;
	private readonly left: Int32Array;
	private readonly right: Int32Array;
	private readonly value: Float64Array;
	private readonly weight: Float64Array;
	private readonly impurity: Float64Array;

	/** X and y must already have passed {@link checkTrainingData}. */
	constructor(X: Matrix, y: Float64Array) {
		const { rows: n, cols: p } = X;
		this.rows = n;
		this.cols = p;
		this.y = y;
		this.order0 = new Int32Array(n * p);
		this.xs0 = new Float64Array(n * p);
		presortColumns(X, this.order0, this.xs0);
		this.order = new Int32Array(n * p);
		this.xs = new Float64Array(n * p);
		this.wy = new Float64Array(n);
		this.goesLeft = new Uint8Array(n);
		this.scratchRow = new Int32Array(n);
		this.scratchX = new Float64Array(n);
		// Depth-first with the left child on top: at most one pending right sibling per level, ≤ n levels.
		this.stack = new Int32Array(4 * (n + 1));
		const cap = 2 * n - 1;
		this.feature = new Int32Array(cap);
		this.threshold = new Float64Array(cap);
		this.left = new Int32Array(cap);
		this.right = new Int32Array(cap);
		this.value = new Float64Array(cap);
		this.weight = new Float64Array(cap);
		this.impurity = new Float64Array(cap);
	}

	/**
	 * Grows one tree on the rows with w[i] > 0, row i counting w[i] times (a bootstrap count, or any non-negative
	 * weight). Returns null when every weight is 0.
	 */
	grow(w: Float64Array, settings: CartSettings): CartTree | null {
		const { rows: n, cols: p, y, order0, xs0, order, xs, wy, goesLeft } = this;
		const { maxDepth, minSamplesSplit } = settings;
		if (w.length !== n) throw new RangeError(`weights has ${w.length} values for ${n} rows`);
		for (let i = 0; i < n; i++) wy[i] = w[i] * y[i];
		// Each column's sorted order restricted to the in-bag rows.
		let m = 0;
		for (let f = 0; f < p; f++) {
			const base = f * n;
			let j = base;
			for (let k = base; k < base + n; k++) {
				const r = order0[k];
				if (w[r] > 0) {
					order[j] = r;
					xs[j] = xs0[k];
					j++;
				}
			}
			m = j - base;
		}
		if (m === 0) return null;

		const { feature, threshold, left, right, value, weight, impurity, stack } = this;
		let nodeCount = 1;
		let depthReached = 0;
		let top = 0;
		stack[top++] = 0;
		stack[top++] = m;
		stack[top++] = 0;
		stack[top++] = 0;
		while (top > 0) {
			const node = stack[--top];
			const depth = stack[--top];
			const end = stack[--top];
			const start = stack[--top];
			if (depth > depthReached) depthReached = depth;

			let W = 0;
			let S = 0;
			let SS = 0;
			for (let k = start; k < end; k++) {
				const r = order[k];
				const a = wy[r];
				W += w[r];
				S += a;
				SS += a * y[r];
			}
			const mean = S / W;
			const variance = SS / W - mean * mean;
			value[node] = mean;
			weight[node] = W;
			impurity[node] = variance;
			feature[node] = -1;
			left[node] = -1;
			right[node] = -1;
			const size = end - start;
			if (depth >= maxDepth || size < minSamplesSplit || size < 2 || !(variance > PURE_VARIANCE)) continue;

			let bestFeature = -1;
			let bestPos = -1;
			let bestProxy = Number.NEGATIVE_INFINITY;
			for (let f = 0; f < p; f++) {
				const base = f * n;
				const last = base + end - 1;
				if (xs[last] <= xs[base + start] + FEATURE_THRESHOLD) continue;
				let wl = 0;
				let sl = 0;
				for (let k = base + start; k < last; k++) {
					const r = order[k];
					wl += w[r];
					sl += wy[r];
					if (xs[k + 1] <= xs[k] + FEATURE_THRESHOLD) continue;
					const sr = S - sl;
					const proxy = (sl * sl) / wl + (sr * sr) / (W - wl);
					if (proxy > bestProxy) {
						bestProxy = proxy;
						bestFeature = f;
						bestPos = k + 1 - base;
					}
				}
			}
			if (bestFeature < 0) continue;

			const base = bestFeature * n;
			const a = xs[base + bestPos - 1];
			const b = xs[base + bestPos];
			let t = a / 2 + b / 2;
			if (t === b || !Number.isFinite(t)) t = a;
			feature[node] = bestFeature;
			threshold[node] = t;
			for (let k = base + start; k < base + end; k++) goesLeft[order[k]] = k < base + bestPos ? 1 : 0;
			for (let f = 0; f < p; f++) {
				if (f !== bestFeature) this.partition(f * n + start, f * n + end);
			}
			const leftId = nodeCount++;
			const rightId = nodeCount++;
			left[node] = leftId;
			right[node] = rightId;
			// Right pushed first so the left child is grown first (the order does not change the tree).
			stack[top++] = bestPos;
			stack[top++] = end;
			stack[top++] = depth + 1;
			stack[top++] = rightId;
			stack[top++] = start;
			stack[top++] = bestPos;
			stack[top++] = depth + 1;
			stack[top++] = leftId;
		}
		return {
			nodeCount,
			feature: feature.slice(0, nodeCount),
			threshold: threshold.slice(0, nodeCount),
			left: left.slice(0, nodeCount),
			right: right.slice(0, nodeCount),
			value: value.slice(0, nodeCount),
			weight: weight.slice(0, nodeCount),
			impurity: impurity.slice(0, nodeCount),
			depth: depthReached
		};
	}

	/** Stable in-place partition of one column's segment: rows marked left first, each side still sorted. */
	private partition(from: number, to: number): void {
		const { order, xs, goesLeft, scratchRow, scratchX } = this;
		let write = from;
		let spill = 0;
		for (let k = from; k < to; k++) {
			const row = order[k];
			if (goesLeft[row] === 1) {
				order[write] = row;
				xs[write] = xs[k];
				write++;
			} else {
				scratchRow[spill] = row;
				scratchX[spill] = xs[k];
				spill++;
			}
		}
		// Plain loops rather than set(subarray(…)): no view objects allocated per node.
		for (let k = 0; k < spill; k++) {
			order[write + k] = scratchRow[k];
			xs[write + k] = scratchX[k];
		}
	}
}

/**
 * Sorts every column once (ties by row index). A native numeric sort of the values, then each row's rank by
 * binary search and a counting sort by rank: several times faster than sorting indices with a comparator.
 */
function presortColumns(X: Matrix, order: Int32Array, xs: Float64Array): void {
	const { rows: n, cols: p, data } = X;
	const sorted = new Float64Array(n);
	const rank = new Int32Array(n);
	const start = new Int32Array(n + 1);
	for (let f = 0; f < p; f++) {
		for (let i = 0; i < n; i++) sorted[i] = data[i * p + f];
		sorted.sort();
		start.fill(0);
		for (let i = 0; i < n; i++) {
			const v = data[i * p + f];
			let lo = 0;
			let hi = n - 1;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				if (sorted[mid] < v) lo = mid + 1;
				else hi = mid;
			}
			rank[i] = lo;
			start[lo + 1]++;
		}
		for (let k = 0; k < n; k++) start[k + 1] += start[k];
		const base = f * n;
		for (let i = 0; i < n; i++) {
			const k = base + start[rank[i]]++;
			order[k] = i;
			xs[k] = data[i * p + f];
		}
	}
}

/**
 * sklearn's tree feature_importances_ with weights: each split's W·impurity − W_L·impurity_L − W_R·impurity_R
 * credited to its feature, normalised to sum 1 (all zeros when the tree never split).
 */
export function treeImportance(tree: CartTree, p: number): Float64Array {
	const { nodeCount, feature, left, right, weight, impurity } = tree;
	const out = new Float64Array(p);
	for (let node = 0; node < nodeCount; node++) {
		const f = feature[node];
		if (f < 0) continue;
		const l = left[node];
		const r = right[node];
		out[f] += weight[node] * impurity[node] - weight[l] * impurity[l] - weight[r] * impurity[r];
	}
	let total = 0;
	for (let f = 0; f < p; f++) total += out[f];
	if (total > 0) for (let f = 0; f < p; f++) out[f] /= total;
	return out;
}

/** Output of `tree` for row r of X (row-major, p columns). */
export function predictTreeRow(tree: CartTree, data: Float64Array, base: number): number {
	const { feature, threshold, left, right, value } = tree;
	let node = 0;
	while (feature[node] >= 0) node = data[base + feature[node]] <= threshold[node] ? left[node] : right[node];
	return value[node];
}
