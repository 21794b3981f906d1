/**
 * Averaged bootstrap trees: scikit-learn's RandomForestRegressor with max_features=1.0 (its default for
 * regression: every feature at every split) and BaggingRegressor over DecisionTreeRegressor, which are the same
 * algorithm. Each tree is grown on a bootstrap sample — `draws` rows drawn uniformly with replacement — given to
 * the tree as a weight per row (how often it was drawn; sklearn does the same through sample_weight), and the
 * forest predicts the mean of its trees.
 *
 * Parameters the catalog does not expose take sklearn's defaults: squared error, min_samples_leaf 1, no
 * min_impurity_decrease, no max_leaf_nodes, bootstrap on. The draws come from ctx.rng, so our forests are not
 * sklearn's draw for draw: agreement is checked in distribution (forest.spec.ts, forest.fixture.json).
 *
 * Features are not standardised: splits are invariant to any increasing per-column transform.
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import {
	checkTrainingData,
	depthLimit,
	treeImportance,
	WeightedCartBuilder,
	type CartTree
} from './weighted-cart';

export interface ForestParams {
	readonly n_estimators: number;
	/** null grows each tree until its leaves are pure or below min_samples_split rows. */
	readonly max_depth: number | null;
	readonly min_samples_split: number;
	/** Rows drawn (with replacement) for each tree, as a fraction of the training rows: ⌊fraction · n⌋, ≥ 1. */
	readonly max_samples: number;
}

export interface ForestModel extends FittedModel {
	readonly trees: readonly CartTree[];
	readonly info: {
		readonly trees: number;
		readonly nodes: number;
		readonly leaves: number;
		readonly depth: number;
	};
	predict(X: Matrix): Float64Array;
	importance(): Float64Array;
}

export function checkForestParams(params: ForestParams): void {
	const { n_estimators: trees, min_samples_split: minSplit, max_samples: fraction } = params;
	if (!(Number.isInteger(trees) && trees >= 1))
		throw new RangeError(`n_estimators must be an integer ≥ 1, got ${trees}`);
	depthLimit(params.max_depth);
	if (!(Number.isInteger(minSplit) && minSplit >= 2))
		throw new RangeError(`min_samples_split must be an integer ≥ 2, got ${minSplit}`);
	if (!(fraction > 0 && fraction <= 1))
		throw new RangeError(`max_samples must be a fraction in (0, 1], got ${fraction}`);
}

export function fitForest(X: Matrix, y: Float64Array, params: ForestParams, ctx: FitContext): ForestModel {
	checkForestParams(params);
	checkTrainingData(X, y);
	const n = X.rows;
	const builder = new WeightedCartBuilder(X, y);
	const settings = { maxDepth: depthLimit(params.max_depth), minSamplesSplit: params.min_samples_split };
	const draws = Math.max(1, Math.floor(params.max_samples * n));
	const counts = new Float64Array(n);
	const trees: CartTree[] = [];
	for (let t = 0; t < params.n_estimators; t++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		counts.fill(0);
		for (let k = 0; k < draws; k++) counts[Math.floor(ctx.rng.next() * n)]++;
		// At least one row is always drawn, so the tree exists.
		trees.push(builder.grow(counts, settings)!);
		ctx.onProgress?.((t + 1) / params.n_estimators);
	}
	return packForest(trees, X.cols);
}

/** Flattens the trees into one set of arrays so predict walks contiguous memory. */
export function packForest(trees: readonly CartTree[], p: number): ForestModel {
	let total = 0;
	for (const t of trees) total += t.nodeCount;
	const feature = new Int32Array(total);
	const threshold = new Float64Array(total);
	const left = new Int32Array(total);
	const right = new Int32Array(total);
	const value = new Float64Array(total);
	const roots = new Int32Array(trees.length);
	let offset = 0;
	let leaves = 0;
	let depth = 0;
	trees.forEach((t, k) => {
		roots[k] = offset;
		feature.set(t.feature, offset);
		threshold.set(t.threshold, offset);
		value.set(t.value, offset);
		for (let i = 0; i < t.nodeCount; i++) {
			left[offset + i] = t.left[i] + offset;
			right[offset + i] = t.right[i] + offset;
			if (t.feature[i] < 0) leaves++;
		}
		depth = Math.max(depth, t.depth);
		offset += t.nodeCount;
	});
	const importance = forestImportance(trees, p);
	const nTrees = trees.length;
	// predict and importance close over the packed arrays only (never `this`), so a caller may keep just them.
	return {
		trees,
		info: { trees: nTrees, nodes: total, leaves, depth },
		predict(X: Matrix): Float64Array {
			if (X.cols !== p) throw new RangeError(`the forest was fitted on ${p} columns but X has ${X.cols}`);
			const out = new Float64Array(X.rows);
			const data = X.data;
			for (let r = 0; r < X.rows; r++) {
				const base = r * p;
				let s = 0;
				for (let k = 0; k < nTrees; k++) {
					let node = roots[k];
					while (feature[node] >= 0)
						node = data[base + feature[node]] <= threshold[node] ? left[node] : right[node];
					s += value[node];
				}
				out[r] = s / nTrees;
			}
			return out;
		},
		importance: () => importance.slice()
	};
}

/**
 * sklearn's forest feature_importances_: the mean of each tree's normalised importances over the trees that
 * split at least once, normalised again to sum 1 (all zeros when no tree split).
 */
export function forestImportance(trees: readonly CartTree[], p: number): Float64Array {
	const out = new Float64Array(p);
	for (const t of trees) {
		if (t.nodeCount < 2) continue;
		const imp = treeImportance(t, p);
		for (let f = 0; f < p; f++) out[f] += imp[f];
	}
	let total = 0;
	for (let f = 0; f < p; f++) total += out[f];
	if (total > 0) for (let f = 0; f < p; f++) out[f] /= total;
	return out;
}
