/**
 * One CART regression tree with exact splits, like scikit-learn's DecisionTreeRegressor (squared error,
 * min_samples_leaf 1, every feature at every node). Unlike the histogram trees beside it (tree.ts, for boosting),
 * every threshold midway between consecutive distinct sorted values is a candidate.
 *
 * Features are NOT standardised: a split "x ≤ t" on a rescaled column partitions the rows the same way, so the
 * tree and its predictions are invariant to any increasing per-column transform.
 *
 * Speed: each feature's row order is sorted once at the root; a split stably partitions every feature's segment
 * of the node in place, so children keep their sorted orders and a tree level costs O(rows · features).
 *
 * Where we follow scikit-learn to agree with it to rounding (fixture in exact-tree.fixture.json):
 * - the best split maximises the proxy Σ_L²/n_L + Σ_R²/n_R, the first strictly larger one winning; features are
 *   visited in column order (sklearn visits them in a random order, so exact ties between features — two columns
 *   inducing the same partition — may be broken differently; predictions on training rows are then the same);
 * - values within FEATURE_THRESHOLD of each other count as equal (no threshold between them);
 * - threshold = a/2 + b/2, falling back to a when that rounds to b;
 * - a node whose variance is ≤ machine epsilon is a leaf.
 * One deliberate difference: sklearn casts X to float32 before fitting and predicting; we keep float64.
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';

export interface ExactTreeParams {
	/** Maximum depth (root = depth 0); null grows until leaves are pure or too small to split. */
	readonly max_depth: number | null;
	/** Fewest rows a node needs before it may be split (≥ 2). */
	readonly min_samples_split: number;
}

/** A fitted tree as flat arrays; node 0 is the root. */
export interface ExactTreeArrays {
	readonly nodeCount: number;
	/** −1 marks a leaf. */
	readonly feature: Int32Array;
	/** x ≤ threshold goes left. */
	readonly threshold: Float64Array;
	readonly left: Int32Array;
	readonly right: Int32Array;
	/** Mean target of the node's training rows. */
	readonly value: Float64Array;
	/** Training rows that reached the node. */
	readonly count: Int32Array;
	/** Variance of the node's training targets (sklearn's squared-error impurity). */
	readonly impurity: Float64Array;
}

export interface ExactTreeModel extends FittedModel, ExactTreeArrays {
	readonly info: { readonly leaves: number; readonly depth: number; readonly nodes: number };
	predict(X: Matrix): Float64Array;
	importance(): Float64Array;
}

/** sklearn's _splitter.pyx FEATURE_THRESHOLD: sorted values closer than this are treated as one value. */
const FEATURE_THRESHOLD = 1e-7;
/** sklearn's _tree.pyx EPSILON (float64 machine epsilon): a node with variance ≤ this is pure. */
const PURE_VARIANCE = 2.220446049250313e-16;
/** Cancellation is polled after this many nodes (a node costs ~rows · features operations at most). */
const NODES_PER_CANCEL_CHECK = 64;

