/**
 * Schema version 7 (issue 11): autonomous research loops. A new store; no existing one changes (a loop's steps
 * are the chat's tool calls it approved, each marked with the loop's id).
 */
import type { Dexie } from 'dexie';
import { V6_STORES } from './v6';

export const V7_STORES = {
	...V6_STORES,
	loops: 'id, conversationId, status, createdAt'
} as const;

export function applyV7(db: Dexie): void {
	db.version(7).stores(V7_STORES);
}
