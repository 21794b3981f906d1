/**
 * trend_reversal_model: a confirmed turn against the prevailing trend, traded in the new direction.
 *
 * With m = confirmation_period, s = sensitivity and the pivot p = t − m, at bar t:
 * - the prevailing trend is the move M = close[p] − close[p − TREND_LOOKBACK] into the pivot, direction D = sign(M)
 *   (no trend, no reversal, when M = 0);
 * - the turn persists: every close after the pivot, close[p + 1 … t], lies strictly on the other side of close[p];
 * - the turn is large enough: the price has given back at least (1 − s) of the trend's move,
 *   −D · (close[t] − close[p]) ≥ (1 − s) · |M|. Sensitivity 1 counts any turn that persists m bars; 0.1 needs 90 %
 *   of the move given back.
 * A confirmed reversal of an up-trend goes short (−1), of a down-trend long (+1); the position is held until a
 * reversal the other way (flat before the first). NaN for the first TREND_LOOKBACK + m rows. (The original class of
 * this name was a trend-following flag on the 20-bar return; this is a reversal rule, as the name says.)
 */
import { checkFiniteColumn, checkWindow } from './rolling';

/** The original detector's window: the trend is the 20-bar move into the pivot. */
export const TREND_LOOKBACK = 20;

export function trendReversalPositions(
	close: Float64Array,
	sensitivity: number,
	confirmation: number
): Float64Array {
	checkWindow('confirmation_period', confirmation);
	if (!(sensitivity > 0 && sensitivity <= 1))
		throw new RangeError(`sensitivity must lie in (0, 1], got ${sensitivity}`);
	checkFiniteColumn('close', close);
	const out = new Float64Array(close.length);
	let held = 0;
	for (let t = 0; t < close.length; t++) {
		const p = t - confirmation;
		if (p - TREND_LOOKBACK < 0) {
			out[t] = Number.NaN;
			continue;
		}
		const move = close[p] - close[p - TREND_LOOKBACK];
		const d = Math.sign(move);
		let persists = d !== 0;
		for (let j = p + 1; j <= t && persists; j++) persists = -d * (close[j] - close[p]) > 0;
		if (persists && -d * (close[t] - close[p]) >= (1 - sensitivity) * Math.abs(move)) held = -d;
		out[t] = held;
	}
	return out;
}