export function fitExactTree(
	X: Matrix,
	y: Float64Array,
	params: ExactTreeParams,
	ctx: Pick<FitContext, 'onProgress' | 'isCancelled'> = {}
): ExactTreeModel {
	const { rows: n, cols: p, data } = X;
	const { max_depth: maxDepthParam, min_samples_split: minSplit } = params;
	if (maxDepthParam !== null && !(Number.isInteger(maxDepthParam) && maxDepthParam >= 1))
		throw new RangeError(`max_depth must be an integer ≥ 1 or null, got ${maxDepthParam}`);
	if (!(Number.isInteger(minSplit) && minSplit >= 2))
		throw new RangeError(`min_samples_split must be an integer ≥ 2, got ${minSplit}`);
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (n < 1) throw new RangeError('decision_tree needs at least one training row');
	if (p < 1) throw new RangeError('decision_tree needs at least one feature column');
	for (let k = 0; k < data.length; k++)
		if (!Number.isFinite(data[k]))
			throw new RangeError(`X has a non-finite value at row ${Math.floor(k / p)}, column ${k % p}`);
	for (let i = 0; i < n; i++)
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
	const maxDepth = maxDepthParam ?? Number.POSITIVE_INFINITY;

	// order[f·n + k]: the k-th row of the current node segment sorted by feature f; xs holds the matching values.
	const order = new Int32Array(n * p);
	const xs = new Float64Array(n * p);
	const column = new Float64Array(n);
	const idx = new Int32Array(n);
	for (let f = 0; f < p; f++) {
		for (let i = 0; i < n; i++) {
			column[i] = data[i * p + f];
			idx[i] = i;
		}
		// Ties by row index keep the order deterministic (the split found does not depend on it).
		idx.sort((a, b) => column[a] - column[b] || a - b);
		for (let k = 0; k < n; k++) {
			order[f * n + k] = idx[k];
			xs[f * n + k] = column[idx[k]];
		}
	}

	// At most 2n − 1 nodes: every leaf holds ≥ 1 row.
	const cap = 2 * n - 1;
	const feature = new Int32Array(cap).fill(-1);
	const threshold = new Float64Array(cap);
	const left = new Int32Array(cap).fill(-1);
	const right = new Int32Array(cap).fill(-1);
	const value = new Float64Array(cap);
	const count = new Int32Array(cap);
	const impurity = new Float64Array(cap);
	let nodeCount = 0;
	let leaves = 0;
	let depthReached = 0;
	let rowsSettled = 0;
	let visited = 0;

	const goesLeft = new Uint8Array(n);
	const scratchRow = new Int32Array(n);
	const scratchX = new Float64Array(n);

	// Depth-first, like sklearn's DepthFirstTreeBuilder; the stack holds [start, end, depth, node id].
	const stack: number[] = [0, n, 0, nodeCount++];
	while (stack.length > 0) {
		const node = stack.pop()!;
		const depth = stack.pop()!;
		const end = stack.pop()!;
		const start = stack.pop()!;
		const size = end - start;
		if (depth > depthReached) depthReached = depth;

		let sum = 0;
		let sqSum = 0;
		for (let k = start; k < end; k++) {
			const v = y[order[k]];
			sum += v;
			sqSum += v * v;
		}
		const mean = sum / size;
		const variance = sqSum / size - mean * mean;
		value[node] = mean;
		count[node] = size;
		impurity[node] = variance;

		let bestFeature = -1;
		let bestPos = -1;
		let bestProxy = Number.NEGATIVE_INFINITY;
		if (depth < maxDepth && size >= minSplit && size >= 2 && variance > PURE_VARIANCE) {
			for (let f = 0; f < p; f++) {
				const base = f * n;
				if (xs[base + end - 1] <= xs[base + start] + FEATURE_THRESHOLD) continue;
				let sumLeft = 0;
				for (let k = start; k < end - 1; k++) {
					sumLeft += y[order[base + k]];
					if (xs[base + k + 1] <= xs[base + k] + FEATURE_THRESHOLD) continue;
					const nLeft = k + 1 - start;
					const sumRight = sum - sumLeft;
					const proxy = (sumLeft * sumLeft) / nLeft + (sumRight * sumRight) / (size - nLeft);
					if (proxy > bestProxy) {
						bestProxy = proxy;
						bestFeature = f;
						bestPos = k + 1;
					}
				}
			}
		}

		if (bestFeature < 0) {
			leaves++;
			rowsSettled += size;
		} else {
			const base = bestFeature * n;
			const a = xs[base + bestPos - 1];
			const b = xs[base + bestPos];
			let t = a / 2 + b / 2;
			if (t === b || !Number.isFinite(t)) t = a;
			feature[node] = bestFeature;
			threshold[node] = t;
			for (let k = start; k < end; k++) goesLeft[order[base + k]] = k < bestPos ? 1 : 0;
			for (let f = 0; f < p; f++) {
				if (f === bestFeature) continue;
				partitionSegment(order, xs, f * n + start, f * n + end, goesLeft, scratchRow, scratchX);
			}
			const leftId = nodeCount++;
			const rightId = nodeCount++;
			left[node] = leftId;
			right[node] = rightId;
			// Right pushed first so the left child is grown first (the order does not change the tree).
			stack.push(bestPos, end, depth + 1, rightId);
			stack.push(start, bestPos, depth + 1, leftId);
		}

		if (++visited % NODES_PER_CANCEL_CHECK === 0) {
			if (ctx.isCancelled?.()) throw new FitCancelledError();
			ctx.onProgress?.(rowsSettled / n);
		}
	}
	ctx.onProgress?.(1);

	const tree = {
		nodeCount,
		feature: feature.slice(0, nodeCount),
		threshold: threshold.slice(0, nodeCount),
		left: left.slice(0, nodeCount),
		right: right.slice(0, nodeCount),
		value: value.slice(0, nodeCount),
		count: count.slice(0, nodeCount),
		impurity: impurity.slice(0, nodeCount)
	};
	const importances = impurityImportance(tree, p);
	return {
		...tree,
		info: { leaves, depth: depthReached, nodes: nodeCount },
		predict: (Xte: Matrix) => predictTree(tree, Xte, p),
		importance: () => importances.slice()
	};
}

/** Stable in-place partition of one feature's segment: rows marked left first, each side still sorted. */
export function partitionSegment(
	order: Int32Array,
	xs: Float64Array,
	from: number,
	to: number,
	goesLeft: Uint8Array,
	scratchRow: Int32Array,
	scratchX: Float64Array
): void {
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
	order.set(scratchRow.subarray(0, spill), write);
	xs.set(scratchX.subarray(0, spill), write);
}

/**
 * sklearn's feature_importances_: each split's n·impurity − n_L·impurity_L − n_R·impurity_R credited to its
 * feature, normalised to sum 1 (all zeros when the tree never split).
 */
export function impurityImportance(tree: ExactTreeArrays, p: number): Float64Array {
	const { nodeCount, feature, left, right, count, impurity } = tree;
	const out = new Float64Array(p);
	for (let node = 0; node < nodeCount; node++) {
		const f = feature[node];
		if (f < 0) continue;
		const l = left[node];
		const r = right[node];
		out[f] += count[node] * impurity[node] - count[l] * impurity[l] - count[r] * impurity[r];
	}
	let total = 0;
	for (let f = 0; f < p; f++) total += out[f];
	if (total > 0) for (let f = 0; f < p; f++) out[f] /= total;
	return out;
}

function predictTree(tree: ExactTreeArrays, X: Matrix, trainCols: number): Float64Array {
	if (X.cols !== trainCols)
		throw new RangeError(`the tree was fitted on ${trainCols} columns but X has ${X.cols}`);
	const { feature, threshold, left, right, value } = tree;
	const out = new Float64Array(X.rows);
	for (let i = 0; i < X.rows; i++) {
		const base = i * X.cols;
		let node = 0;
		while (feature[node] >= 0)
			node = X.data[base + feature[node]] <= threshold[node] ? left[node] : right[node];
		out[i] = value[node];
	}
	return out;
}
