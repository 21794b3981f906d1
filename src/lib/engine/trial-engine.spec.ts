import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import { createRng } from '../domain/random';
import type { TrialSpec } from '../domain/trial-spec';
import { tinySpec } from '../testing/fixtures';
import { InProcessWorker, type InProcessHooks } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { sp500Dataset } from '../testing/sp500';
import { cancelTrial, claimNextJob, createTrial, recoverInterrupted } from './job-store';
import { TrialEngine } from './trial-engine';
import { WorkerPool } from './worker-pool';
import type { TrialWorkerApi } from '../workers/protocol';

const DATASET_ID = 'sp500-test';

function dataset(): DatasetRecord {
	return sp500Dataset(DATASET_ID, { bundled: true });
}

/** A ridge trial on the real S&P data: 7 folds of 500 test rows. */
function spec(overrides: Partial<TrialSpec> = {}): TrialSpec {
	return tinySpec({
		name: 'ridge test',
		datasetId: DATASET_ID,
		target: { kind: 'forward_return', horizon: 5 },
		validation: { mode: 'rolling', trainLength: 1_000, testLength: 500, step: 500, embargo: 5 },
		strategy: { mode: 'long_short', sizing: 'sign', costBps: 5 },
		...overrides
	});
}

let db: MlTrainerDb;
let dbCounter = 0;

beforeEach(async () => {
	db = new MlTrainerDb(`engine-test-${dbCounter++}-${createRng(Date.now()).uint32()}`);
	await db.datasets.put(dataset());
});

afterEach(async () => {
	db.close();
	await db.delete();
});

function engineWith(hooks: InProcessHooks = {}, heartbeatMs = 5_000) {
	const workers: InProcessWorker[] = [];
	const pool = new WorkerPool<TrialWorkerApi>(
		() => {
			const w = new InProcessWorker(hooks);
			workers.push(w);
			return w;
		},
		{ size: 1, init: (api) => api.init() }
	);
	const engine = new TrialEngine({ db, pool, backoffMs: [5, 5, 5], heartbeatMs });
	return { engine, workers, pool };
}

async function addTrial(id: string, s: TrialSpec, folds: number) {
	// The first `folds` folds of the split: enough jobs for what each test is about.
	const t = trialOn(dataset(), id, s);
	expect(t.foldBounds.length).toBeGreaterThanOrEqual(folds);
	return createTrial(db, { ...t, foldBounds: t.foldBounds.slice(0, folds) });
}

