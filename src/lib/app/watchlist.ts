/**
 * The watch list in IndexedDB (issue 12): the user's real trades beside the paper ones — watching, bought,
 * sold — each change validated by research/portfolio/watchlist.ts and written with its audit entry in one
 * transaction.
 */
import { liveQuery, type Observable } from 'dexie';
import type { MlTrainerDb } from '../db/database';
import { appendAudit } from '../db/audit-log';
import {
	realTradeOutcome,
	recordBuy,
	recordSell,
	watch,
	watchEntrySchema,
	type WatchEntry
} from '../research/portfolio/watchlist';
import { db as appDb } from './db';

async function store(db: MlTrainerDb, entry: WatchEntry, summary: string, now: number): Promise<WatchEntry> {
	await db.transaction('rw', db.watchlist, db.audit, async () => {
		await db.watchlist.put(entry);
		await appendAudit(
			db,
			{
				type: 'watchlist.changed',
				subject: entry.symbol,
				summary,
				detail: { id: entry.id, status: entry.status }
			},
			now
		);
	});
	return entry;
}

async function entry(db: MlTrainerDb, id: string): Promise<WatchEntry> {
	const raw = await db.watchlist.get(id);
	if (!raw) throw new RangeError(`watch list entry ${id} no longer exists`);
	return watchEntrySchema.parse(raw);
}

/** Every entry, newest first. */
export async function readWatchList(db: MlTrainerDb): Promise<WatchEntry[]> {
	const rows = (await db.watchlist.toArray()).map((r) => watchEntrySchema.parse(r));
	return rows.sort((a, b) =>
		a.addedDate === b.addedDate ? b.id.localeCompare(a.id) : b.addedDate.localeCompare(a.addedDate)
	);
}

export async function addWatch(
	db: MlTrainerDb,
	input: { symbol: string; note?: string; addedDate: string },
	now = Date.now()
): Promise<WatchEntry> {
	const e = watch({ id: `w-${now.toString(36)}-${(await db.watchlist.count()).toString(36)}`, ...input });
	return store(db, e, `Watching ${e.symbol}`, now);
}

export async function buyWatched(
	db: MlTrainerDb,
	id: string,
	buy: { date: string; price: number; shares: number },
	now = Date.now()
): Promise<WatchEntry> {
	const e = recordBuy(await entry(db, id), buy);
	return store(db, e, `Bought ${buy.shares} ${e.symbol} at ${buy.price} on ${buy.date} (real trade)`, now);
}

export async function sellWatched(
	db: MlTrainerDb,
	id: string,
	sell: { date: string; price: number },
	now = Date.now()
): Promise<WatchEntry> {
	const e = recordSell(await entry(db, id), sell);
	const o = realTradeOutcome(e);
	return store(
		db,
		e,
		`Sold ${e.symbol} at ${sell.price} on ${sell.date} (real trade)${o ? `: P&L ${o.pnl.toFixed(2)}` : ''}`,
		now
	);
}

/** The app's watch list, bound to the app's database (what the page calls). */
export const watchList = {
	watch: (): Observable<WatchEntry[]> => liveQuery(() => readWatchList(appDb)),
	add: (input: { symbol: string; note?: string; addedDate: string }) => addWatch(appDb, input),
	buy: (id: string, buy: { date: string; price: number; shares: number }) => buyWatched(appDb, id, buy),
	sell: (id: string, sell: { date: string; price: number }) => sellWatched(appDb, id, sell)
};
