/**
 * A turn with Claude: the user's message (or the answers to its tool calls) goes out with the system prompt
 * and the tools; the reply streams back; its tool calls are assessed; when every call has its answer, the answers
 * go back and Claude continues. Streaming text lives in memory (chatLive); what is complete is in IndexedDB.
 */
import { createChatClient, AiError } from '../../ai/client';
import { DEFAULT_MODEL } from '../../ai/models';
import { toolDefinitions } from '../../ai/tools/definitions';
import type { ChatMessage, ContentBlock } from '../../db/chat-records';
import { errorMessage } from '../../domain/errors';
import { ChatError } from './errors';
import { chatLive } from './live.svelte';
import { prepareOutgoing, type Outgoing } from './outgoing';
import { addAppNote, addMessage, newConversation, nextSeq, pendingCalls } from './store';
import { db } from '../db';
import { loadSettings } from '../settings';
import { getVault } from '../vault';
import { recall, systemPrompt, toolContext } from './context';
import { getLockdown, checkRefusals } from './lockdown';
import { textOf, toApiMessages, windowed } from './messages';
import { assessToolCall, settleRunningTrials } from './tool-calls';
import {
	approveForLoop,
	createLoop,
	evaluateLoop,
	latestLoop,
	loopBlock,
	loopKickoffText,
	loopNudgeText,
	stopLoop,
	withLoop
} from './loop';
import { loopRecordSchema } from '../../db/loop-records';
import { addUsage, budgetLeft } from './usage';

/** Automatic turns in a row (read-only tool rounds) before the app stops and waits for the user. */
export const MAX_AUTO_TURNS = 6;

const controllers = new Map<string, AbortController>();

export { ChatError, newConversation, pendingCalls };

/**
 * Sends what the user typed (checked by outgoing.ts first: hidden characters removed, keys and policy breaches
 * refused). Returns what was removed, so the page can say so.
 */
export async function sendUserMessage(conversationId: string, typed: string): Promise<Outgoing> {
	if (!typed.trim()) throw new ChatError('empty', 'Type a message first.');
	await assertReady(conversationId);
	const outgoing = await prepareOutgoing(conversationId, typed);
	const trimmed = outgoing.text;
	await preflight();
	const conv = await db.conversations.get(conversationId);
	if (conv && conv.title === 'New conversation')
		await db.conversations.update(conversationId, { title: trimmed.slice(0, 60) });
	await addMessage({
		conversationId,
		role: 'user',
		kind: 'chat',
		content: [{ type: 'text', text: trimmed }],
		text: trimmed,
		status: 'complete',
		error: null,
		usage: null,
		at: Date.now()
	});
	await runTurn(conversationId, 0);
	return outgoing;
}

export function stopReply(conversationId: string): void {
	controllers.get(conversationId)?.abort();
}

/**
 * Runs the turn again: after a failure ("Retry"), or to send what Claude has not yet received — results queued
 * while the keys were locked or after the automatic turns ran out ("Send results"). The history already holds
 * them, so this is one more turn. When it succeeds the failed replies before it are removed: they were never
 * sent, and the new reply takes their place.
 */
export async function retryTurn(conversationId: string): Promise<void> {
	if (controllers.has(conversationId)) throw new ChatError('busy', 'mlTrainer is still replying.');
	chatLive.clearError(conversationId);
	const before = await nextSeq(conversationId);
	if (!(await runTurn(conversationId, 0))) return;
	await db.messages
		.where('[conversationId+seq]')
		.between([conversationId, 0], [conversationId, before])
		.filter((m) => m.status === 'failed')
		.delete();
}

/** What a call needs before it is made: a key, unlocked, and budget left. Checked before a message is stored. */
async function preflight() {
	const settings = await loadSettings(db);
	const vault = await getVault();
	if (vault.state === 'locked' && vault.names().includes('anthropic'))
		throw new ChatError('locked', 'Your keys are locked: unlock them in Settings to talk to mlTrainer.');
	const apiKey = vault.get('anthropic');
	if (!apiKey) throw new ChatError('no_key', 'Add your Anthropic API key in Settings to talk to mlTrainer.');
	const left = await budgetLeft(settings.monthlyTokenBudget);
	if (left <= 0)
		throw new ChatError(
			'budget_exhausted',
			`This month's token budget (${settings.monthlyTokenBudget.toLocaleString('en-US')} tokens) is spent; raise it in Settings to continue.`
		);
	return { settings, apiKey };
}

