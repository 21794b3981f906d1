import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { addWatch, buyWatched, readWatchList, sellWatched } from './watchlist';

let db: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`watchlist-${n++}`);
	await db.open();
});
afterEach(async () => db.delete());

describe('the stored watch list', () => {
	it('moves an entry from watching to bought to sold, with its outcome and an audit entry each time', async () => {
		const w = await addWatch(db, { symbol: 'SPY', note: 'after the scan', addedDate: '2019-06-28' }, 1);
		await buyWatched(db, w.id, { date: '2019-07-01', price: 295, shares: 10 }, 2);
		const sold = await sellWatched(db, w.id, { date: '2019-07-15', price: 300 }, 3);
		expect(sold).toMatchObject({ status: 'sold', buy: { price: 295, shares: 10 }, sell: { price: 300 } });
		expect(await readWatchList(db)).toEqual([sold]);
		const audit = await db.audit.where('type').equals('watchlist.changed').toArray();
		expect(audit.map((a) => a.summary)).toEqual([
			'Watching SPY',
			'Bought 10 SPY at 295 on 2019-07-01 (real trade)',
			'Sold SPY at 300 on 2019-07-15 (real trade): P&L 50.00'
		]);
	});

	it('refuses what did not happen, naming it, and stores nothing', async () => {
		const w = await addWatch(db, { symbol: 'QQQ', addedDate: '2019-06-28' });
		await expect(sellWatched(db, w.id, { date: '2019-07-02', price: 1 })).rejects.toThrow(
			/only a bought entry can be sold/
		);
		await expect(buyWatched(db, w.id, { date: '2019-06-01', price: 180, shares: 1 })).rejects.toThrow(
			/buy.date is before the entry was added/
		);
		await buyWatched(db, w.id, { date: '2019-07-01', price: 180, shares: 1 });
		await expect(sellWatched(db, w.id, { date: '2019-06-30', price: 181 })).rejects.toThrow(
			/sell.date is before buy.date/
		);
		expect((await readWatchList(db))[0].status).toBe('bought');
		await expect(addWatch(db, { symbol: ' ', addedDate: '2019-06-28' })).rejects.toThrow(
			/symbol is required/
		);
		expect(await readWatchList(db)).toHaveLength(1);
	});
});
