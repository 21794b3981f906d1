/**
 * Market impact of a metaorder (an order worked over about a day) by the square-root law:
 *   I = Y · σ · √(Q / V)
 * with σ the daily volatility, V the average daily volume and Q the order, both in shares or both in dollars, and
 * Y a constant of order one (Tóth et al. 2011, "Anomalous price impact and the critical nature of liquidity in
 * financial markets", Phys. Rev. X 1; Bouchaud, Bonart, Donier & Gould, Trades, Quotes and Prices, 2018, ch. 12;
 * Almgren, Thum, Hauptmann & Li 2005, "Direct estimation of equity market impact", find an exponent near 0.6).
 * The linear alternative, I = Y · σ · Q / V (Kyle 1985's linear price impact, scaled to agree with the
 * square-root law at Q = V), grows much faster for large orders and is kinder to small ones.
 */

export type ImpactFunction = 'square_root' | 'linear';

/** Expected impact as a fraction of the price. */
export function impact(kind: ImpactFunction, y: number, sigma: number, participation: number): number {
	return y * sigma * (kind === 'square_root' ? Math.sqrt(participation) : participation);
}

/** Sample standard deviation of the log returns between closes [from, to) (to − from − 1 returns). */
export function logVolatility(close: Float64Array, from: number, to: number): number {
	const n = to - from - 1;
	let m = 0;
	for (let t = from + 1; t < to; t++) m += Math.log(close[t] / close[t - 1]);
	m /= n;
	let s = 0;
	for (let t = from + 1; t < to; t++) s += (Math.log(close[t] / close[t - 1]) - m) ** 2;
	return Math.sqrt(s / (n - 1));
}
