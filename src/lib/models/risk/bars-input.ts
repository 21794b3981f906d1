/** What every risk measure does first: take the one dataset's bars, check them, and turn closes into returns. */
import { AnalysisInputError, type AnalysisData } from '../analysis';
import type { Bars } from '../../domain/series';

/** The bars of the first (the subject) dataset. */
export function subjectBars(data: AnalysisData, id: string): Bars {
	const first = data.datasets[0];
	if (!first) throw new AnalysisInputError(`${id} needs a dataset; none was given`);
	return first.bars;
}

/** Refuses fewer than `min` values, naming what is short. */
export function requireLength(n: number, min: number, id: string, what: string): void {
	if (n < min) throw new AnalysisInputError(`${id} needs at least ${min} ${what}; the data gives ${n}`);
}

/** Refuses non-positive or missing closes: returns of a price need positive prices. */
export function checkPositive(values: Float64Array, id: string, field: string): void {
	for (let i = 0; i < values.length; i++)
		if (!(values[i] > 0) || !Number.isFinite(values[i]))
			throw new AnalysisInputError(
				`${id} needs positive ${field} values; row ${i} has ${values[i]} (a rate or spread series has no returns)`
			);
}

/** Simple returns over `h` bars, overlapping: out[i] = close[i + h] / close[i] − 1 (length n − h). */
export function simpleReturnsOver(close: Float64Array, h = 1): Float64Array {
	const out = new Float64Array(Math.max(0, close.length - h));
	for (let i = 0; i < out.length; i++) out[i] = close[i + h] / close[i] - 1;
	return out;
}

/** Log returns: out[i] = log(close[i + 1] / close[i]) (length n − 1). */
export function logReturnsOf(close: Float64Array): Float64Array {
	const out = new Float64Array(Math.max(0, close.length - 1));
	for (let i = 0; i < out.length; i++) out[i] = Math.log(close[i + 1] / close[i]);
	return out;
}

const DAY_MS = 86_400_000;

/**
 * Bars per year inferred from the median spacing of the dates: 252 for daily trading bars, 52 weekly, 12 monthly,
 * 4 quarterly, 1 yearly (the conventions the annualised ratios use).
 */
export function periodsPerYear(t: Float64Array): number {
	const gaps: number[] = [];
	for (let i = 1; i < t.length; i++) gaps.push((t[i] - t[i - 1]) / DAY_MS);
	gaps.sort((a, b) => a - b);
	const median = gaps[Math.floor(gaps.length / 2)] ?? 1;
	if (median <= 4) return 252;
	if (median <= 10) return 52;
	if (median <= 45) return 12;
	if (median <= 120) return 4;
	return 1;
}
