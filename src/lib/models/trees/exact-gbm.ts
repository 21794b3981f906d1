/**
 * Classic gradient boosting with exact split search (the catalog's `gradient_boosting`), following scikit-learn's
 * GradientBoostingRegressor with its defaults for everything the catalog does not expose: squared-error loss,
 * init = mean(y), subsample 1.0, every tree a CART tree of max_depth 3 with the friedman_mse criterion,
 * min_samples_split 2, min_samples_leaf 1, every feature at every node. Each tree is fitted to the residuals
 * y − F(x) and added with weight learning_rate; its leaves hold the mean residual (for squared error sklearn does
 * not re-estimate leaf values).
 *
 * Speed: every column is sorted once per fit, not once per tree or per node. Each tree starts from a copy of those
 * orders and grows depth-first; a split stably partitions every feature's segment of the node, so children stay
 * sorted and a tree level costs O(rows · features), with no re-sorting.
 *
 * Where we follow scikit-learn to agree with it to rounding (fixture in exact-gbm.fixture.json):
 * - the split maximises friedman_mse's proxy (n_R·Σ_L − n_L·Σ_R)² / (n_L·n_R), the first strictly larger one
 *   winning, with Σ_L updated as sklearn's Criterion.update does;
 * - features are visited in the order sklearn visits them with random_state=0 (sklearn-feature-order.ts: its
 *   MT19937 draw per tree and per-node Fisher–Yates over non-constant features), and nodes are grown in its
 *   depth-first order, so columns inducing the same partition of a node are tried in the same order. sklearn's leaf
 *   means sum the rows in another order, so residuals agree to ~1e-17, not bit for bit: where two columns give the
 *   same partition, that last bit can still pick the other column (training predictions are the same either way; a
 *   test row may take the other branch — 3 of 500 fixture test rows);
 * - values within FEATURE_THRESHOLD of each other count as equal; threshold = a/2 + b/2, or a when that rounds to b;
 * - a node whose variance is ≤ machine epsilon is a leaf;
 * - importances: each split's n·var − n_L·var_L − n_R·var_R, summed per feature over all trees, normalised to 1.
 * One deliberate difference: sklearn casts X to float32 before fitting and predicting; we keep float64.
 * ctx.rng is not used: with subsample 1.0 the only randomness is that feature order, fixed to random_state 0.
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import { partitionSegment } from './exact-tree';
import { FeatureOrder, Mt19937, RandR } from './sklearn-feature-order';

export interface ExactGbmParams {
	readonly n_estimators: number;
	readonly learning_rate: number;
	/** sklearn's default 3; the catalog does not expose it. */
	readonly max_depth?: number;
}

export interface ExactGbmModel extends FittedModel {
	readonly baseline: number;
	readonly info: { readonly trees: number; readonly leaves: number; readonly nodes: number };
	predict(X: Matrix): Float64Array;
	importance(): Float64Array;
}

/** The random_state whose feature order we reproduce (the catalog's reference fit). */
const SKLEARN_RANDOM_STATE = 0;
/** GradientBoostingRegressor's default max_depth. */
export const SKLEARN_MAX_DEPTH = 3;
/** GradientBoostingRegressor's default min_samples_split (min_samples_leaf 1 then never binds). */
const MIN_SAMPLES_SPLIT = 2;
/** sklearn's _splitter.pyx FEATURE_THRESHOLD: sorted values closer than this are treated as one value. */
const FEATURE_THRESHOLD = 1e-7;
/** sklearn's _tree.pyx EPSILON (float64 machine epsilon): a node with variance ≤ this is pure. */
const PURE_VARIANCE = 2.220446049250313e-16;

function checkInput(X: Matrix, y: Float64Array, params: ExactGbmParams): number {
	const { n_estimators: trees, learning_rate: rate } = params;
	const maxDepth = params.max_depth ?? SKLEARN_MAX_DEPTH;
	if (!(Number.isInteger(trees) && trees >= 1))
		throw new RangeError(`n_estimators must be a whole number ≥ 1, got ${trees}`);
	if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`learning_rate must be > 0, got ${rate}`);
	if (!(Number.isInteger(maxDepth) && maxDepth >= 1))
		throw new RangeError(`max_depth must be a whole number ≥ 1, got ${maxDepth}`);
	const { rows: n, cols: p, data } = X;
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (n < 1) throw new RangeError('gradient_boosting needs at least one training row');
	if (p < 1) throw new RangeError('gradient_boosting needs at least one feature column');
	for (let k = 0; k < data.length; k++)
		if (!Number.isFinite(data[k]))
			throw new RangeError(`X has a non-finite value at row ${Math.floor(k / p)}, column ${k % p}`);
	for (let i = 0; i < n; i++)
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
	return maxDepth;
}

