/**
 * Schema version 3 (issue 4): the chat with mlTrainer. Conversations and their messages (with importance and
 * topics for memory), the tool calls Claude made (each one a card the user decides on), the append-only goal
 * history and monthly token usage. No existing store changes.
 */
import type { Dexie } from 'dexie';
import { V2_STORES } from './v2';

export const V3_STORES = {
	...V2_STORES,
	conversations: 'id, updatedAt',
	messages: 'id, conversationId, [conversationId+seq], at',
	toolCalls: 'id, conversationId, messageId, state, trialId, createdAt',
	goals: 'seq, at',
	usage: 'month'
} as const;

export function applyV3(db: Dexie): void {
	db.version(3).stores(V3_STORES);
}
