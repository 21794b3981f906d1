/**
 * Histogram-based gradient-boosted regression trees: our own implementation behind the catalog's `xgboost`
 * (depth-wise) and `lightgbm` (leaf-wise) entries, written here because the JS/WASM options are slow, untunable
 * or hard to load in a worker (reference/js-model-anchors.md §3.1, §3.5). Neither is the XGBoost or LightGBM
 * library. Squared-error loss: gradient = prediction − y (stored as float32, as scikit-learn does), hessian = 1,
 * initial prediction = mean(y). Splits and leaf values follow XGBoost / scikit-learn with L2 penalty λ on leaf
 * weights; trees grow depth-wise to `max_depth`, or leaf-wise up to `max_leaf_nodes` leaves (tree.ts).
 *
 * Options beyond the catalog's parameters, all off unless set:
 * - `colsample_bytree`: each tree may split only on a random subset of round(fraction · features) columns.
 * - `early_stopping`: holds out the LAST `validation_fraction` of the rows (time order, never shuffled: a shuffled
 *   split would validate on rows interleaved with the training rows), fits the bins and trees on the rest, and
 *   stops when none of the last `n_iter_no_change` trees improved the validation half squared error by more than
 *   `tol` — scikit-learn's rule and defaults (0.1, 10, 1e-7). 'auto' turns it on only above 10,000 rows, as
 *   HistGradientBoostingRegressor's early_stopping='auto' does; the trees fitted so far are all kept.
 * - `goss`: LightGBM's gradient-based one-side sampling: after the first ⌊1/learning_rate⌋ trees, each tree keeps
 *   the top_rate·n rows with the largest |gradient| and a random other_rate·n of the rest, whose gradient and
 *   hessian are scaled by (1 − top_rate)/other_rate. `min_samples_leaf` then bounds the weighted row count.
 *
 * Missing values: NaN is allowed in X, at fit and at predict. At fit it is binned separately and each split
 * learns which side missing rows go to; at predict a NaN follows that side, or, where the node saw no missing
 * rows in training, the child that received more training rows (scikit-learn's rule).
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel, type Learner } from '../types';
import { binMatrix, fitBinMapper, MAX_BINS_LIMIT, type BinMapper } from './binning';
import { predictBinnedRow, TreeBuilder, type Tree } from './tree';

export interface HistGbmParams {
	n_estimators: number;
	/** Deepest split level; null for no limit (leaf-wise growth is then bounded by max_leaf_nodes). */
	max_depth: number | null;
	learning_rate: number;
	min_samples_leaf: number;
	/** Fraction of rows drawn (without replacement) for each tree; 1 uses every row. */
	subsample: number;
	reg_lambda: number;
	max_bins: number;
	/** Leaf cap with best-first growth; null (default) grows depth-wise. */
	max_leaf_nodes?: number | null;
	/** Fraction of columns each tree may split on; default 1. */
	colsample_bytree?: number;
	/** Default false; 'auto' = on when there are more than EARLY_STOPPING_AUTO_ROWS rows. */
	early_stopping?: boolean | 'auto';
	validation_fraction?: number;
	n_iter_no_change?: number;
	tol?: number;
	/** Gradient-based one-side sampling; null (default) uses every row (or `subsample`). */
	goss?: { top_rate: number; other_rate: number } | null;
	/** Implementation switch for tests: false always rebuilds the root histogram from the rows (tree.ts). */
	incremental_root?: boolean;
}

/**
 * The lightgbm entry's parameters beyond the catalog's three: scikit-learn HistGradientBoostingRegressor's
 * defaults (leaf ≥ 20 rows, no L2, 255 bins, no depth limit, every row, early_stopping 'auto').
 */
export const LIGHTGBM_FIXED = {
	max_depth: null,
	min_samples_leaf: 20,
	reg_lambda: 0,
	max_bins: 255,
	subsample: 1,
	early_stopping: 'auto'
} as const satisfies Partial<HistGbmParams>;

/** HistGradientBoostingRegressor's early_stopping='auto' turns on above this many rows. */
export const EARLY_STOPPING_AUTO_ROWS = 10_000;
/** scikit-learn's defaults for the early-stopping split and rule. */
export const DEFAULT_VALIDATION_FRACTION = 0.1;
export const DEFAULT_N_ITER_NO_CHANGE = 10;
export const DEFAULT_TOL = 1e-7;

export interface HistGbmModel extends FittedModel {
	readonly trees: readonly Tree[];
	readonly baseline: number;
	/** Validation score (−half squared error) before the first tree and after each, when early stopping ran. */
	readonly validationScores: readonly number[];
	predict(X: Matrix): Float64Array;
	importance(): Float64Array;
}

