/**
 * Catalog entry `hidden_markov_model`: a Gaussian HMM of daily log returns fitted by Baum–Welch
 * (regimes/hamilton.ts), states assigned from the filtered (forward-only) probabilities.
 *
 * The input is one-dimensional, so hmmlearn's covariance types collapse: full = diag = spherical = one variance
 * per state; tied = one variance shared by all states. The start distribution is the chain's steady state
 * (statsmodels' MarkovRegression convention, the reference here) rather than hmmlearn's free startprob; the
 * difference is one observation's worth of likelihood.
 */
import { defineRegime } from '../seam';
import { fitSwitchingRegimes } from './switching-model';

/**
 * Measured by `bench/costs.ts` (default params: 3 states, full; the shared 2-core box): 561–725 ms on 1,260
 * returns, 196–220 ms on 4,000 (three EM starts). Cost is rows × states² × EM iterations, and the iterations
 * depend on the window more than the rows do (on the 1,260-day window one start runs to the 500-iteration cap),
 * so the expectation is flat in rows.
 */
const BASE_MS = 400;

export const implementation = defineRegime({
	id: 'hidden_markov_model',
	task: 'regime',
	input: 'log_return',
	costs: {
		expectedFitMs: (_rows, params) => BASE_MS * (params.n_components / 3) ** 2,
		minDeadlineMs: 60_000
	},
	fit: (X, params, ctx) =>
		fitSwitchingRegimes(
			X,
			{
				k: params.n_components,
				switchingMean: true,
				switchingVariance: params.covariance_type !== 'tied'
			},
			ctx
		)
});
