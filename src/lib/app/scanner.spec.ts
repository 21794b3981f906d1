import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { foldResultRecordSchema, type DatasetRecord } from '../db/records';
import { stitchFolds } from '../domain/aggregate';
import { featureWarmup } from '../domain/feature-spec';
import { trialSpecSchema, type TrialSpecInput } from '../domain/trial-spec';
import { createTrial } from '../engine/job-store';
import { runLookaheadCheck } from '../engine/lookahead-runner';
import { TrialEngine } from '../engine/trial-engine';
import { WorkerPool } from '../engine/worker-pool';
import { loadModel } from '../models/registry';
import { predictFoldRows } from '../models/run-fold';
import { candidateFrom } from '../research/recommend/candidate';
import { scoreFold } from '../research/recommend/scan-spec';
import { tinySpec } from '../testing/fixtures';
import { benchmarkDataset } from '../testing/feature-inputs';
import { pinInput } from '../data/feature-input-pins';
import { featureInputsSchema } from '../domain/feature-inputs';
import { loadTrialInputs } from '../engine/trial-inputs';
import { featureInputData } from '../workers/job-checks';
import { trialRecordSchema } from '../db/records';
import { InProcessWorker } from '../testing/in-process-worker';
import { trialOn } from '../testing/pinned';
import { sp500Dataset } from '../testing/sp500';
import type { TrialWorkerApi } from '../workers/protocol';
import { promoteTrial, promotionCheck, setPromotedActive } from './promotion';
import { closeReversals, openRecommendation, openTopN } from './recommendations';
import { resetPortfolio } from './portfolio';
import { runScan, type ScanDeps } from './scanner';
import { latestRecommendations } from './scanner-read';
import { saveScannerSettings } from './scanner-settings';

const SERIES = 'sp500';
let db: MlTrainerDb;
let pool: WorkerPool<TrialWorkerApi>;
let engine: TrialEngine;
let ds: DatasetRecord;
let n = 0;
let submitted = 0;

beforeEach(async () => {
	db = new MlTrainerDb(`scanner-${n++}`);
	ds = sp500Dataset(SERIES, { bundled: true });
	await db.datasets.put(ds);
	pool = new WorkerPool<TrialWorkerApi>(() => new InProcessWorker(), { size: 1, init: (api) => api.init() });
	engine = new TrialEngine({ db, pool });
	await engine.start();
	submitted = 0;
});

afterEach(async () => {
	engine.stop();
	pool.close();
	db.close();
	await db.delete();
});

const validation = { mode: 'rolling', trainLength: 750, testLength: 250, step: 250, embargo: 1 } as const;

/** The test's stand-in for app/trials.ts submitTrial: parse, pin to the stored version, store, run. */
const deps = (): ScanDeps => ({
	db,
	pool,
	pollMs: 20,
	submit: async (input: TrialSpecInput) => {
		const spec = trialSpecSchema.parse(input);
		const id = `scan-trial-${submitted++}`;
		await createTrial(db, trialOn(ds, id, spec));
		engine.pump();
		return { ok: true, id };
	}
});

async function jobInputs(raw: unknown) {
	const r = await loadTrialInputs(db, trialRecordSchema.parse(raw));
	if (!r.ok) throw new Error(r.reason);
	return r.inputs;
}

async function completedRidge(id: string): Promise<void> {
	const spec = tinySpec({ name: 'ridge 1d', datasetId: SERIES, validation });
	await createTrial(db, trialOn(ds, id, spec));
	engine.pump();
	await engine.whenIdle();
}

