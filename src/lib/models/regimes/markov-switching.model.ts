/**
 * Catalog entry `markov_switching`: statsmodels' `MarkovRegression(r, k_regimes, trend='c', switching_variance)`
 * on daily log returns — a switching mean, a switching or shared variance, a Markov chain started at its steady
 * state — fitted by maximum likelihood as statsmodels does (EM iterations, then quasi-Newton: BFGS from
 * optim/minimize.ts), in regimes/hamilton.ts. Returns are scaled ×100 inside the fit (reported parameters and
 * log-likelihood are in return units). States come from the filtered probabilities.
 */
import { defineRegime } from '../seam';
import { fitSwitchingRegimes } from './switching-model';

/**
 * Measured by `bench/costs.ts` (defaults: 2 regimes, switching variance; the loaded 2-core box): 80 ms on 1,260
 * returns, 148 ms on 4,000 (the EM and BFGS iteration counts vary with the window more than the rows cost).
 */
const BASE_MS = 30;
const MS_PER_1K_ROWS = 25;

export const implementation = defineRegime({
	id: 'markov_switching',
	task: 'regime',
	input: 'log_return',
	costs: {
		expectedFitMs: (rows, params) => (BASE_MS + (rows / 1000) * MS_PER_1K_ROWS) * (params.k_regimes / 2) ** 2,
		minDeadlineMs: 60_000
	},
	fit: (X, params, ctx) =>
		fitSwitchingRegimes(
			X,
			{
				k: params.k_regimes,
				switchingMean: true,
				switchingVariance: params.switching_variance,
				polish: true
			},
			ctx
		)
});
