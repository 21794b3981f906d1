/** Catalog entry `maximum_sharpe_ratio_optimizer`: walk-forward tangency portfolio vs equal weight. */
import { defineAnalysis } from '../seam';
import {
	autoLookback,
	autoRebalance,
	expectedMs,
	boundsFor,
	meanShrinkage,
	ratePerBar,
	readPanel,
	requireRows,
	runPortfolio,
	shrinkageNote
} from './portfolio-analysis';
import { maxSharpeRule, newLog } from './rules';

const ID = 'maximum_sharpe_ratio_optimizer';

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
		const rf = ratePerBar(params.risk_free_rate, panel.ppy);
		const log = newLog();
		return runPortfolio(
			panel,
			{
				id: ID,
				label: 'Max Sharpe',
				lookback,
				rebalanceEvery: params.rebalance_every ?? autoRebalance(panel.ppy),
				costBps: params.cost_bps,
				riskFreePerBar: rf,
				rule: maxSharpeRule(rf, bounds, log),
				methodNotes: [
					`Optimiser: maximise (μ − r_f)ᵀw / √(wᵀΣw) (the tangency portfolio; PyPortfolioOpt's max_sharpe, solved exactly through its convex reformulation) with μ the window's mean simple return per bar, Σ its shrunk covariance, and r_f = (1 + ${params.risk_free_rate})^(1/${panel.ppy}) − 1 = ${rf.toPrecision(4)} per bar; fully invested, long-only within [${params.weight_bounds.join(', ')}] per asset.`,
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
					`Sharpe ratios use the same risk-free rate (${params.risk_free_rate} a year).`
				],
				extraNumbers: () => [
					meanShrinkage(log.shrinkage),
					{
						key: 'minimum_variance_rebalances',
						label: 'Rebalances where no portfolio beat the risk-free rate (minimum variance held)',
						value: log.fallbacks
					}
				],
				extraNotes: () => [
					shrinkageNote(log.shrinkage),
					`When no portfolio within the bounds has a window mean above the risk-free rate the tangency portfolio does not exist; the backtest then holds the minimum-variance portfolio within the bounds (${log.fallbacks} of the rebalances here).`
				]
			},
			ctx
		);
	}
});