export const histGbm: Learner<HistGbmParams> = {
	fit(X: Matrix, y: Float64Array, params: HistGbmParams, ctx: FitContext): HistGbmModel {
		return fitHistGbm(X, y, params, ctx);
	}
};

function checkParams(p: HistGbmParams): void {
	const wholeAtLeast = (name: string, v: number, min: number): void => {
		if (!Number.isInteger(v) || v < min)
			throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${v}`);
	};
	const fraction = (name: string, v: number): void => {
		if (!(v > 0 && v <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${v}`);
	};
	wholeAtLeast('n_estimators', p.n_estimators, 1);
	if (p.max_depth !== null) wholeAtLeast('max_depth', p.max_depth, 1);
	if (p.max_leaf_nodes != null) wholeAtLeast('max_leaf_nodes', p.max_leaf_nodes, 2);
	wholeAtLeast('min_samples_leaf', p.min_samples_leaf, 1);
	if (!(p.learning_rate > 0) || !Number.isFinite(p.learning_rate)) {
		throw new RangeError(`learning_rate must be > 0, got ${p.learning_rate}`);
	}
	fraction('subsample', p.subsample);
	if (!(p.reg_lambda >= 0) || !Number.isFinite(p.reg_lambda)) {
		throw new RangeError(`reg_lambda must be ≥ 0, got ${p.reg_lambda}`);
	}
	if (!Number.isInteger(p.max_bins) || p.max_bins < 2 || p.max_bins > MAX_BINS_LIMIT) {
		throw new RangeError(`max_bins must be a whole number from 2 to ${MAX_BINS_LIMIT}, got ${p.max_bins}`);
	}
	if (p.colsample_bytree !== undefined) fraction('colsample_bytree', p.colsample_bytree);
	if (p.validation_fraction !== undefined) {
		if (!(p.validation_fraction > 0 && p.validation_fraction < 1)) {
			throw new RangeError(`validation_fraction must be in (0, 1), got ${p.validation_fraction}`);
		}
	}
	if (p.n_iter_no_change !== undefined) wholeAtLeast('n_iter_no_change', p.n_iter_no_change, 1);
	if (p.tol !== undefined && !(p.tol >= 0)) throw new RangeError(`tol must be ≥ 0, got ${p.tol}`);
	if (p.goss) {
		const { top_rate: a, other_rate: b } = p.goss;
		if (!(a > 0 && b > 0 && a + b <= 1)) {
			throw new RangeError(`goss.top_rate and goss.other_rate must be > 0 with a sum ≤ 1, got ${a} and ${b}`);
		}
		if (p.subsample < 1) throw new RangeError('goss and subsample < 1 cannot be combined');
	}
	if (p.max_depth === null && p.max_leaf_nodes == null) {
		throw new RangeError('max_depth and max_leaf_nodes cannot both be null (the tree would be unbounded)');
	}
}

/** Whether the fit holds out a validation tail: 'auto' follows scikit-learn (on above 10,000 rows). */
export function usesEarlyStopping(setting: HistGbmParams['early_stopping'], rows: number): boolean {
	if (setting === 'auto') return rows > EARLY_STOPPING_AUTO_ROWS;
	return setting === true;
}

