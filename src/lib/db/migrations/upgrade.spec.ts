import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { contentSha256 } from '../../domain/content-hash';
import { sp500Bars } from '../../testing/sp500';
import { MlTrainerDb } from '../database';
import { applyV1 } from './v1';

describe('a database written by version 1 (issue 2)', () => {
	it('opens in the current schema with every dataset hashed and given a baseline, and nothing lost', async () => {
		const name = `upgrade-${Date.now()}`;
		const bars = sp500Bars();
		const old = new Dexie(name);
		applyV1(old);
		await old.table('datasets').put({
			id: 'sp500-daily-vega',
			name: 'S&P 500 index, daily',
			symbol: '^GSPC',
			frequency: 'daily',
			provenance: {
				source: 'yahoo',
				origin: 'vega-datasets@3.2.1/data/sp500-2000.csv',
				retrievedAt: '2026-11-27T00:00:00.000Z',
				sha256: '9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8',
				rows: bars.t.length,
				firstT: bars.t[0],
				lastT: bars.t[bars.t.length - 1]
			},
			bars,
			bundled: true,
			createdAt: 123
		});
		await old.table('trials').put({ id: 't1', createdAt: 1, status: 'completed' });
		old.close();

		const db = new MlTrainerDb(name);
		const ds = await db.datasets.get('sp500-daily-vega');
		expect(ds?.contentSha256).toBe(contentSha256({ ...bars }));
		expect(ds?.baseline?.n).toBe(bars.t.length - 1);
		expect(ds?.drift).toBeNull();
		expect(ds?.updatedAt).toBe(123);
		expect(await db.trials.count()).toBe(1);
		// The stores of versions 2 and 3 exist and are empty.
		expect(await db.audit.count()).toBe(0);
		expect(await db.messages.count()).toBe(0);
		expect(db.verno).toBe(3);
		db.close();
		await db.delete();
	});
});
