/**
 * Bid–ask spread estimators from daily bars, for data without quotes. Both estimate the effective spread as a
 * fraction of the price.
 * - Roll (1984, "A simple implicit measure of the effective bid-ask spread", J. Finance 39): with bid–ask bounce
 *   the price changes are negatively autocorrelated, cov(Δp_t, Δp_{t−1}) = −S²/4, so S = 2√(−cov). Here Δp is the
 *   daily log price change (a relative spread) and cov the sample autocovariance of the pairs (divisor n − 1, as
 *   pandas Series.cov). Undefined when the autocovariance is not negative.
 * - Corwin & Schultz (2012, "A simple way to estimate bid-ask spreads from daily high and low prices",
 *   J. Finance 67): the high–low range of two days holds twice the variance but the same spread as one day's, so
 *   for each pair of days t, t+1: β = ln(H_t/L_t)² + ln(H_{t+1}/L_{t+1})², γ = ln(max H / min L)² over both days,
 *   α = (√(2β) − √β)/(3 − 2√2) − √(γ/(3 − 2√2)), S = 2(e^α − 1)/(1 + e^α) (eqs. 14, 18, 19, 21). Day t+1's high
 *   and low are first shifted by any overnight gap from day t's close (§II.C), and negative two-day estimates are
 *   set to zero before averaging (as the paper does).
 */

/** Sample covariance of the pairs (x[i], y[i]), divisor n − 1. */
function covariance(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): number {
	const n = to - from;
	let mx = 0;
	let my = 0;
	for (let i = from; i < to; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= n;
	my /= n;
	let s = 0;
	for (let i = from; i < to; i++) s += (x[i] - mx) * (y[i] - my);
	return s / (n - 1);
}

/** Daily log price changes d[t] = log(close[t] / close[t − 1]), NaN at 0, and their lag d[t − 1]. */
function changes(close: Float64Array): { d: Float64Array; lag: Float64Array } {
	const d = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 1; t < close.length; t++) d[t] = Math.log(close[t] / close[t - 1]);
	const lag = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 1; t < close.length; t++) lag[t] = d[t - 1];
	return { d, lag };
}

/** First-order autocovariance of the daily log price changes over the whole sample (pairs t = 2 … n − 1). */
export function rollAutocovariance(close: Float64Array): number {
	const { d, lag } = changes(close);
	return covariance(d, lag, 2, close.length);
}

/** Roll's spread from an autocovariance: 2√(−cov), NaN when cov ≥ 0. */
export function rollSpreadOf(autocovariance: number): number {
	return autocovariance < 0 ? 2 * Math.sqrt(-autocovariance) : Number.NaN;
}

/** The autocovariance over the `window` pairs ending at each t (NaN before a full window). */
export function rollingRollAutocovariance(close: Float64Array, window: number): Float64Array {
	const { d, lag } = changes(close);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = window + 1; t < close.length; t++) out[t] = covariance(d, lag, t - window + 1, t + 1);
	return out;
}

const K = 3 - 2 * Math.SQRT2;

/** Corwin–Schultz two-day spread estimates: out[t] for the pair of days (t, t + 1), floored at zero. */
export function corwinSchultzTwoDay(
	high: Float64Array,
	low: Float64Array,
	close: Float64Array
): Float64Array {
	const out = new Float64Array(Math.max(0, close.length - 1));
	for (let t = 0; t < out.length; t++) {
		let h2 = high[t + 1];
		let l2 = low[t + 1];
		if (l2 > close[t]) {
			const gap = l2 - close[t];
			h2 -= gap;
			l2 -= gap;
		} else if (h2 < close[t]) {
			const gap = close[t] - h2;
			h2 += gap;
			l2 += gap;
		}
		const beta = Math.log(high[t] / low[t]) ** 2 + Math.log(h2 / l2) ** 2;
		const gamma = Math.log(Math.max(high[t], h2) / Math.min(low[t], l2)) ** 2;
		const alpha = (Math.sqrt(2 * beta) - Math.sqrt(beta)) / K - Math.sqrt(gamma / K);
		const s = (2 * (Math.exp(alpha) - 1)) / (1 + Math.exp(alpha));
		out[t] = Math.max(0, s);
	}
	return out;
}

/** Trailing mean over `window` values ending at each index (NaN before a full window). */
export function rollingMean(x: Float64Array, window: number): Float64Array {
	const out = new Float64Array(x.length).fill(Number.NaN);
	let s = 0;
	for (let i = 0; i < x.length; i++) {
		s += x[i];
		if (i >= window) s -= x[i - window];
		if (i >= window - 1) out[i] = s / window;
	}
	return out;
}
