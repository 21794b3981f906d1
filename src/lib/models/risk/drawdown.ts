/**
 * Drawdowns of a value series (a price or an equity curve): the fall from the running peak, its worst episode and
 * the recovery after it (Bacon, Practical Portfolio Performance Measurement and Attribution, 2nd ed., §4.3;
 * Magdon-Ismail & Atiya, "Maximum drawdown", Risk 2004).
 */

/** dd[t] = value[t] / max(value[0..t]) − 1: 0 at a new high, negative below it. */
export function drawdownCurve(values: ArrayLike<number>): Float64Array {
	const out = new Float64Array(values.length);
	let peak = -Infinity;
	for (let t = 0; t < values.length; t++) {
		peak = Math.max(peak, values[t]);
		out[t] = values[t] / peak - 1;
	}
	return out;
}

export interface MaxDrawdown {
	/** The largest fall as a positive fraction of the peak (0.25 = a 25 % fall). */
	readonly depth: number;
	/** Index of the peak before the trough (the last time the running high was set). */
	readonly peak: number;
	readonly trough: number;
	/** First index after the trough at which the value is back to `threshold` × the peak; −1 if never. */
	readonly recovery: number;
}

/** The maximum drawdown and when it recovered to `threshold` of its peak (1 = a full recovery). */
export function maxDrawdown(values: ArrayLike<number>, threshold = 1): MaxDrawdown {
	let peakValue = -Infinity;
	let peakAt = 0;
	let depth = 0;
	let best = { peak: 0, trough: 0 };
	for (let t = 0; t < values.length; t++) {
		if (values[t] >= peakValue) {
			peakValue = values[t];
			peakAt = t;
		}
		const dd = 1 - values[t] / peakValue;
		if (dd > depth) {
			depth = dd;
			best = { peak: peakAt, trough: t };
		}
	}
	let recovery = -1;
	const target = threshold * values[best.peak];
	if (depth > 0)
		for (let t = best.trough + 1; t < values.length; t++)
			if (values[t] >= target) {
				recovery = t;
				break;
			}
	return { depth, ...best, recovery };
}

/** The value of 1 invested at the start, compounding simple returns: length returns.length + 1. */
export function growth(returns: ArrayLike<number>): Float64Array {
	const out = new Float64Array(returns.length + 1);
	out[0] = 1;
	for (let i = 0; i < returns.length; i++) out[i + 1] = out[i] * (1 + returns[i]);
	return out;
}
