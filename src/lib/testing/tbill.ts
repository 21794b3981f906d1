/**
 * Test fixture: the real quarterly US 3-month Treasury bill rate, 1959Q1–2009Q3 (% per year; FRED TB3MS, quarterly
 * average), as bundled with statsmodels (datasets.macrodata, column tbilrate) and exported by
 * bench/make-finance-fixtures.py. Shaped as a FRED macro series arrives: open = high = low = close = the value,
 * volume 0, dated the first day of each quarter. Node-only; never product code.
 */
import type { Bars } from '../domain/series';
import fixture from './tbill.fixture.json';

let cached: Bars | null = null;

export function tbillBars(): Bars {
	if (cached) return cached;
	const t = Float64Array.from(fixture.rows, ([year, quarter]) => Date.UTC(year, 3 * (quarter - 1), 1));
	const close = Float64Array.from(fixture.rows, (row) => row[2]);
	cached = {
		t,
		open: close.slice(),
		high: close.slice(),
		low: close.slice(),
		close,
		volume: new Float64Array(t.length)
	};
	return cached;
}
