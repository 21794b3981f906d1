/**
 * Catalog entry `random_forest`: scikit-learn's RandomForestRegressor (trees/forest.ts) — bootstrap samples, exact
 * unstandardised CART trees considering every feature at each split (sklearn's regression default,
 * max_features=1.0), averaged.
 */
import { defineLearner } from '../seam';
import { fitForest } from './forest';
import { expectedForestFitMs } from './forest-costs';

export const implementation = defineLearner({
	id: 'random_forest',
	task: 'regression',
	costs: {
		expectedFitMs: (rows, p) => expectedForestFitMs(rows, p.n_estimators, p.max_depth),
		minDeadlineMs: 60_000
	},
	fit: (X, y, params, ctx) => {
		// Keep only the packed arrays behind predict and importance: the per-tree copies can be collected.
		const { predict, importance, info } = fitForest(X, y, { ...params, max_samples: 1 }, ctx);
		return {
			predict,
			importance,
			info: { ...info, standardised: 'no (splits are invariant to feature scale)' }
		};
	}
});
