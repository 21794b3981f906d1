/**
 * Schema version 9 (issue 12): universes, runs of one spec across a universe, promoted trials, scans and their
 * recommendations. New stores only; no existing store changes.
 */
import type { Dexie } from 'dexie';
import { V8_STORES } from './v8';

export const V9_STORES = {
	...V8_STORES,
	universes: 'id',
	universeRuns: 'id, universeId',
	promoted: 'id, trialId',
	scans: 'id, startedAt',
	recommendations: 'id, scanId, dataDate, [promotedId+horizon]'
} as const;

export function applyV9(db: Dexie): void {
	db.version(9).stores(V9_STORES);
}
