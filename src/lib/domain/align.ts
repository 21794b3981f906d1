/**
 * Aligning several series on the days they all have (ARCHITECTURE §4: columnar, no DataFrame library). Days are
 * UTC calendar days of each row's time, so a daily bar stamped at the New York open and a FRED value stamped at
 * midnight fall on the same day. Within one series a day appears at most once (the last row of a day wins, for
 * intraday data). Pure.
 */
import type { Bars } from './series';

const DAY_MS = 86_400_000;

export function dayOf(t: number): number {
	return Math.floor(t / DAY_MS);
}

/** Bars whose open = high = low = close = the value and volume 0: how a value series is read as bars. */
export function valueBars(t: Float64Array, value: Float64Array): Bars {
	if (t.length !== value.length) throw new RangeError(`t has ${t.length} rows, value ${value.length}`);
	return {
		t,
		open: value,
		high: value,
		low: value,
		close: value,
		volume: new Float64Array(t.length)
	};
}

function take(bars: Bars, rows: readonly number[]): Bars {
	const col = (c: Float64Array): Float64Array => Float64Array.from(rows, (r) => c[r]);
	return {
		t: col(bars.t),
		open: col(bars.open),
		high: col(bars.high),
		low: col(bars.low),
		close: col(bars.close),
		volume: col(bars.volume)
	};
}

/**
 * The rows of every series on the days all of them have, optionally within [fromMs, toMs] (inclusive, by day),
 * oldest first. Rows with a non-finite close are left out (a FRED gap).
 */
export function alignOnDays(series: readonly Bars[], fromMs?: number, toMs?: number): Bars[] {
	const lo = fromMs === undefined ? -Infinity : dayOf(fromMs);
	const hi = toMs === undefined ? Infinity : dayOf(toMs);
	const rowOfDay = series.map((bars) => {
		const map = new Map<number, number>();
		for (let i = 0; i < bars.t.length; i++) {
			const d = dayOf(bars.t[i]);
			if (d < lo || d > hi || !Number.isFinite(bars.close[i])) continue;
			map.set(d, i);
		}
		return map;
	});
	if (series.length === 0) return [];
	const days = [...rowOfDay[0].keys()].filter((d) => rowOfDay.every((m) => m.has(d))).sort((a, b) => a - b);
	return series.map((bars, k) =>
		take(
			bars,
			days.map((d) => rowOfDay[k].get(d)!)
		)
	);
}
