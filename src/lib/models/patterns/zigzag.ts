/**
 * A causal zig-zag: the swing highs and lows of a price path, each known only once price has reversed from it by
 * a given fraction. The chart-pattern and Elliott-wave signals read their swings from here.
 *
 * Definition (streaming, one pass over the bars; the value of a pivot is the bar's high or low):
 * - Before the first pivot the running highest high and lowest low are tracked. The first pivot is the highest high
 *   once a later low is ≥ `threshold` below it, or the lowest low once a later high is ≥ `threshold` above it.
 * - After a low pivot the path is rising: the highest high since then is the candidate. A bar that makes a new
 *   high moves the candidate; otherwise, if its low is ≤ candidate·(1 − threshold), the candidate is confirmed as a
 *   high pivot at that bar (`confirmedAt`) and the lowest low after the candidate becomes the next candidate.
 *   After a high pivot the same holds mirrored (a high ≥ candidate·(1 + threshold) confirms the low).
 * - A bar that makes a new extreme never also confirms it (its own high and low have no known order).
 *
 * Causality: a pivot confirmed at bar c depends on bars ≤ c only, and a confirmed pivot never changes. A signal
 * that reads only pivots with `confirmedAt ≤ t` at bar t therefore uses bars ≤ t only (zigzag.spec.ts checks it).
 * The pivot's own `index` lies before `confirmedAt`: using a pivot at its index would look into the future.
 */

export type PivotKind = 'high' | 'low';

export interface Pivot {
	/** Bar of the swing high or low. */
	readonly index: number;
	/** The high (kind 'high') or low (kind 'low') of that bar. */
	readonly price: number;
	readonly kind: PivotKind;
	/** First bar at which the reversal from this pivot reached the threshold: the pivot is known from here on. */
	readonly confirmedAt: number;
}

function checkInputs(high: Float64Array, low: Float64Array, threshold: number): void {
	if (high.length !== low.length)
		throw new RangeError(`high has ${high.length} rows but low has ${low.length}`);
	if (!(threshold > 0 && threshold < 1))
		throw new RangeError(`threshold must lie in (0, 1), got ${threshold}`);
	for (let i = 0; i < high.length; i++) {
		if (!(high[i] > 0) || !(low[i] > 0) || !Number.isFinite(high[i]) || !(low[i] <= high[i]))
			throw new RangeError(
				`bar ${i}: high ${high[i]} and low ${low[i]} must be finite positive prices with low ≤ high`
			);
	}
}

/** The confirmed pivots of the zig-zag with the given reversal threshold (a fraction, e.g. 0.05), oldest first;
 * they alternate high/low and are sorted by both `index` and `confirmedAt`. */
export function zigzag(high: Float64Array, low: Float64Array, threshold: number): Pivot[] {
	checkInputs(high, low, threshold);
	const n = high.length;
	const pivots: Pivot[] = [];
	if (n === 0) return pivots;
	// 'none' until the first pivot; then 'up' looks for the next high, 'down' for the next low.
	let mode: 'none' | 'up' | 'down' = 'none';
	let hiIdx = 0;
	let loIdx = 0;
	let ext = 0;
	let extIdx = 0;
	/** Lowest low (or highest high) over bars (from, to], the next candidate after a confirmation. */
	const extreme = (from: number, to: number, kind: PivotKind): number => {
		let best = from + 1;
		for (let i = from + 2; i <= to; i++) {
			if (kind === 'low' ? low[i] < low[best] : high[i] > high[best]) best = i;
		}
		return best;
	};
	for (let t = 1; t < n; t++) {
		if (mode === 'none') {
			if (high[t] > high[hiIdx]) hiIdx = t;
			if (low[t] < low[loIdx]) loIdx = t;
			const drop = hiIdx < t && low[t] <= high[hiIdx] * (1 - threshold);
			const rise = loIdx < t && high[t] >= low[loIdx] * (1 + threshold);
			// A bar that completes both reversals confirms the older extreme (the other is then the candidate).
			if (drop && (!rise || hiIdx < loIdx)) {
				pivots.push({ index: hiIdx, price: high[hiIdx], kind: 'high', confirmedAt: t });
				extIdx = extreme(hiIdx, t, 'low');
				ext = low[extIdx];
				mode = 'down';
			} else if (rise) {
				pivots.push({ index: loIdx, price: low[loIdx], kind: 'low', confirmedAt: t });
				extIdx = extreme(loIdx, t, 'high');
				ext = high[extIdx];
				mode = 'up';
			}
		} else if (mode === 'up') {
			if (high[t] > ext) {
				ext = high[t];
				extIdx = t;
			} else if (low[t] <= ext * (1 - threshold)) {
				pivots.push({ index: extIdx, price: ext, kind: 'high', confirmedAt: t });
				extIdx = extreme(extIdx, t, 'low');
				ext = low[extIdx];
				mode = 'down';
			}
		} else if (low[t] < ext) {
			ext = low[t];
			extIdx = t;
		} else if (high[t] >= ext * (1 + threshold)) {
			pivots.push({ index: extIdx, price: ext, kind: 'low', confirmedAt: t });
			extIdx = extreme(extIdx, t, 'high');
			ext = high[extIdx];
			mode = 'up';
		}
	}
	return pivots;
}

/** For each bar t, how many of `pivots` are confirmed at or before t (pivots sorted by `confirmedAt`). */
export function confirmedCounts(pivots: readonly Pivot[], n: number): Int32Array {
	const out = new Int32Array(n);
	let k = 0;
	for (let t = 0; t < n; t++) {
		while (k < pivots.length && pivots[k].confirmedAt <= t) k++;
		out[t] = k;
	}
	return out;
}

/** Price at bar t of the straight line through two pivots (a trend line, neckline or flag boundary). */
export function lineAt(a: Pivot, b: Pivot, t: number): number {
	return a.price + ((b.price - a.price) * (t - a.index)) / (b.index - a.index);
}
