/** Catalog entry `pairs_trading_model`: walk-forward Engle–Granger pairs trade on two datasets, after costs. */
import { isoDate } from '../../domain/series';
import { AnalysisInputError, analysisResult, type AnalysisTable, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { engleGranger } from '../stats/coint';
import { FitCancelledError } from '../types';
import { pairsBacktest } from './pairs';
import { autoLookback, autoRebalance, buyAndHold, pickRows, readPanel, summary } from './portfolio-analysis';

const ID = 'pairs_trading_model';

/** Rows of the trades table shown (the most recent). */
export const MAX_TRADE_ROWS = 100;

export const implementation = defineAnalysis({
	id: ID,
	task: 'portfolio',
	input: 'pair',
	costs: {
		// One OLS and one ADF lag search (≈ 15 small regressions over the window) per refit.
		expectedFitMs: (rows, p) => 20 + (0.002 * rows * (p.lookback ?? 252)) / (p.refit_every ?? 21),
		minDeadlineMs: 60_000
	},
	evaluate(data, params, ctx) {
		const panel = readPanel(data, ID);
		const [a, b] = panel.names;
		const closeA = data.datasets[0].bars.close;
		const closeB = data.datasets[1].bars.close;
		const { t, ppy } = panel;
		const N = t.length;
		const lookback = params.lookback ?? autoLookback(ppy);
		if (N < lookback + 2)
			throw new AnalysisInputError(
				`${ID} needs at least ${lookback + 2} aligned rows: ${lookback} for the first refit's window (lookback) and two more to hold a position over; the data has ${N}`
			);
		const every = params.refit_every ?? autoRebalance(ppy);
		const total = Math.max(1, Math.ceil((N - lookback) / every));
		const run = pairsBacktest(
			closeA,
			closeB,
			{
				lookback,
				refitEvery: every,
				entry: params.zscore_entry,
				exit: params.zscore_exit,
				threshold: params.cointegration_threshold,
				costBps: params.cost_bps
			},
			(i) => {
				if (ctx.isCancelled?.()) throw new FitCancelledError();
				ctx.onProgress?.(Math.min(1, i / total));
			}
		);
		const start = run.start;
		const span = Float64Array.from(t.subarray(start));
		const tradable = run.refits.filter((r) => r.tradable).length;
		let inMarket = 0;
		for (let i = 0; i < run.position.length - 1; i++) if (run.position[i] !== 0) inMarket++;
		const closed = run.trades.filter((x) => x.closeBar !== null);
		const wins = closed.filter((x) => x.return > 0).length;
		const full = engleGranger(Float64Array.from(closeA, Math.log), Float64Array.from(closeB, Math.log));
		const last = run.refits[run.refits.length - 1];
		const pct = (v: number) => `${(v * 100).toFixed(0)} %`;
		const numbers: NamedNumber[] = [
			...summary('strategy', 'Pairs trade', run, ppy, 0),
			{ key: 'refits', label: 'Refits', value: run.refits.length },
			{
				key: 'refits_cointegrated',
				label: `Share of refits with p ≤ ${params.cointegration_threshold} (tradable)`,
				value: tradable / run.refits.length,
				unit: '%'
			},
			{ key: 'trades', label: 'Trades opened', value: run.trades.length },
			{
				key: 'win_rate',
				label: 'Closed trades with a positive return',
				value: closed.length > 0 ? wins / closed.length : Number.NaN,
				unit: '%',
				...(closed.length > 0 ? {} : { note: 'No trade was closed, so there is no win rate.' })
			},
			{
				key: 'time_in_market',
				label: 'Share of bars with a position',
				value: inMarket / (run.position.length - 1),
				unit: '%'
			},
			{
				key: 'last_hedge_ratio',
				label: `Hedge ratio β at the last refit (${isoDate(t[last.bar])})`,
				value: last.beta
			},
			{ key: 'last_pvalue', label: 'Engle–Granger p-value at the last refit', value: last.pvalue },
			{
				key: 'full_sample_pvalue',
				label: 'Engle–Granger p-value on the whole period (in-sample; not used by the trades)',
				value: full.pvalue
			},
			{ key: 'full_sample_beta', label: 'Hedge ratio β on the whole period (in-sample)', value: full.beta },
			{ key: 'lookback_bars', label: 'Training window', value: lookback, unit: 'bars' },
			{ key: 'periods_per_year', label: 'Bars per year (from the date spacing)', value: ppy }
		];
		const shownRefits = pickRows(run.refits.length);
		const refitTable: AnalysisTable = {
			title: 'Refits: hedge ratio and Engle–Granger test on the window ending at each date',
			columns: ['Date', 'α', 'β (hedge ratio)', 'Spread σ', 'τ', 'p-value', 'ADF lags', 'Tradable'],
			rows: shownRefits.map((k) => {
				const r = run.refits[k];
				return [
					isoDate(t[r.bar]),
					r.alpha,
					r.beta,
					r.sd,
					r.stat,
					r.pvalue,
					r.usedLag,
					r.tradable ? 'yes' : 'no'
				];
			})
		};
		const shownTrades = run.trades.slice(-MAX_TRADE_ROWS);
		const tradeTable: AnalysisTable = {
			title: `Trades${shownTrades.length < run.trades.length ? ` (the last ${shownTrades.length} of ${run.trades.length})` : ''}`,
			columns: ['Opened', 'Side', 'z at entry', 'Closed', 'Bars held', 'Return'],
			rows: shownTrades.map((x) => [
				isoDate(t[x.openBar]),
				x.side === 1 ? `long ${a}, short ${b}` : `short ${a}, long ${b}`,
				x.openZ,
				x.closeBar === null ? 'open at the end' : isoDate(t[x.closeBar]),
				(x.closeBar ?? N - 1) - x.openBar,
				x.return
			])
		};
		const years = run.returns.length / ppy;
		return analysisResult({
			numbers,
			tables: [buyAndHold(panel, start, 0), refitTable, tradeTable],
			charts: [
				{
					title: 'Equity of the pairs trade (1 at the first refit, after costs)',
					xKind: 'time',
					x: span,
					lines: [{ name: 'Pairs trade', values: run.equity }],
					xLabel: 'Date',
					yLabel: 'Equity'
				},
				{
					title: `Spread z-score (gaps where the last refit was not cointegrated), bands and position (+1 long ${a} / short ${b})`,
					xKind: 'time',
					x: span,
					lines: [
						{ name: 'z', values: run.z },
						{ name: 'Entry', values: new Float64Array(span.length).fill(params.zscore_entry) },
						{ name: '−Entry', values: new Float64Array(span.length).fill(-params.zscore_entry) },
						{ name: 'Exit', values: new Float64Array(span.length).fill(params.zscore_exit) },
						{ name: '−Exit', values: new Float64Array(span.length).fill(-params.zscore_exit) },
						{ name: 'Position', values: Float64Array.from(run.position) }
					],
					xLabel: 'Date',
					yLabel: 'z'
				}
			],
			notes: [
				`Walk-forward backtest in one causal pass over ${N} aligned rows (${isoDate(t[0])} to ${isoDate(t[N - 1])}), ${ppy} bars per year from the median date spacing. A = ${a}, B = ${b}.`,
				`Refits every ${every} bars from ${isoDate(t[start])} (${run.refits.length} refits), each on the ${lookback} log prices of the window ending at that bar, nothing after it: the regression log ${a} = α + β log ${b} + e by OLS gives the hedge ratio β, and the Engle–Granger test of e (ADF without constant, lags by AIC, MacKinnon's p-value for two series; as statsmodels coint) decides whether the pair may be traded, at p ≤ ${params.cointegration_threshold}.${params.lookback === null ? ` Window chosen automatically: three years of bars, at least 36 and at most 252, here ${lookback}.` : ''}${params.refit_every === null ? ` Refit interval chosen automatically: about a month of bars, here ${every}.` : ''}`,
				`Trading rule at each close: z = (log ${a} − α − β log ${b}) / σ with σ the window's residual standard deviation. A long spread (long ${a}, short β of ${b}) opens at z ≤ −${params.zscore_entry} and closes once z ≥ −${params.zscore_exit}; a short spread opens at z ≥ ${params.zscore_entry} and closes once z ≤ ${params.zscore_exit}. While the latest refit is not cointegrated the position is closed and none opens. Refits found tradable: ${tradable} of ${run.refits.length} (${pct(tradable / run.refits.length)}).`,
				`Positions: weights ${a} = s/(1 + |β|), ${b} = −sβ/(1 + |β|) of the portfolio's value (gross exposure 1; the rest in cash at 0 %), reset at each close and held over the next bar; a short position's proceeds earn nothing. Costs: Σ|target − drifted weight| × ${params.cost_bps} bps at every close, charged in the next bar.`,
				`Figures cover ${isoDate(t[start])} to ${isoDate(t[N - 1])} (${run.returns.length} returns, ${years.toFixed(1)} years); the benchmark of a market-neutral trade is cash, and each leg's buy and hold is shown for scale. Sharpe ratios use a risk-free rate of 0.`,
				`The whole-period test (p = ${full.pvalue.toPrecision(3)}) looks at data the trades could not have seen; it is shown for orientation only. A pair that tests as cointegrated in hindsight is the classic overfitting trap.`,
				...(shownRefits.length < run.refits.length
					? [
							`The refits table shows ${shownRefits.length} of ${run.refits.length} refits, evenly spaced, first and last included.`
						]
					: [])
			]
		});
	}
});
