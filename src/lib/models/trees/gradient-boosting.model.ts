/**
 * Catalog entry `gradient_boosting`: classic gradient boosting with exact split search (trees/exact-gbm.ts), like
 * scikit-learn's GradientBoostingRegressor. Parameters the catalog does not expose take sklearn's defaults:
 * squared error, max_depth 3, friedman_mse, min_samples_split 2, min_samples_leaf 1, subsample 1.0, init = mean,
 * and random_state 0's feature order (the only randomness left, so the fit does not draw from ctx.rng).
 * Features are not standardised: threshold splits are invariant to rescaling a column.
 */
import { defineLearner } from '../seam';
import { fitExactGbm } from './exact-gbm';

/**
 * Sorting the columns once and the JIT's first pass, then per tree per 1,000 rows (13 features, depth 3), fitted to
 * `bench/costs.ts` with other jobs sharing the 2 cores (load ~11): 203 ms on 1,260 rows and 674 ms on 4,000
 * (medians of 3 including the cold first call; expected 251 / 470 ms, ratios 0.8 / 1.4).
 */
const SETUP_MS = 150;
const MS_PER_TREE_PER_1K_ROWS = 0.8;

export const implementation = defineLearner({
	id: 'gradient_boosting',
	task: 'regression',
	costs: {
		expectedFitMs: (rows, p) => SETUP_MS + p.n_estimators * (rows / 1000) * MS_PER_TREE_PER_1K_ROWS,
		minDeadlineMs: 60_000
	},
	fit: (X, y, params, ctx) => {
		const model = fitExactGbm(X, y, params, ctx);
		return {
			predict: (Xte) => model.predict(Xte),
			importance: () => model.importance(),
			info: { ...model.info, standardised: 'no (splits are invariant to feature scale)' }
		};
	}
});
