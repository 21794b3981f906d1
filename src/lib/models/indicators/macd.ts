/**
 * MACD and its signal-line rule (`macd_model`). Causal: the value at t uses closes 0..t only.
 *
 * Definition (Appel, Technical Analysis: Power Tools for Active Investors, 2005; the python `ta` library's
 * ta.trend.MACD): MACD = EMA(fast) − EMA(slow) of the close, the EMAs as in ema.ts (α = 2/(span+1), seeded with
 * the first close), defined from row slow − 1 on; the signal line is the EMA(sign) of the MACD, seeded with the
 * first MACD value (row slow − 1), defined from row slow + sign − 2 on. This is pandas'
 * ewm(adjust=False, min_periods) chain that `ta` uses, and trading-signals' MACD.
 *
 * Rule: +1 while MACD > signal (histogram positive), −1 while below, 0 on a tie — the signal-line crossover.
 */
import { ema, emaAlpha } from './ema';
import { checkWindow } from './guards';

export interface Macd {
	readonly macd: Float64Array;
	readonly signal: Float64Array;
}

/** MACD line and signal line (see the file comment); NaN during each one's warm-up. */
export function macd(close: Float64Array, fast: number, slow: number, sign: number): Macd {
	checkWindow('window_fast', fast);
	checkWindow('window_slow', slow);
	checkWindow('window_sign', sign);
	if (fast >= slow) throw new RangeError(`window_fast (${fast}) must be less than window_slow (${slow})`);
	const line = ema(close, fast);
	const s = ema(close, slow);
	const signal = new Float64Array(close.length);
	const alpha = emaAlpha(sign);
	let state = Number.NaN;
	for (let t = 0; t < close.length; t++) {
		if (t < slow - 1) {
			line[t] = Number.NaN;
			signal[t] = Number.NaN;
			continue;
		}
		line[t] -= s[t];
		state = t === slow - 1 ? line[t] : alpha * line[t] + (1 - alpha) * state;
		signal[t] = t < slow + sign - 2 ? Number.NaN : state;
	}
	return { macd: line, signal };
}

/** sign(MACD − signal); NaN until the signal line exists. */
export function macdPositions(close: Float64Array, fast: number, slow: number, sign: number): Float64Array {
	const m = macd(close, fast, slow, sign);
	const out = m.signal;
	for (let t = 0; t < out.length; t++) out[t] = Math.sign(m.macd[t] - out[t]);
	return out;
}
