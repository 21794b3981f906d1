import 'fake-indexeddb/auto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sp500Dataset } from '../../testing/sp500';
import { db } from '../db';
import { assessToolCall, decide } from './tool-calls';
import { toolContext } from './context';

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

beforeAll(async () => {
	await db.datasets.put(sp500Dataset('spx'));
});

beforeEach(async () => {
	await db.toolCalls.clear();
	await db.settings.clear();
});

describe("Claude's tool calls", () => {
	it('answers a read-only call at once, from the stored data', async () => {
		const call = await assessToolCall(
			{ id: 't1', name: 'list_datasets', input: {} },
			'c',
			'm',
			await toolContext()
		);
		expect(call.state).toBe('answered');
		expect(call.result).toContain('spx');
	});

	it('parks an admitted trial proposal as a card: nothing runs before the user approves', async () => {
		const call = await assessToolCall(
			{ id: 't2', name: 'propose_trial', input: { spec } },
			'c',
			'm',
			await toolContext()
		);
		expect(call.state).toBe('proposed');
		expect(call.verdict).toEqual({ allowed: true, code: 'ok', reason: '' });
		expect(call.result).toBeNull();
		expect(await db.trials.count()).toBe(0);
	});

	it('refuses a proposal on a dataset that does not exist, and says so to Claude', async () => {
		const call = await assessToolCall(
			{ id: 't3', name: 'propose_trial', input: { spec: { ...spec, datasetId: 'made-up' } } },
			'c',
			'm',
			await toolContext()
		);
		expect(call.state).toBe('refused');
		expect(call.resultIsError).toBe(true);
		expect(call.result).toMatch(/unknown_dataset/);
	});

	it('sends malformed input back as an error naming the field, without acting', async () => {
		const call = await assessToolCall(
			{ id: 't4', name: 'propose_trial', input: JSON.parse('{"spec":{"__proto__":{"x":1}}}') },
			'c',
			'm',
			await toolContext()
		);
		expect(call.state).toBe('invalid');
		expect(call.resultIsError).toBe(true);
	});

	it('asks the gateway again at approval: lockdown switched on after the proposal refuses it', async () => {
		await assessToolCall({ id: 't5', name: 'propose_trial', input: { spec } }, 'c', 'm', await toolContext());
		await db.settings.put({ key: 'lockdown', value: { on: true, since: 1, reason: 'test' } });
		const decided = await decide('t5', 'approve');
		expect(decided.state).toBe('refused');
		expect(decided.result).toMatch(/lockdown/);
		expect(await db.trials.count()).toBe(0);
	});

	it('a rejection is an answer too, and nothing runs', async () => {
		await assessToolCall({ id: 't6', name: 'propose_trial', input: { spec } }, 'c', 'm', await toolContext());
		const decided = await decide('t6', 'reject');
		expect(decided.state).toBe('rejected');
		expect(decided.result).toBe('The user rejected this proposal.');
		expect(await db.trials.count()).toBe(0);
	});
});
