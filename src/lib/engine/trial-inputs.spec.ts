/**
 * A trial whose features read a benchmark dataset and a FRED series, end to end through the engine and the
 * in-process worker stand-in: pinned at submission, sent with each fold, checked by the worker, cut by
 * availability in the look-ahead check.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pinInput } from '../data/feature-input-pins';
import { refreshValueSeries } from '../data/dataset-record';
import { archivedSeriesId, keepPinnedSeries } from '../db/series-archive';
import { MlTrainerDb } from '../db/database';
import { trialRecordSchema, type DatasetRecord } from '../db/records';
import { featureInputsSchema } from '../domain/feature-inputs';
import type { TrialSpec } from '../domain/trial-spec';
import { benchmarkDataset, tbillSeries, TBILL_SERIES_ID } from '../testing/feature-inputs';
import { tinySpec } from '../testing/fixtures';
import { InProcessWorker } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { sp500Dataset } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import { createTrial } from './job-store';
import { runLookaheadCheck } from './lookahead-runner';
import { TrialEngine } from './trial-engine';
import { loadTrialInputs } from './trial-inputs';
import { WorkerPool } from './worker-pool';

const DATASET_ID = 'sp500-inputs';
const BENCH_ID = 'SPY@v1';
const dataset = (): DatasetRecord => sp500Dataset(DATASET_ID, { bundled: true });
const bench = benchmarkDataset(BENCH_ID);
const tbill = tbillSeries();

let db: MlTrainerDb;
let n = 0;
let pool: WorkerPool<TrialWorkerApi>;

beforeEach(async () => {
	db = new MlTrainerDb(`trial-inputs-${n++}`);
	await db.datasets.bulkPut([dataset(), bench]);
	await db.series.put(tbill);
	pool = new WorkerPool<TrialWorkerApi>(() => new InProcessWorker(), { size: 1, init: (api) => api.init() });
});

afterEach(async () => {
	pool.close();
	db.close();
	await db.delete();
});

function spec(withInputs: boolean): TrialSpec {
	const base = tinySpec({
		name: withInputs ? 'ridge with inputs' : 'ridge',
		datasetId: DATASET_ID,
		target: { kind: 'forward_return', horizon: 1 },
		validation: { mode: 'rolling', trainLength: 500, testLength: 100, step: 100, embargo: 1 }
	});
	if (!withInputs) return base;
	const inputs = featureInputsSchema.parse([
		{ kind: 'dataset', id: BENCH_ID, role: 'benchmark' },
		{ kind: 'series', id: TBILL_SERIES_ID, role: 'macro' }
	]);
	return { ...base, features: { set: 'daily_v1', inputs } };
}

async function run(id: string, withInputs: boolean, folds = 2): Promise<void> {
	const t = trialOn(dataset(), id, spec(withInputs));
	const inputs = withInputs
		? [pinInput({ kind: 'dataset', record: bench }), pinInput({ kind: 'series', record: tbill })]
		: undefined;
	await createTrial(db, { ...t, foldBounds: t.foldBounds.slice(0, folds), inputs });
	const engine = new TrialEngine({ db, pool });
	await engine.start();
	await engine.whenIdle();
}

describe('a trial with feature inputs', () => {
	it('runs end to end with a benchmark and a FRED rate, records their versions and uses them', async () => {
		await run('with', true);
		await run('without', false);
		const trial = await db.trials.get('with');
		expect(trial?.error ?? null).toBe(null);
		expect(trial?.status).toBe('completed');
		expect(trial?.inputs?.map((i) => [i.kind, i.id, i.contentSha256])).toEqual([
			['dataset', BENCH_ID, bench.contentSha256],
			['series', TBILL_SERIES_ID, tbill.contentSha256]
		]);
		const a = await db.results.where('trialId').equals('with').sortBy('fold');
		const b = await db.results.where('trialId').equals('without').sortBy('fold');
		expect(a).toHaveLength(2);
		expect(a[0].predicted.length).toBe(b[0].predicted.length);
		expect(Array.from(a[0].predicted)).not.toEqual(Array.from(b[0].predicted));
		// A trial without inputs records none (its record keeps its old shape).
		expect(await db.trials.get('without')).not.toHaveProperty('inputs');
	});

	it('loads a trial record stored before inputs existed, and sends no inputs for it', async () => {
		await run('old', false, 1);
		const stored = (await db.trials.get('old'))!;
		// As written before issue 12: no `inputs` key (and no `lookahead`, as before issue 11).
		const old: Record<string, unknown> = { ...stored };
		delete old.lookahead;
		delete old.inputs;
		const parsed = trialRecordSchema.parse(old);
		expect(parsed).not.toHaveProperty('inputs');
		expect(await loadTrialInputs(db, parsed)).toEqual({ ok: true, inputs: undefined });
	});

	it('passes the look-ahead check with its inputs cut by availability', async () => {
		await run('t', true);
		const r = await runLookaheadCheck(db, pool, 't');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.verdict.checkedPoints).toBe(10);
		expect(r.verdict.firstLeak).toBeNull();
	});

	it('keeps running on the content it pinned after the series is refreshed (the refresh keeps a copy for it)', async () => {
		const t = trialOn(dataset(), 'kept', spec(true));
		const pins = [pinInput({ kind: 'dataset', record: bench }), pinInput({ kind: 'series', record: tbill })];
		await createTrial(db, { ...t, foldBounds: t.foldBounds.slice(0, 1), inputs: pins });
		// A refresh as the app writes one: FRED revised a value; the pinned content is kept first.
		const value = tbill.value.slice();
		value[170] += 1;
		const { record } = refreshValueSeries(tbill, { ...tbill, value, now: 1 });
		await db.transaction('rw', db.series, db.trials, db.analyses, async () => {
			expect(await keepPinnedSeries(db, TBILL_SERIES_ID, record.contentSha256)).toBe(
				archivedSeriesId(TBILL_SERIES_ID, tbill.contentSha256)
			);
			await db.series.put(record);
		});
		const engine = new TrialEngine({ db, pool });
		await engine.start();
		await engine.whenIdle();
		expect((await db.trials.get('kept'))?.status).toBe('completed');
		const loaded = await loadTrialInputs(db, { spec: spec(true), inputs: pins });
		// The job carries the pinned values under the id the spec names.
		expect(loaded.ok && loaded.inputs?.[1]).toMatchObject({
			id: TBILL_SERIES_ID,
			columns: { value: tbill.value }
		});
		// The series itself is the refreshed one.
		expect((await db.series.get(TBILL_SERIES_ID))?.contentSha256).toBe(record.contentSha256);
	});

	it('is refused in the worker when an input changed after submission, and before it when one was deleted', async () => {
		const t = trialOn(dataset(), 'changed', spec(true));
		const pins = [pinInput({ kind: 'dataset', record: bench }), pinInput({ kind: 'series', record: tbill })];
		await createTrial(db, { ...t, foldBounds: t.foldBounds.slice(0, 1), inputs: pins });
		// The series is edited in storage (its recorded hash updated too, as a refresh would): the pin still differs.
		const value = tbill.value.slice();
		value[170] += 1;
		await db.series.put({ ...tbill, value, contentSha256: 'edited' });
		const engine = new TrialEngine({ db, pool });
		await engine.start();
		await engine.whenIdle();
		const trial = await db.trials.get('changed');
		expect(trial?.status).toBe('failed');
		const audit = (await db.audit.toArray()).filter(
			(e) => e.type === 'compliance.decision' && e.subject === 'changed'
		);
		expect(audit[0]?.detail).toMatchObject({ allowed: false, code: 'content_mismatch', where: 'worker' });

		await db.series.delete(TBILL_SERIES_ID);
		const loaded = await loadTrialInputs(db, { spec: spec(true), inputs: pins });
		expect(loaded).toMatchObject({ ok: false, code: 'dataset_missing' });
		expect(await loadTrialInputs(db, { spec: spec(true), inputs: pins.slice(0, 1) })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('recorded no version')
		});
	});
});
