import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import { createRng } from '../domain/random';
import { sliceBars } from '../domain/series';
import { tinySpec } from '../testing/fixtures';
import { InProcessWorker } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { sp500Bars, sp500Dataset } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import { createTrial } from './job-store';
import { MAX_STORAGE_RETRY_MS, STORAGE_RETRY_MS, storageRetryDelay, TrialEngine } from './trial-engine';
import { WorkerPool } from './worker-pool';

const ds = (): DatasetRecord => sp500Dataset('spx', { bars: sliceBars(sp500Bars(), 0, 2_000) });
const spec = tinySpec({
	datasetId: 'spx',
	target: { kind: 'forward_return', horizon: 5 },
	validation: { mode: 'rolling', trainLength: 1_000, testLength: 300, step: 300, embargo: 5 }
});

let db: MlTrainerDb;
let n = 0;

beforeEach(async () => {
	db = new MlTrainerDb(`failures-${n++}-${createRng(Date.now()).uint32()}`);
	await db.datasets.add(ds());
});

afterEach(async () => {
	db.close();
	await db.delete();
});

function engineWith(onStorageError?: (what: string, e: unknown) => void, backoffMs = [5, 5, 5]) {
	const pool = new WorkerPool<TrialWorkerApi>(() => new InProcessWorker(), {
		size: 1,
		init: (a) => a.init()
	});
	// A short pause after a failed save; the engine's own is 30 s.
	return new TrialEngine({ db, pool, backoffMs, heartbeatMs: 5_000, onStorageError, storageRetryMs: 5 });
}

describe('failures the engine must not retry or leave hanging', () => {
	it('fails a fold at once when its fit fails in a way a retry would repeat, and runs the others', async () => {
		// Fold 0's training window is narrowed to a single day: "1 usable training rows" is deterministic.
		const t = trialOn(ds(), 'narrow', spec);
		const bounds = [{ ...t.foldBounds[0], trainStartT: t.foldBounds[0].trainEndT }, ...t.foldBounds.slice(1)];
		await createTrial(db, { ...t, foldBounds: bounds });
		const engine = engineWith();
		await engine.start();
		await engine.whenIdle();
		const job = await db.jobs.get('narrow/0');
		expect(job?.status).toBe('failed');
		expect(job?.attempts).toBe(1);
		expect(job?.error).toMatch(/1 usable training rows .*not retried: the fit would fail the same way/);
		expect((await db.jobs.get('narrow/1'))?.status).toBe('done');
		expect((await db.trials.get('narrow'))?.status).toBe('failed');
	});

	it('puts a fold whose result cannot be saved back in the queue, says so, and completes it once the write works', async () => {
		await createTrial(db, trialOn(ds(), 'full', spec));
		// The disk is full for the first result write only, as when space is freed a moment later.
		let refusals = 1;
		db.results.hook('creating', () => {
			if (refusals-- > 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		const told: string[] = [];
		const engine = engineWith((what) => told.push(what), [5, 5, 5]);
		await engine.start();
		await engine.whenIdle();
		expect(told).toEqual(['Fold 1 of trial "tiny"']);
		const job = await db.jobs.get('full/0');
		// Never left "running": it went back to the queue with the reason and ran again.
		expect(job?.status).toBe('done');
		expect(job?.attempts).toBe(2);
		expect((await db.trials.get('full'))?.status).toBe('completed');
		expect(await db.results.where('trialId').equals('full').count()).toBe(3);
	});

	it('waits longer after each failed save, 30 s then doubling up to 8 minutes', () => {
		expect([1, 2, 3, 4, 5, 6, 9].map((a) => storageRetryDelay(STORAGE_RETRY_MS, a))).toEqual([
			30_000, 60_000, 120_000, 240_000, 480_000, 480_000, 480_000
		]);
		expect(MAX_STORAGE_RETRY_MS).toBe(480_000);
	});
});
