/** Catalog entry `bid_ask_spread_analysis`: Roll and Corwin–Schultz spread estimates from bars (risk/spreads.ts). */
import { analysisResult, type AnalysisChart, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, requireLength, subjectBars } from './bars-input';
import {
	corwinSchultzTwoDay,
	rollAutocovariance,
	rollingMean,
	rollingRollAutocovariance,
	rollSpreadOf
} from './spreads';

/** Fewer bars than this give no usable autocovariance. */
export const MIN_BARS = 30;

export const implementation = defineAnalysis({
	id: 'bid_ask_spread_analysis',
	task: 'measure',
	input: 'series',
	// Two passes plus one covariance per bar for the chart: a few ms on 5,000 bars.
	costs: { expectedFitMs: () => 10, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const id = 'bid_ask_spread_analysis';
		const bars = subjectBars(data, id);
		const n = bars.close.length;
		requireLength(n, Math.max(MIN_BARS, p.window + 2), id, 'bars');
		checkPositive(bars.close, id, 'close');
		const roll = p.spread_measure !== 'corwin_schultz';
		const cs = p.spread_measure !== 'roll';
		const numbers: NamedNumber[] = [];
		const lines: AnalysisChart['lines'][number][] = [];
		const notes: string[] = [];
		if (roll) {
			const cov = rollAutocovariance(bars.close);
			const s = rollSpreadOf(cov);
			numbers.push(
				{
					key: 'roll_spread',
					label: 'Roll spread (whole sample)',
					value: s,
					unit: '%',
					...(Number.isFinite(s)
						? {}
						: { note: 'the price changes are not negatively autocorrelated here: Roll’s model does not fit' })
				},
				{ key: 'roll_autocovariance', label: 'First-order autocovariance of daily log changes', value: cov }
			);
			const rolling = rollingRollAutocovariance(bars.close, p.window).map(rollSpreadOf);
			let defined = 0;
			for (const v of rolling) if (!Number.isNaN(v)) defined++;
			const windows = Math.max(0, n - p.window - 1);
			numbers.push({
				key: 'roll_defined_share',
				label: `Share of ${p.window}-bar windows where Roll’s spread is defined`,
				value: windows ? defined / windows : Number.NaN,
				unit: '%',
				...(windows ? {} : { note: 'too few bars for one window' })
			});
			lines.push({ name: 'Roll', values: rolling });
			notes.push(
				'Roll (1984): S = 2√(−cov(Δp_t, Δp_{t−1})) of the daily log price changes — the bid–ask bounce makes changes negatively autocorrelated. It is undefined (a gap in the chart) where the autocovariance is positive, which is common: momentum and news move prices too.'
			);
		}
		if (cs) {
			let ranged = 0;
			for (let i = 0; i < n; i++) if (bars.high[i] > bars.low[i]) ranged++;
			const two = corwinSchultzTwoDay(bars.high, bars.low, bars.close);
			const hasRange = ranged > n / 2;
			let sum = 0;
			let zeros = 0;
			for (const v of two) {
				sum += v;
				if (v === 0) zeros++;
			}
			const noRange = 'most bars have high = low (no intraday range): Corwin–Schultz needs highs and lows';
			numbers.push(
				{
					key: 'corwin_schultz_spread',
					label: 'Corwin–Schultz spread (mean of two-day estimates)',
					value: hasRange ? sum / two.length : Number.NaN,
					unit: '%',
					...(hasRange ? {} : { note: noRange })
				},
				{
					key: 'corwin_schultz_zero_share',
					label: 'Share of two-day estimates set to zero (negative)',
					value: hasRange ? zeros / two.length : Number.NaN,
					unit: '%',
					...(hasRange ? {} : { note: noRange })
				}
			);
			const rolling = rollingMean(two, p.window);
			// Two-day estimate t covers days t and t + 1: dated at its second day, as the chart's x (bars 1 … n − 1).
			if (hasRange) lines.push({ name: 'Corwin–Schultz', values: rolling });
			notes.push(
				'Corwin & Schultz (2012): from each pair of days’ highs and lows, separating the spread (the same in a one- and a two-day range) from the variance (twice as large over two days); day two’s range is first shifted by any overnight gap, and negative two-day estimates are set to zero before averaging, as the paper does.'
			);
		}
		// Both series are indexed so that value i belongs to bar i (Roll) or bar i + 1 (Corwin–Schultz pair i).
		const x = bars.t.slice(1);
		const charted = lines.map((l) => ({
			name: l.name,
			values: l.name === 'Roll' ? l.values.slice(1) : l.values
		}));
		notes.push(
			'Both estimate the effective spread as a fraction of the price; for an index (no one trades its level) they measure the bounce and range of its quoted level, not a tradable cost.'
		);
		return analysisResult({
			numbers,
			charts: charted.length
				? [
						{
							title: `Spread estimates over the previous ${p.window} bars`,
							xKind: 'time',
							x,
							lines: charted,
							yLabel: 'spread (fraction of price)'
						}
					]
				: [],
			notes
		});
	}
});
