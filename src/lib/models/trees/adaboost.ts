/**
 * AdaBoost.R2 (Drucker 1997) as scikit-learn 1.2's AdaBoostRegressor(loss='linear') runs it, with its default base
 * learner DecisionTreeRegressor(max_depth=3) (our exact weighted tree, weighted-cart.ts). Each round:
 * 1. row weights below machine epsilon are raised to it; n rows are drawn with replacement with probability
 *    ∝ weight (inverse-CDF sampling of one uniform per draw, numpy's RandomState.choice) and a depth-3 tree is
 *    fitted to them (drawn k times = weight k);
 * 2. every training row's error |ŷ − y| is divided by the largest, and the round's average loss is
 *    L = Σ weight · error (weights sum to 1);
 * 3. L ≤ 0 (a perfect fit) keeps the tree with weight 1 and stops; L ≥ 0.5 drops the tree (unless it is the
 *    first, kept with weight 0) and stops;
 * 4. otherwise β = L / (1 − L), the tree's weight is learning_rate · ln(1/β), and, except after the last round,
 *    each row's weight is multiplied by β^((1 − error) · learning_rate) and the weights renormalised.
 * The prediction is the weighted median of the trees' predictions: the smallest prediction whose cumulative tree
 * weight reaches half the total.
 *
 * Draws come from ctx.rng, so we are not sklearn draw for draw; the spec replays a deterministic uniform sequence
 * through both to compare the arithmetic to rounding, and compares R² over seeds in distribution.
 * Features are not standardised: splits are invariant to any increasing per-column transform.
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import {
	checkTrainingData,
	predictTreeRow,
	treeImportance,
	WeightedCartBuilder,
	type CartTree
} from './weighted-cart';

export interface AdaBoostParams {
	readonly n_estimators: number;
	readonly learning_rate: number;
}

export interface AdaBoostModel extends FittedModel {
	readonly trees: readonly CartTree[];
	/** Each kept tree's weight in the median (learning_rate · ln(1/β)). */
	readonly treeWeights: Float64Array;
	/** Each kept tree's average loss L. */
	readonly treeErrors: Float64Array;
	readonly info: { readonly trees: number; readonly stopped: string };
	predict(X: Matrix): Float64Array;
	importance(): Float64Array;
}

/** sklearn's default base learner for AdaBoostRegressor. */
export const ADABOOST_TREE_DEPTH = 3;
/** numpy.finfo(float64).eps: sklearn clips every row weight to at least this before each round. */
const MIN_ROW_WEIGHT = 2.220446049250313e-16;

