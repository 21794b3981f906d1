import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { studyRecordSchema, type StudyRecord } from '../db/study-records';
import type { TrialSpec } from '../domain/trial-spec';
import type { Sampler } from '../research/study/sampler';
import { studySpecSchema, type StudySpecInput } from '../research/study/spec';
import { pinnedData, tinyFoldOutput, tinySpec } from '../testing/fixtures';
import { cancelTrial, completeJob, type NewTrial } from './job-store';
import { STUDY_LEASE_MS, StudyRunner, type Admission } from './study-runner';

const FOLDS = 2;
const HOLDOUT = '2020-01-02';

/** Alphas in turn: 0.1 (IC −1), 100 (IC +1), 0.2, 200 … so the best search trial is #2 (number 1). */
const alternating: Sampler = {
	name: 'alternating',
	sample: ({ number }) => ({ alpha: (number % 2 === 0 ? 0.1 : 100) * (1 + Math.floor(number / 2)) })
};

function studyRecord(id: string, overrides: Partial<StudySpecInput> = {}): StudyRecord {
	return studyRecordSchema.parse({
		id,
		spec: studySpecSchema.parse({
			name: 'ridge sweep',
			base: tinySpec({ model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } } }),
			search: { alpha: { range: [0.01, 1000], log: true } },
			sampler: 'random',
			budget: { trials: 4 },
			objective: { metric: 'ic' },
			pruning: { kind: 'none' },
			parallel: 2,
			seed: 7,
			holdout: { from: HOLDOUT },
			...overrides
		}),
		status: 'running',
		stopReason: null,
		error: null,
		createdAt: 0,
		finishedAt: null,
		leaseUntil: 0,
		leaseOwner: '',
		data: pinnedData(),
		appVersion: 'test',
		trials: []
	});
}

function admitted(spec: TrialSpec, id: string, now: number): Admission {
	const trial: NewTrial = {
		id,
		spec,
		task: 'regression',
		appVersion: 'test',
		data: pinnedData(),
		foldBounds: Array.from({ length: FOLDS }, (_, i) => ({
			trainStartT: i,
			trainEndT: i,
			testStartT: i,
			testEndT: i
		})),
		now
	};
	return { ok: true, trial };
}

/** Completes every queued fold: the prediction is the realised value times (log10 alpha − 0.5), so IC = ±1. */
async function runAllJobs(db: MlTrainerDb, now: number): Promise<void> {
	for (;;) {
		const queued = await db.jobs.where('status').equals('queued').first();
		if (!queued) return;
		const job = {
			...queued,
			status: 'running' as const,
			attempts: queued.attempts + 1,
			leaseUntil: now + 60_000
		};
		await db.jobs.put(job);
		const alpha = Number((await db.trials.get(job.trialId))?.spec.model.params.alpha);
		const realised = Float64Array.from([0.01, -0.02]);
		const factor = Math.log10(alpha) - 0.5;
		await completeJob(
			db,
			job,
			tinyFoldOutput({
				t: Float64Array.from([job.fold * 2, job.fold * 2 + 1]),
				row: Float64Array.from([job.fold * 2, job.fold * 2 + 1]),
				predicted: realised.map((r, i) => r * factor + i * 1e-9),
				realised,
				nextReturn: realised
			}),
			now
		);
	}
}

let db: MlTrainerDb;
let n = 0;
let clock = 1_000;
let admits: string[] = [];

function runner(owner: string, extra: Partial<ConstructorParameters<typeof StudyRunner>[0]> = {}) {
	return new StudyRunner({
		db,
		owner,
		admit: async (spec, id, now) => {
			admits.push(id);
			return admitted(spec, id, now);
		},
		samplerFor: () => alternating,
		shouldPrune: () => false,
		cancel: (trialId) => cancelTrial(db, trialId, clock),
		now: () => clock,
		...extra
	});
}

async function study(id = 's'): Promise<StudyRecord> {
	return studyRecordSchema.parse(await db.studies.get(id));
}

/** Steps and runs jobs until the study leaves `running` (or the rounds run out). */
async function drive(r: StudyRunner, rounds = 12): Promise<StudyRecord> {
	for (let i = 0; i < rounds && (await study()).status === 'running'; i++) {
		await r.step('s');
		clock += 1_000;
		await runAllJobs(db, clock);
	}
	return study();
}

beforeEach(() => {
	db = new MlTrainerDb(`study-holdout-${n++}`);
	clock = 1_000;
	admits = [];
});

afterEach(async () => {
	db.close();
	await db.delete();
});

