/** Catalog entry `sector_rotation_analysis`: walk-forward momentum rotation among several datasets vs equal weight. */
import { AnalysisInputError } from '../analysis';
import { defineAnalysis } from '../seam';
import { autoRebalance, expectedMs, readPanel, requireRows, runPortfolio } from './portfolio-analysis';
import { newRotationLog, rotationRule } from './rotation';

const ID = 'sector_rotation_analysis';

/** The automatic lookback: one year of bars (252 daily, 52 weekly, 12 monthly), at least 2. */
export function yearOfBars(ppy: number): number {
	return Math.max(2, Math.round(ppy));
}

export const implementation = defineAnalysis({
	id: ID,
	task: 'portfolio',
	input: 'panel',
	costs: {
		expectedFitMs: (rows, p) => expectedMs(rows, p.lookback_period ?? 252, p.rebalance_every ?? 21) / 4,
		minDeadlineMs: 60_000
	},
	evaluate(data, params, ctx) {
		const panel = readPanel(data, ID);
		const n = panel.names.length;
		if (params.holdings >= n)
			throw new AnalysisInputError(
				`${ID}.holdings is ${params.holdings} but there are ${n} datasets: holding ${n} or more is equal weight, so choose fewer holdings or add datasets`
			);
		const lookback = params.lookback_period ?? yearOfBars(panel.ppy);
		requireRows(panel, lookback, ID, 'lookback_period');
		const every = params.rebalance_every ?? autoRebalance(panel.ppy);
		const log = newRotationLog();
		const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
		return runPortfolio(
			panel,
			{
				id: ID,
				label: 'Sector rotation',
				lookback,
				rebalanceEvery: every,
				costBps: params.cost_bps,
				riskFreePerBar: 0,
				rule: rotationRule(params.holdings, params.rotation_threshold, log),
				methodNotes: [
					`Rule: rank the ${n} datasets by trailing return over the window, Π(1 + r) − 1 of its ${lookback} returns; the first rebalance buys the ${params.holdings} best; later rebalances swap a holding for a dataset not held only while that one's trailing return beats the weakest holding's by more than ${pct(params.rotation_threshold)} (a hysteresis band that keeps the rule from trading on small changes in the ranking). Holdings are equal-weighted; long-only, fully invested.`,
					...(params.lookback_period === null
						? [`Lookback chosen automatically: one year of bars, here ${lookback}.`]
						: []),
					...(params.rebalance_every === null
						? [`Rebalance interval chosen automatically: about a month of bars, here every ${every}.`]
						: []),
					'Sharpe ratios use a risk-free rate of 0.'
				],
				extraNumbers: () => [
					{
						key: 'rotations',
						label: 'Rotations (swaps after the first purchase)',
						value: log.swaps.reduce((a, v) => a + v, 0)
					},
					{
						key: 'rebalances_with_rotation',
						label: 'Share of rebalances with a rotation',
						value:
							log.swaps.length > 1
								? log.swaps.slice(1).filter((s) => s > 0).length / (log.swaps.length - 1)
								: Number.NaN,
						unit: '%',
						...(log.swaps.length > 1 ? {} : { note: 'There was only one rebalance, the first purchase.' })
					}
				],
				extraNotes: () => {
					const last = log.held.at(-1) ?? [];
					return [
						`Held after the last rebalance: ${last.map((i) => panel.names[i]).join(', ')}.`,
						`Time held per dataset (share of rebalances): ${panel.names
							.map(
								(name, i) => `${name} ${pct(log.held.filter((h) => h.includes(i)).length / log.held.length)}`
							)
							.join(', ')}.`
					];
				}
			},
			ctx
		);
	}
});
