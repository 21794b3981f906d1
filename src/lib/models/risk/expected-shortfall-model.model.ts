/** Catalog entry `expected_shortfall_model`: expected shortfall over the lookback window (risk/tail-risk.ts). */
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
import { dailyMoments, rollingTail, tailRisk } from './tail-risk';

export const implementation = defineAnalysis({
	id: 'expected_shortfall_model',
	task: 'measure',
	input: 'series',
	// The through-time backtest sorts one window per day: about 70 ms on 5,000 daily bars (measured, warm).
	costs: { expectedFitMs: () => 100, minDeadlineMs: 60_000 },
	evaluate: (data, p, ctx) => {
		const id = 'expected_shortfall_model';
		const bars = subjectBars(data, id);
		const w = p.lookback_window;
		requireLength(bars.close.length - 1, w, id, 'returns (the lookback window)');
		checkPositive(bars.close, id, 'close');
		const all = simpleReturnsOver(bars.close, 1);
		const daily = all.subarray(all.length - w);
		const tail = tailRisk(p.method, daily, p.confidence_level, 1, ctx.rng);
		const m = dailyMoments(daily);
		const rolling = rollingTail(p.method, all, p.confidence_level, w);
		const bt = breaches(all, rolling.valueAtRisk);
		// Mean loss on the breach days, to set against the mean ES forecast for those days.
		let lossSum = 0;
		let esSum = 0;
		for (let t = 0; t < all.length; t++)
			if (Number.isFinite(rolling.valueAtRisk[t]) && -all[t] > rolling.valueAtRisk[t]) {
				lossSum -= all[t];
				esSum += rolling.expectedShortfall[t];
			}
		const pct = `${Math.round(p.confidence_level * 1000) / 10} %`;
		const noBreach =
			bt.days === 0
				? `the data holds only the lookback window (${w} returns): no day after it to backtest`
				: bt.breaches === 0
					? 'no day breached the one-day VaR'
					: undefined;
		return analysisResult({
			numbers: [
				{
					key: 'expected_shortfall',
					label: `Expected shortfall ${pct}, one bar`,
					value: tail.expectedShortfall,
					unit: '%'
				},
				{ key: 'value_at_risk', label: `VaR ${pct}, one bar`, value: tail.valueAtRisk, unit: '%' },
				{
					key: 'shortfall_to_var',
					label: 'ES / VaR (1.15–1.25 for a normal tail; more for a fat one)',
					value: tail.expectedShortfall / tail.valueAtRisk
				},
				{ key: 'daily_volatility', label: 'Daily volatility in the window', value: m.sigma, unit: '%' },
				{ key: 'returns_used', label: 'Returns in the lookback window', value: daily.length },
				{
					key: 'backtest_breach_rate',
					label: `Backtest: share of days beyond the one-day VaR (expected ${Math.round((1 - p.confidence_level) * 1000) / 10} %)`,
					value: bt.days ? bt.breaches / bt.days : Number.NaN,
					unit: '%',
					...(bt.days === 0 && noBreach ? { note: noBreach } : {})
				},
				{
					key: 'backtest_mean_breach_loss',
					label: 'Backtest: mean loss on breach days',
					value: bt.breaches ? lossSum / bt.breaches : Number.NaN,
					unit: '%',
					...(noBreach ? { note: noBreach } : {})
				},
				{
					key: 'backtest_mean_forecast_es',
					label: 'Backtest: mean ES forecast for those days',
					value: bt.breaches ? esSum / bt.breaches : Number.NaN,
					unit: '%',
					...(noBreach ? { note: noBreach } : {})
				}
			],
			charts: [
				tailHistogram(
					daily,
					tail.valueAtRisk,
					tail.expectedShortfall,
					`Daily returns of the last ${w} bars with the tail beyond VaR`
				),
				rollingVarChart(bars.t, all, rolling.valueAtRisk, w, rolling.expectedShortfall)
			],
			notes: [
				tailMethodNote(p.method, 1),
				`Expected shortfall (conditional VaR) is the mean loss in the worst ${Math.round((1 - p.confidence_level) * 1000) / 10} % of the last ${w} daily returns, as a fraction of the position’s value (Acerbi & Tasche 2002; Hull, Risk Management and Financial Institutions, ch. 12).`,
				...(p.method === 'cornish_fisher'
					? [
							'The Cornish–Fisher expansion is poor far in the tail of very fat-tailed returns (excess kurtosis above about 6): its ES can then overshoot the historical one.'
						]
					: []),
				...rollingTailChartNotes(p.method, w),
				'If the ES forecasts are right, the mean loss on breach days should be close to the mean ES forecast for those days (the idea behind the Acerbi–Szekely backtest).'
			]
		});
	}
});
