import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToolCallRecord } from '../../db/chat-records';
import { createTrial, completeJob } from '../../engine/job-store';
import { objectiveValue } from '../../research/study/objective';
import { pinnedData, tinyFoldOutput, tinySpec } from '../../testing/fixtures';
import { validInputs } from '../../testing/tool-context';
import { db } from '../db';

/** Every acting proposal passes the gateway here; the loop's own rules are what is under test. */
vi.mock('./verdict', () => ({
	verdictFor: async () => ({ allowed: true, code: 'ok', reason: '' })
}));
const submitted = vi.hoisted(() => ({ n: 0 }));
vi.mock('../trials', () => ({
	submitTrial: async () => ({ ok: true, id: `trial-sub-${++submitted.n}` })
}));

const { approveForLoop, createLoop, evaluateLoop, loopPromptBlock, MAX_PROMPT_STEPS, stopLoop } =
	await import('./loop');
const { buildLineage } = await import('../../research/loop/lineage');
const { loopSnapshot } = await import('../loop-data');

const SETTINGS = {
	goal: 'Find a Sharpe ratio above 50 on the S&P 500',
	objective: { metric: 'sharpe' },
	budgets: { trials: 3, tokens: 10_000, computeMinutes: 60, wallMinutes: 60 },
	plateau: 2
};

let clock = 10_000;

/** A stored, completed three-fold trial whose positions follow the sign of realised × factor. */
async function completedTrial(id: string, factor: number): Promise<void> {
	await createTrial(db, {
		id,
		spec: tinySpec(),
		task: 'regression',
		appVersion: 'test',
		data: pinnedData(),
		foldBounds: [0, 1, 2].map((i) => ({ trainStartT: i, trainEndT: i, testStartT: i, testEndT: i })),
		now: clock
	});
	const realised = [0.01, -0.02, 0.015, 0.005, -0.01, 0.02];
	for (const job of await db.jobs.where('trialId').equals(id).toArray()) {
		const rows = [job.fold * 2, job.fold * 2 + 1];
		const r = Float64Array.from(rows.map((k) => realised[k]));
		await db.jobs.put({ ...job, status: 'running', attempts: 1, leaseUntil: clock + 60_000 });
		await completeJob(
			db,
			{ ...job, status: 'running', attempts: 1, leaseUntil: clock + 60_000 },
			tinyFoldOutput({
				t: Float64Array.from(rows.map((k) => 86_400_000 * (k + 1))),
				row: Float64Array.from(rows),
				predicted: r.map((v, i) => v * factor + (i + 1) * 1e-6),
				realised: r,
				nextReturn: r
			}),
			clock + 1_000
		);
	}
}

function call(id: string, loopId: string | null, extra: Partial<ToolCallRecord> = {}): ToolCallRecord {
	return {
		id,
		conversationId: 'c',
		messageId: 'm1',
		name: 'propose_trial',
		input: {},
		normalised: { rationale: `because ${id}` },
		verdict: { allowed: true, code: 'ok', reason: '' },
		state: 'done',
		trialId: null,
		result: 'ok',
		resultIsError: false,
		resultSent: true,
		createdAt: clock++,
		decidedAt: clock,
		...(loopId ? { loopId } : {}),
		...extra
	};
}

beforeEach(async () => {
	await Promise.all(
		[db.loops, db.toolCalls, db.trials, db.jobs, db.results, db.conversations, db.audit].map((t) => t.clear())
	);
	await db.conversations.put({
		id: 'c',
		title: 't',
		createdAt: 1,
		updatedAt: 1,
		inputTokens: 100,
		outputTokens: 20
	});
});