/** Growable flat node arrays shared by all trees of one model. */
class NodeStore {
	feature: Int32Array;
	threshold: Float64Array;
	left: Int32Array;
	right: Int32Array;
	/** learning_rate × mean residual of the node's rows (the contribution of a leaf). */
	value: Float64Array;
	count = 0;
	constructor(capacity: number) {
		this.feature = new Int32Array(capacity);
		this.threshold = new Float64Array(capacity);
		this.left = new Int32Array(capacity);
		this.right = new Int32Array(capacity);
		this.value = new Float64Array(capacity);
	}
	add(value: number): number {
		if (this.count === this.feature.length) this.grow();
		const id = this.count++;
		this.feature[id] = -1;
		this.left[id] = -1;
		this.right[id] = -1;
		this.value[id] = value;
		return id;
	}
	private grow(): void {
		const cap = this.feature.length * 2;
		const copy = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
			const b = make(cap);
			b.set(a);
			return b;
		};
		this.feature = copy(this.feature, (k) => new Int32Array(k));
		this.threshold = copy(this.threshold, (k) => new Float64Array(k));
		this.left = copy(this.left, (k) => new Int32Array(k));
		this.right = copy(this.right, (k) => new Int32Array(k));
		this.value = copy(this.value, (k) => new Float64Array(k));
	}
}

export function fitExactGbm(
	X: Matrix,
	y: Float64Array,
	params: ExactGbmParams,
	ctx: FitContext
): ExactGbmModel {
	const maxDepth = checkInput(X, y, params);
	const { rows: n, cols: p, data } = X;
	const rate = params.learning_rate;

	let baseline = 0;
	for (let i = 0; i < n; i++) baseline += y[i];
	baseline /= n;

	// order[f·n + k]: the k-th row sorted by feature f (ties by row index); xs holds the matching values.
	const order = new Int32Array(n * p);
	const xs = new Float64Array(n * p);
	const idx = new Int32Array(n);
	for (let f = 0; f < p; f++) {
		for (let i = 0; i < n; i++) idx[i] = i;
		idx.sort((a, b) => data[a * p + f] - data[b * p + f] || a - b);
		for (let k = 0; k < n; k++) {
			order[f * n + k] = idx[k];
			xs[f * n + k] = data[idx[k] * p + f];
		}
	}

	const pred = new Float64Array(n).fill(baseline);
	const residual = new Float64Array(n);
	const nodeOf = new Int32Array(n);
	const nodes = new NodeStore(params.n_estimators * 15);
	const roots = new Int32Array(params.n_estimators);
	const decrease = new Float64Array(p);
	const grower = new DepthFirstGrower(n, p, order, xs, maxDepth);
	// sklearn's RandomState(random_state=0): one draw per tree seeds that tree's feature order.
	const randomState = new Mt19937(SKLEARN_RANDOM_STATE);

	for (let t = 0; t < params.n_estimators; t++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		for (let i = 0; i < n; i++) residual[i] = y[i] - pred[i];
		const features = new FeatureOrder(p, new RandR(randomState.randRSeed()));
		roots[t] = grower.grow(residual, nodeOf, nodes, rate, decrease, features);
		for (let i = 0; i < n; i++) pred[i] += nodes.value[nodeOf[i]];
		ctx.onProgress?.((t + 1) / params.n_estimators);
	}

	let total = 0;
	for (let f = 0; f < p; f++) total += decrease[f];
	const importance = Float64Array.from(decrease, (d) => (total > 0 ? d / total : 0));
	const count = nodes.count;
	const feature = nodes.feature.slice(0, count);
	const threshold = nodes.threshold.slice(0, count);
	const left = nodes.left.slice(0, count);
	const right = nodes.right.slice(0, count);
	const value = nodes.value.slice(0, count);
	let leaves = 0;
	for (let k = 0; k < count; k++) if (feature[k] < 0) leaves++;

	return {
		baseline,
		info: { trees: roots.length, leaves, nodes: count },
		predict(Xte: Matrix): Float64Array {
			if (Xte.cols !== p) throw new RangeError(`the model was fitted on ${p} columns but X has ${Xte.cols}`);
			const out = new Float64Array(Xte.rows);
			const d = Xte.data;
			for (let r = 0; r < Xte.rows; r++) {
				const base = r * p;
				let s = baseline;
				for (let k = 0; k < roots.length; k++) {
					let node = roots[k];
					while (feature[node] >= 0)
						node = d[base + feature[node]] <= threshold[node] ? left[node] : right[node];
					s += value[node];
				}
				out[r] = s;
			}
			return out;
		},
		importance: () => importance.slice()
	};
}

/**
 * Grows one tree depth-first, left child first, like sklearn's DepthFirstTreeBuilder, on copies of the presorted
 * columns: a split stably partitions every feature's segment of the node, so children stay sorted and a tree level
 * costs O(rows · features). Features are visited in sklearn's order (FeatureOrder), so exact ties go the same way.
 */
