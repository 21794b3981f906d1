/** Catalog entry `maximum_drawdown_model`: the worst peak-to-trough fall and its recovery (risk/drawdown.ts). */
import { isoDate } from '../../domain/series';
import { analysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, requireLength, subjectBars } from './bars-input';
import { drawdownCurve, maxDrawdown } from './drawdown';

/** Fewer bars than this hold no drawdown worth reporting. */
export const MIN_BARS = 10;

export const implementation = defineAnalysis({
	id: 'maximum_drawdown_model',
	task: 'measure',
	input: 'series',
	// One pass over the closes.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const id = 'maximum_drawdown_model';
		const bars = subjectBars(data, id);
		const n = bars.close.length;
		requireLength(n, MIN_BARS, id, 'bars');
		checkPositive(bars.close, id, 'close');
		const start = Math.max(0, n - p.lookback_window);
		const close = bars.close.subarray(start);
		const t = bars.t.subarray(start);
		const dd = drawdownCurve(close);
		const worst = maxDrawdown(close, p.recovery_threshold);
		const recovered = worst.recovery >= 0;
		const pct = Math.round(p.recovery_threshold * 1000) / 10;
		const notRecovered = `not back to ${pct} % of the peak by the last bar (${isoDate(t[t.length - 1])})`;
		const full = start > 0 ? maxDrawdown(bars.close, p.recovery_threshold) : null;
		let underwater = 0;
		for (const v of dd) if (v < 0) underwater++;
		const numbers: NamedNumber[] = [
			{ key: 'max_drawdown', label: 'Maximum drawdown', value: worst.depth, unit: '%' },
			{ key: 'peak_value', label: `Peak (${isoDate(t[worst.peak])})`, value: close[worst.peak] },
			{ key: 'trough_value', label: `Trough (${isoDate(t[worst.trough])})`, value: close[worst.trough] },
			{
				key: 'decline_bars',
				label: 'Bars from peak to trough',
				value: worst.trough - worst.peak,
				unit: 'bars'
			},
			{
				key: 'recovery_bars',
				label: `Bars from trough back to ${pct} % of the peak`,
				value: recovered ? worst.recovery - worst.trough : Number.NaN,
				unit: 'bars',
				...(recovered ? {} : { note: notRecovered })
			},
			{
				key: 'drawdown_duration',
				label: `Bars from peak to recovery (${pct} %)`,
				value: recovered ? worst.recovery - worst.peak : Number.NaN,
				unit: 'bars',
				...(recovered ? {} : { note: notRecovered })
			},
			{ key: 'current_drawdown', label: 'Drawdown at the last bar', value: -dd[dd.length - 1], unit: '%' },
			{
				key: 'share_under_water',
				label: 'Share of bars below a prior high',
				value: underwater / dd.length,
				unit: '%'
			},
			{ key: 'bars_examined', label: 'Bars examined', value: close.length, unit: 'bars' }
		];
		if (full)
			numbers.push({
				key: 'max_drawdown_full_history',
				label: `Maximum drawdown over all ${n} bars (${isoDate(bars.t[full.peak])} to ${isoDate(bars.t[full.trough])})`,
				value: full.depth,
				unit: '%'
			});
		return analysisResult({
			numbers,
			tables: [
				{
					title: 'Worst drawdown',
					columns: ['peak', 'trough', `back to ${pct} %`, 'depth'],
					rows: [
						[
							isoDate(t[worst.peak]),
							isoDate(t[worst.trough]),
							recovered ? isoDate(t[worst.recovery]) : 'not yet',
							worst.depth
						]
					]
				}
			],
			charts: [
				{
					title: `Drawdown from the running peak, last ${close.length} bars`,
					xKind: 'time',
					x: t.slice(),
					lines: [{ name: 'drawdown', values: dd }],
					yLabel: 'fall from peak'
				}
			],
			notes: [
				`Drawdown is the close’s fall from its highest close so far within the window (Bacon, Practical Portfolio Performance Measurement, §4.3); the maximum is the deepest. Recovery is the first bar after the trough whose close is at least ${pct} % of the peak close.`,
				...(n < p.lookback_window
					? [
							`The data holds ${n} bars, fewer than the ${p.lookback_window}-bar window: all of them were examined.`
						]
					: [])
			]
		});
	}
});
