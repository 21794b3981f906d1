/**
 * Bollinger bands and the breakout rule (`bollinger_breakout_model`). Causal: the value at t uses closes
 * t − window + 1 … t only.
 *
 * Definition (Bollinger, Bollinger on Bollinger Bands, 2001; `ta` ta.volatility.BollingerBands): middle = simple
 * mean of the last `window` closes, σ = their population standard deviation (divisor window, as `ta`,
 * trading-signals and Bollinger himself use), upper / lower = middle ± window_dev · σ; NaN for rows
 * 0 … window − 2. One pass with rolling.ts's rolling moments.
 *
 * Rule: the breakout (trend-following) reading — +1 while the close is above the upper band, −1 while below the
 * lower band, 0 inside (a close exactly on a band is inside).
 */
import { checkFinite, checkWindow } from './guards';
import { rollingMoments } from './rolling';

export interface Bands {
	readonly middle: Float64Array;
	readonly upper: Float64Array;
	readonly lower: Float64Array;
}

export function bollingerBands(close: Float64Array, window: number, windowDev: number): Bands {
	checkWindow('window', window, 2);
	checkFinite('close', close);
	if (!(windowDev > 0)) throw new RangeError(`window_dev must be positive, got ${windowDev}`);
	const { mean, std } = rollingMoments(close, null, window);
	const upper = new Float64Array(close.length);
	const lower = std;
	for (let t = 0; t < close.length; t++) {
		const half = windowDev * std[t];
		upper[t] = mean[t] + half;
		lower[t] = mean[t] - half;
	}
	return { middle: mean, upper, lower };
}

/**
 * Breakout: +1 above the upper band, −1 below the lower; reversion: the mirror image (+1 below the lower band,
 * −1 above the upper). 0 inside (on a band counts as inside); NaN where the bands do not exist.
 */
export function bandPositions(close: Float64Array, b: Bands, inside: 'breakout' | 'reversion'): Float64Array {
	const out = new Float64Array(close.length);
	const s = inside === 'breakout' ? 1 : -1;
	for (let t = 0; t < close.length; t++) {
		if (Number.isNaN(b.middle[t])) out[t] = Number.NaN;
		else out[t] = close[t] > b.upper[t] ? s : close[t] < b.lower[t] ? -s : 0;
	}
	return out;
}

export function bollingerBreakoutPositions(
	close: Float64Array,
	window: number,
	windowDev: number
): Float64Array {
	return bandPositions(close, bollingerBands(close, window, windowDev), 'breakout');
}
