import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import { tinySpec } from '../testing/fixtures';
import { InProcessWorker } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { sp500Dataset } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import { createTrial } from './job-store';
import { runLookaheadCheck } from './lookahead-runner';
import { TrialEngine } from './trial-engine';
import { WorkerPool } from './worker-pool';

const DATASET_ID = 'sp500-look';
const dataset = (): DatasetRecord => sp500Dataset(DATASET_ID, { bundled: true });

let db: MlTrainerDb;
let n = 0;
let pool: WorkerPool<TrialWorkerApi>;

beforeEach(async () => {
	db = new MlTrainerDb(`lookahead-runner-${n++}`);
	await db.datasets.put(dataset());
	pool = new WorkerPool<TrialWorkerApi>(() => new InProcessWorker(), { size: 1, init: (api) => api.init() });
});

afterEach(async () => {
	pool.close();
	db.close();
	await db.delete();
});

/** A ridge trial on the real S&P 500 bars, three folds, run to completion. */
async function completedTrial(id: string): Promise<void> {
	const spec = tinySpec({
		name: 'ridge',
		datasetId: DATASET_ID,
		target: { kind: 'forward_return', horizon: 1 },
		validation: { mode: 'rolling', trainLength: 500, testLength: 100, step: 100, embargo: 1 }
	});
	const t = trialOn(dataset(), id, spec);
	await createTrial(db, { ...t, foldBounds: t.foldBounds.slice(0, 3) });
	const engine = new TrialEngine({ db, pool });
	await engine.start();
	await engine.whenIdle();
	expect((await db.trials.get(id))?.status).toBe('completed');
}

describe('the look-ahead check of a stored trial', () => {
	it('finds none in a ridge trial, stores the verdict on the trial and audits it', async () => {
		await completedTrial('t');
		const fractions: number[] = [];
		const r = await runLookaheadCheck(db, pool, 't', { onProgress: (f) => fractions.push(f), now: () => 42 });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.verdict.firstLeak).toBeNull();
		expect(r.verdict.checkedPoints).toBe(15); // five points in each of three folds
		expect(r.verdict.folds.map((f) => f.changed)).toEqual([0, 0, 0]);
		expect((await db.trials.get('t'))?.lookahead).toEqual(r.verdict);
		expect(fractions.at(-1)).toBe(1);
		const audit = (await db.audit.toArray()).filter((e) => e.type === 'trial.lookahead');
		expect(audit).toHaveLength(1);
		expect(audit[0].summary).toMatch(/No look-ahead .* 15 predictions unchanged/);
	});

	it('refuses a trial that has not completed, one whose data changed, and one that is gone', async () => {
		const spec = tinySpec({
			datasetId: DATASET_ID,
			validation: { mode: 'rolling', trainLength: 500, testLength: 100, step: 100, embargo: 1 }
		});
		await createTrial(db, trialOn(dataset(), 'queued', spec));
		expect(await runLookaheadCheck(db, pool, 'queued')).toMatchObject({ ok: false, code: 'not_completed' });
		expect(await runLookaheadCheck(db, pool, 'nope')).toMatchObject({ ok: false, code: 'unknown_trial' });
		await completedTrial('t');
		const ds = dataset();
		ds.bars.close[10] *= 1.01;
		await db.datasets.put(ds);
		expect(await runLookaheadCheck(db, pool, 't')).toMatchObject({ ok: false, code: 'content_changed' });
	});
});
