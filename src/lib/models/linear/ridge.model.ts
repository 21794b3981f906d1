/** Catalog entry `ridge`: closed-form ridge regression (linear/ridge.ts). */
import { defineLearner } from '../seam';
import { fitRidge } from './ridge';

/** Measured by `npm run bench` (bench/learners.ts): ≈ 1 ms for 5,000 rows × 13 features. */
const MS_PER_1K_ROWS = 0.5;

export const implementation = defineLearner({
	id: 'ridge',
	task: 'regression',
	costs: { expectedFitMs: (rows) => 1 + (rows / 1000) * MS_PER_1K_ROWS, minDeadlineMs: 60_000 },
	fit: (X, y, params) => fitRidge(X, y, params)
});
