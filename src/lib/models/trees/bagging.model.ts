/**
 * Catalog entry `bagging`: scikit-learn's BaggingRegressor over full decision trees (trees/bagging.ts), bootstrap
 * samples of rows, averaged; features are not standardised (splits are invariant to feature scale).
 */
import { defineLearner } from '../seam';
import { fitBagging } from './bagging';
import { expectedForestFitMs } from './forest-costs';

export const implementation = defineLearner({
	id: 'bagging',
	task: 'regression',
	costs: {
		// The random forest's algorithm on ⌊max_samples · rows⌋ drawn rows per tree.
		expectedFitMs: (rows, p) => expectedForestFitMs(rows * p.max_samples, p.n_estimators, null),
		minDeadlineMs: 60_000
	},
	fit: (X, y, params, ctx) => {
		// Keep only the packed arrays behind predict and importance: the per-tree copies can be collected.
		const { predict, importance, info } = fitBagging(X, y, params, ctx);
		return {
			predict,
			importance,
			info: { ...info, standardised: 'no (splits are invariant to feature scale)' }
		};
	}
});
