/**
 * Schema version 5 (issue 10): analysis runs (formulas, measures, tests, transforms), each with its pinned
 * inputs and result record. A new store; no existing one changes.
 */
import type { Dexie } from 'dexie';
import { V4_STORES } from './v4';

export const V5_STORES = {
	...V4_STORES,
	analyses: 'id, createdAt, status, spec.model.id'
} as const;

export function applyV5(db: Dexie): void {
	db.version(5).stores(V5_STORES);
}
