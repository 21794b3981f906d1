import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedDataOf } from '../data/dataset-record';
import { MlTrainerDb } from '../db/database';
import { studyRecordSchema, type StudyRecord, type StudyTrial } from '../db/study-records';
import { createRng } from '../domain/random';
import { createTrial } from '../engine/job-store';
import { studyReportFor } from '../engine/study-data';
import { TrialEngine } from '../engine/trial-engine';
import { WorkerPool } from '../engine/worker-pool';
import { studySpecSchema } from '../research/study/spec';
import { studyTrialId } from '../research/study/plan';
import { decodeShare, encodeShare } from '../security/share-link';
import { CURVE_DIGITS, MAX_CURVE_POINTS, sharedSchema } from '../security/share-schema';
import { tinySpec } from '../testing/fixtures';
import { InProcessWorker } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { decodeMutations } from '../testing/share-mutations';
import { sp500Dataset } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import { readSharedStudy, readTrialRecords } from './share-read';
import { sharedStudyOf } from './share-study';
import { SHARE_CURVE_POINTS } from './share-trial';

const STUDY = 'study-ridge';
const ALPHAS = [0.01, 10, 1000];
const validation = { mode: 'rolling', trainLength: 750, testLength: 250, step: 250, embargo: 1 } as const;

let db: MlTrainerDb;
let study: StudyRecord;

const entry = (number: number, patch: Partial<StudyTrial>): StudyTrial => ({
	number,
	trialId: null,
	params: {},
	state: 'failed',
	value: null,
	intermediate: [],
	note: null,
	createdAt: 0,
	finishedAt: 0,
	...patch
});

/**
 * A finished study as the runner leaves it: three ridge trials really run on the S&P 500 file (their objective
 * read from their summaries), one pruned and one refused, and the overfitting report computed by the engine's
 * own studyReportFor over their stored fold results.
 */
beforeAll(async () => {
	db = new MlTrainerDb('share-study');
	const ds = sp500Dataset('sp500', { bundled: true });
	await db.datasets.put(ds);
	const pool = new WorkerPool<TrialWorkerApi>(() => new InProcessWorker(), {
		size: 1,
		init: (api) => api.init()
	});
	const engine = new TrialEngine({ db, pool });
	await engine.start();
	const spec = studySpecSchema.parse({
		name: 'ridge alpha on the S&P 500',
		base: tinySpec({ name: 'ridge', datasetId: 'sp500', validation }),
		search: { alpha: { range: [0.01, 1000], log: true } },
		sampler: 'random',
		budget: { trials: 5 },
		objective: { metric: 'sharpe' },
		pruning: { kind: 'none' },
		seed: 7
	});
	const trials: StudyTrial[] = [];
	for (const [number, alpha] of ALPHAS.entries()) {
		const id = studyTrialId(STUDY, number);
		const base = spec.base;
		await createTrial(
			db,
			trialOn(ds, id, { ...base, model: { ...base.model, params: { ...base.model.params, alpha } } })
		);
		engine.pump();
		await engine.whenIdle();
		const t = (await readTrialRecords(db, id))!.trial;
		if (!t.summary) throw new Error(`${id} ${t.status} ${JSON.stringify(t.error)}`);
		trials.push(
			entry(number, { trialId: id, params: { alpha }, state: 'complete', value: t.summary!.strategy.sharpe })
		);
	}
	trials.push(entry(3, { params: { alpha: 3 }, state: 'pruned', value: -0.2, note: 'below the median' }));
	trials.push(entry(4, { params: { alpha: 0.5 }, note: 'refused by the gateway' }));
	engine.stop();
	pool.close();
	const draft = studyRecordSchema.parse({
		id: STUDY,
		spec,
		status: 'completed',
		stopReason: 'budget reached',
		error: null,
		createdAt: 1,
		finishedAt: 2,
		leaseUntil: 0,
		leaseOwner: '',
		data: pinnedDataOf(ds),
		appVersion: 'test',
		trials
	});
	study = { ...draft, report: await studyReportFor(db, draft, 3) };
	await db.studies.put(study);
}, 120_000);

afterAll(async () => {
	db.close();
	await db.delete();
});

