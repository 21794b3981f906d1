import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { contentSha256 } from '../../domain/content-hash';
import { sp500Bars, sp500Provenance } from '../../testing/sp500';
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
			provenance: sp500Provenance(bars),
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