export function fitHistGbm(X: Matrix, y: Float64Array, params: HistGbmParams, ctx: FitContext): HistGbmModel {
	checkParams(params);
	const { rows: nAll, cols: p } = X;
	if (y.length !== nAll) throw new RangeError(`X has ${nAll} rows but y has ${y.length} values`);
	if (nAll < 1) throw new RangeError('hist-gbm needs at least one row');
	for (let i = 0; i < nAll; i++) {
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
	}
	const early = usesEarlyStopping(params.early_stopping ?? false, nAll);
	// Time-ordered hold-out: the last ⌈fraction · n⌉ rows (train_test_split's rounding of test_size).
	const nVal = early ? Math.ceil((params.validation_fraction ?? DEFAULT_VALIDATION_FRACTION) * nAll) : 0;
	const n = nAll - nVal;
	if (n < 1) throw new RangeError('early stopping leaves no training rows');
	const Xtr: Matrix = early ? { data: X.data.subarray(0, n * p), rows: n, cols: p } : X;

	let baseline = 0;
	for (let i = 0; i < n; i++) baseline += y[i];
	baseline /= n;

	const mapper = fitBinMapper(Xtr, params.max_bins);
	const codes = binMatrix(Xtr, mapper);
	const builder = new TreeBuilder(codes, mapper, n, {
		maxDepth: params.max_depth,
		maxLeafNodes: params.max_leaf_nodes ?? null,
		minSamplesLeaf: params.min_samples_leaf,
		regLambda: params.reg_lambda,
		learningRate: params.learning_rate,
		incrementalRoot: params.incremental_root ?? true
	});
	const validation = early ? new Validation(X, y, n, mapper, baseline) : null;
	const pred = new Float64Array(n).fill(baseline);
	const grad = new Float32Array(n);
	const rows = new Int32Array(n);
	const inBag = new Uint8Array(n);
	const sampleSize = params.subsample < 1 ? Math.max(1, Math.round(params.subsample * n)) : n;
	const allFeatures = Int32Array.from({ length: p }, (_, f) => f);
	const colsample = params.colsample_bytree ?? 1;
	const nFeatures = Math.max(1, Math.round(colsample * p));
	const goss = params.goss ? new Goss(n, params.goss.top_rate, params.goss.other_rate) : null;
	const gossFrom = Math.floor(1 / params.learning_rate);
	const patience = params.n_iter_no_change ?? DEFAULT_N_ITER_NO_CHANGE;
	const tol = params.tol ?? DEFAULT_TOL;
	const trees: Tree[] = [];

	for (let t = 0; t < params.n_estimators; t++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		const features = nFeatures < p ? sampleFeatures(p, nFeatures, ctx) : allFeatures;
		let nRows = n;
		let hess: Float32Array | null = null;
		if (goss && t >= gossFrom) {
			for (let i = 0; i < n; i++) grad[i] = pred[i] - y[i];
			nRows = goss.sample(grad, ctx, rows, inBag);
			hess = goss.hess;
		} else if (sampleSize < n) {
			for (let i = 0; i < n; i++) grad[i] = pred[i] - y[i];
			sampleRowsInOrder(n, sampleSize, ctx, rows, inBag);
			nRows = sampleSize;
		} else {
			for (let i = 0; i < n; i++) {
				grad[i] = pred[i] - y[i];
				rows[i] = i;
			}
		}
		const tree = builder.grow(
			{ rows, nRows, allRows: nRows === n, grad, hess: nRows === n ? null : hess, features },
			pred
		);
		if (nRows < n) {
			// In-bag rows were updated leaf by leaf; the others still need this tree's output.
			for (let i = 0; i < n; i++) {
				if (!inBag[i]) pred[i] += predictBinnedRow(tree, codes, n, i, mapper.missingBin);
			}
		}
		trees.push(tree);
		ctx.onProgress?.((t + 1) / params.n_estimators);
		if (validation && validation.addTree(tree, patience, tol)) break;
	}
	return packModel(trees, baseline, p, validation?.scores ?? []);
}

/** The held-out tail of an early-stopped fit: its binned rows, running predictions and scores. */
class Validation {
	readonly scores: number[] = [];
	private readonly codes: Uint8Array;
	private readonly pred: Float64Array;
	private readonly y: Float64Array;
	private readonly m: number;

	constructor(
		X: Matrix,
		y: Float64Array,
		start: number,
		private readonly mapper: BinMapper,
		baseline: number
	) {
		const { cols: p } = X;
		this.m = X.rows - start;
		this.codes = binMatrix({ data: X.data.subarray(start * p), rows: this.m, cols: p }, mapper);
		this.y = y.subarray(start);
		this.pred = new Float64Array(this.m).fill(baseline);
		this.scores.push(this.score());
	}

	/** −mean(½(y − ŷ)²), scikit-learn's 'loss' score. */
	private score(): number {
		let s = 0;
		for (let i = 0; i < this.m; i++) s += (this.y[i] - this.pred[i]) ** 2;
		return -(0.5 * s) / this.m;
	}

	/** Adds a tree; true when none of the last `patience` scores beat the one before them by more than tol. */
	addTree(tree: Tree, patience: number, tol: number): boolean {
		for (let i = 0; i < this.m; i++) {
			this.pred[i] += predictBinnedRow(tree, this.codes, this.m, i, this.mapper.missingBin);
		}
		this.scores.push(this.score());
		const s = this.scores;
		if (s.length < patience + 1) return false;
		const reference = s[s.length - patience - 1] + tol;
		for (let k = s.length - patience; k < s.length; k++) if (s[k] > reference) return false;
		return true;
	}
}

/** Gradient-based one-side sampling (LightGBM): the largest |gradient| rows plus a reweighted random rest. */
class Goss {
	readonly hess: Float32Array;
	private readonly magnitude: Float32Array;
	private readonly topK: number;
	private readonly otherK: number;
	private readonly weight: number;

	constructor(
		private readonly n: number,
		topRate: number,
		otherRate: number
	) {
		this.hess = new Float32Array(n);
		this.magnitude = new Float32Array(n);
		this.topK = Math.max(1, Math.floor(topRate * n));
		this.otherK = Math.max(1, Math.floor(otherRate * n));
		this.weight = (1 - topRate) / otherRate;
	}

