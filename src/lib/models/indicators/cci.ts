/**
 * Commodity Channel Index and the rules built on it (`commodity_channel_index`, `cci_ensemble`). Causal: the
 * value at t uses bars t − n + 1 … t only.
 *
 * Definition (Lambert, "Commodity Channel Index: Tools for Trading Cyclic Trends", Commodities, 1980; `ta`
 * ta.trend.CCIIndicator): typical price TP = (H + L + C)/3; CCI = (TP − SMA_n(TP)) / (c · MD), with MD the mean
 * absolute deviation of the last n TPs from their SMA and c Lambert's 0.015 (so about 70–80 % of values fall
 * within ±100). MD = 0 (n identical TPs) gives CCI 0. NaN for rows 0 … n − 2.
 *
 * Cost: O(n · window), not O(n): the mean deviation is about the *current* mean, so each window's deviations
 * must be summed afresh (a running sum cannot be updated when the centre moves). At window ≤ 200 this is still
 * well under a millisecond per thousand bars; no per-bar allocation.
 *
 * Rules: Lambert's own reading is trend-following — long (+1) while CCI > +100, short (−1) while CCI < −100,
 * flat between. The ensemble (`cci_ensemble`) averages that vote over several periods (each period one vote of
 * +1, 0 or −1; the position is their mean, in [−1, 1]); NaN until the longest period's CCI exists.
 */
import type { Bars } from '../../domain/series';
import { checkColumns, checkWindow } from './guards';

/** Lambert's constant. */
export const CCI_CONSTANT = 0.015;
export const CCI_THRESHOLD = 100;

export function cci(bars: Bars, window: number, constant = CCI_CONSTANT): Float64Array {
	checkWindow('window', window);
	checkColumns(bars, ['high', 'low', 'close']);
	if (!(constant > 0)) throw new RangeError(`constant must be positive, got ${constant}`);
	const n = bars.close.length;
	const tp = new Float64Array(n);
	for (let t = 0; t < n; t++) tp[t] = (bars.high[t] + bars.low[t] + bars.close[t]) / 3;
	const out = new Float64Array(n);
	let sum = 0;
	for (let t = 0; t < n; t++) {
		sum += tp[t];
		if (t >= window) sum -= tp[t - window];
		if (t < window - 1) {
			out[t] = Number.NaN;
			continue;
		}
		const mean = sum / window;
		let md = 0;
		for (let i = t - window + 1; i <= t; i++) md += Math.abs(tp[i] - mean);
		md /= window;
		out[t] = md > 0 ? (tp[t] - mean) / (constant * md) : 0;
	}
	return out;
}

/** Lambert's vote: +1 above +100, −1 below −100, 0 between; NaN stays NaN. */
function vote(v: number): number {
	return Number.isNaN(v) ? Number.NaN : v > CCI_THRESHOLD ? 1 : v < -CCI_THRESHOLD ? -1 : 0;
}

export function cciPositions(bars: Bars, window: number, constant: number): Float64Array {
	const c = cci(bars, window, constant);
	for (let t = 0; t < c.length; t++) c[t] = vote(c[t]);
	return c;
}

/** Mean of the ±100 votes of the CCI over each period (Lambert's constant); NaN until every period has a value. */
export function cciEnsemblePositions(bars: Bars, periods: readonly number[]): Float64Array {
	if (periods.length === 0) throw new RangeError('n_periods must list at least one period');
	const out = new Float64Array(bars.close.length);
	for (const p of periods) {
		const c = cci(bars, p);
		for (let t = 0; t < out.length; t++) out[t] += vote(c[t]);
	}
	for (let t = 0; t < out.length; t++) out[t] /= periods.length;
	return out;
}