describe('the holdout of a study', () => {
	it('runs the best trial once on the holdout after the search, apart from the search trials', async () => {
		await db.studies.put(studyRecord('s'));
		const finished: (string | null)[] = [];
		const r = runner('tab-a', { onFinished: (_id, best) => finished.push(best) });
		// The search: 4 trials, each cut before the holdout.
		for (let i = 0; i < 6 && (await study()).holdout === null; i++) {
			await r.step('s');
			clock += 1_000;
			await runAllJobs(db, clock);
			await r.step('s');
		}
		let s = await study();
		expect(s.trials).toHaveLength(4);
		expect(s.holdout).toMatchObject({ number: 1, trialId: 's.holdout', state: 'running' });
		// It waits for its holdout trial: not complete, no report, the best not yet checked for look-ahead.
		expect(s.status).toBe('running');
		expect(finished).toEqual([]);
		for (const t of (await db.trials.toArray()).filter((x) => x.id !== 's.holdout')) {
			expect(t.spec.validation.testUntil).toBe(HOLDOUT);
			expect(t.spec.validation.testFrom).toBeUndefined();
		}
		const held = await db.trials.get('s.holdout');
		expect(held?.spec.model.params).toEqual({ alpha: 100, fit_intercept: true });
		expect(held?.spec.validation).toEqual({ ...tinySpec().validation, testFrom: HOLDOUT });
		s = await drive(r);
		expect(s.status).toBe('completed');
		expect(s.holdout).toMatchObject({ number: 1, state: 'complete', value: 1, note: null });
		expect(s.holdout?.value).toBe((await db.trials.get('s.holdout'))?.summary?.direction.ic);
		// Never a search trial: not among the entries, not counted by the report.
		expect(s.trials.map((t) => t.trialId)).not.toContain('s.holdout');
		expect(s.report?.dsr.ok && s.report.dsr.trials).toBe(4);
		expect(admits.filter((id) => id === 's.holdout')).toHaveLength(1);
		expect(finished).toEqual(['s.001']);
		const done = (await db.audit.toArray()).filter((e) => e.type === 'study.completed');
		expect(done).toHaveLength(1);
		expect(done[0].detail).toMatchObject({ holdout: { from: HOLDOUT, state: 'complete', value: 1 } });
	});

	it('survives a crash during the holdout: the next tab waits for the same trial and creates no other', async () => {
		await db.studies.put(studyRecord('s'));
		const a = runner('tab-a');
		for (let i = 0; i < 6 && (await study()).holdout === null; i++) {
			await a.step('s');
			clock += 1_000;
			await runAllJobs(db, clock);
			await a.step('s');
		}
		expect((await study()).holdout?.state).toBe('running');
		// Tab A is gone before the holdout trial ran; tab B takes over after the lease.
		clock += STUDY_LEASE_MS + 1;
		const b = runner('tab-b');
		await b.step('s');
		await b.step('s');
		expect((await study()).holdout?.state).toBe('running');
		const s = await drive(b);
		expect(s.status).toBe('completed');
		expect(s.holdout?.state).toBe('complete');
		expect((await db.trials.toArray()).map((t) => t.id).sort()).toEqual([
			's.000',
			's.001',
			's.002',
			's.003',
			's.holdout'
		]);
		expect(admits.filter((id) => id === 's.holdout')).toHaveLength(1);
	});

	it('never creates the holdout trial twice: a writer that recorded it first wins, the late one writes nothing', async () => {
		await db.studies.put(studyRecord('s', { budget: { trials: 2 } }));
		const r = runner('tab-a', {
			admit: async (spec, id, now) => {
				if (id === 's.holdout') {
					const s = await study();
					await db.studies.put({
						...s,
						holdout: {
							number: 1,
							trialId: null,
							state: 'failed',
							value: null,
							note: 'other writer',
							createdAt: now,
							finishedAt: now
						}
					});
				}
				return admitted(spec, id, now);
			}
		});
		const s = await drive(r);
		expect(s.status).toBe('completed');
		expect(s.holdout?.note).toBe('other writer');
		expect(await db.trials.get('s.holdout')).toBeUndefined();
	});

	it('is skipped, saying why, when no search trial completed; the study still completes', async () => {
		await db.studies.put(studyRecord('s', { budget: { trials: 2 } }));
		const r = runner('tab-a', {
			admit: async (spec, id, now) =>
				id === 's.holdout' ? admitted(spec, id, now) : { ok: false, reason: 'alpha out of range' }
		});
		const s = await drive(r);
		expect(s.status).toBe('completed');
		expect(s.holdout).toMatchObject({ state: 'skipped', number: null, trialId: null });
		expect(s.holdout?.note).toMatch(/no search trial completed/);
		expect(await db.trials.count()).toBe(0);
	});

	it('records a holdout trial the gateway refuses as failed with the reason, and completes', async () => {
		await db.studies.put(studyRecord('s', { budget: { trials: 2 } }));
		const r = runner('tab-a', {
			admit: async (spec, id, now) =>
				id === 's.holdout' ? { ok: false, reason: 'the dataset changed' } : admitted(spec, id, now)
		});
		const s = await drive(r);
		expect(s.status).toBe('completed');
		expect(s.holdout).toMatchObject({ state: 'failed', note: 'refused by the gateway: the dataset changed' });
	});

	it('runs no holdout for a study without one', async () => {
		await db.studies.put(studyRecord('s', { budget: { trials: 2 }, holdout: undefined }));
		const s = await drive(runner('tab-a'));
		expect(s.status).toBe('completed');
		expect(s.holdout).toBeNull();
		expect(admits).toEqual(['s.000', 's.001']);
		expect((await db.trials.toArray()).every((t) => t.spec.validation.testUntil === undefined)).toBe(true);
	});
});
