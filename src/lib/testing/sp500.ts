/**
 * Test fixture: the real bundled S&P 500 daily file, read from the installed vega-datasets package (the same
 * bytes the app bundles). Node-only; used by specs and benchmarks, never by product code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseOhlcvCsv } from '../data/csv-bars';
import { newBarsDataset } from '../data/dataset-record';
import type { DatasetRecord } from '../db/records';
import type { Provenance } from '../domain/provenance';
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

/** SHA-256 of the vega-datasets file, as the build records it. */
export const SP500_SHA256 = '9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8';

/** Provenance of the real file, for `bars` (the whole file by default, or a slice of it). */
export function sp500Provenance(bars: Bars = sp500Bars()): Provenance {
	return {
		source: 'yahoo',
		origin: 'vega-datasets@3.2.1/data/sp500-2000.csv',
		retrievedAt: '2026-11-27T00:00:00.000Z',
		sha256: SP500_SHA256,
		rows: bars.t.length,
		firstT: bars.t[0],
		lastT: bars.t[bars.t.length - 1]
	};
}

/** A stored dataset record of the real S&P 500 bars (content hash and baseline computed as the app does). */
export function sp500Dataset(id: string, options: { bundled?: boolean; bars?: Bars } = {}): DatasetRecord {
	const bars = options.bars ?? sp500Bars();
	return newBarsDataset({
		id,
		name: 'S&P 500',
		symbol: '^GSPC',
		frequency: 'daily',
		bundled: options.bundled ?? false,
		request: null,
		now: 0,
		bars,
		provenance: sp500Provenance(bars)
	});
}
