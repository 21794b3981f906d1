/**
 * Exponential moving averages and the EMA crossover signal. Both are causal: the value at t uses values 0..t only
 * (ema.spec.ts proves it by perturbing the future at random cut points).
 *
 * Definition (pandas `Series.ewm(span=span, adjust=False, min_periods=span).mean()`): α = 2 / (span + 1), seeded
 * with the first value, ema[0] = x[0] and ema[t] = α·x[t] + (1 − α)·ema[t − 1]; the first span − 1 outputs are
 * NaN (warm-up: the seed still weighs more than (1 − α)^(span−1) ≈ 13 % there), but the recursion runs through
 * them so every later value equals pandas' exactly.
 */

/** α = 2 / (span + 1): the weight of the newest value, so that the EMA's centre of mass is (span − 1) / 2 rows back. */
export function emaAlpha(span: number): number {
	return 2 / (span + 1);
}

function checkSpan(name: string, span: number): void {
	if (!Number.isInteger(span) || span < 1)
		throw new RangeError(`${name} must be a whole number ≥ 1, got ${span}`);
}

function checkFinite(name: string, values: Float64Array): void {
	for (let i = 0; i < values.length; i++) {
		// A gap would either poison every later value (NaN) or need a fill rule; the caller decides, not the EMA.
		if (!Number.isFinite(values[i]))
			throw new RangeError(`${name}[${i}] is ${values[i]}; the EMA needs finite values`);
	}
}

/** EMA of `values` with the given span (see the file comment); NaN for the first span − 1 rows. */
export function ema(values: Float64Array, span: number): Float64Array {
	checkSpan('span', span);
	checkFinite('values', values);
	const out = new Float64Array(values.length);
	const alpha = emaAlpha(span);
	let state = values[0];
	for (let t = 0; t < values.length; t++) {
		if (t > 0) state = alpha * values[t] + (1 - alpha) * state;
		out[t] = t < span - 1 ? Number.NaN : state;
	}
	return out;
}

/**
 * Positions of the EMA crossover rule: +1 while EMA(fast) > EMA(slow) (long), −1 while below (short), 0 when they
 * are equal; NaN for the first slow − 1 rows, before the slow EMA exists. The position at t is known at the
 * close of t and is meant to be held over the next period.
 */
export function emaCrossoverPositions(close: Float64Array, fast: number, slow: number): Float64Array {
	checkSpan('fast', fast);
	checkSpan('slow', slow);
	if (fast >= slow) throw new RangeError(`fast (${fast}) must be less than slow (${slow})`);
	const f = ema(close, fast);
	const s = ema(close, slow);
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) out[t] = t < slow - 1 ? Number.NaN : Math.sign(f[t] - s[t]);
	return out;
}