/** One request and what follows from its reply; true when Claude answered (false: the failure is stored). */
async function runTurn(conversationId: string, depth: number): Promise<boolean> {
	const { settings, apiKey } = await preflight();

	const all = await db.messages
		.where('[conversationId+seq]')
		.between([conversationId, 0], [conversationId, Infinity])
		.toArray();
	const { recent, older } = windowed(all, settings.memoryWindow);
	const lastUser = [...recent].reverse().find((m) => m.role === 'user' && m.kind === 'chat')?.text ?? '';
	const ctx = await toolContext();
	const lockdown = await getLockdown();
	const system = withLoop(
		await systemPrompt(ctx, lockdown.on, recall(older, lastUser)),
		await loopBlock(conversationId, all)
	);
	const client = createChatClient({
		apiKey,
		baseURL: settings.anthropicOrigin,
		model: settings.model || DEFAULT_MODEL,
		maxTokens: settings.maxTokens,
		temperature: settings.temperature
	});

	const controller = new AbortController();
	controllers.set(conversationId, controller);
	chatLive.start(conversationId);
	const startedAt = Date.now();
	let reply;
	try {
		reply = await client.streamTurn({
			system,
			messages: toApiMessages(recent) as never,
			tools: toolDefinitions() as never,
			signal: controller.signal,
			onText: (delta: string) => chatLive.append(conversationId, delta)
		});
	} catch (e) {
		const partial = e instanceof AiError ? (e.partialText ?? '') : chatLive.text(conversationId);
		const stopped = e instanceof AiError && e.code === 'aborted';
		await addMessage({
			conversationId,
			role: 'assistant',
			kind: 'chat',
			content: partial ? [{ type: 'text', text: partial }] : [],
			text: partial,
			status: stopped ? 'stopped' : 'failed',
			error: stopped ? null : errorMessage(e),
			usage: null,
			at: startedAt,
			meta: { toolError: !stopped }
		});
		if (!stopped)
			chatLive.fail(conversationId, errorMessage(e), e instanceof AiError ? e.retryAfterMs : undefined);
		return false;
	} finally {
		controllers.delete(conversationId);
		chatLive.end(conversationId);
	}

	await addUsage(conversationId, reply.usage.inputTokens, reply.usage.outputTokens);
	await markDelivered(recent);
	const content = reply.content as ContentBlock[];
	const message = await addMessage({
		conversationId,
		role: 'assistant',
		kind: 'chat',
		content,
		text: textOf(content),
		status: 'complete',
		error: null,
		usage: reply.usage,
		at: startedAt
	});
	let refused = false;
	for (const block of content) {
		if (block.type !== 'tool_use') continue;
		const call = await assessToolCall(block, conversationId, message.id, ctx);
		if (call.state === 'refused' || call.state === 'invalid') refused = true;
	}
	if (refused) await checkRefusals();
	const toolUse = content.some((b) => b.type === 'tool_use');
	const outcome = await approveForLoop(conversationId, message.id, toolUse);
	if (outcome === 'idle' && depth + 1 < MAX_AUTO_TURNS) {
		const loop = await latestLoop(conversationId);
		if (loop) {
			await addAppNote(conversationId, 'loop', loopNudgeText(loop));
			return runTurn(conversationId, depth + 1);
		}
	}
	await continueIfAnswered(conversationId, message.id, depth);
	return true;
}

/**
 * Starts an autonomous loop in the conversation (checked like a message first: a key, unlocked, budget left)
 * and sends its first turn.
 */
export async function startLoopTurn(conversationId: string, settings: unknown): Promise<string> {
	await assertReady(conversationId);
	await preflight();
	const loop = await createLoop(conversationId, settings);
	await addAppNote(conversationId, 'loop', loopKickoffText(loop));
	void runTurn(conversationId, 0).catch((e: unknown) => chatLive.fail(conversationId, errorMessage(e)));
	return loop.id;
}

/** Nothing may be sent while a reply streams or a proposal waits for its decision or its trial. */
async function assertReady(conversationId: string): Promise<void> {
	if (controllers.has(conversationId)) throw new ChatError('busy', 'mlTrainer is still replying.');
	if (
		(await pendingCalls(conversationId)).some(
			(c) => c.state === 'proposed' || (c.state === 'running' && c.result === null)
		)
	)
		throw new ChatError(
			'awaiting_decision',
			'Approve or reject the proposal above first (or wait for its trial to finish).'
		);
}

/** The user's Stop: no further approval; the reply in flight is stopped; running trials finish and report. */
export async function stopLoopByUser(loopId: string): Promise<void> {
	const row = await db.loops.get(loopId);
	if (!row) return;
	const loop = loopRecordSchema.parse(row);
	await stopLoop(loop.id, 'user', 'stopped by the user');
	stopReply(loop.conversationId);
}

/**
 * When every tool call of an assistant message has its answer, the answers go back in one user turn and Claude
 * continues. The turn is queued once: the check and the stored tool_results message are one transaction, so two
 * tabs cannot both queue it. The calls count as sent only when a request carrying them succeeds (runTurn marks
 * them), so a reload, locked keys or a failed request leave them unsent and the page offers "Send results".
 */
