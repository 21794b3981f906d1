/**
 * Classic gradient boosting with exact split search (the catalog's `gradient_boosting`), following scikit-learn's
 * GradientBoostingRegressor with its defaults for everything the catalog does not expose: squared-error loss,
 * init = mean(y), subsample 1.0, every tree a CART tree of max_depth 3 with the friedman_mse criterion,
 * min_samples_split 2, min_samples_leaf 1, every feature at every node. Each tree is fitted to the residuals
 * y − F(x) and added with weight learning_rate; its leaves hold the mean residual (for squared error sklearn does
 * not re-estimate leaf values).
 *
 * Speed: every column is sorted once per fit, not once per tree or per node. A tree grows level by level: for each
 * feature one pass over the presorted rows accumulates, per node of the level, the running residual sum of the rows
 * seen so far, so every candidate threshold of every node is scored in O(rows · features) per level, with no
 * re-sorting and no partitioning (each row just carries the id of its node).
 *
 * Where we follow scikit-learn to agree with it to rounding (fixture in exact-gbm.fixture.json):
 * - the split maximises friedman_mse's proxy (n_R·Σ_L − n_L·Σ_R)² / (n_L·n_R), the first strictly larger one
 *   winning; features are visited in column order (sklearn draws a random order, so exact ties between columns
 *   that induce the same partition may be broken differently: training predictions are then the same, a test row
 *   may take the other branch);
 * - values within FEATURE_THRESHOLD of each other count as equal; threshold = a/2 + b/2, or a when that rounds to b;
 * - a node whose variance is ≤ machine epsilon is a leaf;
 * - importances: each split's n·var − n_L·var_L − n_R·var_R, summed per feature over all trees, normalised to 1.
 * One deliberate difference: sklearn casts X to float32 before fitting and predicting; we keep float64.
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';

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
	const grower = new LevelGrower(n, p, order, xs, data, maxDepth);

	for (let t = 0; t < params.n_estimators; t++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		for (let i = 0; i < n; i++) residual[i] = y[i] - pred[i];
		roots[t] = grower.grow(residual, nodeOf, nodes, rate, decrease);
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

/** Grows one tree level by level over the presorted columns; scratch arrays are reused across trees. */
class LevelGrower {
	/** Per slot (a node of the level being grown): row count, residual sum and sum of squares. */
	private readonly size: Float64Array;
	private readonly sum: Float64Array;
	private readonly sqSum: Float64Array;
	private readonly slotNode: Int32Array;
	/** Slot of each node of the tree (by id − root id), −1 when the node is not being split. */
	private readonly slotOf: Int32Array;
	/** Running left-side stats while scanning one feature, and each slot's best split so far. */
	private readonly seen: Float64Array;
	private readonly sumLeft: Float64Array;
	private readonly lastX: Float64Array;
	private readonly bestProxy: Float64Array;
	private readonly bestFeature: Int32Array;
	private readonly bestLow: Float64Array;
	private readonly bestHigh: Float64Array;
	/** First of the two child slots of a split slot. */
	private readonly childSlot: Int32Array;
	private readonly next: { size: Float64Array; sum: Float64Array; sqSum: Float64Array; node: Int32Array };

	constructor(
		private readonly n: number,
		private readonly p: number,
		private readonly order: Int32Array,
		private readonly xs: Float64Array,
		private readonly data: Float64Array,
		private readonly maxDepth: number
	) {
		// A level never has more nodes than rows, nor a tree more than 2·rows − 1 nodes.
		const width = Math.min(n, 2 ** Math.min(maxDepth, 30));
		const f64 = (): Float64Array => new Float64Array(width);
		this.size = f64();
		this.sum = f64();
		this.sqSum = f64();
		this.slotNode = new Int32Array(width);
		this.slotOf = new Int32Array(Math.min(2 * n, 2 ** Math.min(maxDepth + 1, 31)));
		this.seen = f64();
		this.sumLeft = f64();
		this.lastX = f64();
		this.bestProxy = f64();
		this.bestFeature = new Int32Array(width);
		this.bestLow = f64();
		this.bestHigh = f64();
		this.childSlot = new Int32Array(width);
		this.next = { size: f64(), sum: f64(), sqSum: f64(), node: new Int32Array(width) };
	}

