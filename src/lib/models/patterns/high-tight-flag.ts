/**
 * High tight flag (Bulkowski, "Encyclopedia of Chart Patterns", 2nd ed. 2005, ch. "Flags, High and Tight"): a
 * steep rise (the pole) followed by a short, shallow pause (the flag), bought when price breaks above the flag.
 *
 * Definition at bar t (bars ≤ t only):
 * - The flag is bars p+1 … t−1, where p is the bar of the highest high among the `flagBars` + 1 bars before t
 *   (the earliest if tied), so no flag bar trades above the pole's top high[p]. It lasts k = t − 1 − p bars with
 *   MIN_FLAG_BARS ≤ k ≤ `flagBars`.
 * - The pole ends at p and starts at the lowest low of the `poleBars` bars before p: the pole's rise
 *   high[p] / low[base] − 1 is at least `poleHeight`, and no bar of the pole trades above high[p].
 * - The flag is tight: the top minus the flag's lowest low is at most `flagDepth` × the pole's rise in price
 *   (high[p] − low[base]).
 * - The breakout: close[t] > high[p]. The position is +1 from t for `holdBars` bars (t included), ended early at
 *   the first close below the flag's lowest low (a failed breakout); a new breakout restarts the count. The signal
 *   is never short: the pattern is bullish only. NaN for the first `poleBars` bars (no full pole can be seen yet).
 */
import type { Bars } from '../../domain/series';

/** A pause shorter than this is a blip in the pole rather than a flag (Bulkowski's flags last days to weeks). */
export const MIN_FLAG_BARS = 3;

export interface HighTightFlagParams {
	readonly flagBars: number;
	readonly poleHeight: number;
	readonly poleBars: number;
	readonly flagDepth: number;
	readonly holdBars: number;
}

export interface FlagBreakout {
	/** Breakout bar. */
	readonly t: number;
	readonly poleBase: number;
	readonly poleTop: number;
	/** Lowest low of the flag: the failed-breakout level. */
	readonly flagLow: number;
}

function checkInt(name: string, v: number, min: number): void {
	if (!Number.isInteger(v) || v < min)
		throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${v}`);
}

function check(p: HighTightFlagParams): void {
	checkInt('flagBars', p.flagBars, MIN_FLAG_BARS);
	checkInt('poleBars', p.poleBars, 1);
	checkInt('holdBars', p.holdBars, 1);
	if (!(p.poleHeight > 0)) throw new RangeError(`poleHeight must be positive, got ${p.poleHeight}`);
	if (!(p.flagDepth > 0 && p.flagDepth <= 1))
		throw new RangeError(`flagDepth must lie in (0, 1], got ${p.flagDepth}`);
}

/** Every breakout from a high tight flag (see the file comment), oldest first. */
export function highTightFlagBreakouts(bars: Bars, p: HighTightFlagParams): FlagBreakout[] {
	check(p);
	const { high, low, close } = bars;
	const n = close.length;
	const out: FlagBreakout[] = [];
	for (let t = p.flagBars + 1; t < n; t++) {
		let top = t - 1 - p.flagBars;
		for (let i = top + 1; i < t; i++) if (high[i] > high[top]) top = i;
		const k = t - 1 - top;
		if (k < MIN_FLAG_BARS || !(close[t] > high[top]) || top < 1) continue;
		let base = Math.max(0, top - p.poleBars);
		for (let i = base + 1; i < top; i++) if (low[i] < low[base]) base = i;
		if (!(high[top] / low[base] - 1 >= p.poleHeight)) continue;
		// The pole ends at its own highest point: a top inside an older, higher pause is not a new pole.
		let poleHigh = -Infinity;
		for (let i = base; i < top; i++) poleHigh = Math.max(poleHigh, high[i]);
		if (poleHigh > high[top]) continue;
		let flagLow = Infinity;
		for (let i = top + 1; i < t; i++) flagLow = Math.min(flagLow, low[i]);
		if (!(high[top] - flagLow <= p.flagDepth * (high[top] - low[base]))) continue;
		out.push({ t, poleBase: base, poleTop: top, flagLow });
	}
	return out;
}

/** Positions of the high-tight-flag signal (see the file comment). */
export function highTightFlagPositions(bars: Bars, p: HighTightFlagParams): Float64Array {
	const breakouts = highTightFlagBreakouts(bars, p);
	const n = bars.close.length;
	const out = new Float64Array(n);
	let k = 0;
	let left = 0;
	let stop = 0;
	for (let t = 0; t < n; t++) {
		if (k < breakouts.length && breakouts[k].t === t) {
			left = p.holdBars;
			stop = breakouts[k].flagLow;
			k++;
		} else if (left > 0 && bars.close[t] < stop) left = 0;
		out[t] = t < p.poleBars ? Number.NaN : left > 0 ? 1 : 0;
		if (left > 0) left--;
	}
	return out;
}
