/** Catalog entry `k_nearest_neighbors`: k-nearest-neighbours regression, exact k-d tree or brute force (knn.ts). */
import { defineLearner } from '../seam';
import { fitKnn } from './knn';

/**
 * The fit checks, standardises and copies the training rows and, when scikit-learn's 'auto' rule picks it (the
 * default), builds the k-d tree; cold (the first calls a worker makes) that is mostly JIT warm-up.
 * `bench/costs.ts` (median of 3, on a box at load ~6 on 2 cores) measured 3.7–8.5 ms on 1,260 rows and
 * 4.9–14 ms on 4,000 over six runs (one outlier of 45 ms); brute force alone was 1.9–4.4 ms and 0.7–0.8 ms. The
 * constants follow the tree figures (ratios 0.5–1.7). The work is in predict, outside the fit: one stacking fold's search (807 queries
 * against 3,228 rows, k = 5) takes ~60 ms with the tree, ~90 ms by brute force; the 60 s floor of the deadline
 * covers any fold here.
 */
const FIT_MS = 3;
const MS_PER_1K_ROWS = 1.5;

export const implementation = defineLearner({
	id: 'k_nearest_neighbors',
	task: 'regression',
	costs: { expectedFitMs: (rows) => FIT_MS + (rows / 1000) * MS_PER_1K_ROWS, minDeadlineMs: 60_000 },
	fit: (X, y, params, ctx) => {
		const model = fitKnn(X, y, params, ctx);
		return { predict: (Xte) => model.predict(Xte), info: { ...model.info } };
	}
});
