import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { createTrial } from '../engine/job-store';
import { TrialEngine } from '../engine/trial-engine';
import { WorkerPool } from '../engine/worker-pool';
import { tinySpec } from '../testing/fixtures';
import { InProcessWorker } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { sp500Dataset } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import { exportWorkspace } from './backup-export';
import { applyImport, readBackup } from './backup-import';

let source: MlTrainerDb;
let target: MlTrainerDb;
let n = 0;

beforeEach(async () => {
	source = new MlTrainerDb(`backup-resume-source-${n}`);
	target = new MlTrainerDb(`backup-resume-target-${n++}`);
});

afterEach(async () => {
	source.close();
	target.close();
	await source.delete();
	await target.delete();
});

describe('a trial exported before it finished', () => {
	it('carries its fold jobs, so it runs to completion after an import', async () => {
		const ds = sp500Dataset('sp500', { bundled: true });
		await source.datasets.put(ds);
		const validation = { mode: 'rolling', trainLength: 750, testLength: 250, step: 250, embargo: 1 } as const;
		const t = trialOn(ds, 'unfinished', tinySpec({ datasetId: 'sp500', validation }));
		await createTrial(source, { ...t, foldBounds: t.foldBounds.slice(0, 3) });
		// One fold was running when the file was written: its lease has long expired when the file is imported.
		await source.jobs.update('unfinished/1', { status: 'running', leaseUntil: 1, attempts: 1 });

		const file = await exportWorkspace(source, { appVersion: 'test' });
		await applyImport(await readBackup(file.blob, undefined, target), target);
		expect(await target.jobs.where('trialId').equals('unfinished').count()).toBe(3);

		const pool = new WorkerPool<TrialWorkerApi>(() => new InProcessWorker(), {
			size: 1,
			init: (api) => api.init()
		});
		const engine = new TrialEngine({ db: target, pool });
		try {
			await engine.start();
			engine.pump();
			await engine.whenIdle();
		} finally {
			engine.stop();
			pool.close();
		}
		expect((await target.trials.get('unfinished'))?.status).toBe('completed');
		expect(await target.results.where('trialId').equals('unfinished').count()).toBe(3);
	});
});
