/**
 * Schema version 6 (issue 11): studies (sweeps of a model's parameters). A new store; no existing one changes
 * (a study's trials are ordinary trials, listed by id in the study record).
 */
import type { Dexie } from 'dexie';
import { V5_STORES } from './v5';

export const V6_STORES = {
	...V5_STORES,
	studies: 'id, createdAt, status'
} as const;

export function applyV6(db: Dexie): void {
	db.version(6).stores(V6_STORES);
}
