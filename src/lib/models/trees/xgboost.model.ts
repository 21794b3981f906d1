/** Catalog entry `xgboost`: our histogram gradient-boosted trees (trees/hist-gbm.ts). */
import { defineLearner } from '../seam';
import { fitHistGbm } from './hist-gbm';

/** Per tree level per 1,000 rows on the reference machine (bench/learners.ts: 100 trees of depth 6 on 5,000 rows ≈ 0.5 s). */
const MS_PER_TREE_LEVEL_PER_1K_ROWS = 0.2;

export const implementation = defineLearner({
	id: 'xgboost',
	task: 'regression',
	costs: {
		expectedFitMs: (rows, p) =>
			50 + p.n_estimators * p.max_depth * (rows / 1000) * MS_PER_TREE_LEVEL_PER_1K_ROWS,
		minDeadlineMs: 3 * 60_000
	},
	fit: (X, y, params, ctx) => fitHistGbm(X, y, params, ctx)
});
