/**
 * Market data is columnar (ARCHITECTURE §4): one Float64Array per field, `t` in epoch milliseconds, strictly
 * ascending. No DataFrame library: columns are what workers, IndexedDB and the learners all handle cheaply.
 */
import { z } from 'zod';

export interface Bars {
	readonly t: Float64Array;
	readonly open: Float64Array;
	readonly high: Float64Array;
	readonly low: Float64Array;
	readonly close: Float64Array;
	readonly volume: Float64Array;
}

export const BAR_FIELDS = ['t', 'open', 'high', 'low', 'close', 'volume'] as const;

const float64 = z.custom<Float64Array>((v) => v instanceof Float64Array, {
	error: 'expected a Float64Array column'
});

/** Validates shape and ordering; values are checked by {@link checkBars}. */
export const barsSchema = z
	.object({ t: float64, open: float64, high: float64, low: float64, close: float64, volume: float64 })
	.superRefine((bars, ctx) => {
		const problem = checkBars(bars);
		if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
	});

export interface BarsProblem {
	readonly field: string;
	readonly row: number;
	readonly message: string;
}

/** The first problem that makes `bars` unusable, or null. */
export function checkBars(bars: Bars): BarsProblem | null {
	const n = bars.t.length;
	for (const field of BAR_FIELDS) {
		if (bars[field].length !== n) {
			return { field, row: -1, message: `column ${field} has ${bars[field].length} rows, t has ${n}` };
		}
	}
	for (let i = 0; i < n; i++) {
		if (!Number.isFinite(bars.t[i])) return { field: 't', row: i, message: `row ${i}: time is not a number` };
		if (i > 0 && !(bars.t[i] > bars.t[i - 1])) {
			return { field: 't', row: i, message: `row ${i}: times must be strictly ascending` };
		}
		for (const field of ['open', 'high', 'low', 'close'] as const) {
			const v = bars[field][i];
			if (!(v > 0) || !Number.isFinite(v)) {
				return { field, row: i, message: `row ${i}: ${field} must be a positive number, got ${v}` };
			}
		}
		const vol = bars.volume[i];
		if (!(vol >= 0) || !Number.isFinite(vol)) {
			return { field: 'volume', row: i, message: `row ${i}: volume must be a non-negative number` };
		}
	}
	return null;
}

/** Bars of `n` rows, every column zero-filled, for a builder to write into. */
export function allocateBars(n: number): { [K in keyof Bars]: Float64Array } {
	return {
		t: new Float64Array(n),
		open: new Float64Array(n),
		high: new Float64Array(n),
		low: new Float64Array(n),
		close: new Float64Array(n),
		volume: new Float64Array(n)
	};
}

export function barCount(bars: Bars): number {
	return bars.t.length;
}

/** Simple return from close i-1 to close i; NaN at row 0. */
export function simpleReturns(close: Float64Array): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let i = 1; i < close.length; i++) out[i] = close[i] / close[i - 1] - 1;
	return out;
}

/** A copy of rows [start, end). */
export function sliceBars(bars: Bars, start: number, end: number): Bars {
	return {
		t: bars.t.slice(start, end),
		open: bars.open.slice(start, end),
		high: bars.high.slice(start, end),
		low: bars.low.slice(start, end),
		close: bars.close.slice(start, end),
		volume: bars.volume.slice(start, end)
	};
}

/** ISO date (YYYY-MM-DD, UTC) of an epoch-ms time. */
export function isoDate(t: number): string {
	return new Date(t).toISOString().slice(0, 10);
}
