/**
 * Schema version 1. Each later version gets its own file with its stores and an upgrade function; a version's
 * file is never edited once released.
 */
import type { Dexie } from 'dexie';

export const V1_STORES = {
	datasets: 'id, createdAt',
	trials: 'id, createdAt, status',
	jobs: 'id, trialId, status, [trialId+fold]',
	results: '[trialId+fold], trialId'
} as const;

export function applyV1(db: Dexie): void {
	db.version(1).stores(V1_STORES);
}
