/**
 * Catalog entry `regime_switching_volatility`: the switching-variance-only special case of the Markov-switching
 * model, statsmodels' `MarkovRegression(r, k, trend='c', switching_trend=False, switching_variance=True)` — one
 * mean, a variance per regime — fitted by EM then BFGS and filtered with the same Hamilton core
 * (regimes/hamilton.ts). States come from the filtered probabilities.
 */
import { defineRegime } from '../seam';
import { fitSwitchingRegimes } from './switching-model';

/**
 * Measured by `bench/costs.ts` (default: 2 regimes; the loaded 2-core box): 31 ms on 1,260 returns, 87 ms on
 * 4,000 (iteration counts vary with the window more than the rows cost).
 */
const BASE_MS = 10;
const MS_PER_1K_ROWS = 18;

export const implementation = defineRegime({
	id: 'regime_switching_volatility',
	task: 'regime',
	input: 'log_return',
	costs: {
		expectedFitMs: (rows, params) => (BASE_MS + (rows / 1000) * MS_PER_1K_ROWS) * (params.n_regimes / 2) ** 2,
		minDeadlineMs: 60_000
	},
	fit: (X, params, ctx) =>
		fitSwitchingRegimes(
			X,
			{ k: params.n_regimes, switchingMean: false, switchingVariance: true, polish: true },
			ctx
		)
});
