/**
 * Bagging of regression trees: scikit-learn's BaggingRegressor(DecisionTreeRegressor(), n_estimators,
 * max_samples). Each base tree is a full CART tree (no depth limit, min_samples_split 2) grown on ⌊max_samples · n⌋
 * rows drawn with replacement, and the ensemble predicts their mean. With every feature considered at each split
 * this is the random forest's algorithm (forest.ts), which it reuses; sklearn's remaining defaults apply
 * (bootstrap on, max_features 1.0, no bootstrap of features). sklearn gives bagging no feature importances; ours
 * are the forest's mean impurity decrease, since the trees define one.
 */
import type { Matrix } from '../../domain/matrix';
import type { FitContext } from '../types';
import { fitForest, type ForestModel } from './forest';

export interface BaggingParams {
	readonly n_estimators: number;
	/** Rows drawn (with replacement) for each tree, as a fraction of the training rows. */
	readonly max_samples: number;
}

export function fitBagging(X: Matrix, y: Float64Array, params: BaggingParams, ctx: FitContext): ForestModel {
	return fitForest(
		X,
		y,
		{
			n_estimators: params.n_estimators,
			max_samples: params.max_samples,
			max_depth: null,
			min_samples_split: 2
		},
		ctx
	);
}