describe('sharing a study', () => {
	it('carries the objective, the counts, the history, the report and the best trial, through a link exactly', async () => {
		const shared = await readSharedStudy(db, STUDY, 'test');
		expect(shared).toMatchObject({
			kind: 'study',
			name: 'ridge alpha on the S&P 500',
			objective: 'maximize Sharpe ratio after costs',
			status: 'completed',
			model: 'ridge',
			budget: 5,
			counts: { complete: 3, pruned: 1, failed: 1, running: 0 }
		});
		expect(shared.history.number).toEqual([0, 1, 2, 3, 4]);
		expect(shared.history.value.slice(3)).toEqual([null, null]);
		const values = study.trials.slice(0, 3).map((t) => t.value as number);
		const bestValue = Math.max(...values);
		expect(shared.history.bestSoFar[4]).toBe(Number(bestValue.toPrecision(CURVE_DIGITS)));
		expect(shared.bestNumber).toBe(values.indexOf(bestValue));
		expect(shared.best?.metrics['strategy.sharpe']).toBe(bestValue);
		expect(shared.best?.spec.model.params.alpha).toBe(ALPHAS[values.indexOf(bestValue)]);
		expect(shared.best?.curve.value).toHaveLength(SHARE_CURVE_POINTS);
		// The engine's report: DSR over 5 attempts, PBO over the 3 complete trials.
		expect(study.report?.dsr.ok).toBe(true);
		expect(shared.report['dsr.trials']).toBe(5);
		expect(shared.report['dsr.dsr']).toBe(study.report?.dsr.ok ? study.report.dsr.dsr : NaN);
		expect(Object.keys(shared.report).some((k) => k.startsWith('pbo.'))).toBe(study.report?.pbo.ok);
		const link = await encodeShare(shared);
		expect(await decodeShare(link)).toEqual({ ok: true, value: shared, encrypted: false });
		console.info(`study link: ${link.length} characters`);
		expect(link.length).toBeLessThan(4_000);
	});

	it('refuses a running study, and a best trial that is not the study’s best', async () => {
		expect(() => sharedStudyOf({ ...study, status: 'running' }, null, 'test')).toThrow(
			/is running: only a completed or stopped study can be shared/
		);
		const other = await readTrialRecords(db, studyTrialId(STUDY, 0));
		const best = (await readSharedStudy(db, STUDY, 'test')).bestNumber;
		if (best !== 0) expect(() => sharedStudyOf(study, other, 'test')).toThrow(/is not the best trial/);
		await expect(readSharedStudy(db, 'nope', 'test')).rejects.toThrow(/study nope is not stored/);
	});

	it('says why the best trial is not carried when its record is gone', () => {
		const shared = sharedStudyOf(study, null, 'test');
		expect(shared.best).toBeNull();
		expect(shared.notes.join(' ')).toMatch(/best trial \(#\d\) has no trial record/);
	});

	it('down-samples a 500-trial history to 400 points and keeps the best so far', async () => {
		const rng = createRng(11);
		const trials = Array.from({ length: 500 }, (_, i) =>
			entry(i, { state: i % 7 === 3 ? 'pruned' : 'complete', value: rng.normal() })
		);
		const long = { ...study, trials, report: null };
		const shared = sharedStudyOf(long, null, 'test');
		expect(shared.history.number).toHaveLength(MAX_CURVE_POINTS);
		expect(shared.history.number.at(-1)).toBe(499);
		const best = Math.max(...trials.filter((t) => t.state === 'complete').map((t) => t.value as number));
		expect(shared.history.bestSoFar.at(-1)).toBe(Number(best.toPrecision(CURVE_DIGITS)));
		const link = await encodeShare(shared);
		console.info(`500-trial study link, no best trial: ${link.length} characters`);
		expect(await decodeShare(link)).toEqual({ ok: true, value: shared, encrypted: false });
		expect(link.length).toBeLessThan(4_500);
	});

	it('survives 300 seeded mutations of its link: each refused with a message or a valid study', async () => {
		const link = await encodeShare(await readSharedStudy(db, STUDY, 'test'));
		const results = await decodeMutations(link, 300, 20261206);
		for (const r of results) {
			if (r.ok) expect(sharedSchema.parse(r.value).kind).toBe('study');
			else expect(r.message.length).toBeGreaterThan(10);
		}
		expect(results.filter((r) => !r.ok).length).toBeGreaterThan(150);
	}, 60_000);
});
