/**
 * Rolling window statistics shared by the rule signals. Every output at t reads inputs at t or before only.
 *
 * Two window kinds, because a rule that compares today with "the recent range" must not put today in the range:
 * - `'trailing'`: the `w` values x[t − w + 1 … t] (today included), as pandas `x.rolling(w)`;
 * - `'prior'`: the `w` values x[t − w … t − 1] (today excluded), as pandas `x.shift(1).rolling(w)`.
 * Rows without a full window are NaN. Each window is summed afresh (O(n·w), w ≤ a few hundred): no running sums
 * whose rounding drifts over thousands of rows, so the values match pandas to ~1e-12 relative (rolling.spec.ts).
 */

export type WindowKind = 'trailing' | 'prior';

export function checkWindow(name: string, w: number, min = 1): void {
	if (!Number.isInteger(w) || w < min)
		throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${w}`);
}

export function checkFiniteColumn(name: string, values: Float64Array): void {
	for (let i = 0; i < values.length; i++) {
		if (!Number.isFinite(values[i]))
			throw new RangeError(`${name}[${i}] is ${values[i]}; the rule needs finite values`);
	}
}

/** First index of the window ending at t, or −1 when the window does not fit yet. */
function windowStart(t: number, w: number, kind: WindowKind): number {
	const start = kind === 'trailing' ? t - w + 1 : t - w;
	return start >= 0 ? start : -1;
}

function rolling(
	x: Float64Array,
	w: number,
	kind: WindowKind,
	reduce: (x: Float64Array, from: number, to: number) => number
): Float64Array {
	checkWindow('window', w);
	const out = new Float64Array(x.length);
	for (let t = 0; t < x.length; t++) {
		const from = windowStart(t, w, kind);
		out[t] = from < 0 ? Number.NaN : reduce(x, from, from + w);
	}
	return out;
}

function meanOf(x: Float64Array, from: number, to: number): number {
	let s = 0;
	for (let i = from; i < to; i++) s += x[i];
	return s / (to - from);
}

/** Sample standard deviation (ddof = 1, pandas' default) by two passes: mean, then squared deviations. */
function stdOf(x: Float64Array, from: number, to: number): number {
	// Exactly 0 for a flat window: the mean of equal values can be off by an ulp, and its tiny residuals would
	// turn a flat range into a noisy z-score.
	if (maxOf(x, from, to) === minOf(x, from, to)) return 0;
	const m = meanOf(x, from, to);
	let ss = 0;
	for (let i = from; i < to; i++) ss += (x[i] - m) ** 2;
	return Math.sqrt(ss / (to - from - 1));
}

function maxOf(x: Float64Array, from: number, to: number): number {
	let m = -Infinity;
	for (let i = from; i < to; i++) if (x[i] > m) m = x[i];
	return m;
}

function minOf(x: Float64Array, from: number, to: number): number {
	let m = Infinity;
	for (let i = from; i < to; i++) if (x[i] < m) m = x[i];
	return m;
}

export function rollingMean(x: Float64Array, w: number, kind: WindowKind): Float64Array {
	return rolling(x, w, kind, meanOf);
}

/** Sample standard deviation (ddof = 1); needs w ≥ 2. */
export function rollingStd(x: Float64Array, w: number, kind: WindowKind): Float64Array {
	checkWindow('window', w, 2);
	return rolling(x, w, kind, stdOf);
}

export function rollingMax(x: Float64Array, w: number, kind: WindowKind): Float64Array {
	return rolling(x, w, kind, maxOf);
}

export function rollingMin(x: Float64Array, w: number, kind: WindowKind): Float64Array {
	return rolling(x, w, kind, minOf);
}

/**
 * z[t] = (x[t] − mean) / std over the window of `kind` (ddof = 1). A window with zero spread gives z = 0 when x[t]
 * equals its mean (a flat series sits on its mean) and ±Infinity otherwise (a move out of a perfectly flat range is
 * infinitely unusual); NaN where the window does not fit.
 */
export function rollingZScore(x: Float64Array, w: number, kind: WindowKind): Float64Array {
	const mean = rollingMean(x, w, kind);
	const std = rollingStd(x, w, kind);
	const out = new Float64Array(x.length);
	for (let t = 0; t < x.length; t++) {
		if (Number.isNaN(mean[t])) out[t] = Number.NaN;
		else if (std[t] > 0) out[t] = (x[t] - mean[t]) / std[t];
		else {
			// A flat window holds x[t − 1] (w ≥ 2, either kind): compare with it exactly, not with a rounded mean.
			const d = x[t] - x[t - 1];
			out[t] = d === 0 ? 0 : d * Infinity;
		}
	}
	return out;
}