describe('starting and stopping a loop', () => {
	it('stores one running loop per conversation, counting tokens from its start, and audits it', async () => {
		const loop = await createLoop('c', SETTINGS, clock);
		expect(loop).toMatchObject({ status: 'running', tokensAtStart: 120, idleReplies: 0 });
		await expect(createLoop('c', SETTINGS, clock)).rejects.toMatchObject({ code: 'loop_running' });
		await expect(
			createLoop('c', { ...SETTINGS, budgets: { ...SETTINGS.budgets, trials: 0 } })
		).rejects.toMatchObject({
			code: 'invalid_loop',
			message: 'budgets.trials must be at least 1'
		});
		expect((await db.audit.toArray()).map((e) => e.type)).toEqual(['loop.started']);
	});

	it('stops once, with its reason audited', async () => {
		const loop = await createLoop('c', SETTINGS, clock);
		expect(await stopLoop(loop.id, 'user', 'stopped by the user', clock + 5)).toMatchObject({
			status: 'stopped',
			stopCode: 'user',
			stoppedAt: clock + 5
		});
		expect(await stopLoop(loop.id, 'user', 'again')).toBeNull();
		const events = await db.audit.toArray();
		expect(events.map((e) => [e.type, e.summary])).toContainEqual([
			'loop.stopped',
			'Autonomous loop stopped: stopped by the user'
		]);
	});
});

describe('the loop approves inside its budget', () => {
	it('approves trials it can afford, rejects the one past the budget, and leaves a goal change to the user', async () => {
		const loop = await createLoop('c', SETTINGS, clock);
		await db.toolCalls.bulkPut([
			call('a', null, {
				state: 'proposed',
				result: null,
				resultSent: false,
				input: validInputs().propose_trial
			}),
			call('s', null, {
				name: 'propose_study',
				state: 'proposed',
				result: null,
				resultSent: false,
				normalised: { base_trial_id: 'x', search: { alpha: 'full' }, trials: 5 }
			}),
			call('b', null, {
				state: 'proposed',
				result: null,
				resultSent: false,
				input: validInputs().propose_trial
			}),
			call('g', null, { name: 'propose_goal', state: 'proposed', result: null, resultSent: false })
		]);
		expect(await approveForLoop('c', 'm1', true, clock)).toBe('acted');
		const byId = new Map((await db.toolCalls.toArray()).map((c) => [c.id, c]));
		expect(byId.get('a')).toMatchObject({ state: 'running', loopId: loop.id, trialId: 'trial-sub-1' });
		expect(byId.get('s')).toMatchObject({
			state: 'rejected',
			loopId: loop.id,
			result: 'The autonomous loop did not approve this: it needs 5 trials and the loop has 2 of its 3 left.'
		});
		expect(byId.get('b')).toMatchObject({ state: 'running', loopId: loop.id, trialId: 'trial-sub-2' });
		expect(byId.get('g')).toMatchObject({ state: 'proposed' });
		expect(byId.get('g')?.loopId).toBeUndefined();
		const audit = (await db.audit.toArray()).map((e) => e.summary);
		expect(audit).toContain('The autonomous loop approved propose_trial');
		expect(audit).toContain('The autonomous loop rejected propose_study');
	});

	it('does nothing without a running loop', async () => {
		await db.toolCalls.put(call('a', null, { state: 'proposed', result: null }));
		expect(await approveForLoop('c', 'm1', true, clock)).toBe('none');
		expect((await db.toolCalls.get('a'))?.state).toBe('proposed');
	});

	it('stops after two replies in a row without a proposal', async () => {
		const loop = await createLoop('c', SETTINGS, clock);
		expect(await approveForLoop('c', 'm1', false, clock)).toBe('idle');
		expect(await approveForLoop('c', 'm1', false, clock)).toBe('stopped');
		expect(await db.loops.get(loop.id)).toMatchObject({
			status: 'stopped',
			stopCode: 'idle',
			stopReason: 'Claude replied 2 times in a row without proposing a step'
		});
	});

	it('approves nothing once the token budget is spent', async () => {
		const loop = await createLoop('c', SETTINGS, clock);
		await db.conversations.update('c', { inputTokens: 10_100 });
		await db.toolCalls.put(call('a', null, { state: 'proposed', result: null }));
		expect(await approveForLoop('c', 'm1', true, clock)).toBe('stopped');
		expect((await db.toolCalls.get('a'))?.state).toBe('proposed');
		expect(await db.loops.get(loop.id)).toMatchObject({ stopCode: 'budget_tokens' });
	});
});

