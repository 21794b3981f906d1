import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisRecord } from '../db/analysis-records';
import { MlTrainerDb } from '../db/database';
import { createRng } from '../domain/random';
import { analysisResult, AnalysisInputError } from '../models/analysis';
import { defineAnalysis, JS_FLOAT64 } from '../models/seam';
import { InProcessWorker, type InProcessHooks } from '../testing/in-process-worker';
import { sp500Dataset } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import { AnalysisRunner } from './analysis-runner';
import { WorkerPool } from './worker-pool';

/**
 * A hand-made analysis behind a real catalog id (the runner's path, not a model, is under test): the maximum
 * drawdown of the closes, and an AnalysisInputError below 10 rows.
 */
const drawdown = defineAnalysis({
	id: 'maximum_drawdown_model',
	task: 'measure',
	input: 'series',
	costs: { expectedFitMs: () => 1, minDeadlineMs: 1_000 },
	evaluate: (data) => {
		const close = data.datasets[0].bars.close;
		if (close.length < 10) throw new AnalysisInputError(`needs 10 rows, got ${close.length}`);
		let peak = close[0];
		let worst = 0;
		for (const c of close) {
			peak = Math.max(peak, c);
			worst = Math.min(worst, c / peak - 1);
		}
		return analysisResult({
			numbers: [{ key: 'max_drawdown', label: 'Max drawdown', value: worst, unit: '%' }]
		});
	}
});

// The catalog marks the entry runnable as if its module existed (the gateway in the worker checks it).
vi.mock('virtual:model-ids', async (original) => {
	const real = await original<{ IMPLEMENTED_MODEL_IDS: readonly string[] }>();
	return { IMPLEMENTED_MODEL_IDS: [...real.IMPLEMENTED_MODEL_IDS, 'maximum_drawdown_model'] };
});

vi.mock('../models/registry', () => ({
	loadModel: async (id: string) => {
		if (id !== 'maximum_drawdown_model') throw new Error(`no ${id} here`);
		return { implementation: drawdown, runtime: JS_FLOAT64 };
	}
}));

const DATASET_ID = 'sp500-analysis';
let db: MlTrainerDb;
let counter = 0;

beforeEach(async () => {
	db = new MlTrainerDb(`analysis-runner-${counter++}-${createRng(Date.now()).uint32()}`);
	await db.datasets.put(sp500Dataset(DATASET_ID));
});

afterEach(async () => {
	db.close();
	await db.delete();
});

function runnerWith(hooks: InProcessHooks = {}, now = () => Date.now()) {
	const workers: InProcessWorker[] = [];
	const pool = new WorkerPool<TrialWorkerApi>(
		() => {
			const w = new InProcessWorker(hooks);
			workers.push(w);
			return w;
		},
		{ size: 1, init: (api) => api.init() }
	);
	return { runner: new AnalysisRunner({ db, pool, now, deadlineMs: 2_000 }), workers };
}

async function addRecord(patch: Partial<AnalysisRecord> = {}): Promise<AnalysisRecord> {
	const ds = (await db.datasets.get(DATASET_ID))!;
	const rec: AnalysisRecord = {
		id: 'a1',
		spec: {
			name: '',
			model: { id: 'maximum_drawdown_model', params: {} },
			inputs: [{ kind: 'dataset', id: ds.id }],
			seed: 42
		},
		task: 'measure',
		input: 'series',
		status: 'running',
		inputs: [
			{
				kind: 'dataset',
				id: ds.id,
				name: ds.name,
				version: ds.version,
				contentSha256: ds.contentSha256,
				provenance: ds.provenance,
				rows: ds.bars.t.length,
				firstT: ds.bars.t[0],
				lastT: ds.bars.t[ds.bars.t.length - 1]
			}
		],
		alignedRows: null,
		firstT: null,
		lastT: null,
		result: null,
		error: null,
		leaseUntil: 0,
		attempts: 0,
		runMs: null,
		appVersion: 'test',
		createdAt: 1,
		finishedAt: null,
		...patch
	};
	await db.analyses.put(rec);
	return rec;
}

