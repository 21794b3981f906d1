import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pinInput } from '../data/feature-input-pins';
import { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import { benchmarkDataset, tbillSeries } from '../testing/feature-inputs';
import { inputsWithRequests } from './share-read';
import { sharedInputOf } from './share-trial';

let db: MlTrainerDb;
let n = 0;

/** A benchmark fetched from Polygon, stored under the app's id for it. */
const spy: DatasetRecord = {
	...benchmarkDataset('polygon-spy-1day'),
	symbol: 'SPY',
	request: {
		provider: 'polygon',
		ticker: 'SPY',
		multiplier: 1,
		timespan: 'day',
		from: '2000-01-03',
		to: '2020-04-17',
		adjusted: true
	}
};
const tbill = tbillSeries('fred-tb3ms');

beforeEach(async () => {
	db = new MlTrainerDb(`share-inputs-${n++}`);
});

afterEach(async () => {
	db.close();
	await db.delete();
});

describe('the inputs a link carries', () => {
	it("carry a dataset's ticker and fetch request and a series' provider id, read from the stored records", async () => {
		await db.datasets.put(spy);
		await db.series.put(tbill);
		const pins = [pinInput({ kind: 'dataset', record: spy }), pinInput({ kind: 'series', record: tbill })];
		const shared = pins.map(sharedInputOf);
		// From the pins alone a link knows only the stored ids.
		expect(shared.map((s) => s.symbol)).toEqual(['polygon-spy-1day', 'fred-tb3ms']);
		const enriched = await inputsWithRequests(db, pins, shared);
		expect(enriched[0]).toEqual({ ...shared[0], symbol: 'SPY', request: spy.request });
		expect(enriched[1]).toEqual({ ...shared[1], symbol: 'TB3MS' });
	});

	it('leaves an input as it is when its record is no longer stored', async () => {
		const pins = [pinInput({ kind: 'dataset', record: spy })];
		const shared = pins.map(sharedInputOf);
		expect(await inputsWithRequests(db, pins, shared)).toEqual(shared);
	});
});
