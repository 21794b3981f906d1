/**
 * Schema version 8 (issue 12): the paper portfolio and the watch list. New stores — the portfolio's state (one
 * record per portfolio, replaced as a whole by each step), its events (opened, closed, refused) appended in the
 * same transaction, and the watch list of the user's real trades — and no existing store changes.
 */
import type { Dexie } from 'dexie';
import { V7_STORES } from './v7';

export const V8_STORES = {
	...V7_STORES,
	portfolios: 'id',
	portfolioEvents: '++seq, portfolioId',
	watchlist: 'id, status'
} as const;

export function applyV8(db: Dexie): void {
	db.version(8).stores(V8_STORES);
}
