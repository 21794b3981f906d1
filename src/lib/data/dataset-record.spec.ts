import { describe, expect, it } from 'vitest';
import { contentSha256 } from '../domain/content-hash';
import { sliceBars, type Bars } from '../domain/series';
import { sp500Bars, sp500Provenance } from '../testing/sp500';
import { readFileSync } from 'node:fs';
import {
	acceptDrift,
	newBarsDataset,
	newValueSeries,
	refreshBarsDataset,
	refreshValueSeries
} from './dataset-record';

function rowOf(bars: Bars, day: string): number {
	const t = Date.parse(`${day}T00:00:00Z`);
	return bars.t.findIndex((x) => x >= t);
}

const provenanceOf = sp500Provenance;

function dataset(bars: Bars) {
	return newBarsDataset({
		id: 'spx',
		name: 'S&P 500',
		symbol: '^GSPC',
		frequency: 'daily',
		provenance: provenanceOf(bars),
		bars,
		bundled: false,
		request: null,
		now: 1
	});
}

describe('stored datasets (real S&P 500 bars)', () => {
	const all = sp500Bars();

	it('record the hash of exactly the columns they store and baseline statistics of their returns', () => {
		const ds = dataset(all);
		expect(ds.contentSha256).toBe(contentSha256({ ...all }));
		expect(ds.baseline?.n).toBe(all.t.length - 1);
		expect(Math.abs(ds.baseline!.mean)).toBeLessThan(0.001);
		expect(ds.baseline!.std).toBeGreaterThan(0.005);
	});

	it('raise a drift alert when the new bars are the 2008 crash after a calm 2004–2007 baseline', () => {
		const calm = sliceBars(all, rowOf(all, '2004-01-02'), rowOf(all, '2008-09-01'));
		const crash = sliceBars(all, rowOf(all, '2004-01-02'), rowOf(all, '2008-12-01'));
		const { record, alert, newRows } = refreshBarsDataset(dataset(calm), crash, provenanceOf(crash), null, 2);
		expect(newRows).toBeGreaterThan(50);
		expect(alert).not.toBeNull();
		expect(alert!.varianceRatio).toBeGreaterThan(2);
		expect(alert!.reasons.join(' ')).toMatch(/variance/i);
		// The old baseline stays until the user accepts the new data.
		expect(record.baseline).toEqual(dataset(calm).baseline);
		expect(record.contentSha256).toBe(contentSha256({ ...crash }));
		const accepted = acceptDrift(record);
		expect(accepted.drift?.dismissed).toBe(true);
		expect(accepted.baseline?.n).toBe(crash.t.length - 1);
	});

	it('raise no alert when a calm year follows a calm baseline, and grow the baseline to cover it', () => {
		const base = sliceBars(all, rowOf(all, '2010-01-04'), rowOf(all, '2016-01-04'));
		const more = sliceBars(all, rowOf(all, '2010-01-04'), rowOf(all, '2017-01-03'));
		const { record, alert } = refreshBarsDataset(dataset(base), more, provenanceOf(more), null, 2);
		expect(alert).toBeNull();
		expect(record.baseline?.n).toBe(more.t.length - 1);
	});

	it('conclude nothing from fewer than 20 new returns', () => {
		const base = sliceBars(all, rowOf(all, '2004-01-02'), rowOf(all, '2008-09-01'));
		const few = sliceBars(all, rowOf(all, '2004-01-02'), rowOf(all, '2008-09-01') + 10);
		expect(refreshBarsDataset(dataset(base), few, provenanceOf(few), null, 2).alert).toBeNull();
	});
});

/** Real BLS total nonfarm employment (thousands), monthly 2006–2015, from vega-datasets. */
function payems(until: string): { t: Float64Array; value: Float64Array } {
	const rows = readFileSync('node_modules/vega-datasets/data/us-employment.csv', 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((l) => l.split(','))
		.filter(([month]) => month < until);
	return {
		t: Float64Array.from(rows, ([month]) => Date.parse(`${month}T00:00:00Z`)),
		value: Float64Array.from(rows, (r) => Number(r[1]))
	};
}

describe('stored macro series (real BLS payrolls)', () => {
	const series = (until: string, now: number) => {
		const { t, value } = payems(until);
		return {
			id: 'payems',
			name: 'PAYEMS',
			seriesId: 'PAYEMS',
			title: 'All Employees, Total Nonfarm',
			frequency: 'monthly',
			units: 'Thousands of Persons',
			provenance: {
				...provenanceOf(sp500Bars()),
				source: 'fred',
				rows: t.length,
				firstT: t[0],
				lastT: t[t.length - 1]
			},
			t,
			value,
			now
		};
	};

	it('take their baseline from monthly changes, so levels that can be zero or negative still work', () => {
		const rec = newValueSeries(series('2008-01-01', 1));
		expect(rec.baseline?.n).toBe(23);
		expect(rec.baseline!.mean).toBeGreaterThan(0); // payrolls grew through 2006–2007
	});

	it('raise a drift alert when the 2008–2009 job losses arrive after a growing baseline', () => {
		const old = newValueSeries(series('2008-01-01', 1));
		const { alert, newRows, record } = refreshValueSeries(old, series('2010-01-01', 2));
		expect(newRows).toBe(24);
		expect(alert?.reasons.join(' ')).toMatch(/mean/i);
		expect(record.createdAt).toBe(1);
		expect(record.updatedAt).toBe(2);
	});
});