describe('the loop is judged on stored numbers', () => {
	it('reports each step with the stored objective, its lineage and a DSR', async () => {
		const loop = await createLoop('c', SETTINGS, clock);
		await completedTrial('t1', 1);
		await completedTrial('t2', -1);
		await completedTrial('t3', 2);
		await db.toolCalls.bulkPut([
			call('k1', loop.id, { trialId: 't1' }),
			call('k2', loop.id, { trialId: 't2', normalised: { rationale: 'flip it', parent_trial_id: 't1' } }),
			call('other', null, { trialId: 't2' }),
			call('k3', loop.id, { trialId: 't3', normalised: { rationale: 'no parent named' } })
		]);
		const s = await loopSnapshot(loop, clock);
		const stored = await Promise.all(['t1', 't2', 't3'].map((id) => db.trials.get(id)));
		expect(s.state.results.map((r) => r.value)).toEqual(
			stored.map((t) => objectiveValue(t!.summary!, 'sharpe'))
		);
		expect(s.state.results[0].value).toBeGreaterThan(s.state.results[1].value);
		expect(s.state.trialsCommitted).toBe(3);
		expect(s.state.results.every((r) => r.dsr > 0 && r.dsr < 1)).toBe(true);
		// t3 named no parent: the best result before it (t1, not t2) stands in, and the lineage says so.
		expect(s.lineage.nodes.map((n) => [n.id, n.parentId, n.parentNamed, n.rationale])).toEqual([
			['t1', null, false, 'because k1'],
			['t2', 't1', true, 'flip it'],
			['t3', 't1', false, 'no parent named']
		]);
		expect(loopPromptBlock(s)).toContain(
			`- trial t2 (from t1): complete, sharpe ${Number(s.state.results[1].value.toPrecision(4))}`
		);
	});

	it('stops on a plateau when the last proposals repeat the best', async () => {
		const loop = await createLoop('c', SETTINGS, clock);
		for (const id of ['t1', 't2', 't3']) await completedTrial(id, 1);
		await db.toolCalls.bulkPut(['t1', 't2', 't3'].map((t) => call(`k-${t}`, loop.id, { trialId: t })));
		const { decision } = await evaluateLoop(loop, clock);
		expect(decision).toMatchObject({ stop: true, code: 'budget_trials' });
		const again = await createLoop('c', { ...SETTINGS, budgets: { ...SETTINGS.budgets, trials: 10 } }, clock);
		await db.toolCalls.bulkPut(['t1', 't2', 't3'].map((t) => call(`j-${t}`, again.id, { trialId: t })));
		expect((await evaluateLoop(again, clock)).decision).toMatchObject({
			stop: true,
			code: 'plateau',
			reason: expect.stringContaining('did not improve on t1')
		});
		expect((await db.loops.get(again.id))?.stopCode).toBe('plateau');
	});
});

describe('the loop in the prompt', () => {
	it('lists the latest steps and the best one, and says how many it left out', async () => {
		const loop = await createLoop('c', SETTINGS, clock);
		const steps = Array.from({ length: 40 }, (_, i) => ({
			id: `t${i}`,
			kind: 'trial' as const,
			parentId: null,
			parentNamed: false,
			rationale: '',
			state: 'complete' as const,
			value: i === 3 ? 9 : i / 100,
			dsr: 0.5,
			bestTrialId: null,
			model: 'ridge',
			at: i
		}));
		const s = (await loopSnapshot(loop, clock)).state;
		const text = loopPromptBlock({ loop, state: s, lineage: buildLineage(steps, 'maximize') });
		const listed = text.split('\n').filter((l) => l.startsWith('  - trial'));
		expect(listed).toHaveLength(MAX_PROMPT_STEPS + 1);
		expect(listed[0]).toMatch(/^ {2}- trial t3: complete, sharpe 9,/);
		expect(text).toContain('(14 earlier steps not listed)');
		expect(text).toContain('(not distinguishable from luck)');
	});
});
