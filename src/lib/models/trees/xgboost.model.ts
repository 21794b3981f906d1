/** Catalog entry `xgboost`: our histogram gradient-boosted trees (trees/hist-gbm.ts). */
import { defineLearner } from '../seam';
import { fitHistGbm } from './hist-gbm';

/**
 * Binning and set-up, then per tree level per 1,000 rows: fitted to `bench/costs.ts` on the reference machine
 * (defaults, 100 trees of depth 6: 106 ms on 1,260 rows, 144 ms on 4,000).
 */
const SETUP_MS = 80;
const MS_PER_TREE_LEVEL_PER_1K_ROWS = 0.025;

export const implementation = defineLearner({
	id: 'xgboost',
	task: 'regression',
	costs: {
		expectedFitMs: (rows, p) =>
			SETUP_MS + p.n_estimators * p.max_depth * (rows / 1000) * MS_PER_TREE_LEVEL_PER_1K_ROWS,
		minDeadlineMs: 3 * 60_000
	},
	fit: (X, y, params, ctx) => fitHistGbm(X, y, params, ctx)
});
