import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { studyRecordSchema, type StudyRecord } from '../db/study-records';
import type { TrialSpec } from '../domain/trial-spec';
import type { Sampler } from '../research/study/sampler';
import { paramsFromUnit, SpaceError } from '../research/study/space';
import { studySpecSchema, type StudySpecInput } from '../research/study/spec';
import { pinnedData, tinyFoldOutput, tinySpec } from '../testing/fixtures';
import { cancelTrial, completeJob, type NewTrial } from './job-store';
import {
	STUDY_FLUSH_MS,
	STUDY_LEASE_MS,
	StudyRunner,
	type Admission,
	type PruneQuestion
} from './study-runner';

const FOLDS = 3;

/** Uniform in the unit cube from the request's generator: the simplest honest sampler. */
const uniform: Sampler = {
	name: 'uniform',
	sample: ({ space, rng }) =>
		paramsFromUnit(
			space,
			Array.from(space, () => rng.next())
		)
};

function studyInput(overrides: Partial<StudySpecInput> = {}): StudySpecInput {
	return {
		name: 'ridge sweep',
		base: tinySpec({ model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } } }),
		search: { alpha: { range: [0.01, 100], log: true } },
		sampler: 'random',
		budget: { trials: 6 },
		objective: { metric: 'ic' },
		pruning: { kind: 'none' },
		parallel: 2,
		seed: 7,
		...overrides
	};
}

