/**
 * The return series the information-theory measures read: daily (or monthly) log returns of the closes, or first
 * differences when a close is not positive (a FRED rate or spread can be zero or negative, where a log is undefined).
 */
import type { Bars } from '../../domain/series';
import { AnalysisInputError } from '../analysis';

export interface ReturnSeries {
	readonly values: Float64Array;
	/** 'log' or 'difference', for the notes. */
	readonly kind: 'log' | 'difference';
}

/** Log returns (or differences) of `bars.close`; refuses a series with a missing close, naming the dataset. */
export function returnsOf(bars: Bars, name: string): ReturnSeries {
	const c = bars.close;
	for (let i = 0; i < c.length; i++)
		if (!Number.isFinite(c[i])) throw new AnalysisInputError(`${name}: close at row ${i} is not a number`);
	const positive = c.every((v) => v > 0);
	const out = new Float64Array(Math.max(0, c.length - 1));
	for (let i = 1; i < c.length; i++) out[i - 1] = positive ? Math.log(c[i] / c[i - 1]) : c[i] - c[i - 1];
	return { values: out, kind: positive ? 'log' : 'difference' };
}

export function describeReturns(kind: ReturnSeries['kind']): string {
	return kind === 'log'
		? 'Returns are log returns of consecutive closes.'
		: 'Some closes are zero or negative, so first differences of the closes stand in for returns.';
}

/** Ordinary least-squares slope and intercept of y on x. */
export function olsLine(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } {
	const n = x.length;
	let mx = 0;
	let my = 0;
	for (let i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= n;
	my /= n;
	let sxy = 0;
	let sxx = 0;
	for (let i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
	}
	const slope = sxy / sxx;
	return { slope, intercept: my - slope * mx };
}
