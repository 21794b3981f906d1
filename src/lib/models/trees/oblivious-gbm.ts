/**
 * CatBoost-style gradient boosting (the catalog's `catboost`): our own implementation of CatBoost's two central
 * ideas for numeric features and RMSE, not the CatBoost library (none runs in a browser or is installable here).
 *
 * - Oblivious (symmetric) trees on binned features: every node of a depth shares one split "x ≤ border"
 *   (trees/oblivious-tree.ts), the split minimising the L2-penalised squared error of the level's children.
 *   Leaf value = learning_rate · Σ residual / (n + l2_leaf_reg), CatBoost's Newton step for RMSE.
 * - Ordered boosting against prediction shift (Prokhorenkova et al. 2018, §4): rows get a random order (ctx.rng);
 *   the residual of the row at position q comes from a supporting model trained only on rows before it, so the
 *   tree structure is chosen on residuals its rows did not help fit. As in CatBoost, supporting models exist for the
 *   prefixes 1, 2, 4, …, 2^k (row q uses the largest prefix ≤ q, and the row at position 0 the initial mean); each
 *   tree's leaf values are set per supporting model from its prefix rows, and the final model's leaf values from all
 *   rows with ordinary residuals. 'Plain' mode skips the supporting models (ordinary boosting, same trees).
 *
 * Defaults: l2_leaf_reg 3, border_count 254 and boost_from_average (init = mean) as CatBoost's; boosting_type
 * 'Ordered' (CatBoost picks it only in some settings; here it is the point of the entry).
 * Simplified against CatBoost, deliberately: borders are quantile midpoints (binning.ts, scikit-learn's rule), not
 * GreedyLogSum; the L2 split score, not CatBoost's default Cosine; no random_strength noise on split scores and
 * no Bayesian bagging (so a fit is deterministic given the permutation); one permutation, not several; ordered
 * residuals feed the split score directly (CatBoost also estimates per-row leaf values from earlier rows while
 * scoring); the initial mean is taken over all rows in both modes; no categorical features, no early stopping.
 *
 * Reference: there is no CatBoost to compare with, so bench/oblivious_ref.py is a small NumPy implementation of
 * the same plain algorithm on the same bins. Plain mode agrees with it to rounding on the real fixture rows
 * (oblivious-gbm.fixture.json); ordered mode is checked for determinism and for generalising no worse than plain.
 *
 * Missing values: fit refuses non-finite X; at predict a NaN answers "≤" at every split (CatBoost's nan_mode Min).
 */
import type { Matrix } from '../../domain/matrix';
import type { Rng } from '../../domain/random';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import { binMatrix, fitBinMapper, MAX_BINS_LIMIT } from './binning';
import { ObliviousGrower } from './oblivious-tree';

export type BoostingType = 'Ordered' | 'Plain';

export interface ObliviousGbmParams {
	readonly iterations: number;
	readonly depth: number;
	readonly learning_rate: number;
	/** CatBoost's default 3. */
	readonly l2_leaf_reg?: number;
	/** 'Ordered' by default. */
	readonly boosting_type?: BoostingType;
	/** Borders per feature, CatBoost's default 254 (at most 254 here: codes are one byte). */
	readonly border_count?: number;
}

export interface ObliviousGbmModel extends FittedModel {
	readonly baseline: number;
	/** Each tree's splits, level by level: x[feature[d]] > threshold[d] sets bit d (from the top) of the leaf. */
	readonly trees: readonly { readonly feature: Int32Array; readonly threshold: Float64Array }[];
	readonly info: {
		readonly iterations: number;
		readonly depth: number;
		readonly boosting_type: BoostingType;
		readonly borders: number;
	};
	predict(X: Matrix): Float64Array;
	importance(): Float64Array;
}

export const CATBOOST_L2_LEAF_REG = 3;
export const CATBOOST_BORDER_COUNT = 254;
/** Deepest tree the catalog offers; 2^16 leaves. */
const MAX_DEPTH = 16;
/** Leaf values are stored densely up to this many leaves per tree, as a map of the non-empty leaves beyond. */
const DENSE_LEAVES_MAX = 1 << 12;

