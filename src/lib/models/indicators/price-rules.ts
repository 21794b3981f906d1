/**
 * Two close-only trend rules: price against its EMA, and the sign of the rate of change. Causal (the value at t
 * uses closes 0..t only; price-rules.spec.ts perturbs the future to prove it).
 *
 * - EMA rule (`ema_model`): +1 while close > EMA(span), −1 while below, 0 on a tie; the EMA is ema.ts's
 *   (α = 2/(span+1), seeded with the first close, NaN for the first span − 1 rows).
 * - Rate of change (`roc_model`): ROC_t = 100 · (C_t − C_{t−n}) / C_{t−n} (Murphy, Technical Analysis of the
 *   Financial Markets, 1999, ch. 10 "Rate of change"); NaN for the first n rows. Position: sign(ROC), long
 *   after a rise over the window, short after a fall (the zero-line rule).
 */
import { ema } from './ema';
import { checkFinite, checkWindow } from './guards';

/** +1 above the EMA, −1 below, 0 on it; NaN during the EMA's warm-up. */
export function emaTrendPositions(close: Float64Array, span: number): Float64Array {
	const e = ema(close, span);
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++)
		out[t] = Number.isNaN(e[t]) ? Number.NaN : Math.sign(close[t] - e[t]);
	return out;
}

/** Rate of change over `window` bars, in percent; NaN for the first `window` rows. */
export function rateOfChange(close: Float64Array, window: number): Float64Array {
	checkWindow('window', window);
	checkFinite('close', close);
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) {
		if (t < window) out[t] = Number.NaN;
		else {
			const base = close[t - window];
			if (base === 0) throw new RangeError(`close[${t - window}] is 0; the rate of change divides by it`);
			out[t] = (100 * (close[t] - base)) / base;
		}
	}
	return out;
}

/** sign(ROC): +1 after a rise over the window, −1 after a fall, 0 when unchanged; NaN during the warm-up. */
export function rocPositions(close: Float64Array, window: number): Float64Array {
	const roc = rateOfChange(close, window);
	for (let t = 0; t < roc.length; t++) roc[t] = Math.sign(roc[t]);
	return roc;
}