class DepthFirstGrower {
	private readonly order: Int32Array;
	private readonly xs: Float64Array;
	private readonly goesLeft: Uint8Array;
	private readonly scratchRow: Int32Array;
	private readonly scratchX: Float64Array;

	constructor(
		private readonly n: number,
		private readonly p: number,
		private readonly sortedOrder: Int32Array,
		private readonly sortedXs: Float64Array,
		private readonly maxDepth: number
	) {
		this.order = new Int32Array(n * p);
		this.xs = new Float64Array(n * p);
		this.goesLeft = new Uint8Array(n);
		this.scratchRow = new Int32Array(n);
		this.scratchX = new Float64Array(n);
	}

	/** Grows a tree on `residual`, leaves each row's leaf id in nodeOf, returns the root id. */
	grow(
		residual: Float64Array,
		nodeOf: Int32Array,
		nodes: NodeStore,
		rate: number,
		decrease: Float64Array,
		features: FeatureOrder
	): number {
		const { n, order, xs, goesLeft } = this;
		order.set(this.sortedOrder);
		xs.set(this.sortedXs);
		const root = nodes.add(0);
		// Stack entries: start, end, depth, node id, known constant features.
		const stack: number[] = [0, n, 0, root, 0];
		while (stack.length > 0) {
			const known = stack.pop()!;
			const node = stack.pop()!;
			const depth = stack.pop()!;
			const end = stack.pop()!;
			const start = stack.pop()!;
			const size = end - start;
			let sum = 0;
			let sqSum = 0;
			for (let k = start; k < end; k++) {
				const r = residual[order[k]];
				sum += r;
				sqSum += r * r;
			}
			nodes.value[node] = rate * (sum / size);
			const mean = sum / size;
			let split: { feature: number; pos: number; low: number; high: number } | null = null;
			let childKnown = known;
			if (depth < this.maxDepth && size >= MIN_SAMPLES_SPLIT && sqSum / size - mean * mean > PURE_VARIANCE) {
				let bestProxy = Number.NEGATIVE_INFINITY;
				childKnown = features.visit(known, (f) => {
					const base = f * n;
					if (xs[base + end - 1] <= xs[base + start] + FEATURE_THRESHOLD) return true;
					// sklearn's Criterion.update: sum_left grows from the last position, or is rebuilt from the
					// total by subtracting the rows past the new position when that is fewer rows.
					let sumLeft = 0;
					let at = start;
					for (let k = start; k < end - 1; k++) {
						if (xs[base + k + 1] <= xs[base + k] + FEATURE_THRESHOLD) continue;
						const next = k + 1;
						if (next - at <= end - next) {
							for (let q = at; q < next; q++) sumLeft += residual[order[base + q]];
						} else {
							sumLeft = sum;
							for (let q = end - 1; q >= next; q--) sumLeft -= residual[order[base + q]];
						}
						at = next;
						const nLeft = next - start;
						const nRight = size - nLeft;
						const diff = nRight * sumLeft - nLeft * (sum - sumLeft);
						const proxy = (diff * diff) / (nLeft * nRight);
						if (proxy > bestProxy) {
							bestProxy = proxy;
							split = { feature: f, pos: k + 1, low: xs[base + k], high: xs[base + k + 1] };
						}
					}
					return false;
				});
			}
			if (split === null) {
				for (let k = start; k < end; k++) nodeOf[order[k]] = node;
				continue;
			}
			const { feature: f, pos, low, high } = split;
			let t = low / 2 + high / 2;
			if (t === high || !Number.isFinite(t)) t = low;
			nodes.feature[node] = f;
			nodes.threshold[node] = t;
			const base = f * n;
			let sumL = 0;
			let sqL = 0;
			for (let k = start; k < end; k++) {
				const left = k < pos;
				goesLeft[order[base + k]] = left ? 1 : 0;
				if (left) {
					const r = residual[order[base + k]];
					sumL += r;
					sqL += r * r;
				}
			}
			decrease[f] +=
				sse(size, sum, sqSum) - sse(pos - start, sumL, sqL) - sse(end - pos, sum - sumL, sqSum - sqL);
			for (let g = 0; g < this.p; g++) {
				if (g === f) continue;
				partitionSegment(order, xs, g * n + start, g * n + end, goesLeft, this.scratchRow, this.scratchX);
			}
			const l = nodes.add(0);
			const r = nodes.add(0);
			nodes.left[node] = l;
			nodes.right[node] = r;
			// Right pushed first so the left child is grown first (sklearn's order, which its draws depend on).
			stack.push(pos, end, depth + 1, r, childKnown);
			stack.push(start, pos, depth + 1, l, childKnown);
		}
		return root;
	}
}

/** n · variance of a node from its count, sum and sum of squares (sklearn's weighted impurity). */
function sse(m: number, s1: number, s2: number): number {
	const mean = s1 / m;
	return m * (s2 / m - mean * mean);
}