interface StoredTree {
	readonly feature: Int32Array;
	readonly threshold: Float64Array;
	readonly dense: Float64Array | null;
	readonly sparse: Map<number, number> | null;
}

function checkInput(X: Matrix, y: Float64Array, params: ObliviousGbmParams): void {
	const { iterations, depth, learning_rate: rate } = params;
	const lambda = params.l2_leaf_reg ?? CATBOOST_L2_LEAF_REG;
	const borders = params.border_count ?? CATBOOST_BORDER_COUNT;
	if (!(Number.isInteger(iterations) && iterations >= 1))
		throw new RangeError(`iterations must be a whole number ≥ 1, got ${iterations}`);
	if (!(Number.isInteger(depth) && depth >= 1 && depth <= MAX_DEPTH))
		throw new RangeError(`depth must be a whole number from 1 to ${MAX_DEPTH}, got ${depth}`);
	if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`learning_rate must be > 0, got ${rate}`);
	if (!(lambda >= 0 && Number.isFinite(lambda)))
		throw new RangeError(`l2_leaf_reg must be ≥ 0, got ${lambda}`);
	if (!(Number.isInteger(borders) && borders >= 1 && borders < MAX_BINS_LIMIT))
		throw new RangeError(
			`border_count must be a whole number from 1 to ${MAX_BINS_LIMIT - 1}, got ${borders}`
		);
	const type = params.boosting_type ?? 'Ordered';
	if (type !== 'Ordered' && type !== 'Plain')
		throw new RangeError(`boosting_type must be 'Ordered' or 'Plain', got ${String(type)}`);
	const { rows: n, cols: p, data } = X;
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (n < 1) throw new RangeError('catboost needs at least one training row');
	if (p < 1) throw new RangeError('catboost needs at least one feature column');
	for (let k = 0; k < data.length; k++)
		if (!Number.isFinite(data[k]))
			throw new RangeError(`X has a non-finite value at row ${Math.floor(k / p)}, column ${k % p}`);
	for (let i = 0; i < n; i++)
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
}

/** Fisher–Yates from ctx.rng: the row order of ordered boosting. */
function permutation(n: number, rng: Rng): Int32Array {
	const perm = Int32Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		const t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	return perm;
}

/** Adds lr · S_l/(n_l + λ) over rows [0, fitRows) of `pred` to rows [0, applyRows), the fitted values returned. */
function fitLeaves(
	y: Float64Array,
	pred: Float64Array,
	leaf: Int32Array,
	leaves: number,
	fitRows: number,
	applyRows: number,
	rate: number,
	lambda: number,
	sum: Float64Array,
	count: Float64Array
): Float64Array {
	sum.fill(0, 0, leaves);
	count.fill(0, 0, leaves);
	for (let q = 0; q < fitRows; q++) {
		sum[leaf[q]] += y[q] - pred[q];
		count[leaf[q]]++;
	}
	const values = new Float64Array(leaves);
	for (let l = 0; l < leaves; l++) values[l] = rate * (sum[l] / (count[l] + lambda));
	for (let q = 0; q < applyRows; q++) pred[q] += values[leaf[q]];
	return values;
}

