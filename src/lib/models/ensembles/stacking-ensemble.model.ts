/**
 * Catalog entry `stacking_ensemble`: a final ridge (α by leave-one-out from 0.1, 1, 10) on out-of-fold predictions
 * of ridge, k-nearest neighbours and a depth-5 tree (ensembles/stacking.ts), like scikit-learn's StackingRegressor.
 * n_jobs is accepted but the base models run one after another: a worker has one thread.
 */
import { defineLearner } from '../seam';
import { fitStacking } from './stacking';

/**
 * cv + 1 fits of each base model: the trees and the JIT warm-up give a linear part, the k-NN searches (every
 * out-of-fold block against the rest of the window) a part growing with rows². Fitted to bench/costs.ts at the
 * default cv 5 (median of 3 cold calls): 304 ms on 1,260 rows and 1,144 ms on 4,000 (expected 289 and 1,125);
 * warm, 4,035 rows take ≈ 550 ms.
 */
const MS_PER_1K_ROWS_SQUARED = 20;
const MS_PER_1K_ROWS = 200;

export const implementation = defineLearner({
	id: 'stacking_ensemble',
	task: 'regression',
	costs: {
		expectedFitMs: (rows, p) => {
			const k = rows / 1000;
			return 5 + ((p.cv + 1) / 6) * (MS_PER_1K_ROWS_SQUARED * k * k + MS_PER_1K_ROWS * k);
		},
		minDeadlineMs: 60_000
	},
	fit: (X, y, params, ctx) => {
		const model = fitStacking(X, y, params, ctx);
		return { predict: (Xte) => model.predict(Xte), info: model.info };
	}
});
