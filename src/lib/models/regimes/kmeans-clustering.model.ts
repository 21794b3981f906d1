/** Catalog entry `kmeans_clustering`: k-means on the standardised causal feature rows (regimes/kmeans.ts). */
import { defineRegime } from '../seam';
import { assignKMeans, fitKMeans, KMEANS_N_INIT } from './kmeans';

/**
 * Measured by `bench/costs.ts` (default params: k = 3, k-means++, 10 inits, 13 features; the shared 2-core box):
 * 41 ms on 1,260 rows and 47 ms on 4,000 (after Hamerly's bounds, iterations cost little past the first).
 */
const BASE_MS = 30;
const MS_PER_1K_ROWS_PER_INIT = 0.5;

export const implementation = defineRegime({
	id: 'kmeans_clustering',
	task: 'clustering',
	input: 'features',
	costs: {
		expectedFitMs: (rows, params) =>
			(BASE_MS + (rows / 1000) * KMEANS_N_INIT * MS_PER_1K_ROWS_PER_INIT) * (params.n_clusters / 3),
		minDeadlineMs: 60_000
	},
	fit: (X, params, ctx) => {
		const model = fitKMeans(X, params, ctx);
		return {
			states: model.k,
			assign: (rows) => assignKMeans(model, rows),
			info: { inertia: model.inertia, iterations: model.iterations, n_init: KMEANS_N_INIT }
		};
	}
});
