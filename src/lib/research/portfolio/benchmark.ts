/**
 * The paper portfolio's benchmark line (issue 12: "a benchmark line"): a stored series' closes rebased to the
 * portfolio's initial capital on the curve's first date and read on each of the curve's dates, so the two lines
 * start together and the gap between them is the portfolio's excess return.
 *
 * Alignment is as of each curve date: the benchmark's last close ON OR BEFORE it (a holiday of one market, or
 * a benchmark not refreshed yet, carries the last known close), never a later one. A benchmark with no close on
 * or before the curve's first date cannot be rebased there and is refused with the reason.
 * Returns as in metrics.ts: total = last / first − 1 for both lines; excess = portfolio − benchmark.
 */
import { isoDate } from '../../domain/series';

/** The original's benchmark (§6.7 relative strength against SPY). */
export const DEFAULT_BENCHMARK_SYMBOL = 'SPY';

export interface BenchmarkCloses {
	/** Bar times, epoch ms, ascending. */
	readonly t: ArrayLike<number>;
	readonly close: ArrayLike<number>;
}

export interface BenchmarkLine {
	readonly ok: true;
	/** The benchmark's value on each curve date: initialCapital · close(as of date) / close(as of first date). */
	readonly values: Float64Array;
	/** The date of the close each curve date used (the same date, or an earlier one carried). */
	readonly asOf: readonly string[];
	/** Curve dates after the benchmark's last bar: their value is its last close, carried. */
	readonly carriedPastEnd: number;
	readonly totalReturn: number;
	readonly portfolioReturn: number;
	/** portfolioReturn − totalReturn. */
	readonly excessReturn: number;
}

export type BenchmarkResult = BenchmarkLine | { readonly ok: false; readonly reason: string };

export function benchmarkLine(
	curve: readonly { readonly date: string; readonly equity: number }[],
	initialCapital: number,
	closes: BenchmarkCloses
): BenchmarkResult {
	if (curve.length === 0) throw new RangeError('curve needs at least its starting point');
	if (!(Number.isFinite(initialCapital) && initialCapital > 0))
		throw new RangeError(`initialCapital must be a positive number, got ${initialCapital}`);
	if (closes.t.length !== closes.close.length)
		throw new RangeError(`benchmark has ${closes.t.length} times but ${closes.close.length} closes`);
	for (let i = 0; i < closes.t.length; i++) {
		if (!(Number.isFinite(closes.close[i]) && closes.close[i] > 0))
			throw new RangeError(`benchmark close[${i}] must be a positive number, got ${closes.close[i]}`);
		if (i > 0 && !(closes.t[i] > closes.t[i - 1]))
			throw new RangeError(`benchmark t[${i}] must come after t[${i - 1}]`);
	}
	const dates = Array.from(closes.t, (t) => isoDate(t));
	const values = new Float64Array(curve.length);
	const asOf: string[] = [];
	let j = -1;
	let base = Number.NaN;
	for (let i = 0; i < curve.length; i++) {
		while (j + 1 < dates.length && dates[j + 1] <= curve[i].date) j++;
		if (j < 0)
			return {
				ok: false,
				reason: `the benchmark has no close on or before the portfolio's first day (${curve[0].date})${
					dates.length > 0 ? `: its first bar is on ${dates[0]}` : ': it has no bars'
				}`
			};
		if (i === 0) base = closes.close[j];
		values[i] = (initialCapital * closes.close[j]) / base;
		asOf.push(dates[j]);
	}
	const last = dates[dates.length - 1];
	const totalReturn = values[values.length - 1] / values[0] - 1;
	const portfolioReturn = curve[curve.length - 1].equity / curve[0].equity - 1;
	return {
		ok: true,
		values,
		asOf,
		carriedPastEnd: curve.filter((p) => p.date > last).length,
		totalReturn,
		portfolioReturn,
		excessReturn: portfolioReturn - totalReturn
	};
}

/**
 * The benchmark series to draw: the stored choice when that series is still stored; none when the user chose
 * none (null); by default (never chosen) the first stored series whose symbol is SPY, else none.
 */
export function chooseBenchmark(
	stored: string | null | undefined,
	series: readonly { readonly seriesKey: string; readonly symbol: string }[]
): string | null {
	if (stored === null) return null;
	if (stored !== undefined) return series.some((s) => s.seriesKey === stored) ? stored : null;
	return series.find((s) => s.symbol.trim().toUpperCase() === DEFAULT_BENCHMARK_SYMBOL)?.seriesKey ?? null;
}
