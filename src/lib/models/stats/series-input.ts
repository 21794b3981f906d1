/**
 * The series the tests read, made from a dataset's closes: the log level, the log return (difference of log
 * closes), the level itself or its first difference. Log transforms need positive closes; a macro series with
 * zero or negative values is refused with a message naming the choice.
 */
import { AnalysisInputError } from '../analysis';

export const SERIES_TRANSFORMS = ['log_level', 'log_return', 'level', 'difference'] as const;
export type SeriesTransform = (typeof SERIES_TRANSFORMS)[number];

export const TRANSFORM_LABEL: Readonly<Record<SeriesTransform, string>> = {
	log_level: 'log close',
	log_return: 'daily log return (difference of log closes)',
	level: 'close',
	difference: 'first difference of the close'
};

function requirePositive(close: Float64Array, what: string): void {
	for (let i = 0; i < close.length; i++)
		if (!(close[i] > 0))
			throw new AnalysisInputError(
				`${what} needs positive values; row ${i} is ${close[i]}. Choose the level or its difference instead.`
			);
}

/** log(c[t]) − log(c[t−1]) for t ≥ 1 (one shorter than the closes). */
export function logReturns(close: Float64Array, what = 'a log return'): Float64Array {
	requirePositive(close, what);
	const out = new Float64Array(Math.max(0, close.length - 1));
	for (let i = 1; i < close.length; i++) out[i - 1] = Math.log(close[i]) - Math.log(close[i - 1]);
	return out;
}

export function transformSeries(close: Float64Array, transform: SeriesTransform): Float64Array {
	switch (transform) {
		case 'log_level':
			requirePositive(close, 'the log close');
			return Float64Array.from(close, Math.log);
		case 'log_return':
			return logReturns(close, 'the log return');
		case 'level':
			return Float64Array.from(close);
		case 'difference': {
			const out = new Float64Array(Math.max(0, close.length - 1));
			for (let i = 1; i < close.length; i++) out[i - 1] = close[i] - close[i - 1];
			return out;
		}
	}
}