describe('AnalysisRunner', () => {
	it('runs a stored analysis in a worker, stores its result and audits it', async () => {
		await addRecord();
		const { runner } = runnerWith();
		await runner.run('a1');
		const done = (await db.analyses.get('a1'))!;
		expect(done.status).toBe('completed');
		expect(done.error).toBeNull();
		const ds = (await db.datasets.get(DATASET_ID))!;
		expect(done.alignedRows).toBe(ds.bars.t.length);
		expect(done.firstT).toBe(ds.bars.t[0]);
		const mdd = done.result!.numbers.find((n) => n.key === 'max_drawdown')!.value;
		// The S&P 500 fell about 57 % from its 2007 peak to March 2009.
		expect(mdd).toBeLessThan(-0.5);
		expect(mdd).toBeGreaterThan(-0.6);
		expect(done.leaseUntil).toBe(0);
		expect(done.attempts).toBe(1);
		const audit = await db.audit.toArray();
		expect(audit.map((e) => e.type)).toEqual(['analysis.completed']);
		expect(audit[0].detail.inputs).toEqual([`dataset:${DATASET_ID}@${ds.contentSha256.slice(0, 12)}`]);
	});

	it('restricts the rows to the chosen dates', async () => {
		await addRecord({
			spec: {
				name: '',
				model: { id: 'maximum_drawdown_model', params: {} },
				inputs: [{ kind: 'dataset', id: DATASET_ID }],
				from: '2003-01-01',
				to: '2006-12-31',
				seed: 42
			}
		});
		await runnerWith().runner.run('a1');
		const done = (await db.analyses.get('a1'))!;
		expect(done.status).toBe('completed');
		expect(new Date(done.firstT!).toISOString().slice(0, 10) >= '2003-01-01').toBe(true);
		expect(new Date(done.lastT!).toISOString().slice(0, 10) <= '2006-12-31').toBe(true);
		expect(done.alignedRows).toBeGreaterThan(900);
		expect(done.alignedRows).toBeLessThan(1100);
	});

	it('fails with the gateway’s code when the stored bars changed after admission', async () => {
		await addRecord();
		const ds = (await db.datasets.get(DATASET_ID))!;
		ds.bars.close[100] *= 1.01;
		await db.datasets.put(ds);
		await runnerWith().runner.run('a1');
		const done = (await db.analyses.get('a1'))!;
		expect(done.status).toBe('failed');
		expect(done.error?.code).toBe('content_mismatch');
		expect((await db.audit.toArray()).map((e) => e.type)).toEqual(['analysis.failed']);
	});

	it('fails with the analysis’ own coded message when the data cannot support it', async () => {
		await addRecord({
			spec: {
				name: '',
				model: { id: 'maximum_drawdown_model', params: {} },
				inputs: [{ kind: 'dataset', id: DATASET_ID }],
				from: '2003-01-02',
				to: '2003-01-08',
				seed: 42
			}
		});
		await runnerWith().runner.run('a1');
		const done = (await db.analyses.get('a1'))!;
		expect(done.error).toEqual({
			code: 'analysis_input',
			reason: expect.stringMatching(/needs 10 rows, got 5/)
		});
	});

	it('fails saying which input was deleted', async () => {
		await addRecord();
		await db.datasets.delete(DATASET_ID);
		await runnerWith().runner.run('a1');
		expect((await db.analyses.get('a1'))!.error).toEqual({
			code: 'unknown_dataset',
			reason: 'its input "S&P 500" was deleted'
		});
	});

	it('retries once on a fresh worker when the worker dies, then succeeds', async () => {
		await addRecord();
		let calls = 0;
		const { runner, workers } = runnerWith({ beforeAnalysis: () => (calls++ === 0 ? 'crash' : undefined) });
		await runner.run('a1');
		const done = (await db.analyses.get('a1'))!;
		expect(done.status).toBe('completed');
		expect(done.attempts).toBe(2);
		expect(workers.length).toBe(2);
		expect(workers[0].terminated).toBe(true);
	});

	it('gives up with a coded reason when the worker hangs past the deadline twice', async () => {
		await addRecord();
		await runnerWith({ beforeAnalysis: () => 'hang' }).runner.run('a1');
		const done = (await db.analyses.get('a1'))!;
		expect(done.status).toBe('failed');
		expect(done.attempts).toBe(2);
		expect(done.error?.code).toMatch(/deadline_exceeded|heartbeat_lost/);
	});

	it('leaves a run another tab holds alone, and resumes one whose lease has passed', async () => {
		let now = 1_000_000;
		await addRecord({ leaseUntil: now + 60_000, attempts: 1 });
		const { runner } = runnerWith({}, () => now);
		await runner.run('a1');
		expect((await db.analyses.get('a1'))!.status).toBe('running');
		expect(await runner.resume()).toBe(0);
		now += 61_000;
		expect(await runner.resume()).toBe(1);
		expect((await db.analyses.get('a1'))!.status).toBe('completed');
	});
});
