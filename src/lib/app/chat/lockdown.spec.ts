import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ToolCallRecord } from '../../db/chat-records';
import { db } from '../db';
import { checkRefusals, enterLockdown, getLockdown, leaveLockdown, LOCKDOWN_REFUSALS } from './lockdown';

function call(i: number, state: ToolCallRecord['state'], at: number): ToolCallRecord {
	return {
		id: `call-${i}`,
		conversationId: 'c',
		messageId: 'm',
		name: 'propose_trial',
		input: {},
		normalised: null,
		verdict: { allowed: false, code: 'unknown_model', reason: 'x' },
		state,
		trialId: null,
		result: 'refused',
		resultIsError: true,
		resultSent: false,
		createdAt: at,
		decidedAt: null
	};
}

beforeEach(async () => {
	await db.toolCalls.clear();
	await db.settings.clear();
	await db.audit.clear();
});

describe('lockdown', () => {
	it(`switches on by itself after ${LOCKDOWN_REFUSALS} refused tool calls within an hour, and says why`, async () => {
		const now = 10 * 3_600_000;
		for (let i = 0; i < LOCKDOWN_REFUSALS - 1; i++)
			await db.toolCalls.put(call(i, i % 2 ? 'refused' : 'invalid', now - i));
		expect(await checkRefusals(now)).toBe(false);
		await db.toolCalls.put(call(99, 'refused', now));
		expect(await checkRefusals(now)).toBe(true);
		const state = await getLockdown();
		expect(state.on).toBe(true);
		expect(state.reason).toMatch(/5 tool calls were refused within an hour/);
		const events = await db.audit.where('type').equals('ai.lockdown').toArray();
		expect(events.map((e) => e.detail)).toEqual([expect.objectContaining({ on: true, automatic: true })]);
	});

	it('does not count refusals older than an hour, nor calls that were answered or approved', async () => {
		const now = 20 * 3_600_000;
		for (let i = 0; i < 10; i++) await db.toolCalls.put(call(i, 'refused', now - 2 * 3_600_000));
		for (let i = 10; i < 20; i++) await db.toolCalls.put(call(i, 'answered', now));
		expect(await checkRefusals(now)).toBe(false);
		expect((await getLockdown()).on).toBe(false);
	});

	it('is entered and left by hand, each audited once', async () => {
		await enterLockdown('switched on by the user', false, 1);
		await enterLockdown('again', false, 2);
		await leaveLockdown(3);
		await leaveLockdown(4);
		const events = await db.audit.where('type').equals('ai.lockdown').toArray();
		expect(events.map((e) => (e.detail as { on: boolean }).on)).toEqual([true, false]);
	});
});