export function fitAdaBoost(
	X: Matrix,
	y: Float64Array,
	params: AdaBoostParams,
	ctx: FitContext
): AdaBoostModel {
	const { n_estimators: rounds, learning_rate: rate } = params;
	if (!(Number.isInteger(rounds) && rounds >= 1))
		throw new RangeError(`n_estimators must be an integer ≥ 1, got ${rounds}`);
	if (!(rate > 0 && Number.isFinite(rate)))
		throw new RangeError(`learning_rate must be a finite number > 0, got ${rate}`);
	checkTrainingData(X, y);
	const { rows: n, cols: p, data } = X;
	const builder = new WeightedCartBuilder(X, y);
	const settings = { maxDepth: ADABOOST_TREE_DEPTH, minSamplesSplit: 2 };
	const rowWeight = new Float64Array(n).fill(1 / n);
	const cdf = new Float64Array(n);
	const counts = new Float64Array(n);
	const error = new Float64Array(n);
	const trees: CartTree[] = [];
	const weights: number[] = [];
	const errors: number[] = [];
	let stopped = `after ${rounds} rounds`;

	for (let round = 0; round < rounds; round++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		let total = 0;
		for (let i = 0; i < n; i++) {
			if (rowWeight[i] < MIN_ROW_WEIGHT) rowWeight[i] = MIN_ROW_WEIGHT;
			total += rowWeight[i];
			cdf[i] = total;
		}
		for (let i = 0; i < n; i++) cdf[i] /= total;
		counts.fill(0);
		for (let k = 0; k < n; k++) counts[firstAbove(cdf, ctx.rng.next())]++;
		const tree = builder.grow(counts, settings)!;

		let maxError = 0;
		for (let i = 0; i < n; i++) {
			error[i] = Math.abs(predictTreeRow(tree, data, i * p) - y[i]);
			if (error[i] > maxError) maxError = error[i];
		}
		let loss = 0;
		for (let i = 0; i < n; i++) {
			if (maxError !== 0) error[i] /= maxError;
			loss += rowWeight[i] * error[i];
		}
		if (loss <= 0) {
			trees.push(tree);
			weights.push(1);
			errors.push(0);
			stopped = `perfect fit at round ${round + 1}`;
			break;
		}
		if (loss >= 0.5) {
			if (trees.length === 0) {
				trees.push(tree);
				weights.push(0);
				errors.push(loss);
			}
			stopped = `average loss ${loss.toFixed(3)} ≥ 0.5 at round ${round + 1}`;
			break;
		}
		const beta = loss / (1 - loss);
		trees.push(tree);
		weights.push(rate * Math.log(1 / beta));
		errors.push(loss);
		ctx.onProgress?.((round + 1) / rounds);
		if (round === rounds - 1) break;
		let sum = 0;
		for (let i = 0; i < n; i++) {
			rowWeight[i] *= Math.pow(beta, (1 - error[i]) * rate);
			sum += rowWeight[i];
		}
		if (!Number.isFinite(sum) || sum <= 0) {
			stopped = `row weights degenerate at round ${round + 1}`;
			break;
		}
		for (let i = 0; i < n; i++) rowWeight[i] /= sum;
	}
	ctx.onProgress?.(1);
	return adaBoostModel(trees, Float64Array.from(weights), Float64Array.from(errors), p, stopped);
}

/** numpy searchsorted(cdf, u, side='right'): the first index whose cdf exceeds u. */
function firstAbove(cdf: Float64Array, u: number): number {
	let lo = 0;
	let hi = cdf.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (cdf[mid] > u) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

function adaBoostModel(
	trees: CartTree[],
	treeWeights: Float64Array,
	treeErrors: Float64Array,
	p: number,
	stopped: string
): AdaBoostModel {
	const importance = new Float64Array(p);
	let weightSum = 0;
	for (let t = 0; t < trees.length; t++) weightSum += treeWeights[t];
	if (weightSum > 0) {
		trees.forEach((tree, t) => {
			const imp = treeImportance(tree, p);
			for (let f = 0; f < p; f++) importance[f] += (treeWeights[t] * imp[f]) / weightSum;
		});
	}
	const T = trees.length;
	return {
		trees,
		treeWeights,
		treeErrors,
		info: { trees: T, stopped },
		predict(X: Matrix): Float64Array {
			if (X.cols !== p) throw new RangeError(`the model was fitted on ${p} columns but X has ${X.cols}`);
			const out = new Float64Array(X.rows);
			const preds = new Float64Array(T);
			const order = new Int32Array(T);
			for (let r = 0; r < X.rows; r++) {
				for (let t = 0; t < T; t++) {
					preds[t] = predictTreeRow(trees[t], X.data, r * p);
					// Insertion sort of tree indices by prediction (T is at most a few hundred).
					let k = t;
					while (k > 0 && preds[order[k - 1]] > preds[t]) {
						order[k] = order[k - 1];
						k--;
					}
					order[k] = t;
				}
				out[r] = weightedMedian(preds, order, treeWeights);
			}
			return out;
		},
		importance: () => importance.slice()
	};
}

/**
 * The first prediction, in ascending order, whose cumulative weight reaches half the total (sklearn's
 * `_get_median_predict`; equal predictions give the same value whichever order they are in).
 */
function weightedMedian(preds: Float64Array, order: Int32Array, weights: Float64Array): number {
	const T = order.length;
	let total = 0;
	for (let k = 0; k < T; k++) total += weights[order[k]];
	let cumulative = 0;
	for (let k = 0; k < T; k++) {
		cumulative += weights[order[k]];
		if (cumulative >= 0.5 * total) return preds[order[k]];
	}
	return preds[order[T - 1]];
}
