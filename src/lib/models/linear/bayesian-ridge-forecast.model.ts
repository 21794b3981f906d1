/** Catalog entry `bayesian_ridge_forecast`: scikit-learn's BayesianRidge on standardised features (bayesian-ridge.ts). */
import { defineLearner } from '../seam';
import { fitBayesianRidge } from './bayesian-ridge';

/**
 * `bench/costs.ts` (median of 3, cold first calls included) on the shared 2-core box under heavy load (load
 * average 10–14): 12.5–13.7 ms on 1,260 rows and 31–52 ms on 4,000 (6 and 4 evidence iterations). Warm, unloaded
 * fits are a few ms (bench/linear-kernel.ts).
 */
const FIT_MS = 4;
const MS_PER_1K_ROWS = 7;

export const implementation = defineLearner({
	id: 'bayesian_ridge_forecast',
	task: 'regression',
	costs: { expectedFitMs: (rows) => FIT_MS + (rows / 1000) * MS_PER_1K_ROWS, minDeadlineMs: 60_000 },
	fit: (X, y, params, ctx) => {
		const model = fitBayesianRidge(X, y, params, ctx);
		// The mean predictive std of the rows last predicted (the fold's test rows) joins the fit's own figures.
		const info: Record<string, number> = { ...model.info };
		return {
			info,
			predict: (Xte) => {
				const { mean, std } = model.predictWithStd(Xte);
				let s = 0;
				for (let i = 0; i < std.length; i++) s += std[i];
				info.test_mean_predictive_std = std.length ? s / std.length : Number.NaN;
				return mean;
			},
			importance: () => model.importance()
		};
	}
});
