import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { pinnedData, tinyFoldOutput, tinySpec } from '../testing/fixtures';
import {
	cancelTrial,
	claimNextJob,
	completeJob,
	createTrial,
	createTrialHere,
	failJobAttempt
} from './job-store';

const spec = tinySpec({ name: 'store test' });

function output(fold: number, value: number) {
	return tinyFoldOutput({
		t: Float64Array.from([fold * 2, fold * 2 + 1]),
		row: Float64Array.from([fold * 2, fold * 2 + 1]),
		predicted: Float64Array.from([value, -value])
	});
}

let db: MlTrainerDb;
let n = 0;

beforeEach(async () => {
	db = new MlTrainerDb(`job-store-${n++}`);
	await createTrial(db, {
		id: 't',
		spec,
		task: 'regression',
		appVersion: 'test',
		data: pinnedData(),
		foldBounds: [0, 1].map((i) => ({ trainStartT: i, trainEndT: i, testStartT: i, testEndT: i })),
		now: 1
	});
});

afterEach(async () => {
	db.close();
	await db.delete();
});

describe('job store', () => {
	it('creates one queued job per fold with the trial, and nothing else', async () => {
		expect((await db.trials.get('t'))?.status).toBe('queued');
		const jobs = await db.jobs.where('trialId').equals('t').sortBy('fold');
		expect(jobs.map((j) => [j.fold, j.status, j.attempts])).toEqual([
			[0, 'queued', 0],
			[1, 'queued', 0]
		]);
		expect(await db.results.count()).toBe(0);
	});

	it('writes a result together with its done job, and a retried fold overwrites rather than duplicates', async () => {
		const first = (await claimNextJob(db, 10, 1_000))!;
		expect(first.fold).toBe(0);
		expect(await failJobAttempt(db, first, 'worker died', 11, 3, 0)).toBe('retry');
		const second = (await claimNextJob(db, 12, 1_000))!;
		expect(second.fold).toBe(0);
		expect(second.attempts).toBe(2);
		// A late answer from the first attempt is refused: the job now belongs to the second attempt.
		expect(await completeJob(db, first, output(0, 9), 13)).toBe(false);
		expect(await completeJob(db, second, output(0, 1), 14)).toBe(true);
		// Writing the same fold again (as a re-run would) replaces the row under the same key.
		await db.results.put({ ...output(0, 2), trialId: 't', fold: 0, attempt: 3, finishedAt: 15 });
		const rows = await db.results.where('trialId').equals('t').toArray();
		expect(rows).toHaveLength(1);
		expect(rows[0].predicted[0]).toBe(2);
		expect((await db.jobs.get('t/0'))?.status).toBe('done');
	});

	it('finishes the trial with a summary when its last fold is done', async () => {
		for (let i = 0; i < 2; i++) {
			const job = (await claimNextJob(db, 20 + i, 1_000))!;
			await completeJob(db, job, output(job.fold, 1), 30 + i);
		}
		const trial = await db.trials.get('t');
		expect(trial?.status).toBe('completed');
		expect(trial?.foldsDone).toBe(2);
		expect(trial?.summary?.rows).toBe(4);
		// predictions +1, -1 against returns +1 %, -2 %: right every time
		expect(trial?.summary?.direction.hitRate).toBe(1);
		expect(trial?.finishedAt).toBe(31);
	});

	it('does not hand out a retry before its back-off has passed', async () => {
		const job = (await claimNextJob(db, 10, 1_000))!;
		await failJobAttempt(db, job, 'boom', 11, 3, 5_000);
		const next = await claimNextJob(db, 12, 1_000);
		expect(next?.fold).toBe(1); // fold 0 waits
		expect(await claimNextJob(db, 13, 1_000)).toBeNull();
		expect((await claimNextJob(db, 5_011, 1_000))?.fold).toBe(0);
	});

	it('discards the result of a job whose trial was cancelled while it ran', async () => {
		const job = (await claimNextJob(db, 10, 1_000))!;
		expect(await cancelTrial(db, 't', 11)).toBe(true);
		expect(await completeJob(db, job, output(0, 1), 12)).toBe(false);
		expect(await db.results.count()).toBe(0);
		expect((await db.jobs.where('trialId').equals('t').toArray()).map((j) => j.status)).toEqual([
			'cancelled',
			'cancelled'
		]);
	});
});

describe('creating a trial inside the caller’s transaction', () => {
	const newTrial = (id: string) => ({
		id,
		spec,
		task: 'regression' as const,
		appVersion: 'test',
		data: pinnedData(),
		foldBounds: [0, 1, 2].map((i) => ({ trainStartT: i, trainEndT: i, testStartT: i, testEndT: i })),
		now: 5
	});

	it('writes the same trial, jobs and audit event as createTrial', async () => {
		await db.transaction('rw', db.studies, db.trials, db.jobs, db.audit, () =>
			createTrialHere(db, newTrial('u'))
		);
		await createTrial(db, newTrial('v'));
		const { id: _u, ...u } = (await db.trials.get('u'))!;
		const { id: _v, ...v } = (await db.trials.get('v'))!;
		expect(u).toEqual(v);
		expect(await db.jobs.where('trialId').equals('u').count()).toBe(3);
		const events = (await db.audit.orderBy('seq').toArray()).filter((e) => e.subject !== 't');
		expect(events.map((e) => e.subject)).toEqual(['u', 'v']);
		const [eu, ev] = events.map(({ type, summary, detail }) => ({ type, summary, detail }));
		expect(eu).toEqual(ev);
		expect(eu.type).toBe('trial.created');
	});

	it('commits or fails with that transaction: a failed change leaves no trial, job or event', async () => {
		const before = await db.audit.count();
		await expect(
			db.transaction('rw', db.studies, db.trials, db.jobs, db.audit, async () => {
				await createTrialHere(db, newTrial('w'));
				throw new Error('the study changed meanwhile');
			})
		).rejects.toThrow('the study changed meanwhile');
		expect(await db.trials.get('w')).toBeUndefined();
		expect(await db.jobs.where('trialId').equals('w').count()).toBe(0);
		expect(await db.audit.count()).toBe(before);
	});
});
