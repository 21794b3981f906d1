/**
 * Test fixtures for feature inputs: the real quarterly T-bill rate as a stored FRED series, and a benchmark
 * dataset on the S&P 500's days (its closes times a seeded random walk, so relative strength is not zero).
 * Node-only; never product code.
 */
import { newValueSeries } from '../data/dataset-record';
import type { DatasetRecord, SeriesRecord } from '../db/records';
import { createRng } from '../domain/random';
import type { Bars } from '../domain/series';
import { sp500Bars, sp500Dataset } from './sp500';
import { tbillBars } from './tbill';

export const TBILL_SERIES_ID = 'fred:TB3MS';

export function tbillSeries(id = TBILL_SERIES_ID): SeriesRecord {
	const b = tbillBars();
	return newValueSeries({
		id,
		name: 'TB3MS',
		seriesId: 'TB3MS',
		title: '3-Month Treasury Bill Secondary Market Rate (quarterly average)',
		frequency: 'quarterly',
		units: 'percent',
		provenance: {
			source: 'fred',
			origin: 'statsmodels 0.13.5 datasets.macrodata tbilrate',
			retrievedAt: '2026-12-05T00:00:00.000Z',
			sha256: '0'.repeat(64),
			rows: b.t.length,
			firstT: b.t[0],
			lastT: b.t[b.t.length - 1]
		},
		t: b.t,
		value: b.close,
		now: 0
	});
}

/** A benchmark dataset on the first `rows` S&P days: its bars times a seeded random walk. */
export function benchmarkDataset(id: string, rows = sp500Bars().t.length, seed = 7): DatasetRecord {
	const src = sp500Bars();
	const rng = createRng(seed);
	let k = 1;
	const factor = Float64Array.from({ length: rows }, () => (k *= 1 + 0.004 * rng.normal()));
	const scale = (x: Float64Array) => Float64Array.from({ length: rows }, (_, i) => x[i] * factor[i]);
	const bars: Bars = {
		t: src.t.slice(0, rows),
		open: scale(src.open),
		high: scale(src.high),
		low: scale(src.low),
		close: scale(src.close),
		volume: src.volume.slice(0, rows)
	};
	return { ...sp500Dataset(id, { bars }), name: 'Benchmark', symbol: 'SPY' };
}
