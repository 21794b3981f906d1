import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { portfolioRecordSchema } from '../db/portfolio-records';
import type { DatasetRecord } from '../db/records';
import type { Bars } from '../domain/series';
import { sp500Dataset } from '../testing/sp500';
import { readPortfolio, resetPortfolio } from './portfolio';
import { portfolioBenchmark, setPortfolioBenchmark } from './portfolio-benchmark';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);

function closes(values: readonly number[]): Bars {
	const c = Float64Array.from(values);
	return {
		t: Float64Array.from(values, (_, i) => T0 + i * DAY),
		open: c,
		high: c,
		low: c,
		close: c,
		volume: c
	};
}

function series(key: string, symbol: string, values: readonly number[]): DatasetRecord {
	return { ...sp500Dataset(key, { bars: closes(values) }), symbol };
}

let db: MlTrainerDb;
let dbs = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`portfolio-benchmark-${dbs++}`);
	await db.open();
	await db.datasets.bulkPut([series('spy', 'SPY', [400, 404, 396]), series('qqq', 'QQQ', [300, 330, 360])]);
	await resetPortfolio(db, {}, T0);
});
afterEach(async () => db.delete());

const latest = async () => db.datasets.toArray();

describe('the paper portfolio benchmark', () => {
	it('parses a record stored before the field existed, and draws SPY for it by default', async () => {
		const stored = await db.portfolios.get('paper');
		expect(stored && 'benchmark' in stored).toBe(false);
		const record = portfolioRecordSchema.parse(stored);
		const view = portfolioBenchmark(record, await latest());
		expect(view).toMatchObject({ seriesKey: 'spy', label: 'SPY' });
		// A curve of one day (2026-01-05): SPY rebased to the initial capital on it.
		expect(view.line?.ok && Array.from(view.line.values)).toEqual([100_000]);
	});

	it('stores the user’s choice with an audit entry, keeps it across a restart, and can be none', async () => {
		await setPortfolioBenchmark(db, 'qqq', T0 + 1);
		expect((await readPortfolio(db))?.benchmark).toBe('qqq');
		await resetPortfolio(db, {}, T0 + 2);
		const record = await readPortfolio(db);
		expect(record?.benchmark).toBe('qqq');
		if (!record) throw new Error('stored');
		// The curve over three days: QQQ's closes 300 → 330 → 360 rebased to $100,000 on the first.
		const curve = [0, 1, 2].map((i) => ({
			date: new Date(T0 + i * DAY).toISOString().slice(0, 10),
			equity: 100_000,
			cash: 100_000,
			held: 0
		}));
		const view = portfolioBenchmark({ ...record, state: { ...record.state, curve } }, await latest());
		if (!view.line?.ok) throw new Error('a line');
		expect(Array.from(view.line.values)).toEqual([100_000, 110_000, 120_000]);
		expect(view.line.excessReturn).toBeCloseTo(-0.2, 14);

		await setPortfolioBenchmark(db, null, T0 + 3);
		expect(portfolioBenchmark((await readPortfolio(db)) ?? record, await latest()).seriesKey).toBeNull();
		const audit = await db.audit.where('type').equals('settings.changed').toArray();
		expect(audit.map((a) => a.summary)).toEqual([
			'Paper portfolio benchmark: qqq',
			'Paper portfolio benchmark: none'
		]);
	});

	it('refuses a series that is not stored, and changes nothing', async () => {
		await expect(setPortfolioBenchmark(db, 'nope')).rejects.toThrow(/benchmark: no stored series nope/);
		expect((await readPortfolio(db))?.benchmark).toBeUndefined();
	});
});
