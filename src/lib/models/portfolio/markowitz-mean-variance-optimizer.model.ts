/** Catalog entry `markowitz_mean_variance_optimizer`: walk-forward mean–variance portfolio vs equal weight. */
import { defineAnalysis } from '../seam';
import {
	autoLookback,
	autoRebalance,
	expectedMs,
	boundsFor,
	meanShrinkage,
	readPanel,
	requireRows,
	runPortfolio,
	shrinkageNote
} from './portfolio-analysis';
import { meanVarianceRule, newLog } from './rules';

const ID = 'markowitz_mean_variance_optimizer';

export const implementation = defineAnalysis({
	id: ID,
	task: 'portfolio',
	input: 'panel',
	costs: {
		expectedFitMs: (rows, p) => expectedMs(rows, p.lookback, p.rebalance_every ?? 21),
		minDeadlineMs: 60_000
	},
	evaluate(data, params, ctx) {
		const panel = readPanel(data, ID);
		const lookback = params.lookback ?? autoLookback(panel.ppy);
		requireRows(panel, lookback, ID, 'lookback');
		const bounds = boundsFor(params.weight_bounds, panel.names.length, ID);
		const log = newLog();
		return runPortfolio(
			panel,
			{
				id: ID,
				label: 'Mean–variance',
				lookback,
				rebalanceEvery: params.rebalance_every ?? autoRebalance(panel.ppy),
				costBps: params.cost_bps,
				riskFreePerBar: 0,
				rule: meanVarianceRule(params.risk_aversion, bounds, log),
				methodNotes: [
					`Optimiser: maximise μᵀw − ½·${params.risk_aversion}·wᵀΣw (Markowitz; PyPortfolioOpt's max_quadratic_utility) with μ the window's mean simple return per bar and Σ its shrunk covariance, fully invested, long-only within [${params.weight_bounds.join(', ')}] per asset, solved exactly by an active-set QP.`,
					...(params.lookback === null
						? [
								`Lookback chosen automatically: three years of bars, at least 36 and at most 252, here ${lookback}.`
							]
						: []),
					...(params.rebalance_every === null
						? [
								`Rebalance interval chosen automatically: about a month of bars, here every ${autoRebalance(panel.ppy)}.`
							]
						: []),
					'Sharpe ratios use a risk-free rate of 0.'
				],
				extraNumbers: () => [meanShrinkage(log.shrinkage)],
				extraNotes: () => [shrinkageNote(log.shrinkage)]
			},
			ctx
		);
	}
});
