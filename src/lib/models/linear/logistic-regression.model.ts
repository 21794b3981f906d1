/** Catalog entry `logistic_regression`: penalised logistic regression of the up move (linear/logistic.ts). */
import { defineLearner } from '../seam';
import { fitLogistic } from './logistic';

/** Per solver iteration per 1,000 rows (13 features), measured by bench/logistic.ts on the reference machine. */
const MS_PER_ITERATION_PER_1K_ROWS = 0.05;

export const implementation = defineLearner({
	id: 'logistic_regression',
	task: 'classification',
	costs: {
		expectedFitMs: (rows, p) => 1 + p.max_iter * (rows / 1000) * MS_PER_ITERATION_PER_1K_ROWS,
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
