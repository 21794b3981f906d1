import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TurnResult } from '../../ai/client';
import type { ToolCallRecord } from '../../db/chat-records';
import { db } from '../db';
import { getVault } from '../vault';

/** What "Claude" does on the next request: fail as an overloaded API, or answer with text. */
const next = vi.hoisted(() => ({ fail: false, calls: 0 }));

vi.mock('../../ai/client', async (original) => {
	const real = await original<typeof import('../../ai/client')>();
	return {
		...real,
		createChatClient: () => ({
			model: 'claude-sonnet-5-5',
			streamTurn: async (): Promise<TurnResult> => {
				next.calls++;
				if (next.fail)
					throw new real.AiError('overloaded', "Anthropic's API is overloaded right now; try again in 3 s.", {
						retryAfterMs: 3_000
					});
				return {
					id: `msg_${next.calls}`,
					model: 'claude-sonnet-5-5',
					content: [{ type: 'text', text: 'Noted.' }],
					stopReason: 'end_turn',
					usage: { inputTokens: 10, outputTokens: 2, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
					droppedToolUses: []
				};
			}
		})
	};
});

const { continueIfAnswered, retryTurn, resumeStalledLoops, LOOP_STALL_MS } = await import('./turns');
const { chatLive } = await import('./live.svelte');

function runningCall(): ToolCallRecord {
	return {
		id: 'tu1',
		conversationId: 'c',
		messageId: 'm-tool',
		name: 'propose_trial',
		input: {},
		normalised: {},
		verdict: { allowed: true, code: 'ok', reason: '' },
		state: 'running',
		trialId: 'trial-1',
		result: 'Approved; trial trial-1 is still running.',
		resultIsError: false,
		resultSent: false,
		createdAt: 1,
		decidedAt: 2
	};
}

beforeEach(async () => {
	await Promise.all([db.messages.clear(), db.toolCalls.clear(), db.conversations.clear(), db.loops.clear()]);
	await (await getVault()).set('anthropic', 'sk-ant-api03-test-key-for-the-turns-spec');
	await db.conversations.put({
		id: 'c',
		title: 't',
		createdAt: 1,
		updatedAt: 1,
		inputTokens: 0,
		outputTokens: 0
	});
	const base = { conversationId: 'c', status: 'complete' as const, error: null, importance: 0.5, topics: [] };
	await db.messages.bulkPut([
		{
			...base,
			id: 'm-user',
			seq: 1,
			role: 'user',
			kind: 'chat',
			content: [{ type: 'text', text: 'Go' }],
			text: 'Go',
			usage: null,
			at: 1
		},
		{
			...base,
			id: 'm-tool',
			seq: 2,
			role: 'assistant',
			kind: 'chat',
			content: [{ type: 'tool_use', id: 'tu1', name: 'propose_trial', input: {} }],
			text: '',
			usage: null,
			at: 2
		}
	]);
	await db.toolCalls.put(runningCall());
	next.calls = 0;
});

describe('results sent to Claude', () => {
	it('stay unsent when the request carrying them fails, and count as sent once a retry succeeds', async () => {
		next.fail = true;
		await continueIfAnswered('c', 'm-tool');
		expect(next.calls).toBe(1);
		expect((await db.toolCalls.get('tu1'))?.resultSent).toBe(false);
		const stored = await db.messages.where('conversationId').equals('c').sortBy('seq');
		expect(stored.map((m) => `${m.kind}:${m.status}`)).toEqual([
			'chat:complete',
			'chat:complete',
			'tool_results:complete',
			'chat:failed'
		]);
		expect(chatLive.errors.c?.retryAt).toBeGreaterThan(Date.now());

		next.fail = false;
		await retryTurn('c');
		expect((await db.toolCalls.get('tu1'))?.resultSent).toBe(true);
		const after = await db.messages.where('conversationId').equals('c').sortBy('seq');
		// The failed reply is gone once the retry has answered in its place.
		expect(after.map((m) => `${m.kind}:${m.status}`)).toEqual([
			'chat:complete',
			'chat:complete',
			'tool_results:complete',
			'chat:complete'
		]);
	});

	it('are queued once: a second call (another tab) does not store them again', async () => {
		next.fail = true;
		await Promise.all([continueIfAnswered('c', 'm-tool'), continueIfAnswered('c', 'm-tool')]);
		const results = await db.messages.filter((m) => m.kind === 'tool_results').count();
		expect(results).toBe(1);
	});
});

describe('a running loop whose turn was cut off', () => {
	async function loopWithUnansweredTurn(at: number) {
		next.fail = false;
		await db.toolCalls.clear();
		await db.messages.put({
			id: 'm-loop',
			conversationId: 'c',
			seq: 3,
			role: 'user',
			kind: 'loop',
			content: [{ type: 'text', text: '[Autonomous loop started by the user] Propose the first step.' }],
			text: '[Autonomous loop started by the user] Propose the first step.',
			status: 'complete',
			error: null,
			usage: null,
			importance: 0.5,
			topics: [],
			at
		});
		await db.loops.put({
			id: 'loop-1',
			conversationId: 'c',
			spec: {
				goal: 'Find a Sharpe ratio above 1',
				objective: { metric: 'sharpe', direction: 'maximize' },
				budgets: { trials: 3, tokens: 10_000, computeMinutes: 10, wallMinutes: 10 },
				plateau: 3
			},
			status: 'running',
			createdAt: at,
			tokensAtStart: 0,
			idleReplies: 0,
			stopCode: null,
			stopReason: null,
			stoppedAt: null
		});
	}

	it('is sent again once it has waited long enough, and not before', async () => {
		const at = Date.now();
		await loopWithUnansweredTurn(at);
		expect(await resumeStalledLoops(at + LOOP_STALL_MS - 1)).toBe(0);
		expect(next.calls).toBe(0);
		expect(await resumeStalledLoops(at + LOOP_STALL_MS)).toBe(1);
		// "Claude" answers without a proposal twice: the loop nudges once, then stops on the idle rule.
		expect(next.calls).toBe(2);
		const stored = await db.messages.where('conversationId').equals('c').sortBy('seq');
		expect(stored.slice(2).map((m) => `${m.role}:${m.kind}`)).toEqual([
			'user:loop',
			'assistant:chat',
			'user:loop',
			'assistant:chat'
		]);
		expect(await db.loops.get('loop-1')).toMatchObject({ status: 'stopped', stopCode: 'idle' });
	});

	it('waits while a trial of the loop runs, and for a stopped loop does nothing', async () => {
		const at = Date.now();
		await loopWithUnansweredTurn(at);
		await db.toolCalls.put({ ...runningCall(), result: null });
		expect(await resumeStalledLoops(at + LOOP_STALL_MS)).toBe(0);
		await db.toolCalls.clear();
		await db.loops.update('loop-1', { status: 'stopped' });
		expect(await resumeStalledLoops(at + LOOP_STALL_MS)).toBe(0);
		expect(next.calls).toBe(0);
	});

	it('counts a reply without a proposal whose nudge was lost as idle, and nudges', async () => {
		const at = Date.now();
		await loopWithUnansweredTurn(at);
		await db.messages.put({
			id: 'm-idle',
			conversationId: 'c',
			seq: 4,
			role: 'assistant',
			kind: 'chat',
			content: [{ type: 'text', text: 'I will think about it.' }],
			text: 'I will think about it.',
			status: 'complete',
			error: null,
			usage: null,
			importance: 0.5,
			topics: [],
			at
		});
		expect(await resumeStalledLoops(at + LOOP_STALL_MS)).toBe(1);
		// The lost reply counted once; the nudge's answer ("Noted.", again no proposal) is the second: stopped.
		expect(next.calls).toBe(1);
		const stored = await db.messages.where('conversationId').equals('c').sortBy('seq');
		expect(stored.slice(3).map((m) => `${m.role}:${m.kind}`)).toEqual([
			'assistant:chat',
			'user:loop',
			'assistant:chat'
		]);
		expect(await db.loops.get('loop-1')).toMatchObject({ status: 'stopped', stopCode: 'idle' });
	});
});
