/**
 * Causal operators beyond daily_v1's (domain/features.ts), for the named feature sets and the generated ones
 * (domain/feature-sets.ts). Each returns one column, one value per bar: the value at row t reads rows 0..t only,
 * and rows without enough history hold NaN (never back-filled). Each operator's `warmup` is the number of leading
 * rows it leaves NaN on data with no gaps, so a set's first complete row is known before any data is read.
 *
 * Formulas follow the original's momentum example (original-system.md §6.7) where it defines one; where it used
 * a price-scaled quantity (EMA8 − EMA13 in dollars) the column is divided by the close so that it means the same
 * at any price level — said at the operator.
 */

/** close[t] / close[t − k] − 1 (pandas pct_change(k)). Warm-up k. */
export function pctReturn(close: Float64Array, k: number): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = k; t < close.length; t++) out[t] = close[t] / close[t - k] - 1;
	return out;
}

/** Simple moving average over rows t − w + 1 .. t. Warm-up w − 1. */
export function sma(x: Float64Array, w: number): Float64Array {
	const out = new Float64Array(x.length).fill(Number.NaN);
	let sum = 0;
	for (let t = 0; t < x.length; t++) {
		sum += x[t];
		if (t >= w) sum -= x[t - w];
		if (t >= w - 1) out[t] = sum / w;
	}
	return out;
}

/** close / SMA_w − 1. Warm-up w − 1. */
export function smaGap(close: Float64Array, w: number): Float64Array {
	const m = sma(close, w);
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) out[t] = close[t] / m[t] - 1;
	return out;
}

/** SMA_fast / SMA_slow − 1 (the original's SMA50/SMA200 trend feature). Warm-up slow − 1. */
export function smaRatio(close: Float64Array, fast: number, slow: number): Float64Array {
	const a = sma(close, fast);
	const b = sma(close, slow);
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) out[t] = a[t] / b[t] - 1;
	return out;
}

/**
 * Exponential moving average with alpha 2 / (span + 1), seeded with the simple mean of the first `span` values
 * (TA-Lib's convention), so no value depends on how far back the data happens to start. Warm-up span − 1.
 */
export function ema(x: Float64Array, span: number): Float64Array {
	const out = new Float64Array(x.length).fill(Number.NaN);
	if (x.length < span) return out;
	const alpha = 2 / (span + 1);
	let s = 0;
	for (let t = 0; t < span; t++) s += x[t];
	let e = s / span;
	out[span - 1] = e;
	for (let t = span; t < x.length; t++) {
		e = alpha * x[t] + (1 - alpha) * e;
		out[t] = e;
	}
	return out;
}

/** (EMA_fast − EMA_slow) / close: the original's EMA8 − EMA13 spread, per unit of price. Warm-up slow − 1. */
export function emaSpread(close: Float64Array, fast: number, slow: number): Float64Array {
	const a = ema(close, fast);
	const b = ema(close, slow);
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) out[t] = (a[t] - b[t]) / close[t];
	return out;
}

/** volume[t] / mean(volume over rows t − w + 1 .. t); NaN when that mean is 0. Warm-up w − 1. */
export function volumeRatio(volume: Float64Array, w: number): Float64Array {
	const m = sma(volume, w);
	const out = new Float64Array(volume.length);
	for (let t = 0; t < volume.length; t++) out[t] = m[t] > 0 ? volume[t] / m[t] : Number.NaN;
	return out;
}

function oneDayLogReturns(close: Float64Array): Float64Array {
	const r = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 1; t < close.length; t++) r[t] = Math.log(close[t] / close[t - 1]);
	return r;
}

/**
 * Downside deviation of the last w one-day log returns: √(mean of min(r, 0)²) over rows t − w + 1 .. t (target 0,
 * every day counted, as the Sortino ratio's denominator). Warm-up w.
 */
export function downsideVolatility(close: Float64Array, w: number): Float64Array {
	const r = oneDayLogReturns(close);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = w; t < close.length; t++) {
		let ss = 0;
		for (let i = t - w + 1; i <= t; i++) if (r[i] < 0) ss += r[i] * r[i];
		out[t] = Math.sqrt(ss / w);
	}
	return out;
}

