/**
 * Volume against price: the rolling price–volume correlation (`volume_price_analysis_model`) and rolling VWAP
 * bands (`volume_weighted_price`). Causal: the value at t uses bars t − window + 1 … t only (the return at a row
 * also uses the close before it).
 *
 * - Price–volume correlation: Pearson's correlation, over the last `correlation_window` bars, between the bar's
 *   return r_t = C_t / C_{t−1} − 1 and its volume V_t (pandas `r.rolling(w).corr(v)`); NaN for rows 0 … w − 1 (the
 *   first return is at row 1, the first full window ends at row w), and NaN where either series is constant in the window. One pass with running
 *   sums, re-summed from the window every `w` rows so rounding cannot drift. Rule: volume confirms the moves it
 *   comes with — a positive correlation (heavy volume on up bars: accumulation) is read long (+1), a negative one
 *   (heavy volume on down bars: distribution) short (−1), 0 when undefined or exactly 0.
 * - Rolling VWAP bands: typical price TP = (H + L + C)/3; VWAP = Σ V·TP / Σ V over the last `window` bars and
 *   σ = √(Σ V·(TP − VWAP)² / Σ V), the volume-weighted standard deviation (rolling.ts's weighted moments); bands
 *   VWAP ± band_width · σ. NaN where the window has no volume. Rule (the catalog's reading, mean reversion):
 *   +1 while the close is below the lower band (cheap), −1 above the upper band (dear), 0 inside.
 */
import type { Bars } from '../../domain/series';
import { bandPositions, type Bands } from './bollinger';
import { checkColumns, checkWindow } from './guards';
import { rollingMoments } from './rolling';

/** Rolling Pearson correlation of the bar's return with its volume (see the file comment). */
export function priceVolumeCorrelation(bars: Bars, window: number): Float64Array {
	checkWindow('correlation_window', window, 2);
	checkColumns(bars, ['close', 'volume']);
	const { close, volume } = bars;
	const n = close.length;
	const out = new Float64Array(n).fill(Number.NaN);
	const ret = (i: number): number => {
		if (close[i - 1] === 0) throw new RangeError(`close[${i - 1}] is 0; the return divides by it`);
		return close[i] / close[i - 1] - 1;
	};
	let sx = 0;
	let sy = 0;
	let sxx = 0;
	let syy = 0;
	let sxy = 0;
	for (let t = 1; t < n; t++) {
		const x = ret(t);
		const y = volume[t];
		sx += x;
		sy += y;
		sxx += x * x;
		syy += y * y;
		sxy += x * y;
		if (t > window) {
			const xo = ret(t - window);
			const yo = volume[t - window];
			sx -= xo;
			sy -= yo;
			sxx -= xo * xo;
			syy -= yo * yo;
			sxy -= xo * yo;
		}
		if (t < window) continue;
		if (t % window === 0) {
			// Re-sum the window (O(window) every window rows: O(1) per row) so the removals cannot drift.
			sx = sy = sxx = syy = sxy = 0;
			for (let i = t - window + 1; i <= t; i++) {
				const xi = ret(i);
				sx += xi;
				sy += volume[i];
				sxx += xi * xi;
				syy += volume[i] * volume[i];
				sxy += xi * volume[i];
			}
		}
		const cxx = sxx - (sx * sx) / window;
		const cyy = syy - (sy * sy) / window;
		const cxy = sxy - (sx * sy) / window;
		// A constant series (or rounding that leaves no variance) has no correlation.
		out[t] = cxx > 0 && cyy > 0 ? Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx * cyy))) : Number.NaN;
	}
	return out;
}

/** sign(correlation), 0 where it is undefined after the warm-up; NaN for rows 0 … window − 1. */
export function priceVolumePositions(bars: Bars, window: number): Float64Array {
	const c = priceVolumeCorrelation(bars, window);
	for (let t = 0; t < c.length; t++)
		c[t] = t < window ? Number.NaN : Number.isNaN(c[t]) ? 0 : Math.sign(c[t]);
	return c;
}

export function vwapBands(bars: Bars, window: number, bandWidth: number): Bands {
	checkWindow('window', window);
	checkColumns(bars, ['high', 'low', 'close', 'volume']);
	if (!(bandWidth > 0)) throw new RangeError(`band_width must be positive, got ${bandWidth}`);
	const n = bars.close.length;
	const tp = new Float64Array(n);
	for (let t = 0; t < n; t++) {
		if (bars.volume[t] < 0)
			throw new RangeError(`volume[${t}] is ${bars.volume[t]}; volume cannot be negative`);
		tp[t] = (bars.high[t] + bars.low[t] + bars.close[t]) / 3;
	}
	const { mean, std } = rollingMoments(tp, bars.volume, window);
	const upper = tp;
	const lower = std;
	for (let t = 0; t < n; t++) {
		const half = bandWidth * std[t];
		upper[t] = mean[t] + half;
		lower[t] = mean[t] - half;
	}
	return { middle: mean, upper, lower };
}

/** +1 below the lower VWAP band, −1 above the upper, 0 inside; NaN where the VWAP does not exist. */
export function vwapPositions(bars: Bars, window: number, bandWidth: number): Float64Array {
	return bandPositions(bars.close, vwapBands(bars, window, bandWidth), 'reversion');
}
