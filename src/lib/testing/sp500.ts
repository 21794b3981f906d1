/**
 * Test fixture: the real bundled S&P 500 daily file, read from the installed vega-datasets package (the same
 * bytes the app bundles). Node-only; used by specs and benchmarks, never by product code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseOhlcvCsv } from '../data/csv-bars';
import type { Bars } from '../domain/series';

export const SP500_CSV_PATH = resolve(process.cwd(), 'node_modules/vega-datasets/data/sp500-2000.csv');

let cached: Bars | null = null;

export function sp500Text(): string {
	return readFileSync(SP500_CSV_PATH, 'utf8');
}

export function sp500Bars(): Bars {
	cached ??= parseOhlcvCsv(sp500Text());
	return cached;
}