describe('TrialEngine', () => {
	it('runs every fold of a trial, stores one result per fold and a summary', async () => {
		const { engine } = engineWith();
		await addTrial('t1', spec(), 7);
		await engine.start();
		await engine.whenIdle();
		const trial = await db.trials.get('t1');
		expect(trial?.error ?? null).toBe(null);
		expect(trial?.status).toBe('completed');
		expect(trial?.foldsDone).toBe(7);
		const results = await db.results.where('trialId').equals('t1').toArray();
		expect(results.map((r) => r.fold).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(trial?.summary?.rows).toBe(7 * 500);
		expect(Number.isFinite(trial?.summary?.regression?.rmse)).toBe(true);
		expect(Number.isFinite(trial?.summary?.buyHold.totalReturn)).toBe(true);
	});

	it('runs a nested-tuned learner (walk_forward_optimization): priced with its inner fits, a choice recorded per fold', async () => {
		const costCalls: unknown[][] = [];
		const pool = new WorkerPool<TrialWorkerApi>(
			() => {
				const w = new InProcessWorker();
				const costs = w.api.costs;
				w.api.costs = (...args) => (costCalls.push(args), costs(...args));
				return w;
			},
			{ size: 1, init: (api) => api.init() }
		);
		const engine = new TrialEngine({ db, pool, backoffMs: [5, 5, 5], heartbeatMs: 5_000 });
		const nested = spec({
			model: {
				id: 'ridge',
				params: { alpha: 1, fit_intercept: true },
				tune: { alpha: [0.1, 1, 10] },
				tuneWindow: { windowSize: 252, stepSize: 22 }
			}
		});
		await addTrial('nested', nested, 2);
		await engine.start();
		await engine.whenIdle();
		const trial = await db.trials.get('nested');
		expect(trial?.error ?? null).toBe(null);
		expect(trial?.status).toBe('completed');
		const results = await db.results.where('trialId').equals('nested').sortBy('fold');
		for (const r of results) {
			expect(String(r.modelInfo.chosen)).toMatch(/^alpha=(0\.1|1|10)$/);
			// ⌊(1,000 − 252 − 5) / 22⌋ = 33 inner folds.
			expect(r.modelInfo).toMatchObject({ combinations: 3, innerFolds: 33 });
		}
		// The engine priced every fold with its nested plan: 3 alphas × 33 inner fits of 252 rows, plus the refit.
		expect(costCalls[0][3]).toEqual({
			params: { alpha: 1, fit_intercept: true },
			tune: { alpha: [0.1, 1, 10] },
			innerFolds: 33,
			windowSize: 252
		});
		const plain = await new InProcessWorker().api.costs('ridge', 1_000, { alpha: 1, fit_intercept: true });
		const priced = await new InProcessWorker().api.costs(
			'ridge',
			1_000,
			{ alpha: 1, fit_intercept: true },
			costCalls[0][3] as Parameters<TrialWorkerApi['costs']>[3]
		);
		// ridge's cost model: 1 ms + 0.3 ms per 1,000 rows a fit → 1.3 + 99 × 1.0756 ms.
		expect(plain.expectedFitMs).toBeCloseTo(1.3, 9);
		expect(priced.expectedFitMs).toBeCloseTo(1.3 + 99 * (1 + 0.252 * 0.3), 9);
		pool.close();
	});

	it('retries a fold whose worker crashed and still ends with exactly one result per fold', async () => {
		let crashed = false;
		const { engine, workers } = engineWith({
			beforeFold: (fold) => {
				if (fold === 2 && !crashed) {
					crashed = true;
					return 'crash';
				}
			}
		});
		await addTrial('t2', spec(), 7);
		await engine.start();
		await engine.whenIdle();
		const trial = await db.trials.get('t2');
		expect(trial?.status).toBe('completed');
		expect(await db.results.where('trialId').equals('t2').count()).toBe(7);
		const job = await db.jobs.get('t2/2');
		expect(job?.attempts).toBe(2);
		expect(workers.length).toBe(2);
		expect(workers[0].terminated).toBe(true);
	});

	it('fails a fold after three attempts with the reason, and the trial with it', async () => {
		const { engine } = engineWith({
			beforeFold: (fold) => {
				if (fold === 1) throw new Error('the model exploded');
			}
		});
		await addTrial('t3', spec(), 3);
		await engine.start();
		await engine.whenIdle();
		const job = await db.jobs.get('t3/1');
		expect(job?.status).toBe('failed');
		expect(job?.attempts).toBe(3);
		expect(job?.error).toMatch(/failed after 3 attempts: .*the model exploded/);
		const trial = await db.trials.get('t3');
		expect(trial?.status).toBe('failed');
		expect(trial?.foldsDone).toBe(2);
		expect(trial?.error).toMatch(/fold 1/);
	});

	it('detects a silently stalled worker by its missing heartbeat and retries elsewhere', async () => {
		let stalled = false;
		const { engine } = engineWith(
			{
				beforeFold: (fold) => {
					if (fold === 0 && !stalled) {
						stalled = true;
						return 'hang';
					}
				}
			},
			100
		);
		await addTrial('t4', spec(), 2);
		await engine.start();
		await engine.whenIdle();
		expect((await db.trials.get('t4'))?.status).toBe('completed');
		expect((await db.jobs.get('t4/0'))?.attempts).toBe(2);
	});

	it('stops a cancelled trial: no further folds run', async () => {
		let engineRef: TrialEngine | null = null;
		const { engine } = engineWith({
			beforeFold: (fold) => {
				if (fold === 1) void engineRef?.cancel('t5');
			}
		});
		engineRef = engine;
		await addTrial('t5', spec(), 7);
		await engine.start();
		await engine.whenIdle();
		const trial = await db.trials.get('t5');
		expect(trial?.status).toBe('cancelled');
		const jobs = await db.jobs.where('trialId').equals('t5').toArray();
		expect(jobs.filter((j) => j.status === 'done').length).toBeLessThanOrEqual(2);
		expect(jobs.filter((j) => j.status === 'cancelled').length).toBeGreaterThanOrEqual(5);
	});

	it('gives the same numbers when a trial is run twice with the same seed', async () => {
		const a = engineWith();
		await addTrial('ta', spec(), 2);
		await addTrial('tb', spec(), 2);
		await a.engine.start();
		await a.engine.whenIdle();
		const ra = await db.results.get(['ta', 1]);
		const rb = await db.results.get(['tb', 1]);
		expect([...(ra?.predicted ?? [])]).toEqual([...(rb?.predicted ?? [])]);
		expect((await db.trials.get('ta'))?.summary).toEqual((await db.trials.get('tb'))?.summary);
	});
});

describe('TrialEngine with a TF.js learner', () => {
	it('leaves the same number of live tensors after every fold (nothing leaks from fit to fit)', async () => {
		const { engine } = engineWith();
		await addTrial(
			'mlp',
			spec({
				model: {
					id: 'feedforward_mlp',
					params: {
						hidden_layers: [8],
						activation: 'relu',
						dropout_rate: 0.1,
						epochs: 2,
						learning_rate: 0.001,
						batch_size: 256
					}
				},
				validation: { mode: 'rolling', trainLength: 1_000, testLength: 1_000, step: 1_000, embargo: 5 }
			}),
			3
		);
		await engine.start();
		await engine.whenIdle();
		expect((await db.trials.get('mlp'))?.status).toBe('completed');
		const results = await db.results.where('trialId').equals('mlp').toArray();
		const live = results.map((r) => r.modelInfo.liveTensors);
		expect(live).toHaveLength(3);
		expect(typeof live[0]).toBe('number');
		expect(new Set(live).size).toBe(1);
		expect(results.every((r) => r.backend === 'tfjs-wasm')).toBe(true);
	});
});

describe('job store', () => {
	it('puts jobs left running by a closed page back in the queue, keeping their attempt count', async () => {
		await addTrial('r1', spec(), 2);
		const claimed = await claimNextJob(db, 1_000, 60_000);
		expect(claimed?.status).toBe('running');
		expect(await recoverInterrupted(db, 2_000, false)).toBe(0); // lease still valid
		expect(await recoverInterrupted(db, 2_000, true)).toBe(1); // we own the scheduler: it is an orphan
		const job = await db.jobs.get('r1/0');
		expect(job?.status).toBe('queued');
		expect(job?.attempts).toBe(1);
	});

	it('does not cancel a finished trial', async () => {
		await addTrial('c1', spec(), 1);
		await db.trials.update('c1', { status: 'completed' });
		expect(await cancelTrial(db, 'c1', 5)).toBe(false);
	});

	it('records the trial lifecycle in the audit trail: created, started, completed, in order', async () => {
		const { engine } = engineWith();
		await addTrial('ta', spec(), 2);
		await engine.start();
		await engine.whenIdle();
		const events = await db.audit.orderBy('seq').toArray();
		expect(events.map((e) => [e.type, e.subject])).toEqual([
			['trial.created', 'ta'],
			['trial.started', 'ta'],
			['trial.completed', 'ta']
		]);
		expect(events[2].detail).toMatchObject({ folds: 2 });
	});

	it('refuses in the worker a dataset edited after the trial was queued, once, without retrying', async () => {
		const { engine } = engineWith();
		await addTrial('tt', spec(), 3);
		// Tamper with one stored close after the submit-time check passed.
		const ds = (await db.datasets.get(DATASET_ID))!;
		const close = ds.bars.close.slice();
		close[100] *= 1.5;
		await db.datasets.update(DATASET_ID, { bars: { ...ds.bars, close } });
		await engine.start();
		await engine.whenIdle();
		const trial = await db.trials.get('tt');
		expect(trial?.status).toBe('failed');
		expect(await db.results.where('trialId').equals('tt').count()).toBe(0);
		const job = await db.jobs.get('tt/0');
		expect(job?.attempts).toBe(1);
		expect(job?.error).toMatch(/refused by compliance: .*no longer matches the hash recorded/);
		// The first refusal settles the trial: its other folds are not even tried.
		const refusals = await db.audit.where('type').equals('compliance.decision').toArray();
		expect(refusals).toHaveLength(1);
		const others = await db.jobs.where('trialId').equals('tt').toArray();
		expect(others.map((j) => [j.status, j.attempts])).toEqual([
			['failed', 1],
			['failed', 0],
			['failed', 0]
		]);
		expect(others[1].error).toMatch(/not run: fold 0 was refused by compliance/);
		expect((await db.audit.where('type').equals('trial.failed').toArray()).length).toBe(1);
		expect(refusals[0].detail).toMatchObject({ allowed: false, code: 'content_mismatch', where: 'worker' });
	});

	it('refuses in the worker a parameter that is out of range even if the stored spec was edited', async () => {
		const { engine } = engineWith();
		await addTrial('tp', spec({ model: { id: 'ridge', params: { alpha: -5, fit_intercept: true } } }), 1);
		await engine.start();
		await engine.whenIdle();
		const job = await db.jobs.get('tp/0');
		expect(job?.status).toBe('failed');
		expect(job?.error).toMatch(/refused by compliance: .*alpha/);
	});
});
