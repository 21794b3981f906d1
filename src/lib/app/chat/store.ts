/**
 * The conversation's stored messages: new conversations, the next sequence number, a message with its memory
 * score and topics, and the calls still waiting for a decision or a result.
 */
import { extractTopics, scoreImportance } from '../../ai/memory';
import type { ChatMessage, ToolCallRecord } from '../../db/chat-records';
import { db } from '../db';

export function newId(prefix: string): string {
	const r = crypto.getRandomValues(new Uint32Array(2));
	return `${prefix}-${Date.now().toString(36)}-${r[0].toString(36)}${r[1].toString(36)}`;
}

export async function newConversation(title = 'New conversation'): Promise<string> {
	const id = newId('conv');
	const now = Date.now();
	await db.conversations.add({ id, title, createdAt: now, updatedAt: now, inputTokens: 0, outputTokens: 0 });
	return id;
}

export async function nextSeq(conversationId: string): Promise<number> {
	const last = await db.messages
		.where('[conversationId+seq]')
		.between([conversationId, 0], [conversationId, Infinity])
		.last();
	return (last?.seq ?? 0) + 1;
}

export async function addMessage(
	m: Omit<ChatMessage, 'id' | 'seq' | 'importance' | 'topics'> & { meta?: { toolError?: boolean } }
): Promise<ChatMessage> {
	const { meta, ...rest } = m;
	const record: ChatMessage = {
		...rest,
		id: newId('msg'),
		seq: await nextSeq(m.conversationId),
		importance: scoreImportance(m.text, m.role, {
			toolUse: m.content.some((b) => b.type === 'tool_use'),
			toolError: meta?.toolError ?? false
		}),
		topics: extractTopics(m.text)
	};
	await db.transaction('rw', db.messages, db.conversations, async () => {
		await db.messages.add(record);
		await db.conversations.update(m.conversationId, { updatedAt: record.at });
	});
	return record;
}

/** Calls waiting for the user, or for a trial, in this conversation. */
export async function pendingCalls(conversationId: string): Promise<ToolCallRecord[]> {
	return db.toolCalls
		.where('conversationId')
		.equals(conversationId)
		.filter((c) => c.state === 'proposed' || c.state === 'running' || (c.result !== null && !c.resultSent))
		.toArray();
}

/** A message the app writes in the user's turn (a trial report, a loop's note): text only, never typed. */
export function addAppNote(
	conversationId: string,
	kind: 'report' | 'loop',
	text: string
): Promise<ChatMessage> {
	return addMessage({
		conversationId,
		role: 'user',
		kind,
		content: [{ type: 'text', text }],
		text,
		status: 'complete',
		error: null,
		usage: null,
		at: Date.now()
	});
}
