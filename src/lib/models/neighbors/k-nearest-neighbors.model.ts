/** Catalog entry `k_nearest_neighbors`: k-nearest-neighbours regression, exact k-d tree or brute force (knn.ts). */
import { defineLearner } from '../seam';
import { fitKnn } from './knn';

/**
 * The fit only checks, standardises and copies the training rows, so its time is mostly JIT warm-up.
 * `bench/costs.ts` (median of 3: the first, cold calls a worker makes) measured 1.2–2.9 ms on 1,260 rows
 * and 5.7–9.3 ms on 4,000 over three runs; warm, it is 0.24 ms and 0.77 ms. The constants follow the cold
 * figures (ratios 0.5–1.5). The work is in predict, outside the fit: ~0.023 ms per test row per 1,000
 * training rows (1,000 test rows against 4,000 training rows: 92 ms at k = 5, 126 ms at k = 50); the 60 s
 * floor of the deadline covers any fold here.
 */
const FIT_MS = 0.5;
const MS_PER_1K_ROWS = 1.4;

export const implementation = defineLearner({
	id: 'k_nearest_neighbors',
	task: 'regression',
	costs: { expectedFitMs: (rows) => FIT_MS + (rows / 1000) * MS_PER_1K_ROWS, minDeadlineMs: 60_000 },
	fit: (X, y, params, ctx) => {
		const model = fitKnn(X, y, params, ctx);
		return { predict: (Xte) => model.predict(Xte), info: { ...model.info } };
	}
});