function studyRecord(id: string, overrides: Partial<StudySpecInput> = {}, createdAt = 0): StudyRecord {
	return studyRecordSchema.parse({
		id,
		spec: studySpecSchema.parse(studyInput(overrides)),
		status: 'running',
		stopReason: null,
		error: null,
		createdAt,
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

/**
 * The "engine": completes every queued fold. Fold f of a trial predicts the realised values times
 * (log10 alpha − 0.5): a positive factor gives IC +1, a negative one IC −1, so the objective is known.
 */
async function runAllJobs(db: MlTrainerDb, now: number, only?: (fold: number) => boolean): Promise<number> {
	let done = 0;
	for (;;) {
		// The oldest queued job the filter allows, leased as the engine would lease it.
		const queued = (await db.jobs.where('status').equals('queued').toArray())
			.filter((j) => !only || only(j.fold))
			.sort((a, b) => (a.trialId === b.trialId ? a.fold - b.fold : a.trialId < b.trialId ? -1 : 1));
		if (queued.length === 0) return done;
		const job = {
			...queued[0],
			status: 'running' as const,
			attempts: queued[0].attempts + 1,
			leaseUntil: now + 60_000
		};
		await db.jobs.put(job);
		const trial = await db.trials.get(job.trialId);
		const alpha = Number(trial?.spec.model.params.alpha);
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
		done++;
	}
}

let db: MlTrainerDb;
let n = 0;
let clock = 1_000;

function runner(
	owner: string,
	extra: Partial<ConstructorParameters<typeof StudyRunner>[0]> = {}
): StudyRunner {
	return new StudyRunner({
		db,
		owner,
		admit: async (spec, id, now) => admitted(spec, id, now),
		samplerFor: () => uniform,
		shouldPrune: () => false,
		cancel: (trialId) => cancelTrial(db, trialId, clock),
		now: () => clock,
		...extra
	});
}

async function study(id = 's'): Promise<StudyRecord> {
	return studyRecordSchema.parse(await db.studies.get(id));
}

beforeEach(() => {
	db = new MlTrainerDb(`study-runner-${n++}`);
	clock = 1_000;
});

afterEach(async () => {
	db.close();
	await db.delete();
});

describe('the study runner', () => {
	it('keeps `parallel` trials active, samples the budget, records each objective and completes', async () => {
		await db.studies.put(studyRecord('s'));
		const finished: [string, string | null][] = [];
		const r = runner('tab-a', { onFinished: (id, best) => finished.push([id, best]) });
		await r.step('s');
		let s = await study();
		expect(s.trials.map((t) => [t.number, t.state])).toEqual([
			[0, 'running'],
			[1, 'running']
		]);
		expect(await db.trials.count()).toBe(2);
		for (let round = 0; round < 10 && s.status === 'running'; round++) {
			clock += 1_000;
			await runAllJobs(db, clock);
			await r.step('s');
			s = await study();
			expect(s.trials.filter((t) => t.state === 'running').length).toBeLessThanOrEqual(2);
		}
		expect(s.status).toBe('completed');
		expect(s.stopReason).toMatch(/budget of 6 trials/);
		expect(s.trials).toHaveLength(6);
		const trials = await db.trials.toArray();
		expect(trials.map((t) => t.id).sort()).toEqual(s.trials.map((t) => `s.00${t.number}`));
		for (const entry of s.trials) {
			const trial = trials.find((t) => t.id === entry.trialId);
			expect(entry.state).toBe('complete');
			// The stored objective is the trial summary's IC: +1 above alpha 10^0.5, −1 below.
			expect(entry.value).toBe(trial?.summary?.direction.ic);
			expect(entry.value).toBe(Number(entry.params.alpha) > 10 ** 0.5 ? 1 : -1);
			expect(entry.intermediate).toHaveLength(FOLDS);
			expect(trial?.spec.model.params.fit_intercept).toBe(true); // fixed at the base value
		}
		const audit = (await db.audit.toArray()).map((e) => e.type);
		expect(audit.filter((t) => t === 'study.completed')).toHaveLength(1);
		// The report counts every trial and names the best by the objective (the first with IC +1).
		const firstBest = s.trials.find((t) => t.value === 1);
		expect(s.report?.bestNumber).toBe(firstBest?.number);
		expect(s.report?.dsr.ok && s.report.dsr.trials).toBe(6);
		expect(s.report?.pbo.ok && s.report.pbo.trials).toBe(6);
		expect(finished).toEqual([['s', firstBest?.trialId]]);
	});

	it('is reproducible: the same seed samples the same parameters whatever the completion order', async () => {
		await db.studies.put(studyRecord('s'));
		const r = runner('tab-a');
		for (let i = 0; i < 10; i++) {
			await r.step('s');
			clock += 1_000;
			await runAllJobs(db, clock);
		}
		const first = (await study()).trials.map((t) => t.params.alpha);
		await db.studies.put(studyRecord('t'));
		const r2 = runner('tab-b');
		for (let i = 0; i < 10; i++) {
			await r2.step('t');
			clock += 1_000;
			await runAllJobs(db, clock, (fold) => fold !== 1 || i % 2 === 0);
		}
		expect((await study('t')).trials.map((t) => t.params.alpha)).toEqual(first);
	});

	it('survives a crash: another tab takes over after the lease, with no lost or duplicate trial', async () => {
		await db.studies.put(studyRecord('s'));
		await runner('tab-a').step('s');
		clock += 1_000;
		await runAllJobs(db, clock);
		// Tab A is gone. Tab B cannot take the study while A's lease runs …
		const b = runner('tab-b');
		await b.step('s');
		expect((await study()).trials).toHaveLength(2);
		// … and carries on once it has passed.
		clock += STUDY_LEASE_MS + 1;
		for (let i = 0; i < 10 && (await study()).status === 'running'; i++) {
			await b.step('s');
			clock += 1_000;
			await runAllJobs(db, clock);
		}
		const s = await study();
		expect(s.status).toBe('completed');
		expect(s.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(await db.trials.count()).toBe(6);
		expect(s.leaseOwner).toBe('tab-b');
	});

	it('never creates trial k twice: a second writer that got there first wins, the late one writes nothing', async () => {
		await db.studies.put(studyRecord('s', { parallel: 1 }));
		let raced = false;
		const r = runner('tab-a', {
			admit: async (spec, id, now) => {
				if (!raced) {
					raced = true;
					// Another writer appends entry 0 (and its trial) while this one is at the gateway.
					const s = await study();
					await db.studies.put({
						...s,
						trials: [
							{
								number: 0,
								trialId: null,
								params: { alpha: 1 },
								state: 'failed',
								value: null,
								intermediate: [],
								note: 'other writer',
								createdAt: now,
								finishedAt: now
							}
						]
					});
				}
				return admitted(spec, id, now);
			}
		});
		await r.step('s');
		const s = await study();
		expect(s.trials.map((t) => [t.number, t.note])).toEqual([
			[0, 'other writer'],
			[1, null]
		]);
		expect((await db.trials.toArray()).map((t) => t.id)).toEqual(['s.001']);
	});

	it('prunes a trial when the pruner says so: cancelled, marked with its last running value and why', async () => {
		await db.studies.put(studyRecord('s', { pruning: { kind: 'median', startupTrials: 0, warmupFolds: 0 } }));
		const questions: PruneQuestion[] = [];
		const r = runner('tab-a', {
			// Trial 0 below 10^0.5 (IC −1), trial 1 above it (IC +1).
			samplerFor: () => ({
				name: 'fixed',
				sample: ({ number }) => ({ alpha: number % 2 === 0 ? 0.1 : 100 })
			}),
			shouldPrune: (q) => {
				questions.push(q);
				return q.values[q.values.length - 1] < 0;
			}
		});
		await r.step('s');
		clock += 1_000;
		await runAllJobs(db, clock, (fold) => fold === 0);
		await r.step('s');
		const s = await study();
		const negative = s.trials.filter((t) => Number(t.params.alpha) < 10 ** 0.5);
		expect(questions.length).toBeGreaterThan(0);
		expect(questions[0]).toMatchObject({ step: 1, startupTrials: 0, warmupSteps: 0 });
		const first = s.trials.filter((x) => x.number < 2);
		expect(first.map((t) => t.state).sort()).toEqual(['pruned', 'running']);
		for (const t of negative.filter((x) => x.number < 2)) {
			expect(t.state).toBe('pruned');
			expect(t.value).toBe(-1);
			expect(t.note).toMatch(/pruned after 1 of 3 folds/);
			expect((await db.trials.get(t.trialId as string))?.status).toBe('cancelled');
		}
	});

	it('records a trial the gateway refuses as failed, with the reason, and goes on', async () => {
		await db.studies.put(studyRecord('s', { budget: { trials: 3 }, parallel: 1 }));
		let calls = 0;
		const r = runner('tab-a', {
			admit: async (spec, id, now) =>
				calls++ === 0 ? { ok: false, reason: 'alpha out of range' } : admitted(spec, id, now)
		});
		await r.step('s');
		const s = await study();
		expect(s.trials[0]).toMatchObject({
			state: 'failed',
			trialId: null,
			note: 'refused by the gateway: alpha out of range'
		});
		expect(s.trials[1]).toMatchObject({ state: 'running', trialId: 's.001' });
	});

	it('ends when the sampler has nothing left (an exhausted grid), once the running trials finish', async () => {
		await db.studies.put(studyRecord('s'));
		let left = 2;
		const r = runner('tab-a', {
			samplerFor: () => ({
				name: 'two-points',
				sample: (req) => {
					if (left-- <= 0) throw new SpaceError('the grid is exhausted: 2 points');
					return uniform.sample(req);
				}
			})
		});
		await r.step('s');
		expect((await study()).status).toBe('running');
		clock += 1_000;
		await runAllJobs(db, clock);
		await r.step('s');
		const s = await study();
		expect(s.status).toBe('completed');
		expect(s.stopReason).toBe('the grid is exhausted: 2 points');
		expect(s.trials).toHaveLength(2);
	});

	it('stops sampling when the time budget runs out and completes after the running trials', async () => {
		await db.studies.put(studyRecord('s', { budget: { trials: 50, minutes: 1 } }, clock));
		const r = runner('tab-a');
		await r.step('s');
		clock += 61_000;
		await r.step('s');
		expect((await study()).trials).toHaveLength(2);
		await runAllJobs(db, clock);
		await r.step('s');
		const s = await study();
		expect(s.status).toBe('completed');
		expect(s.stopReason).toBe('the time budget of 1 minutes ran out');
	});

	it('warm-starts from earlier finished studies of the same model, series, objective and features', async () => {
		const done = (
			id: string,
			metric: 'ic' | 'rmse',
			createdAt: number,
			over: Partial<StudySpecInput> = {}
		) => {
			const r = studyRecord(id, { objective: { metric }, ...over }, createdAt);
			return {
				...r,
				status: 'completed' as const,
				trials: [0.5, -0.25].map((value, number) => ({
					number,
					trialId: `${id}.${number}`,
					params: { alpha: number + 1 },
					state: 'complete' as const,
					value,
					intermediate: [],
					note: null,
					createdAt,
					finishedAt: createdAt
				}))
			};
		};
		await db.studies.bulkPut([
			done('old-ic', 'ic', 1),
			done('old-rmse', 'rmse', 2),
			// Same objective, other features: a feature search, or another named set in the base trial.
			done('old-afe', 'ic', 3, { featureSearch: { maxDepth: 2, selection: 0.1 } }),
			done('old-trend', 'ic', 4, { base: { ...studyInput().base, features: { set: 'trend_50_70_v1' } } })
		]);
		await db.studies.put(studyRecord('s', { parallel: 1 }, 10));
		const seen: unknown[] = [];
		const r = runner('tab-a', {
			samplerFor: () => ({
				name: 'spy',
				sample: (req) => {
					seen.push(req.prior);
					return uniform.sample(req);
				}
			})
		});
		await r.step('s');
		// Only the study with the same objective and features, its values as scores to maximise (IC is maximised).
		expect(seen[0]).toEqual([
			{ number: 0, params: { alpha: 1 }, state: 'complete', value: 0.5 },
			{ number: 1, params: { alpha: 2 }, state: 'complete', value: -0.25 }
		]);
	});

	it('keeps the catalog procedure that set a study through every write to the end', async () => {
		const procedure = {
			id: 'hyperparameter_evolution',
			params: { n_trials: 10, sampler: 'random' },
			notes: []
		};
		await db.studies.put({ ...studyRecord('s', { budget: { trials: 10 } }), procedure });
		const r = runner('tab-a');
		for (let round = 0; round < 12 && (await study()).status === 'running'; round++) {
			await r.step('s');
			clock += 1_000;
			await runAllJobs(db, clock);
		}
		const s = await study();
		expect(s.status).toBe('completed');
		expect(s.trials).toHaveLength(10);
		expect(s.procedure).toEqual(procedure);
	});

	it('writes a running trial’s new running objectives at most every STUDY_FLUSH_MS, and at once when it ends', async () => {
		await db.studies.put(studyRecord('s', { budget: { trials: 2 }, parallel: 1 }));
		const r = runner('tab-a');
		await r.step('s');
		clock += 1_000;
		await runAllJobs(db, clock, (fold) => fold === 0);
		await r.step('s');
		// Known in memory, not yet written: writing would clone the whole record for one number.
		expect((await study()).trials[0].intermediate).toEqual([]);
		clock += STUDY_FLUSH_MS;
		await r.step('s');
		expect((await study()).trials[0].intermediate).toHaveLength(1);
		await runAllJobs(db, clock);
		await r.step('s');
		const s = await study();
		expect(s.trials[0]).toMatchObject({ state: 'complete' });
		expect(s.trials[0].intermediate).toHaveLength(FOLDS);
		expect(s.trials.map((t) => t.state)).toEqual(['complete', 'running']);
	});

	it('sees a stop made elsewhere while it holds the lease: it queues no trial and writes nothing', async () => {
		await db.studies.put(studyRecord('s'));
		let admitted_ = 0;
		const r = runner('tab-a', {
			admit: async (spec, id, now) => {
				admitted_++;
				return admitted(spec, id, now);
			}
		});
		await r.step('s');
		expect(admitted_).toBe(2);
		// Another tab (the Studies page) stops the study within this runner's lease.
		const stopped = { ...(await study()), status: 'stopped' as const, leaseUntil: 0 };
		await db.studies.put(stopped);
		clock += 1_000;
		await runAllJobs(db, clock);
		await r.step('s');
		expect(admitted_).toBe(2);
		expect(await db.trials.count()).toBe(2);
		expect(await study()).toEqual(stopped);
	});

	it('fails the study on an unexpected error, keeping what its finished trials did', async () => {
		await db.studies.put(studyRecord('s'));
		let calls = 0;
		const r = runner('tab-a', {
			samplerFor: () => ({
				name: 'breaks',
				sample: (req) => {
					if (calls++ >= 2) throw new Error('out of memory');
					return uniform.sample(req);
				}
			})
		});
		await r.step('s');
		clock += 1_000;
		await runAllJobs(db, clock);
		await r.step('s');
		const s = await study();
		expect(s.status).toBe('failed');
		expect(s.error).toBe('the study runner failed: out of memory');
		expect(s.trials.map((t) => t.state)).toEqual(['complete', 'complete']);
		expect(s.trials.every((t) => t.intermediate.length === FOLDS)).toBe(true);
	});
});
