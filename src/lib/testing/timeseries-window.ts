/**
 * Test fixture: the fixed real window the time-series reference fixtures are fitted on (bench/make-timeseries-fixture.ts).
 * Node-only (reads the bundled S&P 500 file); used by specs and benchmarks, never by product code.
 */
import { sp500Bars } from './sp500';

export const FIXTURE_WINDOW = {
	/** First bar of the training window (2007-12-17 in the bundled file: the window spans the 2008 crash). */
	start: 2000,
	/** Training values: five years of trading days, the default training length. */
	train: 1260,
	/** Bars after the training window that the fixture's forecasts filter through. */
	extra: 40,
	/** Forecast horizon of the fixture's forecasts. */
	horizon: 5,
	/** Origins (indices into the window) the fixture forecasts from: inside and after the training window. */
	origins: [20, 400, 1000, 1259, 1264, 1269, 1274, 1279, 1284, 1289, 1294]
} as const;

/** Log closes of the training window and the bars after it. */
export function fixtureLogCloses(): Float64Array {
	const close = sp500Bars().close;
	const n = FIXTURE_WINDOW.train + FIXTURE_WINDOW.extra;
	return Float64Array.from({ length: n }, (_, i) => Math.log(close[FIXTURE_WINDOW.start + i]));
}

/** Daily log returns of the same window (the first is the return into the window's first bar). */
export function fixtureLogReturns(): Float64Array {
	const close = sp500Bars().close;
	const n = FIXTURE_WINDOW.train + FIXTURE_WINDOW.extra;
	return Float64Array.from({ length: n }, (_, i) =>
		Math.log(close[FIXTURE_WINDOW.start + i] / close[FIXTURE_WINDOW.start + i - 1])
	);
}