describe('promoting a trial to the scanner', () => {
	it('refuses without a look-ahead check, then promotes with its DSR shown and audited', async () => {
		await completedRidge('base');
		expect(await promotionCheck(db, 'base')).toMatchObject({ ok: false, code: 'lookahead_missing' });
		expect(await promotionCheck(db, 'nope')).toMatchObject({ ok: false, code: 'unknown_trial' });
		const check = await runLookaheadCheck(db, pool, 'base');
		expect(check.ok && check.verdict.firstLeak).toBeNull();
		const ok = await promotionCheck(db, 'base');
		if (!ok.ok) throw new Error(ok.reason);
		// One trial on the series: no selection, so the DSR is its PSR against zero.
		expect(ok.evidence.trials).toBe(1);
		expect(ok.evidence.dsr).toBeCloseTo(ok.evidence.psr0, 12);
		expect(ok.evidence.checkedPoints).toBeGreaterThan(0);
		const p = await promoteTrial(db, 'base', 7);
		expect(p).toMatchObject({ id: 'promoted-base', trialId: 'base', label: 'ridge 1d', active: true });
		await expect(promoteTrial(db, 'base')).rejects.toMatchObject({ code: 'already_promoted' });
		const audit = (await db.audit.toArray()).filter((e) => e.type === 'scanner.promoted');
		expect(audit[0].summary).toMatch(/^Promoted "ridge 1d" to the scanner \(DSR 0\.\d{3} among 1 trial\)$/);
		await setPromotedActive(db, p.id, false);
		expect((await db.promoted.get(p.id))?.active).toBe(false);
	});

	it('counts every completed trial on the same series in the DSR', async () => {
		await completedRidge('a');
		await createTrial(
			db,
			trialOn(
				ds,
				'b',
				tinySpec({
					name: 'ridge α10',
					datasetId: SERIES,
					validation,
					model: { id: 'ridge', params: { alpha: 10, fit_intercept: true } }
				})
			)
		);
		engine.pump();
		await engine.whenIdle();
		await runLookaheadCheck(db, pool, 'a');
		const ok = await promotionCheck(db, 'a');
		if (!ok.ok) throw new Error(ok.reason);
		expect(ok.evidence.trials).toBe(2);
		expect(ok.evidence.dsr).toBeLessThan(ok.evidence.psr0);
	});
});

describe('a scan', () => {
	it('runs an evidence trial per horizon, scores the last bar, and stores ranked recommendations', async () => {
		await completedRidge('base');
		await runLookaheadCheck(db, pool, 'base');
		await promoteTrial(db, 'base');
		await saveScannerSettings(db, { rules: { minProbability: 0.5, minRiskReward: 0 } });
		const scan = await runScan(deps(), {
			universeName: 'one',
			members: [{ symbol: '^GSPC', seriesKey: SERIES }]
		});
		expect(scan.status).toBe('completed');
		expect(scan.cells.map((c) => c.horizon)).toEqual(['short', 'long']);
		expect(scan.dataDate).toBe('2020-04-17');
		for (const c of scan.cells) {
			expect(c.trialId).not.toBeNull();
			const trial = (await db.trials.get(c.trialId!))!;
			expect(trial.status).toBe('completed');
			expect(trial.spec.target.horizon).toBe(c.horizon === 'short' ? 10 : 60);
			expect(trial.spec.validation.embargo).toBe(c.horizon === 'short' ? 10 : 60);
			// The score, recomputed here: the model fitted an embargo before the last bar, predicting it.
			const f = scoreFold(ds.bars.t.length, trial.spec.validation, featureWarmup(trial.spec.features));
			const direct = await predictFoldRows(trial.spec, f, ds.bars, await loadModel('ridge'), [
				ds.bars.t.length - 1
			]);
			expect(c.score).toBe(direct[0]);
			// And its probability from that trial's out-of-sample predictions.
			const folds = (await db.results.where('trialId').equals(trial.id).toArray()).map((r) =>
				foldResultRecordSchema.parse(r)
			);
			const made = candidateFrom({
				symbol: '^GSPC',
				horizon: c.horizon,
				horizonDays: trial.spec.target.horizon,
				modelId: 'ridge',
				task: 'regression',
				dataDate: '2020-04-17',
				entry: ds.bars.close.at(-1)!,
				score: direct[0],
				outOfSample: stitchFolds(folds)
			});
			if (!made.ok) throw new Error(made.reason);
			if (c.status === 'scored') expect(c.probability).toBe(made.candidate.probability);
			else
				expect(c).toMatchObject({
					status: 'rejected',
					reason: expect.stringMatching(/probability .* < minimum/)
				});
		}
		const latest = await latestRecommendations(db);
		expect(latest?.scan.id).toBe(scan.id);
		const recs = latest!.recommendations;
		expect(recs.length).toBe(scan.cells.filter((c) => c.status === 'scored').length);
		recs.forEach((r, i) => {
			expect(r.rank).toBe(i + 1);
			expect(r.dataDate).toBe('2020-04-17');
			expect(r.entry).toBe(ds.bars.close.at(-1));
			expect(r.target).toBeCloseTo(r.entry * (r.horizon === 'short' ? 1.03 : 1.08), 9);
			expect(r.regime?.state).toMatch(/trending|choppy|neutral/);
			if (i > 0) expect(r.composite).toBeLessThanOrEqual(recs[i - 1].composite);
		});
		// A second scan before new bars reuses both evidence trials.
		const before = submitted;
		const again = await runScan(deps(), {
			universeName: 'one',
			members: [{ symbol: '^GSPC', seriesKey: SERIES }]
		});
		expect(submitted).toBe(before);
		expect(again.cells.map((c) => c.trialId)).toEqual(scan.cells.map((c) => c.trialId));
		const audit = (await db.audit.toArray()).filter((e) => e.type === 'scanner.scan');
		expect(audit).toHaveLength(2);
	}, 120_000);

	it('says which members it could not scan, and refuses with nothing promoted', async () => {
		await expect(
			runScan(deps(), { universeName: 'u', members: [{ symbol: 'X', seriesKey: 'missing' }] })
		).rejects.toMatchObject({ code: 'nothing_promoted' });
		await completedRidge('base');
		await runLookaheadCheck(db, pool, 'base');
		await promoteTrial(db, 'base');
		const scan = await runScan(deps(), {
			universeName: 'u',
			members: [{ symbol: 'QQQ', seriesKey: 'polygon-qqq-1day' }]
		});
		expect(scan.cells.map((c) => [c.status, c.reason])).toEqual([
			['failed', 'no stored bars for QQQ: fetch the universe first'],
			['failed', 'no stored bars for QQQ: fetch the universe first']
		]);
		expect((await latestRecommendations(db))?.recommendations).toEqual([]);
	}, 60_000);
});

