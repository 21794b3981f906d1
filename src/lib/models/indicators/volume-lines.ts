/**
 * Cumulative volume lines — on-balance volume, the accumulation/distribution line, the volume–price trend — and
 * the one rule all three use (`obv_model`, `accumulation_distribution_line`, `volume_price_trend_model`).
 * Causal: the value at t uses bars 0..t only. Each line starts at 0 on the first bar and is defined from there.
 *
 * - OBV (Granville, New Key to Stock Market Profits, 1963): OBV_t = OBV_{t−1} + V_t if C_t > C_{t−1},
 *   − V_t if C_t < C_{t−1}, unchanged otherwise.
 * - ADL (Chaikin; `ta` ta.volume.AccDistIndexIndicator): money-flow multiplier
 *   MFM = ((C − L) − (H − C)) / (H − L), 0 when H = L; ADL_t = ADL_{t−1} + MFM_t · V_t, from ADL_0 = MFM_0 · V_0.
 * - VPT (volume–price trend, also "price–volume trend"): VPT_t = VPT_{t−1} + V_t · (C_t − C_{t−1}) / C_{t−1}.
 *   (The `ta` library's VolumePriceTrend is not this running total: it adds only the previous bar's term, and
 *   fills the first one with the whole series' mean — a look-ahead. We use the textbook cumulative line, which
 *   trading-signals' PVT also computes.)
 *
 * A line's level depends on where it starts, so only its direction is read. Rule (the same for the three): the
 * line against its own EMA (`signal_window`, the "signal line"; ema.ts's EMA, seeded with the line's first
 * value): +1 while the line is above its EMA (volume flowing in faster than lately), −1 below, 0 on a tie; NaN for
 * the EMA's first signal_window − 1 rows, unless `fillna` (guards.ts fillWarmUp) makes them flat.
 */
import type { Bars } from '../../domain/series';
import { ema } from './ema';
import { checkColumns, checkWindow, fillWarmUp } from './guards';

export function onBalanceVolume(bars: Bars): Float64Array {
	checkColumns(bars, ['close', 'volume']);
	const { close, volume } = bars;
	const out = new Float64Array(close.length);
	for (let t = 1; t < close.length; t++) {
		const d = close[t] - close[t - 1];
		out[t] = out[t - 1] + (d > 0 ? volume[t] : d < 0 ? -volume[t] : 0);
	}
	return out;
}

export function accumulationDistribution(bars: Bars): Float64Array {
	checkColumns(bars, ['high', 'low', 'close', 'volume']);
	const { high, low, close, volume } = bars;
	const out = new Float64Array(close.length);
	let line = 0;
	for (let t = 0; t < close.length; t++) {
		const range = high[t] - low[t];
		const mfm = range !== 0 ? (close[t] - low[t] - (high[t] - close[t])) / range : 0;
		line += mfm * volume[t];
		out[t] = line;
	}
	return out;
}

export function volumePriceTrend(bars: Bars): Float64Array {
	checkColumns(bars, ['close', 'volume']);
	const { close, volume } = bars;
	const out = new Float64Array(close.length);
	for (let t = 1; t < close.length; t++) {
		if (close[t - 1] === 0)
			throw new RangeError(`close[${t - 1}] is 0; the volume–price trend divides by it`);
		out[t] = out[t - 1] + (volume[t] * (close[t] - close[t - 1])) / close[t - 1];
	}
	return out;
}

/** sign(line − EMA(line, signalWindow)); NaN (or 0 with fillna) during the EMA's warm-up. */
export function lineVsSignalPositions(
	line: Float64Array,
	signalWindow: number,
	fillna: boolean
): Float64Array {
	checkWindow('signal_window', signalWindow, 2);
	const e = ema(line, signalWindow);
	for (let t = 0; t < e.length; t++) e[t] = Math.sign(line[t] - e[t]);
	return fillWarmUp(e, fillna);
}
