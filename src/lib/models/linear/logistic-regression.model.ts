/** Catalog entry `logistic_regression`: penalised logistic regression of the up move (linear/logistic.ts). */
import { defineLearner } from '../seam';
import { fitLogistic } from './logistic';

/**
 * Per solver iteration per 1,000 rows (13 features), fitted to `bench/costs.ts` (defaults: 2.3 ms on 1,260 rows,
 * 4.2 ms on 4,000). Newton converges in a handful of iterations, so at most TYPICAL_ITERATIONS are counted.
 */
const MS_PER_ITERATION_PER_1K_ROWS = 0.12;
const TYPICAL_ITERATIONS = 8;

export const implementation = defineLearner({
	id: 'logistic_regression',
	task: 'classification',
	costs: {
		expectedFitMs: (rows, p) =>
			1 + Math.min(p.max_iter, TYPICAL_ITERATIONS) * (rows / 1000) * MS_PER_ITERATION_PER_1K_ROWS,
		minDeadlineMs: 60_000
	},
	fit: (X, y, params, ctx) => {
		const model = fitLogistic(X, y, params, ctx);
		return {
			predict: (Xte) => model.predict(Xte),
			importance: () => model.importance(),
			info: { ...model.info }
		};
	}
});