export async function continueIfAnswered(
	conversationId: string,
	messageId: string,
	depth = 0
): Promise<void> {
	const queued = await db.transaction('rw', db.toolCalls, db.messages, db.conversations, async () => {
		const calls = await db.toolCalls.where('messageId').equals(messageId).toArray();
		if (calls.length === 0) return false;
		if (calls.some((c) => c.result === null || c.resultSent)) return false;
		const ids = new Set(calls.map((c) => c.id));
		const already = await db.messages
			.where('conversationId')
			.equals(conversationId)
			.filter(
				(m) =>
					m.kind === 'tool_results' &&
					m.content.some((b) => b.type === 'tool_result' && ids.has(b.tool_use_id))
			)
			.count();
		if (already > 0) return false;
		const msg = await db.messages.get(messageId);
		// Keep the order of Claude's tool_use blocks.
		const order = (msg?.content ?? []).flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
		const sorted = [...calls].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
		await addMessage({
			conversationId,
			role: 'user',
			kind: 'tool_results',
			content: sorted.map((c): ContentBlock => ({
				type: 'tool_result',
				tool_use_id: c.id,
				content: c.result ?? '',
				is_error: c.resultIsError
			})),
			text: '',
			status: 'complete',
			error: null,
			usage: null,
			at: Date.now()
		});
		return true;
	});
	if (!queued) return;
	if (depth + 1 >= MAX_AUTO_TURNS) return;
	try {
		await runTurn(conversationId, depth + 1);
	} catch (e) {
		chatLive.fail(conversationId, errorMessage(e));
	}
}

/** Every tool result in a request that Claude answered is delivered: its call is marked sent. */
async function markDelivered(sent: readonly ChatMessage[]): Promise<void> {
	const ids = sent.flatMap((m) =>
		m.content.flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : []))
	);
	if (ids.length === 0) return;
	await db.transaction('rw', db.toolCalls, async () => {
		for (const call of await db.toolCalls.bulkGet(ids))
			if (call && !call.resultSent) await db.toolCalls.update(call.id, { resultSent: true });
	});
}

/** Trials proposed in chat that finished: their real results go back to Claude. Safe to call any time. */
export async function reportFinishedTrials(): Promise<void> {
	const settled = await settleRunningTrials(toolContext);
	const settings = await loadSettings(db);
	// A loop is judged on each of its results before Claude hears of it, so the next turn knows if it stopped.
	for (const id of new Set(settled.flatMap((c) => (c.loopId ? [c.loopId] : [])))) {
		const row = await db.loops.get(id);
		if (row?.status === 'running') await evaluateLoop(loopRecordSchema.parse(row));
	}
	for (const call of settled) {
		try {
			if (!call.report) {
				await continueIfAnswered(call.conversationId, call.messageId);
			} else if (settings.reportResults && !controllers.has(call.conversationId)) {
				const what = call.studyId ? `Study ${call.studyId}` : `Trial ${call.trialId}`;
				const text = `[Report from the app, not typed by the user] ${what} finished. Its results, as computed by the engine:\n${call.report}`;
				await addAppNote(call.conversationId, 'report', text);
				await runTurn(call.conversationId, 0);
			}
		} catch (e) {
			chatLive.fail(call.conversationId, errorMessage(e));
		}
	}
}

/** How long a running loop's unanswered turn waits before this tab sends it again (a reload cut it off). */
export const LOOP_STALL_MS = 15_000;

/** Runs `task` only if no other tab holds the lock (Web Locks); where there are none, simply runs it. */
async function alone(name: string, task: () => Promise<void>): Promise<void> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	if (!locks) return task();
	await locks.request(name, { ifAvailable: true }, async (lock) => {
		if (lock) await task();
	});
}

/**
 * A running loop whose last turn was never answered — the tab reloaded or closed while Claude replied, or the
 * request failed — is sent again, so the loop goes on without the user; a reply without a proposal whose nudge was
 * lost counts as idle and is nudged (or stops the loop) as it would have been. It waits while a proposal awaits the user
 * or a trial runs, and one tab at a time does it.
 */
export async function resumeStalledLoops(now = Date.now()): Promise<number> {
	let resumed = 0;
	for (const loop of await db.loops.where('status').equals('running').toArray()) {
		const id = loop.conversationId;
		if (controllers.has(id)) continue;
		const last = await db.messages.where('[conversationId+seq]').between([id, 0], [id, Infinity]).last();
		if (!last || now - last.at < LOOP_STALL_MS) continue;
		// A complete reply with no proposal whose nudge never followed (the tab went away in between).
		const idle =
			last.role === 'assistant' &&
			last.status === 'complete' &&
			!last.content.some((b) => b.type === 'tool_use');
		if (last.role !== 'user' && last.status !== 'failed' && !idle) continue;
		const waiting = (await pendingCalls(id)).some(
			(c) => c.state === 'proposed' || (c.state === 'running' && c.result === null)
		);
		if (waiting) continue;
		await alone(`mltrainer-loop-${loop.id}`, async () => {
			resumed++;
			if (!idle) return retryTurn(id);
			if ((await approveForLoop(id, last.id, false)) !== 'idle') return;
			const current = await latestLoop(id);
			if (current) await addAppNote(id, 'loop', loopNudgeText(current));
			await runTurn(id, 1);
		});
	}
	return resumed;
}