	/** Grows a tree on `residual`, leaves each row's leaf id in nodeOf, returns the root id. */
	grow(
		residual: Float64Array,
		nodeOf: Int32Array,
		nodes: NodeStore,
		rate: number,
		decrease: Float64Array
	): number {
		const { n, p, order, xs, data, slotOf, next } = this;
		const { size, sum, sqSum, slotNode, seen, sumLeft, lastX, bestProxy, bestFeature, bestLow, bestHigh } =
			this;

		let s = 0;
		let sq = 0;
		for (let i = 0; i < n; i++) {
			const r = residual[i];
			s += r;
			sq += r * r;
		}
		const root = nodes.add(rate * (s / n));
		nodeOf.fill(root);
		let width = 1;
		slotNode[0] = root;
		size[0] = n;
		sum[0] = s;
		sqSum[0] = sq;

		for (let depth = 0; depth < this.maxDepth; depth++) {
			// sklearn splits a node only with enough rows and a variance above machine epsilon.
			slotOf.fill(-1, 0, nodes.count - root);
			let splittable = 0;
			for (let k = 0; k < width; k++) {
				const m = size[k];
				const mean = sum[k] / m;
				bestProxy[k] = Number.NEGATIVE_INFINITY;
				bestFeature[k] = -1;
				if (m >= MIN_SAMPLES_SPLIT && sqSum[k] / m - mean * mean > PURE_VARIANCE) {
					slotOf[slotNode[k] - root] = k;
					splittable++;
				}
			}
			if (splittable === 0) break;

			for (let f = 0; f < p; f++) {
				seen.fill(0, 0, width);
				sumLeft.fill(0, 0, width);
				const base = f * n;
				for (let k = 0; k < n; k++) {
					const row = order[base + k];
					const slot = slotOf[nodeOf[row] - root];
					if (slot < 0) continue;
					const x = xs[base + k];
					const nLeft = seen[slot];
					if (nLeft > 0 && x > lastX[slot] + FEATURE_THRESHOLD) {
						const nRight = size[slot] - nLeft;
						const sl = sumLeft[slot];
						const diff = nRight * sl - nLeft * (sum[slot] - sl);
						const proxy = (diff * diff) / (nLeft * nRight);
						if (proxy > bestProxy[slot]) {
							bestProxy[slot] = proxy;
							bestFeature[slot] = f;
							bestLow[slot] = lastX[slot];
							bestHigh[slot] = x;
						}
					}
					sumLeft[slot] += residual[row];
					seen[slot] = nLeft + 1;
					lastX[slot] = x;
				}
			}

			// Nodes that found a threshold get two children, in fresh slots for the next level.
			let width2 = 0;
			for (let k = 0; k < width; k++) {
				const node = slotNode[k];
				const f = bestFeature[k];
				if (f < 0) {
					slotOf[node - root] = -1;
					continue;
				}
				const a = bestLow[k];
				const b = bestHigh[k];
				let t = a / 2 + b / 2;
				if (t === b || !Number.isFinite(t)) t = a;
				nodes.feature[node] = f;
				nodes.threshold[node] = t;
				const l = nodes.add(0);
				const r = nodes.add(0);
				nodes.left[node] = l;
				nodes.right[node] = r;
				this.childSlot[k] = width2;
				next.node[width2] = l;
				next.node[width2 + 1] = r;
				width2 += 2;
			}
			if (width2 === 0) break;
			next.size.fill(0, 0, width2);
			next.sum.fill(0, 0, width2);
			next.sqSum.fill(0, 0, width2);
			for (let i = 0; i < n; i++) {
				const k = slotOf[nodeOf[i] - root];
				if (k < 0) continue;
				const node = slotNode[k];
				const c = this.childSlot[k] + (data[i * p + nodes.feature[node]] <= nodes.threshold[node] ? 0 : 1);
				nodeOf[i] = next.node[c];
				const r = residual[i];
				next.size[c]++;
				next.sum[c] += r;
				next.sqSum[c] += r * r;
			}
			for (let k = 0; k < width; k++) {
				const node = slotNode[k];
				if (slotOf[node - root] < 0) continue;
				const c = this.childSlot[k];
				decrease[nodes.feature[node]] +=
					sse(size[k], sum[k], sqSum[k]) -
					sse(next.size[c], next.sum[c], next.sqSum[c]) -
					sse(next.size[c + 1], next.sum[c + 1], next.sqSum[c + 1]);
			}
			for (let c = 0; c < width2; c++) {
				nodes.value[next.node[c]] = rate * (next.sum[c] / next.size[c]);
				slotNode[c] = next.node[c];
				size[c] = next.size[c];
				sum[c] = next.sum[c];
				sqSum[c] = next.sqSum[c];
			}
			width = width2;
		}
		return root;
	}
}

/** n · variance of a node from its count, sum and sum of squares (sklearn's weighted impurity). */
function sse(m: number, s1: number, s2: number): number {
	const mean = s1 / m;
	return m * (s2 / m - mean * mean);
}
