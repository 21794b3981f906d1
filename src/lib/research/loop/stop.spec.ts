import { describe, expect, it } from 'vitest';
import { loopSpecSchema } from './spec';
import {
	bestResult,
	budgetLines,
	goalMetBy,
	plateau,
	stopDecision,
	type LoopResult,
	type LoopState
} from './stop';

const spec = loopSpecSchema.parse({
	goal: 'Find a Sharpe ratio above 1 on the S&P 500',
	objective: { metric: 'sharpe' },
	budgets: { trials: 5, tokens: 10_000, computeMinutes: 10, wallMinutes: 60 },
	plateau: 2
});

const r = (id: string, value: number, extra: Partial<LoopResult> = {}): LoopResult => ({
	id,
	state: 'complete',
	value,
	noise: 0.1,
	goalValues: { sharpe: value },
	dsr: 0.5,
	...extra
});

const state = (extra: Partial<LoopState> = {}): LoopState => ({
	now: 1_000,
	startedAt: 0,
	spec,
	thresholds: [{ metric: 'sharpe', op: '>=', value: 1 }],
	tokensUsed: 0,
	computeMs: 0,
	trialsCommitted: 1,
	results: [],
	stopRequested: false,
	idleReplies: 0,
	...extra
});

describe('the loop spec', () => {
	it('fills the direction from the objective and the plateau window by default', () => {
		const s = loopSpecSchema.parse({
			goal: 'Lower the log loss of the next-day direction',
			objective: { metric: 'log_loss' },
			budgets: { trials: 3, tokens: 5_000, computeMinutes: 5, wallMinutes: 5 }
		});
		expect(s.objective.direction).toBe('minimize');
		expect(s.plateau).toBe(3);
	});

	it('names the field that is out of bounds', () => {
		const bad = loopSpecSchema.safeParse({
			goal: 'Find a Sharpe ratio above 1',
			objective: { metric: 'sharpe' },
			budgets: { trials: 0, tokens: 5_000, computeMinutes: 5, wallMinutes: 5 }
		});
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toBe('budgets.trials must be at least 1');
	});
});

describe('the goal rule', () => {
	it('needs every threshold met by one trial and a DSR at the luck line', () => {
		const thresholds = [
			{ metric: 'sharpe', op: '>=', value: 1 },
			{ metric: 'hit_rate', op: '>', value: 0.55 }
		] as const;
		const a = r('a', 1.2, { goalValues: { sharpe: 1.2, hit_rate: 0.54 }, dsr: 0.99 });
		const b = r('b', 1.1, { goalValues: { sharpe: 1.1, hit_rate: 0.56 }, dsr: 0.94 });
		const c = r('c', 1.0, { goalValues: { sharpe: 1.0, hit_rate: 0.56 }, dsr: 0.95 });
		expect(goalMetBy([a, b], thresholds)).toBeNull();
		expect(goalMetBy([a, b, c], thresholds)?.id).toBe('c');
		expect(goalMetBy([c], [])).toBeNull();
	});

	it('stops with the numbers that met it', () => {
		const d = stopDecision(state({ results: [r('t1', 1.5, { dsr: 0.97 })] }));
		expect(d).toEqual({
			stop: true,
			code: 'goal_met',
			reason: 'goal met by t1: sharpe 1.5 >= 1, with a Deflated Sharpe Ratio of 0.97 ≥ 0.95'
		});
	});

	it('does not stop on a threshold met by luck', () => {
		expect(stopDecision(state({ results: [r('t1', 1.5, { dsr: 0.6 })] })).stop).toBe(false);
	});
});

describe('the plateau rule', () => {
	it('waits for N + 1 finished proposals', () => {
		expect(plateau([r('a', 1), r('b', 1)], 2, 'maximize').reached).toBe(false);
		expect(plateau([r('a', 1), r('b', 1), r('c', 1, { state: 'running' })], 2, 'maximize').reached).toBe(
			false
		);
	});

	it('stops when the last N did not improve at all', () => {
		const p = plateau([r('a', 0.3), r('b', 0.3), r('c', 0.1)], 2, 'maximize');
		expect(p).toEqual({ reached: true, reason: 'the last 2 proposals did not improve on a (0.3)' });
	});

	it('counts a gain below the fold noise as none, and one above it as progress', () => {
		// a: 0.30 ± 0.10; the best of the last two is 0.35, a gain of 0.05 < 0.10.
		expect(plateau([r('a', 0.3), r('b', 0.35), r('c', 0.2)], 2, 'maximize').reached).toBe(true);
		expect(plateau([r('a', 0.3), r('b', 0.45), r('c', 0.2)], 2, 'maximize').reached).toBe(false);
	});

	it('works in the minimising direction', () => {
		const rs = [r('a', 0.7, { noise: 0.01 }), r('b', 0.68), r('c', 0.71)];
		expect(plateau(rs, 2, 'minimize').reached).toBe(false);
		expect(plateau([r('a', 0.7, { noise: 0.05 }), r('b', 0.68), r('c', 0.71)], 2, 'minimize').reached).toBe(
			true
		);
	});

	it('stops when nothing completed', () => {
		const failed = (id: string) => r(id, Number.NaN, { state: 'failed' });
		expect(plateau([failed('a'), failed('b'), failed('c')], 2, 'maximize').reached).toBe(true);
	});

	it('ranks by the objective and ignores running and failed results', () => {
		const rs = [r('a', 0.3), r('b', 0.9, { state: 'running' }), r('c', Number.NaN, { state: 'failed' })];
		expect(bestResult(rs, 'maximize')?.id).toBe('a');
		expect(bestResult(rs, 'minimize')?.id).toBe('a');
	});
});

describe('the stop decision', () => {
	it('puts the user first', () => {
		expect(stopDecision(state({ stopRequested: true, results: [r('t', 2, { dsr: 1 })] }))).toMatchObject({
			code: 'user'
		});
	});

	it('stops at each budget', () => {
		expect(stopDecision(state({ tokensUsed: 10_000 }))).toMatchObject({ code: 'budget_tokens' });
		expect(stopDecision(state({ computeMs: 600_000 }))).toMatchObject({ code: 'budget_compute' });
		expect(stopDecision(state({ now: 3_600_000 }))).toMatchObject({ code: 'budget_wall' });
		expect(stopDecision(state({ trialsCommitted: 5, results: [r('a', 0.1)] }))).toMatchObject({
			code: 'budget_trials'
		});
	});

	it('lets the last trial inside the budget finish before stopping for the trial budget', () => {
		const running = r('e', Number.NaN, { state: 'running' });
		expect(stopDecision(state({ trialsCommitted: 5, results: [r('a', 0.1), running] })).stop).toBe(false);
	});

	it('stops after idle replies and not before', () => {
		expect(stopDecision(state({ idleReplies: 1 })).stop).toBe(false);
		expect(stopDecision(state({ idleReplies: 2 }))).toMatchObject({ code: 'idle' });
	});

	it('keeps going inside every budget with progress', () => {
		expect(stopDecision(state({ results: [r('a', 0.1), r('b', 0.5)] }))).toEqual({ stop: false });
	});

	it('states the budgets as they stand', () => {
		expect(budgetLines(state({ tokensUsed: 1234, computeMs: 90_000, now: 120_000 }))).toEqual([
			'trials: 1 of 5',
			'tokens: 1,234 of 10,000',
			'compute: 1.5 of 10 minutes',
			'wall time: 2 of 60 minutes'
		]);
	});
});
