/**
 * Rolling-window statistics in one pass, O(n) whatever the window, allocating only the output (and, for the
 * extremes, one index buffer per call). Causal: the value at t uses rows t − window + 1 … t; NaN before the first
 * full window (rows 0 … window − 2).
 */

/**
 * Rolling maximum (sign +1) or minimum (sign −1) with a monotonic deque of indices (each row enters and leaves
 * the deque once, hence O(n)).
 */
export function rollingExtreme(values: Float64Array, window: number, sign: 1 | -1): Float64Array {
	const n = values.length;
	const out = new Float64Array(n);
	const deque = new Int32Array(n);
	let head = 0;
	let tail = 0;
	for (let t = 0; t < n; t++) {
		const v = sign * values[t];
		while (tail > head && sign * values[deque[tail - 1]] <= v) tail--;
		deque[tail++] = t;
		if (deque[head] <= t - window) head++;
		out[t] = t < window - 1 ? Number.NaN : values[deque[head]];
	}
	return out;
}

/** Rolling arithmetic mean by a running sum. */
export function rollingMean(values: Float64Array, window: number): Float64Array {
	const out = new Float64Array(values.length);
	let sum = 0;
	for (let t = 0; t < values.length; t++) {
		sum += values[t];
		if (t >= window) sum -= values[t - window];
		out[t] = t < window - 1 ? Number.NaN : sum / window;
	}
	return out;
}

export interface WeightedMoments {
	/** Weighted mean of the window, Σwx / Σw. */
	readonly mean: Float64Array;
	/** Weighted population standard deviation, √(Σw(x − mean)² / Σw); NaN where Σw = 0. */
	readonly std: Float64Array;
}

/**
 * Rolling weighted mean and population standard deviation (weights null = all 1, the plain ddof = 0 moments).
 * Uses West's (1979) weighted update of the mean and the sum of squared deviations, with the mirror-image
 * removal of the row leaving the window: unlike running Σx and Σx², it does not lose the variance to
 * cancellation when the mean is large against the spread (prices ~1 000, spread ~10); and a fresh two-pass
 * recomputation every `window` rows keeps rounding drift from accumulating.
 */
export function rollingMoments(
	values: Float64Array,
	weights: Float64Array | null,
	window: number
): WeightedMoments {
	const n = values.length;
	const mean = new Float64Array(n);
	const std = new Float64Array(n);
	let w = 0;
	let m = 0;
	let s = 0;
	for (let t = 0; t < n; t++) {
		const wi = weights ? weights[t] : 1;
		if (wi > 0) {
			w += wi;
			const d = values[t] - m;
			m += (wi / w) * d;
			s += wi * d * (values[t] - m);
		}
		if (t >= window) {
			const wo = weights ? weights[t - window] : 1;
			if (wo > 0) {
				const x = values[t - window];
				const wNew = w - wo;
				if (wNew <= 0) {
					w = 0;
					m = 0;
					s = 0;
				} else {
					const mNew = m - (wo / wNew) * (x - m);
					s -= wo * (x - mNew) * (x - m);
					m = mNew;
					w = wNew;
				}
			}
		}
		// Every `window` rows the state is recomputed from the window itself (two passes over `window` rows, so
		// still O(1) per row on average): the removals otherwise let rounding drift grow over thousands of rows.
		if (t % window === window - 1) {
			w = 0;
			m = 0;
			s = 0;
			for (let i = t - window + 1; i <= t; i++) {
				const wi = weights ? weights[i] : 1;
				w += wi;
				m += wi * values[i];
			}
			if (w > 0) {
				m /= w;
				for (let i = t - window + 1; i <= t; i++) s += (weights ? weights[i] : 1) * (values[i] - m) ** 2;
			} else m = 0;
		}
		if (t < window - 1 || w <= 0) {
			mean[t] = Number.NaN;
			std[t] = Number.NaN;
		} else {
			mean[t] = m;
			// Rounding can leave a tiny negative sum of squares when the window is constant.
			std[t] = Math.sqrt(Math.max(s, 0) / w);
		}
	}
	return { mean, std };
}
