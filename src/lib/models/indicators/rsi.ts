/**
 * Relative Strength Index and the RSI band rule (`rsi_model`). Causal: the value at t uses closes 0..t only.
 *
 * Definition (Wilder, New Concepts in Technical Trading Systems, 1978, "Relative Strength Index"): gains
 * g_t = max(C_t − C_{t−1}, 0) and losses l_t = max(C_{t−1} − C_t, 0); the first averages are the simple means of
 * the first n gains and losses (rows 1..n), then Wilder's smoothing avg_t = avg_{t−1} + (x_t − avg_{t−1}) / n;
 * RSI = 100 − 100 / (1 + avgGain / avgLoss), 100 when avgLoss = 0 (and 50 when both are 0: no movement at all).
 * The first RSI is at row n; rows 0..n − 1 are NaN. (The python `ta` library seeds the averages with the first
 * change instead, ewm(alpha = 1/n, adjust = False); the two converge as (1 − 1/n)^t, about 1e-9 after 270 rows at
 * n = 14. We keep Wilder's seed, which trading-signals also uses.)
 *
 * Rule: the classic band reading — long (+1) while RSI < 30 (oversold), short (−1) while RSI > 70 (overbought),
 * flat between; a mean-reversion signal, as Wilder proposed the levels.
 */
import { checkFinite, checkWindow } from './guards';

/** Wilder's overbought and oversold levels. */
export const RSI_OVERBOUGHT = 70;
export const RSI_OVERSOLD = 30;

/** RSI of `close` over `window` bars (see the file comment); NaN for rows 0..window − 1. */
export function rsi(close: Float64Array, window: number): Float64Array {
	checkWindow('window', window);
	checkFinite('close', close);
	const n = close.length;
	const out = new Float64Array(n);
	let gain = 0;
	let loss = 0;
	for (let t = 0; t < n; t++) {
		if (t === 0) {
			out[t] = Number.NaN;
			continue;
		}
		const d = close[t] - close[t - 1];
		const g = d > 0 ? d : 0;
		const l = d < 0 ? -d : 0;
		if (t <= window) {
			gain += g;
			loss += l;
			if (t < window) {
				out[t] = Number.NaN;
				continue;
			}
			gain /= window;
			loss /= window;
		} else {
			gain += (g - gain) / window;
			loss += (l - loss) / window;
		}
		out[t] = loss === 0 ? (gain === 0 ? 50 : 100) : 100 - 100 / (1 + gain / loss);
	}
	return out;
}

/** +1 below 30, −1 above 70, 0 between; NaN while the RSI does not exist. */
export function rsiPositions(close: Float64Array, window: number): Float64Array {
	const r = rsi(close, window);
	for (let t = 0; t < r.length; t++) {
		const v = r[t];
		if (!Number.isNaN(v)) r[t] = v < RSI_OVERSOLD ? 1 : v > RSI_OVERBOUGHT ? -1 : 0;
	}
	return r;
}
