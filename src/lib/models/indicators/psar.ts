/**
 * Wilder's parabolic stop-and-reverse (`parabolic_sar_model`). Causal: the value at t uses bars 0..t only.
 *
 * Definition (Wilder, New Concepts in Technical Trading Systems, 1978, "Parabolic Time/Price System"): in an
 * up-trend SAR_t = SAR_{t−1} + AF · (EP − SAR_{t−1}), never above the lows of the two previous bars; EP is the
 * highest high of the trend, and AF starts at `step` and grows by `step` (up to `max_step`) each time a bar
 * makes a new EP. When a bar's low crosses below the SAR the trend reverses: the SAR becomes the old EP, EP the
 * bar's low, AF resets to `step`. The down-trend is the mirror image. The update order (move the SAR, clamp it,
 * take a new extreme, then test the reversal) is technicalindicators 3.1.0's PSAR, which we match exactly.
 *
 * Start: Wilder picks the first trend by eye; like technicalindicators we start long with SAR = the first low and
 * EP = the first high. Because that first direction is an assumption rather than a reading, the positions are
 * NaN until the first reversal, after which the series no longer depends on the start.
 *
 * Rule: the system itself — +1 while in an up-trend (SAR below the price), −1 in a down-trend.
 */
import type { Bars } from '../../domain/series';
import { checkColumns } from './guards';

export interface Psar {
	readonly sar: Float64Array;
	/** +1 up-trend, −1 down-trend after each bar; NaN before the first reversal. */
	readonly trend: Float64Array;
}

export function parabolicSar(bars: Bars, step: number, maxStep: number): Psar {
	checkColumns(bars, ['high', 'low']);
	if (!(step > 0)) throw new RangeError(`step must be positive, got ${step}`);
	if (!(maxStep >= step)) throw new RangeError(`max_step (${maxStep}) must be at least step (${step})`);
	const { high, low } = bars;
	const n = high.length;
	const sar = new Float64Array(n);
	const trend = new Float64Array(n);
	if (n === 0) return { sar, trend };
	let up = true;
	let reversed = false;
	let af = step;
	let s = low[0];
	let ep = high[0];
	sar[0] = s;
	trend[0] = Number.NaN;
	for (let t = 1; t < n; t++) {
		s += af * (ep - s);
		// The bars before t: t − 1 and t − 2 (only t − 1 on the second bar, as technicalindicators: bar 0 twice).
		const p2 = t >= 2 ? t - 2 : 0;
		if (up) {
			s = Math.min(s, low[p2], low[t - 1]);
			if (high[t] > ep) {
				ep = high[t];
				af = Math.min(af + step, maxStep);
			}
		} else {
			s = Math.max(s, high[p2], high[t - 1]);
			if (low[t] < ep) {
				ep = low[t];
				af = Math.min(af + step, maxStep);
			}
		}
		if ((up && low[t] < s) || (!up && high[t] > s)) {
			af = step;
			s = ep;
			up = !up;
			ep = up ? high[t] : low[t];
			reversed = true;
		}
		sar[t] = s;
		trend[t] = reversed ? (up ? 1 : -1) : Number.NaN;
	}
	return { sar, trend };
}

export function psarPositions(bars: Bars, step: number, maxStep: number): Float64Array {
	return parabolicSar(bars, step, maxStep).trend;
}
