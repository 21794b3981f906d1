/**
 * ADWIN, adaptive windowing (Bifet & Gavaldà 2007, "Learning from time-changing data with adaptive windowing",
 * SDM '07). The window W holds the values since the last change. After each new value, every split of W into an
 * older part W₀ (n₀ values) and a newer part W₁ (n₁ values) is checked; if some split has
 *   |μ̂_W₀ − μ̂_W₁| ≥ ε_cut,  ε_cut = √((2/m) σ̂²_W ln(2/δ′)) + (2/(3m)) ln(2/δ′),
 *   m = 1 / (1/n₀ + 1/n₁) (harmonic mean of the sizes), δ′ = δ / ln n (n = |W|),
 * a change is signalled (the paper's ADWIN, §3, with its variance-based bound and the δ/ln n correction it
 * recommends "in practice"; MOA and river use the same ε). Every split is checked — the exact ADWIN, not the
 * exponential-histogram approximation ADWIN2: O(|W|) per value with prefix sums, cheap at the few thousand values
 * an analysis holds. Shrinking: the paper drops the oldest values one at a time while any split still cuts; with
 * its bound that drains the old regime slowly (ε grows as W₀ shrinks), so one change fires on dozens of values.
 * Here W₀ of the split with the largest margin |μ̂_W₀ − μ̂_W₁| − ε_cut is dropped whole, repeated until no split
 * cuts: one detection per change, and the kept window's start estimates where the change happened.
 */

/** Neither sub-window may be shorter than this (river's min_window_length). */
export const MIN_SUBWINDOW = 5;

/** ε_cut for sub-windows of n₀ and n₁ values, window variance σ̂² and confidence δ (δ′ = δ / ln(n₀ + n₁)). */
export function adwinEpsilon(n0: number, n1: number, variance: number, delta: number): number {
	const n = n0 + n1;
	const m = 1 / (1 / n0 + 1 / n1);
	const logTerm = Math.log((2 * Math.log(n)) / delta);
	return Math.sqrt((2 / m) * variance * logTerm) + (2 / (3 * m)) * logTerm;
}

export interface AdwinChange {
	/** Index of the value after which the change was signalled. */
	readonly detectedAt: number;
	/** Oldest value kept after the shrinking: where the new regime is estimated to start. */
	readonly windowStart: number;
	/** Mean of the dropped values and of the kept window. */
	readonly meanBefore: number;
	readonly meanAfter: number;
}

export interface AdwinRun {
	readonly changes: AdwinChange[];
	/** Mean of the window after each value (the detector's current estimate). */
	readonly windowMean: Float64Array;
	/** Length of the window after each value. */
	readonly windowLength: Float64Array;
}

/**
 * Runs ADWIN over `values` (finite). `gracePeriod`: no change is signalled while the window holds fewer values.
 */
export function runAdwin(values: Float64Array, delta: number, gracePeriod: number): AdwinRun {
	if (!(delta > 0 && delta < 1)) throw new RangeError(`adwin: delta must be in (0, 1), got ${delta}`);
	const n = values.length;
	// Prefix sums: S[i] = Σ_{j<i} x_j; Q likewise of squares. Window = [start, t].
	const S = new Float64Array(n + 1);
	const Q = new Float64Array(n + 1);
	for (let i = 0; i < n; i++) {
		S[i + 1] = S[i] + values[i];
		Q[i + 1] = Q[i] + values[i] * values[i];
	}
	const windowMean = new Float64Array(n);
	const windowLength = new Float64Array(n);
	const changes: AdwinChange[] = [];
	/** First index of W₁ at the split of [from, end] with the largest cut margin; −1 when no split cuts. */
	const bestCut = (from: number, end: number, minWidth: number): number => {
		const w = end - from + 1;
		if (w < Math.max(minWidth, 2 * MIN_SUBWINDOW)) return -1;
		const mean = (S[end + 1] - S[from]) / w;
		const variance = Math.max(0, (Q[end + 1] - Q[from]) / w - mean * mean);
		let best = -1;
		let bestMargin = 0;
		for (let split = from + MIN_SUBWINDOW; split <= end + 1 - MIN_SUBWINDOW; split++) {
			const n0 = split - from;
			const n1 = w - n0;
			const diff = Math.abs((S[split] - S[from]) / n0 - (S[end + 1] - S[split]) / n1);
			const margin = diff - adwinEpsilon(n0, n1, variance, delta);
			if (margin >= 0 && (best < 0 || margin > bestMargin)) {
				best = split;
				bestMargin = margin;
			}
		}
		return best;
	};
	let start = 0;
	for (let t = 0; t < n; t++) {
		let split = bestCut(start, t, gracePeriod);
		if (split >= 0) {
			const before = start;
			// The grace period gates the signal, not the shrinking that follows it.
			while (split >= 0) {
				start = split;
				split = bestCut(start, t, 0);
			}
			changes.push({
				detectedAt: t,
				windowStart: start,
				meanBefore: (S[start] - S[before]) / (start - before),
				meanAfter: (S[t + 1] - S[start]) / (t + 1 - start)
			});
		}
		windowLength[t] = t + 1 - start;
		windowMean[t] = (S[t + 1] - S[start]) / (t + 1 - start);
	}
	return { changes, windowMean, windowLength };
}
