/**
 * The two volume event rules. Each judges today's volume against the mean volume of the bars BEFORE today
 * (today's spike must not raise its own yardstick), and holds a position on the flagged bar only (flat otherwise).
 * A window with zero mean volume (a series without volume, e.g. a FRED series) flags nothing.
 *
 * - volume_spike_model: volume[t] > threshold · mean(volume[t−w … t−1]) flags a spike; the position is the sign of
 *   that bar's close-to-close change (+1 up, −1 down, 0 unchanged). NaN for the first `window` rows.
 * - vpa_model (effort vs result): effort is high when volume[t] > VPA_HIGH_EFFORT · mean volume of the prior
 *   VPA_WINDOW bars; the result is small when the bar's range high − low is below the mean range of those bars.
 *   High effort with a small result means someone absorbed the volume: where the bar closed decides who. With
 *   close location c = (close − low) / (high − low): c ≥ effort_threshold → +1 (accumulation: buyers absorbed the
 *   selling), c ≤ 1 − effort_threshold → −1 (distribution); a bar with high = low has no close location → 0.
 *   NaN for the first VPA_WINDOW rows.
 */
import { checkFiniteColumn, checkWindow, rollingMean } from './rolling';

/** The original system's VPA: volume above 1.5 × its 20-bar mean is heavy effort. */
export const VPA_HIGH_EFFORT = 1.5;
export const VPA_WINDOW = 20;

export function volumeSpikePositions(
	close: Float64Array,
	volume: Float64Array,
	window: number,
	threshold: number
): Float64Array {
	checkWindow('window', window);
	if (!(threshold > 0)) throw new RangeError(`threshold must be positive, got ${threshold}`);
	checkFiniteColumn('volume', volume);
	const avg = rollingMean(volume, window, 'prior');
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) {
		if (Number.isNaN(avg[t])) out[t] = Number.NaN;
		else out[t] = avg[t] > 0 && volume[t] > threshold * avg[t] ? Math.sign(close[t] - close[t - 1]) : 0;
	}
	return out;
}

export function vpaPositions(
	bars: { close: Float64Array; high: Float64Array; low: Float64Array; volume: Float64Array },
	effortThreshold: number
): Float64Array {
	if (!(effortThreshold >= 0.5 && effortThreshold <= 1))
		throw new RangeError(`effort_threshold must lie in [0.5, 1], got ${effortThreshold}`);
	const { close, high, low, volume } = bars;
	checkFiniteColumn('volume', volume);
	const range = high.map((h, i) => h - low[i]);
	const avgVolume = rollingMean(volume, VPA_WINDOW, 'prior');
	const avgRange = rollingMean(range, VPA_WINDOW, 'prior');
	const out = new Float64Array(close.length);
	for (let t = 0; t < close.length; t++) {
		if (Number.isNaN(avgVolume[t])) {
			out[t] = Number.NaN;
			continue;
		}
		const heavy = avgVolume[t] > 0 && volume[t] > VPA_HIGH_EFFORT * avgVolume[t];
		const small = range[t] < avgRange[t];
		out[t] = 0;
		if (!heavy || !small || !(range[t] > 0)) continue;
		const location = (close[t] - low[t]) / range[t];
		const up = location >= effortThreshold;
		const down = location <= 1 - effortThreshold;
		// With effort_threshold 0.5 a close exactly mid-bar is both: no verdict.
		if (up !== down) out[t] = up ? 1 : -1;
	}
	return out;
}
