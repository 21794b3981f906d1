/**
 * The two z-score rules on the close.
 *
 * rolling_mean_reversion: z[t] = (close[t] − mean) / std over the trailing `window` closes (today included, ddof 1,
 * pandas `rolling(window)`). It bets on a return to the mean: it goes short when z > threshold (stretched above)
 * and long when z < −threshold (stretched below), and holds that position until z reaches 0 (the close is back at
 * its rolling mean: a short ends when z ≤ 0, a long when z ≥ 0), flat otherwise. A new stretch on the other side
 * flips the position at once. NaN for the first window − 1 rows.
 *
 * rolling_zscore_regime_scorer: the same z-score but against the `window` closes BEFORE today (today excluded,
 * pandas `shift(1).rolling(window)`), so a new close is judged against the range it left. The regime is "high"
 * while z > threshold, "low" while z < −threshold, "normal" otherwise, and the position follows the regime that
 * day: +1 high, −1 low, 0 normal (the opposite bet to mean reversion: an unusual move is taken to start a regime).
 * NaN for the first window rows.
 */
import { rollingZScore } from './rolling';

function checkThreshold(threshold: number): void {
	if (!(threshold > 0) || !Number.isFinite(threshold))
		throw new RangeError(`threshold must be a positive number, got ${threshold}`);
}

export function meanReversionPositions(close: Float64Array, window: number, threshold: number): Float64Array {
	checkThreshold(threshold);
	const z = rollingZScore(close, window, 'trailing');
	const out = new Float64Array(close.length);
	let held = 0;
	for (let t = 0; t < close.length; t++) {
		if (Number.isNaN(z[t])) {
			out[t] = Number.NaN;
			continue;
		}
		if (z[t] > threshold) held = -1;
		else if (z[t] < -threshold) held = 1;
		else if ((held === -1 && z[t] <= 0) || (held === 1 && z[t] >= 0)) held = 0;
		out[t] = held;
	}
	return out;
}

export function zScoreRegimePositions(close: Float64Array, window: number, threshold: number): Float64Array {
	checkThreshold(threshold);
	const z = rollingZScore(close, window, 'prior');
	return z.map((v) => (Number.isNaN(v) ? Number.NaN : v > threshold ? 1 : v < -threshold ? -1 : 0));
}
