import 'fake-indexeddb/auto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToolCallRecord } from '../../db/chat-records';
import { sp500Dataset } from '../../testing/sp500';
import { db } from '../db';
import { ACT_DEADLINE_MS, decide, recoverInterruptedApprovals, type Actor } from './decide';

const spec = {
	name: 'unit ridge',
	datasetId: 'spx',
	target: { kind: 'forward_return', horizon: 5 },
	features: { set: 'daily_v1' },
	model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } },
	validation: { mode: 'rolling', trainLength: 2000, testLength: 1000, step: 1000, embargo: 5 },
	strategy: { mode: 'long_short', costBps: 5 },
	seed: 1
};

function proposed(id: string, input: unknown = { spec }): ToolCallRecord {
	return {
		id,
		conversationId: 'c',
		messageId: 'm',
		name: 'propose_trial',
		input,
		normalised: input,
		verdict: { allowed: true, code: 'ok', reason: '' },
		state: 'proposed',
		trialId: null,
		result: null,
		resultIsError: false,
		resultSent: false,
		createdAt: 1,
		decidedAt: null
	};
}

/** Stands in for the engine: counts the trials it would create, and yields so racing decisions interleave. */
function countingActor(): { actor: Actor; trials: () => number } {
	let n = 0;
	return {
		actor: async () => {
			await new Promise((r) => setTimeout(r, 5));
			n++;
			return { state: 'running', trialId: `trial-${n}`, result: null };
		},
		trials: () => n
	};
}

beforeAll(async () => {
	await db.datasets.put(sp500Dataset('spx'));
});

beforeEach(async () => {
	await db.toolCalls.clear();
	await db.settings.clear();
});

describe('deciding on a proposal', () => {
	it('a double click approves once and starts one trial', async () => {
		await db.toolCalls.put(proposed('p1'));
		const { actor, trials } = countingActor();
		const [a, b] = await Promise.all([decide('p1', 'approve', 1, actor), decide('p1', 'approve', 2, actor)]);
		expect(trials()).toBe(1);
		expect((await db.toolCalls.get('p1'))?.trialId).toBe('trial-1');
		expect([a.decidedAt, b.decidedAt]).toEqual([1, 1]);
	});

	it('Approve and Reject together yield exactly one outcome, in two connections (two tabs)', async () => {
		// A second copy of the modules opens its own connection to the same database, as another tab would.
		vi.resetModules();
		const other = await import('./decide');
		const otherDb = (await import('../db')).db;
		expect(otherDb).not.toBe(db);
		for (let round = 0; round < 10; round++) {
			const id = `p-race-${round}`;
			await db.toolCalls.put(proposed(id));
			const { actor, trials } = countingActor();
			const first = round % 2 === 0 ? 'approve' : 'reject';
			const second = first === 'approve' ? 'reject' : 'approve';
			await Promise.all([decide(id, first, 10, actor), other.decide(id, second, 20, actor)]);
			const final = await db.toolCalls.get(id);
			expect(['running', 'rejected'], `round ${round}`).toContain(final?.state);
			expect(trials(), `round ${round}`).toBe(final?.state === 'running' ? 1 : 0);
			const audits = (await db.audit.toArray()).filter((e) => e.subject === id);
			const decisions = audits.filter((e) => /^The user (approved|rejected)/.test(e.summary));
			expect(decisions, `round ${round}`).toHaveLength(1);
		}
		otherDb.close();
	});

	it('parses the stored input again at approval: an input that no longer parses is not acted on', async () => {
		const bad = { spec: { ...spec, name: 'Momentum\u200b' } };
		await db.toolCalls.put(proposed('p3', bad));
		const { actor, trials } = countingActor();
		const call = await decide('p3', 'approve', 1, actor);
		expect(call.state).toBe('invalid');
		expect(call.result).toMatch(/hidden_text/);
		expect(trials()).toBe(0);
	});

	it('asks the gateway again at approval: lockdown switched on after the proposal refuses it', async () => {
		await db.toolCalls.put(proposed('p4'));
		await db.settings.put({ key: 'lockdown', value: { on: true, since: 1, reason: 'test' } });
		const { actor, trials } = countingActor();
		const call = await decide('p4', 'approve', 1, actor);
		expect(call.state).toBe('refused');
		expect(call.result).toMatch(/lockdown/);
		expect(trials()).toBe(0);
	});
});

describe('an approval cut off by a reload', () => {
	it('fails after its deadline and says so, instead of keeping the chat waiting', async () => {
		await db.toolCalls.bulkPut([
			{ ...proposed('cut'), state: 'running', decidedAt: 1_000 },
			{ ...proposed('acting'), state: 'running', decidedAt: 1_000 + ACT_DEADLINE_MS.propose_trial },
			{ ...proposed('trial'), state: 'running', trialId: 'trial-9', decidedAt: 1_000 }
		]);
		const now = 1_000 + ACT_DEADLINE_MS.propose_trial + 1;
		const failed = await recoverInterruptedApprovals(now);
		expect(failed.map((c) => c.id)).toEqual(['cut']);
		const cut = await db.toolCalls.get('cut');
		expect(cut?.state).toBe('failed');
		expect(cut?.result).toMatch(/interrupted/);
		expect((await db.toolCalls.get('acting'))?.state).toBe('running');
		expect((await db.toolCalls.get('trial'))?.state).toBe('running');
	});
});
