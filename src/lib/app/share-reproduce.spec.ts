import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { foldResultRecordSchema, trialRecordSchema, type DatasetRecord } from '../db/records';
import { trialSpecSchema } from '../domain/trial-spec';
import { createTrial } from '../engine/job-store';
import { TrialEngine } from '../engine/trial-engine';
import { WorkerPool } from '../engine/worker-pool';
import { decodeShare, encodeShare } from '../security/share-link';
import { SHARE_CURVE_POINTS, sharedTrialOf } from './share-trial';
import { curveTimes, type SharedTrial } from '../security/share-schema';
import { tinySpec } from '../testing/fixtures';
import { InProcessWorker } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { sp500Dataset } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import {
	localSpec,
	matchSharedData,
	reproductionState,
	startReproduction,
	type SubmitFn
} from './share-reproduce';

let db: MlTrainerDb;
let pool: WorkerPool<TrialWorkerApi>;
let engine: TrialEngine;
let ds: DatasetRecord;
let n = 0;

beforeEach(async () => {
	db = new MlTrainerDb(`share-${n++}`);
	ds = sp500Dataset('sp500', { bundled: true });
	await db.datasets.put(ds);
	pool = new WorkerPool<TrialWorkerApi>(() => new InProcessWorker(), { size: 1, init: (api) => api.init() });
	engine = new TrialEngine({ db, pool });
	await engine.start();
});

afterEach(async () => {
	engine.stop();
	pool.close();
	db.close();
	await db.delete();
});

const validation = { mode: 'rolling', trainLength: 750, testLength: 250, step: 250, embargo: 1 } as const;

/** The test's submitTrial: parse, pin to the stored version, store, run. */
const submit: SubmitFn = async (input) => {
	const spec = trialSpecSchema.parse(input);
	const stored = (await db.datasets.get(spec.datasetId))!;
	const id = `again-${Date.now()}`;
	await createTrial(db, trialOn(stored, id, spec));
	engine.pump();
	return { ok: true, id };
};

async function sharedRidge(): Promise<SharedTrial> {
	await createTrial(db, trialOn(ds, 'base', tinySpec({ name: 'ridge 1d', datasetId: 'sp500', validation })));
	engine.pump();
	await engine.whenIdle();
	const trial = trialRecordSchema.parse(await db.trials.get('base'));
	const results = (await db.results.where('trialId').equals('base').sortBy('fold')).map((r) =>
		foldResultRecordSchema.parse(r)
	);
	return sharedTrialOf(trial, results, ds, { appVersion: 'test' });
}

describe('sharing a trial and reproducing it', () => {
	it('carries the spec, the data hash, every summary number and a down-sampled curve, through a link exactly', async () => {
		const shared = await sharedRidge();
		expect(shared.data).toMatchObject({
			contentSha256: ds.contentSha256,
			source: 'yahoo',
			rows: ds.bars.t.length
		});
		expect(shared.curve.value).toHaveLength(SHARE_CURVE_POINTS);
		expect(shared.curve.unitMs).toBe(86_400_000);
		expect(shared.metrics['strategy.sharpe']).toEqual(expect.any(Number));
		expect(shared.metrics['regression.rmse']).toEqual(expect.any(Number));
		expect(Object.keys(shared.metrics).sort()).toEqual(
			[
				'rows',
				...['totalReturn', 'annualReturn', 'volatility', 'sharpe', 'sortino', 'maxDrawdown', 'turnover'].map(
					(k) => `strategy.${k}`
				),
				...['totalReturn', 'sharpe', 'maxDrawdown'].map((k) => `buyHold.${k}`),
				'direction.hitRate',
				'direction.ic',
				...['rmse', 'mae', 'r2'].map((k) => `regression.${k}`)
			].sort()
		);
		const link = await encodeShare(shared);
		expect(await decodeShare(link)).toEqual({ ok: true, value: shared, encrypted: false });
	});

	it('has a full variant with every out-of-sample prediction that also round-trips exactly', async () => {
		const shared = await sharedRidge();
		const trial = trialRecordSchema.parse(await db.trials.get('base'));
		const results = (await db.results.where('trialId').equals('base').sortBy('fold')).map((r) =>
			foldResultRecordSchema.parse(r)
		);
		const full = sharedTrialOf(trial, results, ds, { appVersion: 'test', full: true });
		const rows = results.reduce((n, r) => n + r.t.length, 0);
		expect(full.predictions?.predicted).toHaveLength(rows);
		expect(curveTimes(full.predictions!)).toEqual(results.flatMap((r) => Array.from(r.t)));
		expect(full.predictions?.predicted[0]).toBe(results[0].predicted[0]);
		const link = await encodeShare(full);
		expect(link.length).toBeGreaterThan((await encodeShare(shared)).length * 5);
		expect(await decodeShare(link)).toEqual({ ok: true, value: full, encrypted: false });
	});

	it('re-runs on the dataset with the same content hash and finds every number identical', async () => {
		const shared = await sharedRidge();
		const back = await decodeShare(await encodeShare(shared));
		if (!back.ok || back.value.kind !== 'trial') throw new Error('link did not decode');
		const started = await startReproduction(db, back.value, submit);
		if (!started.ok) throw new Error('reproduction refused');
		await engine.whenIdle();
		const state = await reproductionState(db, back.value, started.trialId);
		expect(state).toMatchObject({ state: 'done', comparison: { identical: true, differences: [] } });
		if (state.state === 'done') expect(state.comparison.compared).toBe(SHARE_CURVE_POINTS + 16);
	});

	it('names the numbers that differ when they do not match to the last digit', async () => {
		const shared = await sharedRidge();
		const sharpe = shared.metrics['strategy.sharpe']!;
		const altered = {
			...shared,
			metrics: { ...shared.metrics, 'strategy.sharpe': sharpe + Math.abs(sharpe) * Number.EPSILON * 4 }
		};
		const started = await startReproduction(db, altered, submit);
		if (!started.ok) throw new Error('reproduction refused');
		await engine.whenIdle();
		const state = await reproductionState(db, altered, started.trialId);
		expect(state).toMatchObject({
			state: 'done',
			comparison: { identical: false, differences: [{ name: 'strategy.sharpe', again: sharpe }] }
		});
	});

	it('says exactly which data is missing when no stored dataset has the content hash', async () => {
		const shared = await sharedRidge();
		const other = new MlTrainerDb(`share-empty-${n++}`);
		try {
			expect(await matchSharedData(other, shared)).toEqual({
				ok: false,
				missing: [{ role: 'dataset', data: shared.data }]
			});
			const refused = await startReproduction(other, shared, () =>
				Promise.reject(new Error('never submitted'))
			);
			expect(refused).toMatchObject({ ok: false, code: 'missing_data' });
		} finally {
			other.close();
			await other.delete();
		}
	});

	it('maps the shared ids to this workspace: the same bars stored under another id are found by hash', async () => {
		const shared = await sharedRidge();
		const other = new MlTrainerDb(`share-copy-${n++}`);
		try {
			await other.datasets.put({ ...ds, id: 'my-sp500', seriesKey: 'my-sp500' });
			const match = await matchSharedData(other, shared);
			expect(match).toEqual({ ok: true, datasetId: 'my-sp500', inputIds: [] });
			if (match.ok)
				expect(localSpec(shared.spec, match)).toMatchObject({ datasetId: 'my-sp500', name: 'ridge 1d' });
		} finally {
			other.close();
			await other.delete();
		}
	});
});
