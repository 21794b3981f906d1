/**
 * What the chat page reads, as live queries parsed at the boundary: conversations, the current goal, lockdown,
 * this month's usage, a conversation's messages and tool calls, and the recent trials its cards refer to.
 */
import { liveQuery, type Observable } from 'dexie';
import {
	chatMessageSchema,
	conversationSchema,
	goalRecordSchema,
	toolCallSchema,
	usageRecordSchema,
	type ChatMessage,
	type Conversation,
	type GoalRecord,
	type ToolCallRecord,
	type UsageRecord
} from '../../db/chat-records';
import { trialRecordSchema, type TrialRecord } from '../../db/records';
import { loopRecordSchema, type LoopRecord } from '../../db/loop-records';
import { db } from '../db';

/** The record shapes the chat page and its components display. */
export type { ChatMessage, Conversation, ToolCallRecord } from '../../db/chat-records';

export interface Lockdown {
	readonly on: boolean;
	readonly reason: string;
}

export function watchConversations(): Observable<Conversation[]> {
	return liveQuery(async () =>
		(await db.conversations.orderBy('updatedAt').reverse().toArray()).map((c) => conversationSchema.parse(c))
	);
}

/** The goal in force, or null when none is set or the last change cleared it. */
export function watchCurrentGoal(): Observable<GoalRecord | null> {
	return liveQuery(async () => {
		const last = await db.goals.orderBy('seq').last();
		const goal = last && goalRecordSchema.parse(last);
		return goal && goal.action !== 'clear' ? goal : null;
	});
}

export function watchLockdown(): Observable<Lockdown> {
	return liveQuery(async () => {
		const row = await db.settings.get('lockdown');
		const value = row?.value as Partial<Lockdown> | undefined;
		return { on: value?.on === true, reason: typeof value?.reason === 'string' ? value.reason : '' };
	});
}

export function watchUsage(month: string): Observable<UsageRecord | undefined> {
	return liveQuery(async () => {
		const row = await db.usage.get(month);
		return row && usageRecordSchema.parse(row);
	});
}

export function watchMessages(conversationId: string | null): Observable<ChatMessage[]> {
	return liveQuery(async () =>
		conversationId
			? (
					await db.messages
						.where('[conversationId+seq]')
						.between([conversationId, 0], [conversationId, Infinity])
						.toArray()
				).map((m) => chatMessageSchema.parse(m))
			: []
	);
}

export function watchToolCalls(conversationId: string | null): Observable<ToolCallRecord[]> {
	return liveQuery(async () =>
		conversationId
			? (await db.toolCalls.where('conversationId').equals(conversationId).toArray()).map((c) =>
					toolCallSchema.parse(c)
				)
			: []
	);
}

export function watchRecentTrials(limit: number): Observable<TrialRecord[]> {
	return liveQuery(async () =>
		(await db.trials.orderBy('createdAt').reverse().limit(limit).toArray()).map((t) =>
			trialRecordSchema.parse(t)
		)
	);
}

/** The conversation's latest autonomous loop (running or stopped), or null. */
export function watchLatestLoop(conversationId: string | null): Observable<LoopRecord | null> {
	return liveQuery(async () => {
		if (!conversationId) return null;
		const rows = await db.loops.where('conversationId').equals(conversationId).sortBy('createdAt');
		const last = rows.at(-1);
		return last ? loopRecordSchema.parse(last) : null;
	});
}
