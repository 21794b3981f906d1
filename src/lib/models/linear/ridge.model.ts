/** Catalog entry `ridge`: closed-form ridge regression (linear/ridge.ts). */
import { defineLearner } from '../seam';
import { fitRidge } from './ridge';

/** Fitted to `bench/costs.ts` on the reference machine: 1.7 ms on 1,260 rows, 2.4 ms on 4,000 (13 features). */
const MS_PER_1K_ROWS = 0.3;

export const implementation = defineLearner({
	id: 'ridge',
	task: 'regression',
	costs: { expectedFitMs: (rows) => 1 + (rows / 1000) * MS_PER_1K_ROWS, minDeadlineMs: 60_000 },
	fit: (X, y, params) => fitRidge(X, y, params)
});
