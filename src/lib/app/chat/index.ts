/**
 * The chat service the Chat page uses: conversations, turns, decisions on tool cards, memory search, export and
 * clearing. Everything that talks to Claude goes through turns.ts.
 */
import { liveQuery } from 'dexie';
import { searchMessages, type MemoryMessage } from '../../ai/memory';
import type { ChatMessage, ToolCallRecord } from '../../db/chat-records';
import { appendAudit } from '../../db/audit-log';
import { errorMessage } from '../../domain/errors';
import { redactDeep } from '../../security/redact';
import { db } from '../db';
import { logger } from '../../security/logger';
import { getVault } from '../vault';
import { ChatError } from './errors';
import { knownSecrets } from './outgoing';
import { chatLive } from './live.svelte';
import { recoverInterruptedApprovals } from './decide';
import { decide, stopWaiting, type Decision } from './tool-calls';
import { continueIfAnswered, reportFinishedTrials, resumeStalledLoops } from './turns';
import { evaluateRunningLoops } from './loop';

/** How often a tab judges running loops when nothing else happens (the wall-time budget). */
export const LOOP_CHECK_EVERY_MS = 5_000;

export {
	newConversation,
	sendUserMessage,
	stopReply,
	retryTurn,
	ChatError,
	pendingCalls,
	startLoopTurn,
	stopLoopByUser
} from './turns';
export { LOOP_APPROVES } from './loop';
export { enterLockdown, leaveLockdown, getLockdown } from './lockdown';
export { chatReadiness, knownSecrets, removedNotice, SECRET_IN_MESSAGE, type Readiness } from './outgoing';
export { budgetLeft, monthOf } from './usage';
export { chatLive, liveErrorText, type LiveError } from './live.svelte';
export {
	watchConversations,
	watchCurrentGoal,
	watchLatestLoop,
	watchLockdown,
	watchMessages,
	watchRecentTrials,
	watchToolCalls,
	watchUsage
} from './views';

/** Records the user's decision; the caller opens the trial form for 'edit'. */
export async function decideCall(id: string, decision: Decision): Promise<ToolCallRecord> {
	const call = await decide(id, decision);
	try {
		await continueIfAnswered(call.conversationId, call.messageId);
	} catch (e) {
		chatLive.fail(call.conversationId, errorMessage(e));
	}
	return call;
}

/** Continue the conversation while a proposed trial runs; its results follow as a report. */
export async function continueWithoutWaiting(id: string): Promise<void> {
	const call = await stopWaiting(id);
	if (call) await continueIfAnswered(call.conversationId, call.messageId);
}

/** Watches trials proposed in chat and reports them when they finish (any tab may; only one sends). */
export function watchChatTrials(): () => void {
	// An approval cut off by a reload would keep its conversation waiting: fail it and tell Claude.
	void recoverInterruptedApprovals()
		.then((calls) =>
			Promise.all(calls.map((c) => continueIfAnswered(c.conversationId, c.messageId).catch(() => undefined)))
		)
		.catch((e: unknown) => logger.warn('recovering interrupted approvals failed', e));
	const sub = liveQuery(() =>
		db.toolCalls
			.where('state')
			.equals('running')
			.toArray()
			.then(async (calls) => {
				const ids = calls.map((c) => c.trialId).filter((t): t is string => t !== null);
				const studyIds = calls.map((c) => c.studyId).filter((s): s is string => typeof s === 'string');
				const [trials, studies] = await Promise.all([db.trials.bulkGet(ids), db.studies.bulkGet(studyIds)]);
				return (
					trials.filter((t) => t && ['completed', 'failed', 'cancelled'].includes(t.status)).length +
					studies.filter((s) => s && s.status !== 'running').length
				);
			})
	).subscribe({
		next: (finished) => {
			if (finished > 0) void reportFinishedTrials();
		}
	});
	const loopTick = setInterval(() => {
		void evaluateRunningLoops()
			.then(() => resumeStalledLoops())
			.catch((e: unknown) => logger.warn('judging running loops failed', e));
	}, LOOP_CHECK_EVERY_MS);
	return () => {
		sub.unsubscribe();
		clearInterval(loopTick);
	};
}

function asMemory(m: ChatMessage): MemoryMessage {
	return { id: m.id, role: m.role, text: m.text, at: m.at, importance: m.importance, topics: m.topics };
}

export async function searchConversation(conversationId: string, q: { text?: string; topic?: string }) {
	const all = await db.messages.where('conversationId').equals(conversationId).toArray();
	return searchMessages(all.filter((m) => m.kind === 'chat').map(asMemory), { ...q, limit: 50 });
}

/**
 * The values an export must mask. While the keys are locked their values are unknown, and masking by shape alone
 * could miss one: the export waits until they are unlocked.
 */
async function exportSecrets(): Promise<string[]> {
	const vault = await getVault();
	if (vault.state === 'locked' && vault.names().length > 0)
		throw new ChatError(
			'locked',
			'Unlock your keys in Settings first: the export masks every key the vault holds, and cannot see them while they are locked.'
		);
	return knownSecrets();
}

export async function exportConversation(conversationId: string): Promise<string> {
	const [conversation, messages, toolCalls] = await Promise.all([
		db.conversations.get(conversationId),
		db.messages
			.where('[conversationId+seq]')
			.between([conversationId, 0], [conversationId, Infinity])
			.toArray(),
		db.toolCalls.where('conversationId').equals(conversationId).toArray()
	]);
	const known = await exportSecrets();
	// Every string of every record: a key may have been pasted before pasting was refused, or echoed by an API.
	const masked = redactDeep({ format: 'mltrainer-conversation@1', conversation, messages, toolCalls }, known);
	return JSON.stringify(masked, null, 2);
}

export async function clearConversation(conversationId: string): Promise<void> {
	await db.transaction('rw', db.conversations, db.messages, db.toolCalls, db.audit, async () => {
		const count = await db.messages.where('conversationId').equals(conversationId).count();
		await db.messages.where('conversationId').equals(conversationId).delete();
		await db.toolCalls.where('conversationId').equals(conversationId).delete();
		await db.conversations.delete(conversationId);
		await appendAudit(db, {
			type: 'settings.changed',
			subject: conversationId,
			summary: `Conversation cleared (${count} messages)`,
			detail: { conversationId, messages: count }
		});
	});
}
