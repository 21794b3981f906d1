/**
 * Test fixture: real US Treasury constant-maturity yields (FRED DGS1MO … DGS30, Board of Governors of the Federal
 * Reserve System, H.15; % per year), the last daily observation of each month 2015-01 … 2020-12, as mirrored in
 * github.com/economics-databases/Interest-rate and exported by bench/make-finance-fixtures.py. Each maturity is
 * one dataset shaped as a FRED series arrives (open = high = low = close = the value, volume 0), dated the first
 * day of its month so the panel aligns. Node-only; never product code.
 */
import type { AnalysisData } from '../models/analysis';
import type { Bars } from '../domain/series';
import fixture from './treasury.fixture.json';

export const TREASURY_SYMBOLS = fixture.columns.slice(1);

/** The panel of the given FRED symbols (all eleven by default), named by symbol. */
export function treasuryPanel(symbols: readonly string[] = TREASURY_SYMBOLS): AnalysisData {
	const t = Float64Array.from(fixture.rows, (row) => {
		const [year, month] = String(row[0]).split('-').map(Number);
		return Date.UTC(year, month - 1, 1);
	});
	return {
		datasets: symbols.map((symbol) => {
			const column = fixture.columns.indexOf(symbol);
			if (column < 1) throw new Error(`no Treasury series ${symbol} in the fixture`);
			const close = Float64Array.from(fixture.rows, (row) => Number(row[column]));
			const bars: Bars = {
				t: t.slice(),
				open: close.slice(),
				high: close.slice(),
				low: close.slice(),
				close,
				volume: new Float64Array(t.length)
			};
			return { name: symbol, bars };
		})
	};
}
