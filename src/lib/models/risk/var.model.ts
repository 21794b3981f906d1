/** Catalog entry `var`: value at risk of one price series over the holding period (risk/tail-risk.ts). */
import { analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, requireLength, simpleReturnsOver, subjectBars } from './bars-input';
import {
	breaches,
	rollingTailChartNotes,
	rollingVarChart,
	tailHistogram,
	tailMethodNote
} from './tail-charts';
import { compounded, dailyMoments, rollingTail, tailRisk } from './tail-risk';

/** The one-day backtest's estimation window: a trading year, the Basel convention. */
export const BACKTEST_WINDOW = 250;
/** Fewer returns than this give no usable tail quantile. */
export const MIN_RETURNS = 30;

export const implementation = defineAnalysis({
	id: 'var',
	task: 'measure',
	input: 'series',
	// The backtest sorts one 250-bar window per day, or 100,000 draws are simulated: about 70 ms on 5,000 bars.
	costs: { expectedFitMs: () => 100, minDeadlineMs: 60_000 },
	evaluate: (data, p, ctx) => {
		const bars = subjectBars(data, 'var');
		requireLength(bars.close.length - p.holding_period, MIN_RETURNS, 'var', 'holding-period returns');
		checkPositive(bars.close, 'var', 'close');
		const daily = simpleReturnsOver(bars.close, 1);
		const h = p.holding_period;
		const tail = tailRisk(p.method, daily, p.confidence_level, h, ctx.rng);
		const m = dailyMoments(daily);
		const rolling = rollingTail(p.method, daily, p.confidence_level, BACKTEST_WINDOW).valueAtRisk;
		const bt = breaches(daily, rolling);
		const pct = (c: number) => `${(c * 100).toFixed(c * 100 === Math.round(c * 100) ? 0 : 1)} %`;
		const noBacktest = bt.days === 0 ? `fewer than ${BACKTEST_WINDOW + 1} returns: no backtest` : undefined;
		return analysisResult({
			numbers: [
				{
					key: 'value_at_risk',
					label: `VaR ${pct(p.confidence_level)}, ${h}-bar`,
					value: tail.valueAtRisk,
					unit: '%'
				},
				{
					key: 'expected_shortfall',
					label: `Expected shortfall beyond it`,
					value: tail.expectedShortfall,
					unit: '%'
				},
				{ key: 'daily_mean', label: 'Mean daily return', value: m.mu, unit: '%' },
				{ key: 'daily_volatility', label: 'Daily volatility', value: m.sigma, unit: '%' },
				{ key: 'skewness', label: 'Skewness of daily returns', value: m.skew },
				{ key: 'excess_kurtosis', label: 'Excess kurtosis of daily returns', value: m.excessKurtosis },
				{ key: 'returns_used', label: 'Daily returns used', value: daily.length },
				{
					key: 'backtest_breach_rate',
					label: `Backtest: share of days losing more than the one-day VaR (expected ${pct(1 - p.confidence_level)})`,
					value: bt.days ? bt.breaches / bt.days : Number.NaN,
					unit: '%',
					...(noBacktest ? { note: noBacktest } : {})
				},
				{ key: 'backtest_days', label: 'Backtest days', value: bt.days }
			],
			charts: [
				tailHistogram(
					compounded(daily, h),
					tail.valueAtRisk,
					tail.expectedShortfall,
					`${h}-bar returns${h > 1 ? ' (overlapping)' : ''} with the tail beyond VaR`
				),
				rollingVarChart(bars.t, daily, rolling, BACKTEST_WINDOW)
			],
			notes: [
				tailMethodNote(p.method, h),
				'VaR and ES are losses as a fraction of the position’s value (a positive number is a loss), from simple returns of the closes over the whole dataset (Jorion, Value at Risk, ch. 5; Hull, Risk Management and Financial Institutions, ch. 12).',
				...rollingTailChartNotes(p.method, BACKTEST_WINDOW)
			]
		});
	}
});
