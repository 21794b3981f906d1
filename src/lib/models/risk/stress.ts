/**
 * Historical stress replay: what the series did inside each named crisis window it covers (the fall, the worst
 * bar, volatility against the year before, and breaches of the 99 % one-day VaR set on the two years before), and
 * a stress index through time.
 */
import type { Bars } from '../../domain/series';
import { dayMs, type CrisisWindow } from './crises';
import { maxDrawdown } from './drawdown';
import { historicalTail } from './tail-risk';
import { sampleStd } from './stats';

/** The VaR the crisis is judged against: 99 % one-day historical, from up to 500 bars (two years) before it. */
export const PRE_VAR_CONFIDENCE = 0.99;
export const PRE_VAR_RETURNS = 500;
/** Fewer pre-crisis returns than this give no 99 % quantile worth testing. */
export const MIN_PRE_VAR_RETURNS = 250;
/** Volatility before the crisis: up to a year of bars, at least a month. */
export const PRE_VOL_RETURNS = 252;
export const MIN_PRE_VOL_RETURNS = 20;

export interface CrisisStats {
	readonly window: CrisisWindow;
	/** Why the window cannot be replayed on this data; absent when it can. */
	readonly missing?: string;
	/** Bar indices of the first and last bar inside the window. */
	readonly first: number;
	readonly last: number;
	readonly totalReturn: number;
	readonly maxDrawdown: number;
	readonly worstBar: number;
	readonly worstBarIndex: number;
	/** Annualised volatility of the log returns inside the window and over the year before it. */
	readonly volatility: number;
	readonly volatilityBefore: number;
	readonly preVar: number;
	readonly breaches: number;
	/** Breaches a correct 99 % VaR would see in the window: 1 % of its bars. */
	readonly expectedBreaches: number;
	readonly preVarNote?: string;
}

const logReturn = (c: Float64Array, i: number) => Math.log(c[i] / c[i - 1]);

export function crisisStats(bars: Bars, window: CrisisWindow, periods: number): CrisisStats {
	const { t, close } = bars;
	const n = t.length;
	const start = dayMs(window.start);
	const end = dayMs(window.end);
	let first = 0;
	while (first < n && t[first] < start) first++;
	let last = n - 1;
	while (last >= 0 && t[last] > end) last--;
	const empty: CrisisStats = {
		window,
		first,
		last,
		totalReturn: Number.NaN,
		maxDrawdown: Number.NaN,
		worstBar: Number.NaN,
		worstBarIndex: -1,
		volatility: Number.NaN,
		volatilityBefore: Number.NaN,
		preVar: Number.NaN,
		breaches: Number.NaN,
		expectedBreaches: Number.NaN
	};
	if (n === 0 || t[0] > start || t[n - 1] < end)
		return { ...empty, missing: 'the data does not cover this window' };
	if (last - first < 2) return { ...empty, missing: 'fewer than three bars fall inside this window' };
	let worst = Infinity;
	let worstAt = -1;
	const logs: number[] = [];
	for (let i = first + 1; i <= last; i++) {
		const r = close[i] / close[i - 1] - 1;
		if (r < worst) {
			worst = r;
			worstAt = i;
		}
		logs.push(logReturn(close, i));
	}
	const before: number[] = [];
	for (let i = Math.max(1, first - PRE_VOL_RETURNS + 1); i <= first; i++) before.push(logReturn(close, i));
	const preSimple: number[] = [];
	for (let i = Math.max(1, first - PRE_VAR_RETURNS + 1); i <= first; i++)
		preSimple.push(close[i] / close[i - 1] - 1);
	const hasVar = preSimple.length >= MIN_PRE_VAR_RETURNS;
	const preVar = hasVar ? historicalTail(preSimple, PRE_VAR_CONFIDENCE).valueAtRisk : Number.NaN;
	let breaches = 0;
	for (let i = first + 1; i <= last; i++) if (-(close[i] / close[i - 1] - 1) > preVar) breaches++;
	const days = last - first;
	return {
		window,
		first,
		last,
		totalReturn: close[last] / close[first] - 1,
		maxDrawdown: maxDrawdown(close.subarray(first, last + 1)).depth,
		worstBar: worst,
		worstBarIndex: worstAt,
		volatility: sampleStd(logs) * Math.sqrt(periods),
		volatilityBefore:
			before.length >= MIN_PRE_VOL_RETURNS ? sampleStd(before) * Math.sqrt(periods) : Number.NaN,
		preVar,
		breaches: hasVar ? breaches : Number.NaN,
		expectedBreaches: hasVar ? (1 - PRE_VAR_CONFIDENCE) * days : Number.NaN,
		...(hasVar
			? {}
			: {
					preVarNote: `only ${preSimple.length} bars before the window; the 99 % VaR needs ${MIN_PRE_VAR_RETURNS}`
				})
	};
}

/** Bars of realised volatility in the stress index (about a month of trading days). */
export const STRESS_VOL_BARS = 21;
/** Bars of the running high the index's drawdown is measured from (about a year). */
export const STRESS_HIGH_BARS = 252;

/**
 * Stress index: the mean of two z-scores, the annualised volatility of the last 21 log returns and the fall from
 * the highest close of the last 252 bars, each standardised by its own mean and standard deviation over the whole
 * sample (a description of the past, not a real-time signal). 0 is an average day; 2 is a stressed one. NaN
 * during the first 21 bars.
 */
export function stressIndex(
	close: Float64Array,
	periods: number
): { index: Float64Array; volatility: Float64Array; drawdown: Float64Array } {
	const n = close.length;
	const vol = new Float64Array(n).fill(Number.NaN);
	const dd = new Float64Array(n).fill(Number.NaN);
	const r = new Float64Array(n);
	for (let i = 1; i < n; i++) r[i] = logReturn(close, i);
	for (let i = STRESS_VOL_BARS; i < n; i++) {
		vol[i] = sampleStd(r.subarray(i - STRESS_VOL_BARS + 1, i + 1)) * Math.sqrt(periods);
		let high = -Infinity;
		for (let k = Math.max(0, i - STRESS_HIGH_BARS + 1); k <= i; k++) high = Math.max(high, close[k]);
		dd[i] = 1 - close[i] / high;
	}
	const z = (x: Float64Array) => {
		const v = Array.from(x).filter(Number.isFinite);
		const m = v.reduce((a, b) => a + b, 0) / v.length;
		const s = sampleStd(v);
		return x.map((value) => (s > 0 ? (value - m) / s : 0));
	};
	const zv = z(vol);
	const zd = z(dd);
	return { index: zv.map((v, i) => (v + zd[i]) / 2), volatility: vol, drawdown: dd };
}
