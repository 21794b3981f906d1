/**
 * Histogram-based gradient-boosted regression trees (the catalog's `xgboost` entry), written here because the
 * JS/WASM options are slow, untunable or hard to load in a worker (reference/js-model-anchors.md §3.1, §3.5).
 * Squared-error loss: gradient = prediction − y, hessian = 1, initial prediction = mean(y). Splits and leaf
 * values follow XGBoost/scikit-learn with L2 penalty λ on leaf weights.
 *
 * Missing values: NaN is allowed in X, at fit and at predict. At fit it is binned separately and each split
 * learns which side missing rows go to; at predict a NaN follows that side, or, where the node saw no missing
 * rows in training, the child that received more training rows (scikit-learn's rule).
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel, type Learner } from '../types';
import { binMatrix, fitBinMapper, MAX_BINS_LIMIT } from './binning';
import { predictBinnedRow, TreeBuilder, type Tree } from './tree';

export interface HistGbmParams {
	n_estimators: number;
	max_depth: number;
	learning_rate: number;
	min_samples_leaf: number;
	/** Fraction of rows drawn (without replacement) for each tree; 1 uses every row. */
	subsample: number;
	reg_lambda: number;
	max_bins: number;
}

export interface HistGbmModel extends FittedModel {
	readonly trees: readonly Tree[];
	readonly baseline: number;
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
	wholeAtLeast('n_estimators', p.n_estimators, 1);
	wholeAtLeast('max_depth', p.max_depth, 1);
	wholeAtLeast('min_samples_leaf', p.min_samples_leaf, 1);
	if (!(p.learning_rate > 0) || !Number.isFinite(p.learning_rate)) {
		throw new RangeError(`learning_rate must be > 0, got ${p.learning_rate}`);
	}
	if (!(p.subsample > 0 && p.subsample <= 1))
		throw new RangeError(`subsample must be in (0, 1], got ${p.subsample}`);
	if (!(p.reg_lambda >= 0) || !Number.isFinite(p.reg_lambda)) {
		throw new RangeError(`reg_lambda must be ≥ 0, got ${p.reg_lambda}`);
	}
	if (!Number.isInteger(p.max_bins) || p.max_bins < 2 || p.max_bins > MAX_BINS_LIMIT) {
		throw new RangeError(`max_bins must be a whole number from 2 to ${MAX_BINS_LIMIT}, got ${p.max_bins}`);
	}
}

export function fitHistGbm(X: Matrix, y: Float64Array, params: HistGbmParams, ctx: FitContext): HistGbmModel {
	checkParams(params);
	const { rows: n, cols: p } = X;
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (n < 1) throw new RangeError('hist-gbm needs at least one row');
	let baseline = 0;
	for (let i = 0; i < n; i++) {
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
		baseline += y[i];
	}
	baseline /= n;

	const mapper = fitBinMapper(X, params.max_bins);
	const codes = binMatrix(X, mapper);
	const builder = new TreeBuilder(codes, mapper, n, {
		maxDepth: params.max_depth,
		minSamplesLeaf: params.min_samples_leaf,
		regLambda: params.reg_lambda,
		learningRate: params.learning_rate
	});
	const pred = new Float64Array(n).fill(baseline);
	const grad = new Float64Array(n);
	const rows = new Int32Array(n);
	const inBag = new Uint8Array(n);
	const sampleSize = params.subsample < 1 ? Math.max(1, Math.round(params.subsample * n)) : n;
	const trees: Tree[] = [];

	for (let t = 0; t < params.n_estimators; t++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		for (let i = 0; i < n; i++) grad[i] = pred[i] - y[i];
		if (sampleSize < n) {
			sampleRowsInOrder(n, sampleSize, ctx, rows, inBag);
		} else {
			for (let i = 0; i < n; i++) rows[i] = i;
		}
		const tree = builder.grow(rows, sampleSize, grad, pred);
		if (sampleSize < n) {
			// In-bag rows were updated leaf by leaf; the others still need this tree's output.
			for (let i = 0; i < n; i++) {
				if (!inBag[i]) pred[i] += predictBinnedRow(tree, codes, p, i, mapper.missingBin);
			}
		}
		trees.push(tree);
		ctx.onProgress?.((t + 1) / params.n_estimators);
	}
	return packModel(trees, baseline, p);
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
function packModel(trees: Tree[], baseline: number, p: number): HistGbmModel {
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

	return {
		trees,
		baseline,
		info: { trees: trees.length, leaves, nodes: total },
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
