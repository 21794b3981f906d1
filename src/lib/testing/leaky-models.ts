/**
 * Test-only models that look ahead ON PURPOSE, so the look-ahead (truncation) check can prove it catches them.
 * Never registered: each borrows a real catalog id (its params are parsed with that entry's schema) and is
 * handed to the fold runner as a LoadedModel in a test, the way run-fold.spec.ts builds its stand-ins.
 */
import type { LoadedModel } from '../models/registry';
import {
	defineForecaster,
	defineLearner,
	defineSignal,
	JS_FLOAT64,
	type Implementation
} from '../models/seam';

export const asLoaded = (implementation: Implementation): LoadedModel => ({
	implementation,
	runtime: JS_FLOAT64
});

const TINY_COSTS = { expectedFitMs: () => 1, minDeadlineMs: 1_000 };

/**
 * A learner (as `ridge`) whose prediction for test row i is the FIRST feature of test row i + 1: it peeks one
 * row ahead inside the batch it is asked to predict. The last row has no next row and gets its own first
 * feature, so cutting the data just after a row changes that row's prediction.
 */
export const peekNextRowLearner = defineLearner({
	id: 'ridge',
	task: 'regression',
	costs: TINY_COSTS,
	fit: () => ({
		predict: (X) =>
			Float64Array.from({ length: X.rows }, (_, i) => X.data[Math.min(i + 1, X.rows - 1) * X.cols])
	})
});

/**
 * A learner (as `ridge`) that standardises the rows it predicts with their own mean and standard deviation: a
 * scaler fitted on the whole test window, the classic normalisation leak. Its output is the first feature's
 * z-score, which at row t depends on every later row of the batch.
 */
export const testWindowScalerLearner = defineLearner({
	id: 'ridge',
	task: 'regression',
	costs: TINY_COSTS,
	fit: () => ({
		predict: (X) => {
			const first = Float64Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols]);
			const mean = first.reduce((a, b) => a + b, 0) / first.length;
			const sd = Math.sqrt(first.reduce((a, b) => a + (b - mean) ** 2, 0) / first.length) || 1;
			return Float64Array.from(first, (v) => (v - mean) / sd);
		}
	})
});

/**
 * A signal (as `rsi_model`) that is long before an up day and short before a down day: the position at t is
 * the sign of close[t + 1] − close[t], NaN on the last bar. From `leakFrom` (epoch ms) on only; before it the
 * position is the sign of the last change (causal), so a test can place the first leak where it likes.
 */
export function peekNextCloseSignal(leakFrom = Number.NEGATIVE_INFINITY): Implementation {
	return defineSignal({
		id: 'rsi_model',
		costs: TINY_COSTS,
		positions: (bars) => {
			const { close, t } = bars;
			return Float64Array.from(close, (c, i) => {
				if (t[i] < leakFrom) return i === 0 ? Number.NaN : Math.sign(c - close[i - 1]);
				return i + 1 < close.length ? Math.sign(close[i + 1] - c) : Number.NaN;
			});
		}
	});
}

/**
 * A forecaster (as `arima`, on log closes) whose forecast from origin t is the next value of the series, held
 * for every step ahead: series[t + 1] when it is there, series[t] (no change) at the end.
 */
export const peekNextValueForecaster = defineForecaster({
	id: 'arima',
	task: 'forecast',
	input: 'log_close',
	costs: TINY_COSTS,
	fit: () => ({
		forecast: (series, from, h) => {
			const out = new Float64Array((series.length - from) * h);
			for (let t = from; t < series.length; t++)
				out.fill(series[Math.min(t + 1, series.length - 1)], (t - from) * h, (t - from + 1) * h);
			return out;
		}
	})
});
