/**
 * Williams %R and the stochastic oscillator: where the close sits within the high–low range of the last n bars,
 * and the band rules built on them (`williams_r_model`, `stochastic_model`). Causal: the value at t uses bars
 * t − n + 1 … t only. One pass each (rolling.ts's monotonic-deque extremes).
 *
 * - Williams %R (Williams, How I Made One Million Dollars… Last Year… Trading Commodities, 1973; `ta`
 *   ta.momentum.WilliamsRIndicator): %R = −100 · (HH − C) / (HH − LL) over the last `lbp` bars, from 0 (close
 *   at the high) to −100 (at the low). Rule: +1 while %R < −80 (oversold), −1 while %R > −20 (overbought),
 *   flat between — the mean-reversion reading of Williams' levels.
 * - Stochastic (Lane, "Lane's Stochastics", Technical Analysis of Stocks & Commodities, 1984; `ta`
 *   ta.momentum.StochasticOscillator): %K = 100 · (C − LL) / (HH − LL) over `window` bars, %D = simple mean of
 *   the last `smooth_window` %K values. Rule on %D (the smoothed line, so smooth_window sets how quickly the rule
 *   reacts): +1 while %D < 20 (oversold), −1 while %D > 80 (overbought), flat between.
 *
 * A window with HH = LL (no range at all) puts the close in the middle: %K = 50, %R = −50 (`ta` would give NaN,
 * trading-signals 0 or −100); it does not occur on the bundled S&P 500 bars.
 */
import type { Bars } from '../../domain/series';
import { checkColumns, checkWindow } from './guards';
import { rollingExtreme, rollingMean } from './rolling';

export const WILLIAMS_OVERSOLD = -80;
export const WILLIAMS_OVERBOUGHT = -20;
export const STOCH_OVERSOLD = 20;
export const STOCH_OVERBOUGHT = 80;

/** %K over `window` bars, 0–100; NaN for rows 0 … window − 2. */
export function stochasticK(bars: Bars, window: number): Float64Array {
	checkWindow('window', window);
	checkColumns(bars, ['high', 'low', 'close']);
	const hh = rollingExtreme(bars.high, window, 1);
	const ll = rollingExtreme(bars.low, window, -1);
	const out = hh;
	for (let t = 0; t < out.length; t++) {
		const range = hh[t] - ll[t];
		out[t] = range > 0 ? (100 * (bars.close[t] - ll[t])) / range : Number.isNaN(range) ? Number.NaN : 50;
	}
	return out;
}

/** Williams %R over `lbp` bars: %K − 100, from 0 to −100. */
export function williamsR(bars: Bars, lbp: number): Float64Array {
	checkWindow('lbp', lbp);
	const k = stochasticK(bars, lbp);
	for (let t = 0; t < k.length; t++) k[t] -= 100;
	return k;
}

export interface Stochastic {
	readonly k: Float64Array;
	readonly d: Float64Array;
}

export function stochastic(bars: Bars, window: number, smoothWindow: number): Stochastic {
	checkWindow('smooth_window', smoothWindow);
	const k = stochasticK(bars, window);
	// The SMA of %K starts where %K does; rollingMean sees NaN there, so run it on the defined part only.
	const d = new Float64Array(k.length).fill(Number.NaN);
	const first = window - 1;
	if (k.length > first) d.set(rollingMean(k.subarray(first), smoothWindow), first);
	return { k, d };
}

function bands(x: Float64Array, low: number, high: number): Float64Array {
	for (let t = 0; t < x.length; t++) {
		const v = x[t];
		if (!Number.isNaN(v)) x[t] = v < low ? 1 : v > high ? -1 : 0;
	}
	return x;
}

/** +1 below −80, −1 above −20, 0 between; NaN during the warm-up. */
export function williamsRPositions(bars: Bars, lbp: number): Float64Array {
	return bands(williamsR(bars, lbp), WILLIAMS_OVERSOLD, WILLIAMS_OVERBOUGHT);
}

/** +1 while %D < 20, −1 while %D > 80, 0 between; NaN until %D exists. */
export function stochasticPositions(bars: Bars, window: number, smoothWindow: number): Float64Array {
	return bands(stochastic(bars, window, smoothWindow).d, STOCH_OVERSOLD, STOCH_OVERBOUGHT);
}