describe('a scan that cannot wait', () => {
	it('fails only the cell whose trial misses its deadline, and stops when cancelled', async () => {
		await completedRidge('base');
		await runLookaheadCheck(db, pool, 'base');
		await promoteTrial(db, 'base');
		engine.stop(); // the evidence trials stay queued
		let clock = 1_000;
		const slow: ScanDeps = { ...deps(), trialDeadlineMs: 0, now: () => (clock += 1) };
		const scan = await runScan(slow, {
			universeName: 'u',
			members: [{ symbol: '^GSPC', seriesKey: SERIES }]
		});
		expect(scan.status).toBe('completed');
		expect(scan.cells.map((c) => [c.status, c.reason])).toEqual([
			['failed', 'its trial did not finish within 0 minutes'],
			['failed', 'its trial did not finish within 0 minutes']
		]);
		const controller = new AbortController();
		controller.abort();
		await expect(
			runScan(
				{ ...deps(), signal: controller.signal },
				{ universeName: 'u', members: [{ symbol: '^GSPC', seriesKey: SERIES }] }
			)
		).rejects.toMatchObject({ code: 'cancelled' });
		const [last] = await db.scans.orderBy('startedAt').reverse().toArray();
		expect(last.status).toBe('cancelled');
	}, 60_000);
});

describe('a scan of a promoted trial whose features read a benchmark', () => {
	it('moves the benchmark to its newest version and sends it with the score job', async () => {
		// v1 of the benchmark ends 200 bars early; v2 (the same series, fetched later) has every day.
		const short = ds.bars.t.length - 200;
		const v1 = { ...benchmarkDataset('bench', short), seriesKey: 'bench', version: 1 };
		const v2 = { ...benchmarkDataset('bench@v2'), seriesKey: 'bench', version: 2 };
		await db.datasets.bulkPut([v1]);
		const inputs = featureInputsSchema.parse([{ kind: 'dataset', id: 'bench', role: 'benchmark' }]);
		const base = tinySpec({
			name: 'ridge rs',
			datasetId: SERIES,
			validation,
			features: { set: 'daily_v1', inputs }
		});
		await createTrial(db, {
			...trialOn(ds, 'base', base),
			inputs: [pinInput({ kind: 'dataset', record: v1 })]
		});
		engine.pump();
		await engine.whenIdle();
		expect((await db.trials.get('base'))?.status).toBe('completed');
		await runLookaheadCheck(db, pool, 'base');
		await promoteTrial(db, 'base');
		await db.datasets.put(v2);
		const withPins: ScanDeps = {
			...deps(),
			submit: async (input: TrialSpecInput) => {
				const spec = trialSpecSchema.parse(input);
				const id = `scan-trial-${submitted++}`;
				const pins = (spec.features.inputs ?? []).map((x) =>
					pinInput({ kind: 'dataset', record: x.id === 'bench@v2' ? v2 : v1 })
				);
				await createTrial(db, { ...trialOn(ds, id, spec), inputs: pins });
				engine.pump();
				return { ok: true, id };
			}
		};
		const scan = await runScan(withPins, {
			universeName: 'one',
			members: [{ symbol: '^GSPC', seriesKey: SERIES }]
		});
		for (const c of scan.cells) {
			expect(c.status === 'scored' || c.status === 'rejected').toBe(true);
			const trial = (await db.trials.get(c.trialId!))!;
			expect(trial.spec.features.inputs?.[0].id).toBe('bench@v2');
			// The score, recomputed with the benchmark's newest bars: the job carried them.
			const f = scoreFold(ds.bars.t.length, trial.spec.validation, featureWarmup(trial.spec.features));
			const direct = await predictFoldRows(
				trial.spec,
				f,
				ds.bars,
				await loadModel('ridge'),
				[ds.bars.t.length - 1],
				{
					inputs: featureInputData(await jobInputs(trial))
				}
			);
			expect(c.score).toBe(direct[0]);
		}
	}, 120_000);
});

