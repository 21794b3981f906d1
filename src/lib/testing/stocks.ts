/**
 * Test fixture: real monthly closing prices of five stocks (MSFT, AMZN, IBM, GOOG, AAPL; Jan 2000 – Mar 2010,
 * GOOG from Aug 2004) and of the S&P 500 index over the same months, from the installed vega-datasets package
 * (files stocks.csv and sp500.csv; source Yahoo Finance). For analyses over two or more series and for
 * portfolios. Prices only: open = high = low = close, volume 0. Node-only; never product code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Bars } from '../domain/series';

export const STOCK_SYMBOLS = ['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL'] as const;
export type StockSymbol = (typeof STOCK_SYMBOLS)[number] | 'SP500';

const DATA = resolve(process.cwd(), 'node_modules/vega-datasets/data');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 1 2000" → epoch ms of that UTC day. */
function parseDate(text: string): number {
	const [mon, day, year] = text.trim().split(' ');
	const m = MONTHS.indexOf(mon);
	if (m < 0) throw new Error(`unknown month in ${text}`);
	return Date.UTC(Number(year), m, Number(day));
}

function priceBars(rows: readonly [number, number][]): Bars {
	const t = Float64Array.from(rows, (r) => r[0]);
	const close = Float64Array.from(rows, (r) => r[1]);
	return {
		t,
		open: close.slice(),
		high: close.slice(),
		low: close.slice(),
		close,
		volume: new Float64Array(t.length)
	};
}

let cache: Map<StockSymbol, Bars> | null = null;

function load(): Map<StockSymbol, Bars> {
	if (cache) return cache;
	const rows = new Map<StockSymbol, [number, number][]>();
	const stocks = readFileSync(resolve(DATA, 'stocks.csv'), 'utf8').trim().split('\n').slice(1);
	for (const line of stocks) {
		const [symbol, date, price] = line.split(',');
		const list = rows.get(symbol as StockSymbol) ?? [];
		list.push([parseDate(date), Number(price)]);
		rows.set(symbol as StockSymbol, list);
	}
	const sp = readFileSync(resolve(DATA, 'sp500.csv'), 'utf8').trim().split('\n').slice(1);
	rows.set(
		'SP500',
		sp.map((line) => {
			const [date, price] = line.split(',');
			return [parseDate(date), Number(price)];
		})
	);
	cache = new Map([...rows].map(([s, r]) => [s, priceBars(r.sort((a, b) => a[0] - b[0]))]));
	return cache;
}

/** Monthly price bars of one symbol, oldest first. */
export function monthlyBars(symbol: StockSymbol): Bars {
	const bars = load().get(symbol);
	if (!bars) throw new Error(`no monthly prices for ${symbol}`);
	return bars;
}

/** The symbols' monthly bars restricted to the months all of them have, in the order given. */
export function alignedMonthly(symbols: readonly StockSymbol[]): Bars[] {
	const all = symbols.map(monthlyBars);
	const common = all
		.map((b) => new Set(b.t))
		.reduce((acc, set) => new Set([...acc].filter((t) => set.has(t))));
	return all.map((b) => {
		const keep: number[] = [];
		b.t.forEach((t, i) => common.has(t) && keep.push(i));
		const take = (col: Float64Array): Float64Array => Float64Array.from(keep, (i) => col[i]);
		return {
			t: take(b.t),
			open: take(b.open),
			high: take(b.high),
			low: take(b.low),
			close: take(b.close),
			volume: take(b.volume)
		};
	});
}
