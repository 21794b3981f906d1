import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { trialRecordSchema } from '../db/records';
import { studyRecordSchema, type StudyRecord } from '../db/study-records';
import { stitchFolds, strategyOf } from '../domain/aggregate';
import { createRng } from '../domain/random';
import { OBJECTIVE_METRICS, objectiveValue } from '../research/study/objective';
import { studyReport, type TrialReturns } from '../research/study/report';
import { studySpecSchema } from '../research/study/spec';
import { pinnedData, tinyFoldOutput, tinySpec } from '../testing/fixtures';
import { claimNextJob, completeJob, createTrial } from './job-store';
import { foldSeriesOf, foldSeriesRecordSchema, runningObjectivesOf, studyReportFor } from './study-data';

let db: MlTrainerDb;
let n = 0;
beforeEach(() => {
	db = new MlTrainerDb(`study-data-${n++}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

const FOLDS = 3;

/** Trials s.000 … s.007 with FOLDS folds of 10 noisy rows each, all run; entries 2 pruned, 5's trial deleted. */
async function study(): Promise<StudyRecord> {
	const rng = createRng(4);
	const spec = studySpecSchema.parse({
		name: 'report',
		base: tinySpec(),
		search: { alpha: { range: [0.01, 100], log: true } },
		sampler: 'random',
		budget: { trials: 8 },
		objective: { metric: 'ic' },
		seed: 1
	});
	const entries = [];
	for (let k = 0; k < 8; k++) {
		const id = `s.00${k}`;
		const foldBounds = Array.from({ length: FOLDS }, (_, i) => ({
			trainStartT: i,
			trainEndT: i,
			testStartT: i,
			testEndT: i
		}));
		await createTrial(db, {
			id,
			spec: tinySpec(),
			task: 'regression',
			appVersion: 't',
			data: pinnedData(),
			foldBounds,
			now: k
		});
		entries.push({
			number: k,
			trialId: id,
			params: { alpha: 1 },
			state: k === 2 ? 'pruned' : 'complete',
			value: rng.normal(),
			intermediate: [],
			note: null,
			createdAt: k,
			finishedAt: k + 1
		});
	}
	for (let job = await claimNextJob(db, 10, 1e9); job; job = await claimNextJob(db, 10, 1e9)) {
		const realised = Float64Array.from({ length: 10 }, () => 0.01 * rng.normal());
		const rows = Float64Array.from(realised, (_, i) => job.fold * 10 + i);
		await completeJob(
			db,
			job,
			tinyFoldOutput({
				t: rows,
				row: rows,
				predicted: realised.map((r) => r + 0.01 * rng.normal()),
				realised,
				nextReturn: realised
			}),
			20
		);
	}
	await db.trials.delete('s.005');
	return studyRecordSchema.parse({
		id: 's',
		spec,
		status: 'running',
		stopReason: null,
		error: null,
		createdAt: 0,
		finishedAt: null,
		leaseUntil: 0,
		leaseOwner: '',
		data: pinnedData(),
		appVersion: 't',
		trials: entries
	});
}

describe('the study report as read from storage', () => {
	it('equals the report over each complete trial read, parsed and stitched one at a time', async () => {
		const s = await study();
		const series: TrialReturns[] = [];
		for (const entry of s.trials) {
			if (entry.state !== 'complete' || !entry.trialId) continue;
			const row = await db.trials.get(entry.trialId);
			if (!row) continue;
			const trial = trialRecordSchema.parse(row);
			const results = await db.results.where('trialId').equals(trial.id).toArray();
			const stitched = stitchFolds(results.map((r) => foldSeriesOf(foldSeriesRecordSchema.parse(r))));
			series.push({
				number: entry.number,
				t: stitched.t,
				net: strategyOf(stitched, trial.task, trial.spec.strategy).net
			});
		}
		expect(series.map((x) => x.number)).toEqual([0, 1, 3, 4, 6, 7]);
		expect(series.every((x) => x.t.length === FOLDS * 10)).toBe(true);
		const best = s.trials
			.filter((t) => t.state === 'complete')
			.reduce((a, b) => ((b.value ?? -1) > (a.value ?? -1) ? b : a));
		const got = await studyReportFor(db, s, 99);
		expect(got).toEqual({ computedAt: 99, ...studyReport(series, best.number, 8) });
		expect(got.pbo.ok && got.pbo.trials).toBe(6);
	});
});

describe('a completed trial’s running objectives', () => {
	it('end, for every objective, bitwise on the value its summary gives, so that one need not be recomputed', async () => {
		await study();
		for (const id of ['s.000', 's.003', 's.007']) {
			const trial = trialRecordSchema.parse(await db.trials.get(id));
			expect(trial.status).toBe('completed');
			const folds = (await db.results.where('trialId').equals(id).toArray()).map((r) =>
				foldSeriesOf(foldSeriesRecordSchema.parse(r))
			);
			for (const metric of OBJECTIVE_METRICS) {
				const value = objectiveValue(trial.summary!, metric);
				const computed = runningObjectivesOf(folds, trial, metric);
				const shortcut = runningObjectivesOf(folds, trial, metric, [], { folds: FOLDS, value });
				expect(computed).toHaveLength(FOLDS);
				expect(shortcut.every((v, i) => Object.is(v, computed[i]))).toBe(true);
				expect(
					runningObjectivesOf(folds, trial, metric, computed.slice(0, 1), { folds: FOLDS, value })
				).toEqual(computed);
			}
		}
	});
});
