/**
 * The three breakout rules. Each compares today's close with a range of the bars BEFORE today (the range never
 * includes the bar that is breaking out of it) and is stop-and-reverse: a break up goes long, a break down goes
 * short, and the position is held until the opposite break (flat before the first). NaN for the first `lookback`
 * rows, before a full prior range exists.
 *
 * - momentum_breakout_model: the range of closes, up when close[t] > (1 + threshold) · max(close[t−L … t−1]),
 *   down when close[t] < (1 − threshold) · min(close[t−L … t−1]) (an N-day closing-price breakout).
 * - breakout_detection_model: the high–low (Donchian) channel, up when close[t] > (1 + threshold) ·
 *   max(high[t−L … t−1]), down when close[t] < (1 − threshold) · min(low[t−L … t−1]).
 * - volume_confirmed_breakout_model: the Donchian break, counted only when volume[t] > volume_threshold ·
 *   mean(volume[t−L … t−1]) (a break on thin volume, or with no volume recorded, does not count).
 */
import { checkFiniteColumn, rollingMax, rollingMean, rollingMin } from './rolling';

function checkFraction(name: string, v: number): void {
	if (!(v >= 0 && v < 1)) throw new RangeError(`${name} must be a fraction in [0, 1), got ${v}`);
}

/** Stop-and-reverse over precomputed prior-range bounds; `confirmed[t]` false vetoes a break at t. */
function stopAndReverse(
	close: Float64Array,
	upper: Float64Array,
	lower: Float64Array,
	threshold: number,
	confirmed: (t: number) => boolean = () => true
): Float64Array {
	checkFraction('threshold', threshold);
	checkFiniteColumn('close', close);
	const out = new Float64Array(close.length);
	let held = 0;
	for (let t = 0; t < close.length; t++) {
		if (Number.isNaN(upper[t]) || Number.isNaN(lower[t])) {
			out[t] = Number.NaN;
			continue;
		}
		if (confirmed(t)) {
			if (close[t] > (1 + threshold) * upper[t]) held = 1;
			else if (close[t] < (1 - threshold) * lower[t]) held = -1;
		}
		out[t] = held;
	}
	return out;
}

export function momentumBreakoutPositions(
	close: Float64Array,
	lookback: number,
	threshold: number
): Float64Array {
	return stopAndReverse(
		close,
		rollingMax(close, lookback, 'prior'),
		rollingMin(close, lookback, 'prior'),
		threshold
	);
}

export function channelBreakoutPositions(
	close: Float64Array,
	high: Float64Array,
	low: Float64Array,
	lookback: number,
	threshold: number
): Float64Array {
	return stopAndReverse(
		close,
		rollingMax(high, lookback, 'prior'),
		rollingMin(low, lookback, 'prior'),
		threshold
	);
}

export function volumeConfirmedBreakoutPositions(
	bars: { close: Float64Array; high: Float64Array; low: Float64Array; volume: Float64Array },
	lookback: number,
	priceThreshold: number,
	volumeThreshold: number
): Float64Array {
	if (!(volumeThreshold > 0))
		throw new RangeError(`volume_threshold must be positive, got ${volumeThreshold}`);
	checkFiniteColumn('volume', bars.volume);
	const avg = rollingMean(bars.volume, lookback, 'prior');
	return stopAndReverse(
		bars.close,
		rollingMax(bars.high, lookback, 'prior'),
		rollingMin(bars.low, lookback, 'prior'),
		priceThreshold,
		(t) => avg[t] > 0 && bars.volume[t] > volumeThreshold * avg[t]
	);
}
