/**
 * The per-bar series a fold reads besides the features: next-day returns, the realised target by task, log
 * returns and variances, the series a series model reads, and which rows of a range are usable. Pure.
 */
import { rowIsComplete } from '../domain/features';
import type { Matrix } from '../domain/matrix';
import { forwardLogReturn, target } from '../domain/targets';
import { VOL_BASELINE_DAYS } from '../domain/task-metrics';
import type { TrialSpec } from '../domain/trial-spec';
import type { SeriesInput } from './seam';

/** Simple return earned by holding from close t to close t + 1; NaN on the last bar. */
export function nextDayReturns(close: Float64Array): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 0; t + 1 < close.length; t++) out[t] = close[t + 1] / close[t] - 1;
	return out;
}

export function usableRows(
	features: Matrix,
	y: Float64Array,
	extra: Float64Array,
	from: number,
	to: number
): number[] {
	const rows: number[] = [];
	for (let r = from; r < to; r++) {
		if (rowIsComplete(features, r) && Number.isFinite(y[r]) && Number.isFinite(extra[r])) rows.push(r);
	}
	return rows;
}

/** Daily log returns; NaN on the first bar. */
export function logReturns(close: Float64Array): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 1; t < close.length; t++) out[t] = Math.log(close[t] / close[t - 1]);
	return out;
}

/** Mean squared daily log return over the next h days (t+1 … t+h): the realised daily variance; NaN at the end. */
export function forwardRealisedVariance(close: Float64Array, horizon: number): Float64Array {
	const r = logReturns(close);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 0; t + horizon < close.length; t++) {
		let sum = 0;
		for (let k = 1; k <= horizon; k++) sum += r[t + k] ** 2;
		out[t] = sum / horizon;
	}
	return out;
}

/** The volatility baseline: mean squared daily log return over the last VOL_BASELINE_DAYS days up to t. */
export function rollingVariance(close: Float64Array): Float64Array {
	const r = logReturns(close);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = VOL_BASELINE_DAYS; t < close.length; t++) {
		let sum = 0;
		for (let k = 0; k < VOL_BASELINE_DAYS; k++) sum += r[t - k] ** 2;
		out[t] = sum / VOL_BASELINE_DAYS;
	}
	return out;
}

/** What the model sees as its outcome: classifiers are scored against the forward return, labelled by sign. */
export function realisedFor(spec: TrialSpec, task: string, close: Float64Array): Float64Array {
	if (task === 'volatility_forecast') return forwardRealisedVariance(close, spec.target.horizon);
	return task === 'classification' || task === 'forecast'
		? forwardLogReturn(close, spec.target.horizon)
		: target(spec.target.kind, close, spec.target.horizon);
}

/** The series a series model reads, over every bar: log closes, or daily log returns (NaN on the first bar). */
export function seriesOf(input: SeriesInput, close: Float64Array): Float64Array {
	if (input === 'log_return') return logReturns(close);
	return Float64Array.from(close, (c, i) => {
		if (!(c > 0)) throw new RangeError(`close ${i} is ${c}; a model of log prices needs positive closes`);
		return Math.log(c);
	});
}
