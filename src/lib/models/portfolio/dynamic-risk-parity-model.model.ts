/** Catalog entry `dynamic_risk_parity_model`: walk-forward equal-risk-contribution portfolio vs equal weight. */
import { defineAnalysis } from '../seam';
import {
	expectedMs,
	meanShrinkage,
	readPanel,
	requireRows,
	runPortfolio,
	shrinkageNote
} from './portfolio-analysis';
import { newLog, riskParityRule } from './rules';

const ID = 'dynamic_risk_parity_model';

export const implementation = defineAnalysis({
	id: ID,
	task: 'portfolio',
	input: 'panel',
	costs: {
		expectedFitMs: (rows, p) => expectedMs(rows, p.volatility_lookback, p.rebalance_frequency),
		minDeadlineMs: 60_000
	},
	evaluate(data, params, ctx) {
		const panel = readPanel(data, ID);
		const lookback = params.volatility_lookback;
		requireRows(panel, lookback, ID, 'volatility_lookback');
		const log = newLog();
		return runPortfolio(
			panel,
			{
				id: ID,
				label: 'Risk parity',
				lookback,
				rebalanceEvery: params.rebalance_frequency,
				costBps: params.cost_bps,
				riskFreePerBar: 0,
				rule: riskParityRule(log),
				methodNotes: [
					'Optimiser: equal risk contributions, w_i (Σw)_i the same for every asset (Maillard, Roncalli & Teïletche 2010), with Σ the shrunk covariance of the window (correlations included, not volatilities alone); the weights are positive and sum to 1 by construction, so the portfolio is long-only and fully invested without further bounds. Expected returns are not used.',
					'Sharpe ratios use a risk-free rate of 0.'
				],
				extraNumbers: () => [meanShrinkage(log.shrinkage)],
				extraNotes: () => [shrinkageNote(log.shrinkage)]
			},
			ctx
		);
	}
});