	/** Fills rows (ascending) and inBag, scales the sampled rest's gradients; returns the rows kept. */
	sample(grad: Float32Array, ctx: FitContext, rows: Int32Array, inBag: Uint8Array): number {
		const n = this.n;
		if (this.topK + this.otherK >= n) {
			for (let i = 0; i < n; i++) rows[i] = i;
			inBag.fill(1);
			this.hess.fill(1);
			return n;
		}
		for (let i = 0; i < n; i++) this.magnitude[i] = Math.abs(grad[i]);
		const sorted = this.magnitude.slice().sort();
		const cut = sorted[n - this.topK];
		// Rows strictly above the cut are top rows; ties at the cut fill the remaining top places in row order.
		let above = 0;
		for (let i = 0; i < n; i++) if (this.magnitude[i] > cut) above++;
		let tiesLeft = this.topK - above;
		let restLeft = n - this.topK;
		let otherLeft = this.otherK;
		let kept = 0;
		for (let i = 0; i < n; i++) {
			const mag = this.magnitude[i];
			let top = mag > cut;
			if (!top && mag === cut && tiesLeft > 0) {
				top = true;
				tiesLeft--;
			}
			if (top) {
				this.hess[i] = 1;
				inBag[i] = 1;
				rows[kept++] = i;
				continue;
			}
			const take = ctx.rng.next() * restLeft < otherLeft;
			restLeft--;
			if (take) {
				otherLeft--;
				grad[i] *= this.weight;
				this.hess[i] = this.weight;
				inBag[i] = 1;
				rows[kept++] = i;
			} else {
				inBag[i] = 0;
			}
		}
		return kept;
	}
}

/** k of p feature indices without replacement, ascending (Algorithm S). */
function sampleFeatures(p: number, k: number, ctx: FitContext): Int32Array {
	const out = new Int32Array(k);
	let chosen = 0;
	for (let f = 0; f < p && chosen < k; f++) {
		if (ctx.rng.next() * (p - f) < k - chosen) out[chosen++] = f;
	}
	return out;
}

/**
 * Selection sampling (Knuth's Algorithm S): exactly k of n rows without replacement, already in ascending order
 * (good memory locality for the histogram passes), one draw per row.
 */
function sampleRowsInOrder(n: number, k: number, ctx: FitContext, rows: Int32Array, inBag: Uint8Array): void {
	let chosen = 0;
	for (let i = 0; i < n; i++) {
		const take = ctx.rng.next() * (n - i) < k - chosen;
		inBag[i] = take ? 1 : 0;
		if (take) rows[chosen++] = i;
	}
}

/** Flattens the trees into one set of arrays so predict walks contiguous memory. */
function packModel(trees: Tree[], baseline: number, p: number, validationScores: number[]): HistGbmModel {
	let total = 0;
	for (const t of trees) total += t.nodeCount;
	const feature = new Int32Array(total);
	const threshold = new Float64Array(total);
	const missingLeft = new Uint8Array(total);
	const left = new Int32Array(total);
	const right = new Int32Array(total);
	const value = new Float64Array(total);
	const roots = new Int32Array(trees.length);
	const gainByFeature = new Float64Array(p);
	let leaves = 0;
	let offset = 0;
	trees.forEach((t, k) => {
		roots[k] = offset;
		for (let i = 0; i < t.nodeCount; i++) {
			const j = offset + i;
			feature[j] = t.feature[i];
			threshold[j] = t.threshold[i];
			missingLeft[j] = t.missingLeft[i];
			left[j] = t.left[i] + offset;
			right[j] = t.right[i] + offset;
			value[j] = t.value[i];
			if (t.feature[i] >= 0) gainByFeature[t.feature[i]] += t.gain[i];
			else leaves++;
		}
		offset += t.nodeCount;
	});
	let gainTotal = 0;
	for (let f = 0; f < p; f++) gainTotal += gainByFeature[f];
	const importance = gainByFeature.map((g) => (gainTotal > 0 ? g / gainTotal : 0));
	const info: Record<string, number> = { trees: trees.length, leaves, nodes: total };
	if (validationScores.length > 0) info.validation_rounds = validationScores.length - 1;

	return {
		trees,
		baseline,
		validationScores,
		info,
		predict(X: Matrix): Float64Array {
			if (X.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${X.cols}`);
			const out = new Float64Array(X.rows);
			const data = X.data;
			for (let r = 0; r < X.rows; r++) {
				const base = r * p;
				let s = baseline;
				for (let k = 0; k < roots.length; k++) {
					let node = roots[k];
					while (feature[node] >= 0) {
						const v = data[base + feature[node]];
						const goLeft = v <= threshold[node] || (v !== v && missingLeft[node] === 1);
						node = goLeft ? left[node] : right[node];
					}
					s += value[node];
				}
				out[r] = s;
			}
			return out;
		},
		importance(): Float64Array {
			return importance.slice();
		}
	};
}
