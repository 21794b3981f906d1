/**
 * support_resistance_model: levels where past swing points cluster, and what the close does at them.
 *
 * - Swing points: bar j is a swing high when high[j] is strictly above the highs of the SWING_BARS bars on each
 *   side, a swing low when low[j] is strictly below their lows. A swing is known only SWING_BARS bars later.
 * - Levels at bar t: the swing highs' highs and swing lows' lows with j in [t − window, t − 1 − SWING_BARS] (swings
 *   confirmed before today, inside the window), sorted and grouped by single linkage: the next price joins the
 *   group while it is within `tolerance` of the previous one (p ≤ previous · (1 + tolerance)). A group of at least
 *   MIN_TOUCHES prices is a level, at their mean.
 * - Position at t (that bar only): a break up — close[t − 1] ≤ ℓ · (1 + tolerance) < close[t] for some level ℓ — is
 *   +1; a break down — close[t − 1] ≥ ℓ · (1 − tolerance) > close[t] — is −1. Otherwise a close resting on a level
 *   from above (ℓ ≤ close ≤ ℓ · (1 + tolerance): support) is +1 and a close just under one
 *   (ℓ · (1 − tolerance) ≤ close < ℓ: resistance) is −1; both at once, or neither, is 0.
 * NaN for the first `window` rows.
 */
import { checkFiniteColumn, checkWindow } from './rolling';

/** Bars on each side a swing point must exceed (the usual five-bar swing: two either side). */
export const SWING_BARS = 2;
/** Swing points a level needs: one point is a price, two are a level. */
export const MIN_TOUCHES = 2;

function swings(values: Float64Array, sign: 1 | -1): Uint8Array {
	const out = new Uint8Array(values.length);
	for (let j = SWING_BARS; j + SWING_BARS < values.length; j++) {
		let ok = true;
		for (let i = j - SWING_BARS; i <= j + SWING_BARS && ok; i++)
			if (i !== j) ok = sign * (values[j] - values[i]) > 0;
		out[j] = ok ? 1 : 0;
	}
	return out;
}

/** The levels (ascending) from the given swing prices, grouped within `tolerance`. */
export function clusterLevels(prices: number[], tolerance: number): number[] {
	const sorted = [...prices].sort((a, b) => a - b);
	const levels: number[] = [];
	let group: number[] = [];
	const close = () => {
		if (group.length >= MIN_TOUCHES) levels.push(group.reduce((s, v) => s + v, 0) / group.length);
	};
	for (const p of sorted) {
		if (group.length > 0 && p > group[group.length - 1] * (1 + tolerance)) {
			close();
			group = [];
		}
		group.push(p);
	}
	close();
	return levels;
}

export function supportResistancePositions(
	bars: { close: Float64Array; high: Float64Array; low: Float64Array },
	window: number,
	tolerance: number
): Float64Array {
	checkWindow('window', window, SWING_BARS * 2 + 2);
	if (!(tolerance > 0 && tolerance < 1))
		throw new RangeError(`tolerance must lie in (0, 1), got ${tolerance}`);
	const { close, high, low } = bars;
	checkFiniteColumn('close', close);
	const swingHigh = swings(high, 1);
	const swingLow = swings(low, -1);
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) {
		if (t < window) {
			out[t] = Number.NaN;
			continue;
		}
		const prices: number[] = [];
		for (let j = t - window; j <= t - 1 - SWING_BARS; j++) {
			if (swingHigh[j]) prices.push(high[j]);
			if (swingLow[j]) prices.push(low[j]);
		}
		const levels = clusterLevels(prices, tolerance);
		const c = close[t];
		const prev = close[t - 1];
		const up = levels.some((l) => prev <= l * (1 + tolerance) && l * (1 + tolerance) < c);
		const down = levels.some((l) => prev >= l * (1 - tolerance) && l * (1 - tolerance) > c);
		if (up || down) {
			out[t] = up === down ? 0 : up ? 1 : -1;
			continue;
		}
		const support = levels.some((l) => l <= c && c <= l * (1 + tolerance));
		const resistance = levels.some((l) => l * (1 - tolerance) <= c && c < l);
		out[t] = support === resistance ? 0 : support ? 1 : -1;
	}
	return out;
}
