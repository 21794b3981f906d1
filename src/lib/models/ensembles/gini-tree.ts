/**
 * One CART classification tree for labels 0/1 with exact splits and the Gini criterion, like scikit-learn's
 * DecisionTreeClassifier (min_samples_leaf 1, every feature at every node, no class weights). A leaf predicts the
 * share of its training rows labelled 1 (predict_proba's second column). Built like trees/exact-tree.ts (each
 * feature's row order sorted once at the root, then partitioned stably at every split, so a level costs
 * O(rows · features)); only the criterion and the leaf value differ.
 *
 * Features are NOT standardised: a split "x ≤ t" partitions the rows the same way on any increasing rescaling.
 *
 * Where we follow scikit-learn to agree with it to rounding (fixture: voting.fixture.json, `gini_tree`):
 * - the best split maximises its proxy −n_R·gini_R − n_L·gini_L with gini = 1 − (n₀² + n₁²)/n², computed in that
 *   order; the first strictly larger one wins, features visited in column order (scikit-learn visits them in a
 *   random order, so where two features split a node equally well the winner may differ);
 * - values within FEATURE_THRESHOLD of each other count as equal; threshold = a/2 + b/2, or a when that rounds
 *   to b; a node whose Gini impurity is ≤ machine epsilon (a pure node) is a leaf.
 * One deliberate difference: scikit-learn casts X to float32 before fitting and predicting; we keep float64.
 */
import type { Matrix } from '../../domain/matrix';
import { impurityImportance } from '../trees/exact-tree';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';

export interface GiniTreeParams {
	/** Maximum depth (root = depth 0); null grows until leaves are pure or too small to split. */
	readonly max_depth: number | null;
	/** Fewest rows a node needs before it may be split (≥ 2). */
	readonly min_samples_split: number;
}

export interface GiniTreeModel extends FittedModel {
	readonly info: { readonly leaves: number; readonly depth: number; readonly nodes: number };
	/** Share of label 1 among the training rows of each row's leaf, in [0, 1]. */
	predict(X: Matrix): Float64Array;
	/** Gini decrease per feature, normalised to sum 1 (scikit-learn's feature_importances_). */
	importance(): Float64Array;
}

/** sklearn's _splitter.pyx FEATURE_THRESHOLD: sorted values closer than this are treated as one value. */
const FEATURE_THRESHOLD = 1e-7;
/** sklearn's _tree.pyx EPSILON (float64 machine epsilon): a node with impurity ≤ this is pure. */
const PURE_IMPURITY = 2.220446049250313e-16;
/** Cancellation is polled after this many nodes (a node costs ~rows · features operations at most). */
const NODES_PER_CANCEL_CHECK = 64;

export function fitGiniTree(
	X: Matrix,
	y: Float64Array,
	params: GiniTreeParams,
	ctx: Pick<FitContext, 'onProgress' | 'isCancelled'> = {}
): GiniTreeModel {
	const { rows: n, cols: p, data } = X;
	const { max_depth: maxDepthParam, min_samples_split: minSplit } = params;
	if (maxDepthParam !== null && !(Number.isInteger(maxDepthParam) && maxDepthParam >= 1))
		throw new RangeError(`max_depth must be an integer ≥ 1 or null, got ${maxDepthParam}`);
	if (!(Number.isInteger(minSplit) && minSplit >= 2))
		throw new RangeError(`min_samples_split must be an integer ≥ 2, got ${minSplit}`);
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);
	if (n < 1) throw new RangeError('the classification tree needs at least one training row');
	if (p < 1) throw new RangeError('the classification tree needs at least one feature column');
	for (let k = 0; k < data.length; k++)
		if (!Number.isFinite(data[k]))
			throw new RangeError(`X has a non-finite value at row ${Math.floor(k / p)}, column ${k % p}`);
	for (let i = 0; i < n; i++)
		if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`y must hold labels 0 or 1, got ${y[i]} at row ${i}`);
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
		idx.sort((a, b) => column[a] - column[b] || a - b);
		for (let k = 0; k < n; k++) {
			order[f * n + k] = idx[k];
			xs[f * n + k] = column[idx[k]];
		}
	}

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

		let ones = 0;
		for (let k = start; k < end; k++) ones += y[order[k]];
		const zeros = size - ones;
		const gini = 1 - (zeros * zeros + ones * ones) / (size * size);
		value[node] = ones / size;
		count[node] = size;
		impurity[node] = gini;

		let bestFeature = -1;
		let bestPos = -1;
		let bestProxy = Number.NEGATIVE_INFINITY;
		if (depth < maxDepth && size >= minSplit && size >= 2 && gini > PURE_IMPURITY) {
			for (let f = 0; f < p; f++) {
				const base = f * n;
				if (xs[base + end - 1] <= xs[base + start] + FEATURE_THRESHOLD) continue;
				let onesLeft = 0;
				for (let k = start; k < end - 1; k++) {
					onesLeft += y[order[base + k]];
					if (xs[base + k + 1] <= xs[base + k] + FEATURE_THRESHOLD) continue;
					const nLeft = k + 1 - start;
					const nRight = size - nLeft;
					const zerosLeft = nLeft - onesLeft;
					const onesRight = ones - onesLeft;
					const zerosRight = nRight - onesRight;
					const giniLeft = 1 - (zerosLeft * zerosLeft + onesLeft * onesLeft) / (nLeft * nLeft);
					const giniRight = 1 - (zerosRight * zerosRight + onesRight * onesRight) / (nRight * nRight);
					const proxy = -nRight * giniRight - nLeft * giniLeft;
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
		info: { leaves, depth: depthReached, nodes: nodeCount },
		predict(Xte: Matrix): Float64Array {
			if (Xte.cols !== p) throw new RangeError(`the tree was fitted on ${p} columns but X has ${Xte.cols}`);
			const out = new Float64Array(Xte.rows);
			for (let i = 0; i < Xte.rows; i++) {
				const base = i * p;
				let at = 0;
				while (tree.feature[at] >= 0)
					at = Xte.data[base + tree.feature[at]] <= tree.threshold[at] ? tree.left[at] : tree.right[at];
				out[i] = tree.value[at];
			}
			return out;
		},
		importance: () => importances.slice()
	};
}

/** Stable in-place partition of one feature's segment: rows marked left first, each side still sorted. */
function partitionSegment(
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
