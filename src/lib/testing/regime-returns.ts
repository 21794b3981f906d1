/**
 * The real inputs of the regime fixture (bench/make-regimes-fixture.ts), shared by the fixture script and the
 * specs so both see the same bytes. Node-only (reads the bundled S&P 500 file through testing/sp500.ts).
 */
import { sp500Bars } from './sp500';

export const REGIME_FIXTURE = {
	/** First rows of the direction matrix clustered by k-means (a default 5-year training window). */
	kmeansRows: 1260,
	/** Daily log returns r[t] = ln(close[t] / close[t − 1]) for t in [start, start + count). */
	returnsStart: 1,
	returnsCount: 1260,
	/** PELT's brute-force reference runs on the first this-many of those returns. */
	peltCount: 250
} as const;

/** Daily log returns of the bundled S&P 500 closes for bars [start, start + count). */
export function sp500Returns(start: number, count: number): Float64Array {
	const close = sp500Bars().close;
	if (start < 1 || start + count > close.length) throw new RangeError('return window outside the series');
	return Float64Array.from({ length: count }, (_, i) => Math.log(close[start + i] / close[start + i - 1]));
}
