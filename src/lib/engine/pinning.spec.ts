import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestVersion, pruneUnusedVersions } from '../app/dataset-versions';
import { refreshBarsDataset } from '../data/dataset-record';
import { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import { createRng } from '../domain/random';
import { sliceBars } from '../domain/series';
import type { TrialSpec } from '../domain/trial-spec';
import { tinySpec } from '../testing/fixtures';
import { InProcessWorker, type InProcessHooks } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { sp500Bars, sp500Dataset, sp500Provenance } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import { createTrial } from './job-store';
import { TrialEngine } from './trial-engine';
import { WorkerPool } from './worker-pool';

/** Version 1: the first 3,000 real bars; a refresh brings all 5,105 (a longer range, new content). */
const FIRST = sliceBars(sp500Bars(), 0, 3_000);
const v1 = (): DatasetRecord => sp500Dataset('spx', { bars: FIRST });

const spec: TrialSpec = tinySpec({
	datasetId: 'spx',
	target: { kind: 'forward_return', horizon: 5 },
	validation: { mode: 'rolling', trainLength: 1_000, testLength: 400, step: 400, embargo: 5 }
});

let db: MlTrainerDb;
let n = 0;

beforeEach(async () => {
	db = new MlTrainerDb(`pinning-${n++}-${createRng(Date.now()).uint32()}`);
	await db.datasets.add(v1());
});

afterEach(async () => {
	db.close();
	await db.delete();
});

function engineWith(hooks: InProcessHooks = {}) {
	const pool = new WorkerPool<TrialWorkerApi>(() => new InProcessWorker(hooks), {
		size: 1,
		init: (api) => api.init()
	});
	return new TrialEngine({ db, pool, backoffMs: [5, 5, 5], heartbeatMs: 5_000 });
}

/** What the Polygon refresh does: the next version of the series, older unpinned versions pruned. */
async function refresh(): Promise<DatasetRecord> {
	const latest = (await latestVersion(db, 'spx'))!;
	const all = sp500Bars();
	const { record, unchanged } = refreshBarsDataset(latest, all, sp500Provenance(all), null, Date.now());
	expect(unchanged).toBe(false);
	await db.transaction('rw', db.datasets, db.trials, db.audit, async () => {
		await db.datasets.add(record);
		await pruneUnusedVersions(db, record, Date.now());
	});
	return record;
}

async function foldsOf(trialId: string) {
	const results = await db.results.where('trialId').equals(trialId).sortBy('fold');
	return results.map((r) => ({ fold: r.fold, t: [...r.t], predicted: [...r.predicted], metrics: r.metrics }));
}

describe('a trial pinned to a dataset version', () => {
	it('gets exactly the same numbers in every fold when the dataset is refreshed mid-trial', async () => {
		const reference = engineWith();
		await createTrial(db, trialOn(v1(), 'ref', spec));
		await reference.start();
		await reference.whenIdle();
		reference.stop();

		let refreshed = false;
		const engine = engineWith({
			beforeFold: (fold) => {
				if (fold === 1 && !refreshed) {
					refreshed = true;
					void refresh();
				}
			}
		});
		await createTrial(db, trialOn(v1(), 'pinned', spec));
		await engine.start();
		await engine.whenIdle();

		expect(refreshed).toBe(true);
		expect((await db.trials.get('pinned'))?.status).toBe('completed');
		const pinned = await foldsOf('pinned');
		expect(pinned.length).toBe(4);
		expect(pinned).toEqual(await foldsOf('ref'));
		// The refresh wrote version 2 beside version 1, which the trials still pin.
		expect((await db.datasets.get('spx@v2'))?.bars.t.length).toBe(5_105);
		expect((await db.datasets.get('spx'))?.bars.t.length).toBe(3_000);
	});

	it('records the version, its content hash and its folds as dates when submitted', async () => {
		const t = await createTrial(db, trialOn(v1(), 'dates', spec));
		expect(t.data).toMatchObject({ datasetId: 'spx', seriesKey: 'spx', version: 1, rows: 3_000 });
		expect(t.data?.contentSha256).toBe(v1().contentSha256);
		expect(t.foldBounds).toHaveLength(4);
		// Fold 0 trains on rows 49 … 1,048 and tests on 1,054 … 1,453 of version 1 (warm-up 49, embargo 5).
		expect(t.foldBounds[0]).toEqual({
			trainStartT: FIRST.t[49],
			trainEndT: FIRST.t[1_048],
			testStartT: FIRST.t[1_054],
			testEndT: FIRST.t[1_453]
		});
	});

	it('keeps an older version while a trial pins it and prunes it once none does', async () => {
		await createTrial(db, trialOn(v1(), 'keep', spec));
		await refresh();
		expect(await db.datasets.get('spx')).toBeDefined();
		await db.trials.delete('keep');
		const v3 = await (async () => {
			const latest = (await latestVersion(db, 'spx'))!;
			const bars = sliceBars(sp500Bars(), 0, 4_000);
			const r = refreshBarsDataset(latest, bars, sp500Provenance(bars), null, Date.now()).record;
			await db.transaction('rw', db.datasets, db.trials, db.audit, async () => {
				await db.datasets.add(r);
				await pruneUnusedVersions(db, r, Date.now());
			});
			return r;
		})();
		expect(v3.version).toBe(3);
		expect(await db.datasets.get('spx')).toBeUndefined();
		expect(await db.datasets.get('spx@v2')).toBeUndefined();
		const pruned = await db.audit.where('type').equals('data.deleted').toArray();
		expect(pruned.map((e) => e.subject).sort()).toEqual(['spx', 'spx@v2']);
	});

	it('refuses every remaining fold, naming the version, when the pinned version was deleted', async () => {
		await createTrial(db, trialOn(v1(), 'gone', spec));
		await db.datasets.delete('spx');
		const engine = engineWith();
		await engine.start();
		await engine.whenIdle();
		const trial = await db.trials.get('gone');
		expect(trial?.status).toBe('failed');
		const job = await db.jobs.get('gone/0');
		expect(job?.attempts).toBe(1);
		expect(job?.error).toMatch(
			/version 1 \(content [0-9a-f]{12}…\), which this trial is pinned to, was deleted/
		);
	});

	it('refuses bars changed in place after submission, naming both hashes, without retrying', async () => {
		await createTrial(db, trialOn(v1(), 'tampered', spec));
		const stored = (await db.datasets.get('spx'))!;
		const close = stored.bars.close.slice();
		close[2_500] *= 1.01;
		await db.datasets.put({ ...stored, bars: { ...stored.bars, close } });
		const engine = engineWith();
		await engine.start();
		await engine.whenIdle();
		const job = await db.jobs.get('tampered/0');
		expect(job?.attempts).toBe(1);
		expect(job?.error).toMatch(/recorded [0-9a-f]{12}…, now [0-9a-f]{12}…/);
	});
});

describe('records read back from storage', () => {
	it('report a corrupt trial instead of trusting it: its jobs are refused with the reason', async () => {
		await createTrial(db, trialOn(v1(), 'corrupt', spec));
		const stored = (await db.trials.get('corrupt'))!;
		await db.trials.put({ ...stored, foldBounds: 'not a list' as never });
		const engine = engineWith();
		await engine.start();
		await engine.whenIdle();
		const job = await db.jobs.get('corrupt/0');
		expect(job?.status).toBe('failed');
		expect(job?.error).toMatch(/a stored record is corrupt/);
	});

	it('fail a corrupt job row with the reason and still run the others', async () => {
		await createTrial(db, trialOn(v1(), 'mixed', spec));
		const job = (await db.jobs.get('mixed/1'))!;
		await db.jobs.put({ ...job, attempts: 'x' as never });
		const engine = engineWith();
		await engine.start();
		await engine.whenIdle();
		expect((await db.jobs.get('mixed/1'))?.error).toMatch(/stored record is corrupt/);
		expect((await db.jobs.get('mixed/0'))?.status).toBe('done');
		expect((await db.jobs.get('mixed/3'))?.status).toBe('done');
	});
});
