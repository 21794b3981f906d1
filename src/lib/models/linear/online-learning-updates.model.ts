/**
 * Catalog entry `online_learning_updates`: linear regression by constant-step SGD, five passes over the training
 * window, then one more step on each test row as soon as its target is known (online-sgd.ts, `predictOnline`).
 */
import { defineLearner } from '../seam';
import { fitOnlineSgd } from './online-sgd';

/**
 * `bench/costs.ts` (median of 3, cold first calls included, load average ~10 on the 2-core box): 14.1 ms on 1,260
 * rows and 26.9 ms on 4,000. The work is 5 passes × rows × 13 features plus standardising; the fixed part is JIT
 * warm-up of the first calls.
 */
const FIT_MS = 8;
const MS_PER_1K_ROWS = 4.5;

export const implementation = defineLearner({
	id: 'online_learning_updates',
	task: 'regression',
	costs: { expectedFitMs: (rows) => FIT_MS + (rows / 1000) * MS_PER_1K_ROWS, minDeadlineMs: 60_000 },
	fit: (X, y, params, ctx) => {
		const model = fitOnlineSgd(X, y, params, ctx);
		return {
			predict: (Xte) => model.predict(Xte),
			predictOnline: (Xte, yte, bar, horizon) => model.predictOnline(Xte, yte, bar, horizon),
			importance: () => model.importance(),
			info: { ...model.info }
		};
	}
});