export function fitObliviousGbm(
	X: Matrix,
	y: Float64Array,
	params: ObliviousGbmParams,
	ctx: FitContext
): ObliviousGbmModel {
	checkInput(X, y, params);
	const { rows: n, cols: p } = X;
	const rate = params.learning_rate;
	const lambda = params.l2_leaf_reg ?? CATBOOST_L2_LEAF_REG;
	const type: BoostingType = params.boosting_type ?? 'Ordered';
	const mapper = fitBinMapper(X, (params.border_count ?? CATBOOST_BORDER_COUNT) + 1);
	// Feature-major codes (binning.ts): column f is featureCodes[f·n … (f+1)·n).
	const featureCodes = binMatrix(X, mapper);

	let baseline = 0;
	for (let i = 0; i < n; i++) baseline += y[i];
	baseline /= n;

	// Ordered mode works in the permuted row order throughout; plain mode in the given order.
	const order = type === 'Ordered' ? permutation(n, ctx.rng) : Int32Array.from({ length: n }, (_, i) => i);
	const yy = Float64Array.from(order, (i) => y[i]);
	const codes = new Uint8Array(n * p);
	for (let f = 0; f < p; f++) for (let q = 0; q < n; q++) codes[f * n + q] = featureCodes[f * n + order[q]];
	const grower = new ObliviousGrower(codes, n, p, mapper.nBins, lambda, params.depth);

	const pred = new Float64Array(n).fill(baseline);
	const g = new Float64Array(n);
	const sum = new Float64Array(n);
	const count = new Float64Array(n);
	// Supporting model k is fitted on positions [0, 2^k) and serves positions [2^k, 2^(k+1)).
	const support: Float64Array[] = [];
	if (type === 'Ordered')
		for (let k = 0; 2 ** k < n; k++) support.push(new Float64Array(Math.min(n, 2 ** (k + 1))).fill(baseline));

	const trees: StoredTree[] = [];
	const gainByFeature = new Float64Array(p);
	for (let t = 0; t < params.iterations; t++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		if (type === 'Plain') {
			for (let q = 0; q < n; q++) g[q] = yy[q] - pred[q];
		} else {
			g[0] = yy[0] - baseline;
			support.forEach((s, k) => {
				for (let q = 2 ** k; q < s.length; q++) g[q] = yy[q] - s[q];
			});
		}
		const splits = grower.grow(g);
		const { leaf, leaves, fullOf } = grower;
		support.forEach((s, k) => fitLeaves(yy, s, leaf, leaves, 2 ** k, s.length, rate, lambda, sum, count));
		const values = fitLeaves(yy, pred, leaf, leaves, n, n, rate, lambda, sum, count);

		for (let d = 0; d < splits.depth; d++) gainByFeature[splits.feature[d]] += Math.max(0, splits.gain[d]);
		const threshold = Float64Array.from(splits.feature, (f, d) => mapper.thresholds[f][splits.bin[d]]);
		const width = 2 ** splits.depth;
		let dense: Float64Array | null = null;
		let sparse: Map<number, number> | null = null;
		if (width <= DENSE_LEAVES_MAX) {
			dense = new Float64Array(width);
			for (let l = 0; l < leaves; l++) dense[fullOf[l]] = values[l];
		} else {
			sparse = new Map();
			for (let l = 0; l < leaves; l++) sparse.set(fullOf[l], values[l]);
		}
		trees.push({ feature: splits.feature, threshold, dense, sparse });
		ctx.onProgress?.((t + 1) / params.iterations);
	}

	let gainTotal = 0;
	for (let f = 0; f < p; f++) gainTotal += gainByFeature[f];
	const importance = gainByFeature.map((v) => (gainTotal > 0 ? v / gainTotal : 0));
	let borders = 0;
	for (const t of mapper.thresholds) borders += t.length;
	return {
		baseline,
		trees: trees.map(({ feature, threshold }) => ({ feature, threshold })),
		info: { iterations: trees.length, depth: params.depth, boosting_type: type, borders },
		predict: (Xte) => predictTrees(trees, baseline, p, Xte),
		importance: () => importance.slice()
	};
}

function predictTrees(trees: readonly StoredTree[], baseline: number, p: number, X: Matrix): Float64Array {
	if (X.cols !== p) throw new RangeError(`the model was fitted on ${p} columns but X has ${X.cols}`);
	const out = new Float64Array(X.rows).fill(baseline);
	const data = X.data;
	for (const tree of trees) {
		const { feature, threshold, dense, sparse } = tree;
		const depth = feature.length;
		for (let r = 0; r < X.rows; r++) {
			const base = r * p;
			let leaf = 0;
			// NaN > threshold is false: a missing value answers "≤" (CatBoost's nan_mode Min).
			for (let d = 0; d < depth; d++) leaf = 2 * leaf + (data[base + feature[d]] > threshold[d] ? 1 : 0);
			out[r] += dense ? dense[leaf] : (sparse!.get(leaf) ?? 0);
		}
	}
	return out;
}