/**
 * Momentum quality over w days (§6.7): the share of positive one-day returns × their smoothness, mean / sample
 * std, over rows t − w + 1 .. t; 0 when the returns are constant. Warm-up w.
 */
export function momentumQuality(close: Float64Array, w: number): Float64Array {
	const r = oneDayLogReturns(close);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = w; t < close.length; t++) {
		let s = 0;
		let up = 0;
		for (let i = t - w + 1; i <= t; i++) {
			s += r[i];
			if (r[i] > 0) up++;
		}
		const mean = s / w;
		let ss = 0;
		for (let i = t - w + 1; i <= t; i++) ss += (r[i] - mean) ** 2;
		const sd = Math.sqrt(ss / (w - 1));
		out[t] = sd > 0 ? (up / w) * (mean / sd) : 0;
	}
	return out;
}

/**
 * The percentile of x[t] within x's own history up to t: the share of earlier finite values below it (§6.7's
 * volatility regime, which the original took over the whole series — a look-ahead; here only the past counts).
 * NaN until `minHistory` earlier values exist. Warm-up: x's warm-up + minHistory.
 */
export function expandingPercentile(x: Float64Array, minHistory: number): Float64Array {
	const out = new Float64Array(x.length).fill(Number.NaN);
	const sorted: number[] = [];
	for (let t = 0; t < x.length; t++) {
		const v = x[t];
		if (!Number.isFinite(v)) continue;
		// The number of earlier values strictly below v: the first index holding a value ≥ v.
		let lo = 0;
		let hi = sorted.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (sorted[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		if (sorted.length >= minHistory) out[t] = lo / sorted.length;
		sorted.splice(lo, 0, v);
	}
	return out;
}

/** Month of the bar's date (1–12, UTC): known on the day. Warm-up 0. */
export function monthOf(t: Float64Array): Float64Array {
	const out = new Float64Array(t.length);
	for (let i = 0; i < t.length; i++) out[i] = new Date(t[i]).getUTCMonth() + 1;
	return out;
}

/** Quarter of the bar's date (1–4, UTC). Warm-up 0. */
export function quarterOf(t: Float64Array): Float64Array {
	const out = new Float64Array(t.length);
	for (let i = 0; i < t.length; i++) out[i] = Math.floor(new Date(t[i]).getUTCMonth() / 3) + 1;
	return out;
}

/** x[t − k]. Adds k rows of warm-up. */
export function lagged(x: Float64Array, k: number): Float64Array {
	const out = new Float64Array(x.length).fill(Number.NaN);
	for (let t = k; t < x.length; t++) out[t] = x[t - k];
	return out;
}

/** x[t] − x[t − k]. Adds k rows of warm-up. */
export function differenced(x: Float64Array, k: number): Float64Array {
	const out = new Float64Array(x.length).fill(Number.NaN);
	for (let t = k; t < x.length; t++) out[t] = x[t] - x[t - k];
	return out;
}

/**
 * (x[t] − mean) / sample std over rows t − w + 1 .. t; 0 when the window is constant; NaN while any value of the
 * window is NaN. Adds w − 1 rows of warm-up.
 */
export function rollingZ(x: Float64Array, w: number): Float64Array {
	const out = new Float64Array(x.length).fill(Number.NaN);
	for (let t = w - 1; t < x.length; t++) {
		let s = 0;
		let ok = true;
		for (let i = t - w + 1; i <= t; i++) {
			if (!Number.isFinite(x[i])) {
				ok = false;
				break;
			}
			s += x[i];
		}
		if (!ok) continue;
		const mean = s / w;
		let ss = 0;
		for (let i = t - w + 1; i <= t; i++) ss += (x[i] - mean) ** 2;
		const sd = Math.sqrt(ss / (w - 1));
		out[t] = sd > 0 ? (x[t] - mean) / sd : 0;
	}
	return out;
}