describe('opening recommendations as paper positions', () => {
	it('opens the best N at the scored close with the rule’s target and stop, and refuses a stale one', async () => {
		await completedRidge('base');
		await runLookaheadCheck(db, pool, 'base');
		await promoteTrial(db, 'base');
		// Every candidate accepted, so both horizons have a recommendation to open.
		await saveScannerSettings(db, { rules: { minProbability: 0.5, minRiskReward: 0 } });
		const scan = await runScan(deps(), {
			universeName: 'one',
			members: [{ symbol: '^GSPC', seriesKey: SERIES }]
		});
		const { recommendations } = (await latestRecommendations(db))!;
		if (recommendations.length === 0)
			return expect(scan.cells.every((c) => c.status === 'rejected')).toBe(true);
		await expect(openTopN(db, scan.id, 1)).rejects.toMatchObject({ code: 'no_portfolio' });
		await resetPortfolio(db, {});
		const opened = await openTopN(db, scan.id, 5);
		expect(opened.filter((o) => o.event?.kind === 'opened')).toHaveLength(recommendations.length);
		const state = (await db.portfolios.get('paper'))!.state;
		for (const r of recommendations) {
			const p = state.positions.find((x) => x.horizon === r.horizon)!;
			expect(p.entryDate).toBe(r.dataDate);
			expect(p.target / p.entryPrice).toBeCloseTo(r.target / r.entry, 9);
			expect((await db.recommendations.get(r.id))?.positionId).toBe(p.id);
		}
		await expect(openRecommendation(db, recommendations[0].id)).rejects.toThrow(/is already open/);
		// A later scan in which the model turned for the short horizon closes that position (signal reversal);
		// one scored on another day, or for the other horizon with P(up) ≥ ½, leaves the rest alone.
		const cell = (horizon: 'short' | 'long', probability: number, dataDate: string) => ({
			...scan.cells.find((c) => c.horizon === horizon)!,
			status: 'scored' as const,
			probability,
			dataDate
		});
		const later = {
			...scan,
			id: 'later',
			cells: [cell('short', 0.3, '2020-04-16'), cell('long', 0.6, '2020-04-17')]
		};
		expect(await closeReversals(db, later)).toEqual([]);
		const turned = { ...later, cells: [cell('short', 0.3, '2020-04-17'), cell('long', 0.6, '2020-04-17')] };
		const reversed = await closeReversals(db, turned);
		expect(
			reversed.map((e) => (e.kind === 'closed' ? `${e.horizon} ${e.reason} ${e.date}` : e.kind))
		).toEqual(['short reversal 2020-04-17']);
		expect((await db.portfolios.get('paper'))!.state.positions.map((p) => p.horizon)).toEqual(['long']);
		// A recommendation whose series has bars after its data date was about another entry.
		await db.recommendations.update(recommendations[1].id, { positionId: null, dataDate: '2020-04-16' });
		await expect(openRecommendation(db, recommendations[1].id)).rejects.toMatchObject({
			code: 'stale_data',
			message: expect.stringMatching(/close of 2020-04-16, but \^GSPC's data now ends 2020-04-17: scan again/)
		});
	}, 120_000);
});
