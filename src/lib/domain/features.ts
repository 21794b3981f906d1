/**
 * Causal features from daily bars. The value at row t uses bars 0..t only: a feature that peeks at t+1 would
 * make every backtest a lie, so features.spec.ts proves causality by perturbing the future at random cut points.
 * Rows without enough history hold NaN; the trial excludes them rather than back-filling (the original system
 * back-filled SMAs, leaking future prices into early rows).
 */
import type { Bars } from './series';
import type { Matrix } from './matrix';

export const RETURN_LAGS = [1, 2, 5, 10, 20] as const;
export const SMA_WINDOWS = [5, 10, 20, 50] as const;
export const VOLATILITY_WINDOWS = [5, 20] as const;
export const RSI_WINDOW = 14;
export const VOLUME_Z_WINDOW = 20;

export const FEATURE_NAMES: readonly string[] = [
	...RETURN_LAGS.map((k) => `logret_${k}`),
	...SMA_WINDOWS.map((w) => `close_sma_${w}`),
	...VOLATILITY_WINDOWS.map((w) => `vol_${w}`),
	`rsi_${RSI_WINDOW}`,
	`volume_z_${VOLUME_Z_WINDOW}`
];

/** Rows at the start that can never have every feature (the longest look-back). */
export const FEATURE_WARMUP_ROWS = Math.max(SMA_WINDOWS[SMA_WINDOWS.length - 1] - 1, 20 + 1, RSI_WINDOW);

export interface FeatureSet {
	readonly names: readonly string[];
	/** rows = bars, cols = names; NaN where history is too short. */
	readonly matrix: Matrix;
}

/** log(close[t] / close[t - k]). */
export function logReturnLag(close: Float64Array, k: number): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = k; t < close.length; t++) out[t] = Math.log(close[t] / close[t - k]);
	return out;
}

/** close[t] / mean(close[t - w + 1 .. t]). */
export function closeOverSma(close: Float64Array, w: number): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	let sum = 0;
	for (let t = 0; t < close.length; t++) {
		sum += close[t];
		if (t >= w) sum -= close[t - w];
		if (t >= w - 1) out[t] = close[t] / (sum / w);
	}
	return out;
}

/** Sample standard deviation of the last w one-day log returns (rows t - w + 1 .. t). */
export function rollingVolatility(close: Float64Array, w: number): Float64Array {
	const r = logReturnLag(close, 1);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = w; t < close.length; t++) {
		let s = 0;
		for (let i = t - w + 1; i <= t; i++) s += r[i];
		const mean = s / w;
		let ss = 0;
		for (let i = t - w + 1; i <= t; i++) ss += (r[i] - mean) ** 2;
		out[t] = Math.sqrt(ss / (w - 1));
	}
	return out;
}

/**
 * Wilder's RSI: average gain / average loss smoothed with alpha 1/w, seeded with the simple mean of the
 * first w changes. 100 when there were no losses.
 */
export function rsi(close: Float64Array, w: number): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	if (close.length <= w) return out;
	let gain = 0;
	let loss = 0;
	for (let t = 1; t <= w; t++) {
		const d = close[t] - close[t - 1];
		if (d > 0) gain += d;
		else loss -= d;
	}
	gain /= w;
	loss /= w;
	const value = (): number => (loss === 0 ? 100 : 100 - 100 / (1 + gain / loss));
	out[w] = value();
	for (let t = w + 1; t < close.length; t++) {
		const d = close[t] - close[t - 1];
		gain = (gain * (w - 1) + (d > 0 ? d : 0)) / w;
		loss = (loss * (w - 1) + (d < 0 ? -d : 0)) / w;
		out[t] = value();
	}
	return out;
}

/** (volume[t] - mean) / std over rows t - w + 1 .. t (sample std); 0 when the window is constant. */
export function volumeZScore(volume: Float64Array, w: number): Float64Array {
	const out = new Float64Array(volume.length).fill(Number.NaN);
	for (let t = w - 1; t < volume.length; t++) {
		let s = 0;
		for (let i = t - w + 1; i <= t; i++) s += volume[i];
		const mean = s / w;
		let ss = 0;
		for (let i = t - w + 1; i <= t; i++) ss += (volume[i] - mean) ** 2;
		const sd = Math.sqrt(ss / (w - 1));
		out[t] = sd > 0 ? (volume[t] - mean) / sd : 0;
	}
	return out;
}

export function computeFeatures(bars: Bars): FeatureSet {
	const { close, volume } = bars;
	const columns: Float64Array[] = [
		...RETURN_LAGS.map((k) => logReturnLag(close, k)),
		...SMA_WINDOWS.map((w) => closeOverSma(close, w)),
		...VOLATILITY_WINDOWS.map((w) => rollingVolatility(close, w)),
		rsi(close, RSI_WINDOW),
		volumeZScore(volume, VOLUME_Z_WINDOW)
	];
	const rows = close.length;
	const cols = columns.length;
	const data = new Float64Array(rows * cols);
	for (let c = 0; c < cols; c++) {
		const col = columns[c];
		for (let r = 0; r < rows; r++) data[r * cols + c] = col[r];
	}
	return { names: FEATURE_NAMES, matrix: { data, rows, cols } };
}

/** True when every feature of row r is finite. */
export function rowIsComplete(m: Matrix, r: number): boolean {
	const base = r * m.cols;
	for (let c = 0; c < m.cols; c++) if (!Number.isFinite(m.data[base + c])) return false;
	return true;
}
