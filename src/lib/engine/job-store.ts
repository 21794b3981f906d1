/**
 * Persistent job bookkeeping in IndexedDB. Every state change that must agree with another is one transaction:
 * a fold's result is written together with its job's status and the trial's counters, so a crash can never
 * leave a result without a done job, or a done job without its result. Results are keyed by (trialId, fold):
 * a retried job overwrites, never duplicates.
 */
import { aggregateFolds } from '../domain/aggregate';
import { appendAuditHere, inWriteTransaction } from '../db/audit-log';
import type { PinnedInput } from '../db/analysis-records';
import type { MlTrainerDb } from '../db/database';
import {
	foldResultRecordSchema,
	jobId,
	jobRecordSchema,
	type FoldBounds,
	type FoldResultRecord,
	type JobRecord,
	type PinnedData,
	type TrialRecord,
	type TrialSummary
} from '../db/records';
import type { TaskKind } from '../domain/task-metrics';
import type { TrialSpec } from '../domain/trial-spec';

export interface NewTrial {
	readonly id: string;
	readonly spec: TrialSpec;
	readonly task: TaskKind;
	readonly appVersion: string;
	/** The dataset version the trial runs on, and its folds as dates on it. */
	readonly data: PinnedData;
	readonly foldBounds: readonly FoldBounds[];
	readonly now: number;
	/** The pinned versions of the spec's feature inputs, when it names any. */
	readonly inputs?: readonly PinnedInput[];
}

export async function createTrial(db: MlTrainerDb, t: NewTrial): Promise<TrialRecord> {
	return db.transaction('rw', db.trials, db.jobs, db.audit, () => addTrial(db, t));
}

/**
 * createTrial for a caller already inside a read-write transaction over trials, jobs and audit (the study
 * runner appends a study's entry and creates its trial in one): the writes join it. Outside one it is
 * createTrial.
 */
export async function createTrialHere(db: MlTrainerDb, t: NewTrial): Promise<TrialRecord> {
	return inWriteTransaction(db.trials, db.jobs, db.audit) ? addTrial(db, t) : createTrial(db, t);
}

/** The trial, its queued jobs and its audit event, in the caller's transaction. */
async function addTrial(db: MlTrainerDb, t: NewTrial): Promise<TrialRecord> {
	const folds = t.foldBounds.length;
	const trial: TrialRecord = {
		id: t.id,
		spec: t.spec,
		task: t.task,
		status: 'queued',
		createdAt: t.now,
		startedAt: null,
		finishedAt: null,
		folds,
		foldsDone: 0,
		foldsFailed: 0,
		error: null,
		summary: null,
		appVersion: t.appVersion,
		data: t.data,
		foldBounds: [...t.foldBounds],
		lookahead: null,
		...(t.inputs && t.inputs.length > 0 ? { inputs: [...t.inputs] } : {})
	};
	const jobs: JobRecord[] = Array.from({ length: folds }, (_, fold) => ({
		id: jobId(t.id, fold),
		trialId: t.id,
		fold,
		status: 'queued',
		attempts: 0,
		leaseUntil: 0,
		notBefore: 0,
		error: null,
		updatedAt: t.now
	}));
	await db.trials.add(trial);
	await db.jobs.bulkAdd(jobs);
	await appendAuditHere(
		db,
		{
			type: 'trial.created',
			subject: t.id,
			summary: `Trial "${t.spec.name || t.id}" created: ${t.spec.model.id} on ${t.data.name} (version ${t.data.version}), ${folds} folds`,
			detail: {
				model: t.spec.model.id,
				task: t.task,
				params: t.spec.model.params,
				datasetId: t.spec.datasetId,
				contentSha256: t.data.contentSha256,
				sourceSha256: t.data.provenance.sha256,
				target: t.spec.target,
				validation: t.spec.validation,
				seed: t.spec.seed,
				folds,
				appVersion: t.appVersion
			}
		},
		t.now
	);
	return trial;
}

/** Claims the oldest runnable queued job (oldest trial first, then fold order) and leases it. */
export async function claimNextJob(db: MlTrainerDb, now: number, leaseMs: number): Promise<JobRecord | null> {
	return db.transaction('rw', db.jobs, db.trials, db.audit, async () => {
		// Parsed at the boundary: a corrupt job row is failed with the reason (so it neither runs nor blocks the
		// queue), never trusted.
		const queued: JobRecord[] = [];
		for (const row of await db.jobs.where('status').equals('queued').toArray()) {
			const parsed = jobRecordSchema.safeParse(row);
			if (parsed.success) queued.push(parsed.data);
			else if (typeof row.id === 'string')
				await db.jobs.update(row.id, {
					status: 'failed',
					error: `this job's stored record is corrupt and was not run: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
					updatedAt: now
				});
		}
		const ready = queued.filter((j) => j.notBefore <= now);
		if (ready.length === 0) return null;
		ready.sort((a, b) => (a.trialId === b.trialId ? a.fold - b.fold : a.trialId < b.trialId ? -1 : 1));
		const job: JobRecord = {
			...ready[0],
			status: 'running',
			attempts: ready[0].attempts + 1,
			leaseUntil: now + leaseMs,
			updatedAt: now
		};
		await db.jobs.put(job);
		const trial = await db.trials.get(job.trialId);
		if (trial && trial.status === 'queued') {
			await db.trials.update(job.trialId, { status: 'running', startedAt: trial.startedAt ?? now });
			await appendAuditHere(
				db,
				{
					type: 'trial.started',
					subject: trial.id,
					summary: `Trial "${trial.spec.name || trial.id}" started`,
					detail: { folds: trial.folds }
				},
				now
			);
		}
		return job;
	});
}

/** The earliest time at which a queued job becomes runnable, or null when none is queued. */
export async function nextQueuedAt(db: MlTrainerDb): Promise<number | null> {
	const queued = await db.jobs.where('status').equals('queued').toArray();
	if (queued.length === 0) return null;
	return Math.min(...queued.map((j) => j.notBefore));
}

function isCurrent(stored: JobRecord | undefined, job: JobRecord): stored is JobRecord {
	return stored !== undefined && stored.status === 'running' && stored.attempts === job.attempts;
}

/**
 * Stores a fold's result and marks its job done, in one transaction. Returns false (and writes nothing) when
 * the job is no longer this attempt's to complete (cancelled, or re-leased after a crash).
 */
export async function completeJob(
	db: MlTrainerDb,
	job: JobRecord,
	result: Omit<FoldResultRecord, 'trialId' | 'fold' | 'attempt' | 'finishedAt'>,
	now: number
): Promise<boolean> {
	return db.transaction('rw', db.jobs, db.results, db.trials, db.audit, async () => {
		const stored = await db.jobs.get(job.id);
		if (!isCurrent(stored, job)) return false;
		await db.results.put({
			...result,
			trialId: job.trialId,
			fold: job.fold,
			attempt: job.attempts,
			finishedAt: now
		});
		await db.jobs.put({ ...stored, status: 'done', leaseUntil: 0, error: null, updatedAt: now });
		await settleTrial(db, job.trialId, now);
		return true;
	});
}

/**
 * Records a failed attempt: the job is queued again after a back-off while attempts remain, else failed with
 * the reason. Returns what happened.
 */
export async function failJobAttempt(
	db: MlTrainerDb,
	job: JobRecord,
	reason: string,
	now: number,
	maxAttempts: number,
	backoffMs: number
): Promise<'retry' | 'failed' | 'stale'> {
	return db.transaction('rw', db.jobs, db.results, db.trials, db.audit, async () => {
		const stored = await db.jobs.get(job.id);
		if (!isCurrent(stored, job)) return 'stale';
		const exhausted = stored.attempts >= maxAttempts;
		await db.jobs.put({
			...stored,
			status: exhausted ? 'failed' : 'queued',
			leaseUntil: 0,
			notBefore: exhausted ? 0 : now + backoffMs,
			error: exhausted ? `failed after ${stored.attempts} attempts: ${reason}` : reason,
			updatedAt: now
		});
		if (exhausted) await settleTrial(db, job.trialId, now);
		return exhausted ? 'failed' : 'retry';
	});
}

/**
 * A fold that failed in a way a retry would repeat (its fit is deterministic for the spec, fold and data): the
 * job fails at once with the reason; the trial's other folds still run.
 */
export function failJobNow(db: MlTrainerDb, job: JobRecord, reason: string, now: number): Promise<boolean> {
	return failAtOnce(db, job, reason, now, false);
}

/**
 * The gateway refused a job in the worker (dataset changed, model or parameters no longer admitted): the job
 * fails at once with the reason, and the trial's queued jobs fail with it — the same check would refuse them.
 */
export function refuseJob(db: MlTrainerDb, job: JobRecord, reason: string, now: number): Promise<boolean> {
	return failAtOnce(db, job, reason, now, true);
}

async function failAtOnce(
	db: MlTrainerDb,
	job: JobRecord,
	reason: string,
	now: number,
	withQueued: boolean
): Promise<boolean> {
	return db.transaction('rw', db.jobs, db.results, db.trials, db.audit, async () => {
		const stored = await db.jobs.get(job.id);
		if (!isCurrent(stored, job)) return false;
		await db.jobs.put({
			...stored,
			status: 'failed',
			leaseUntil: 0,
			notBefore: 0,
			error: reason,
			updatedAt: now
		});
		if (withQueued)
			await db.jobs
				.where('trialId')
				.equals(job.trialId)
				.filter((j) => j.status === 'queued')
				.modify((j: JobRecord) => {
					j.status = 'failed';
					j.error = `not run: fold ${job.fold} was ${reason}`;
					j.updatedAt = now;
				});
		await settleTrial(db, job.trialId, now);
		return true;
	});
}

export async function renewLease(db: MlTrainerDb, job: JobRecord, until: number): Promise<void> {
	await db.transaction('rw', db.jobs, async () => {
		const stored = await db.jobs.get(job.id);
		if (isCurrent(stored, job)) await db.jobs.update(job.id, { leaseUntil: until });
	});
}

/** Cancels a trial: queued and running jobs become cancelled; results already stored stay. */
export async function cancelTrial(db: MlTrainerDb, trialId: string, now: number): Promise<boolean> {
	return db.transaction('rw', db.jobs, db.trials, db.audit, async () => {
		const trial = await db.trials.get(trialId);
		if (!trial || trial.status === 'completed' || trial.status === 'failed' || trial.status === 'cancelled') {
			return false;
		}
		// Read and put back rather than Collection.modify and Table.update: the same writes in this transaction,
		// for a fraction of the cost (a study cancels every trial it prunes).
		const jobs = await db.jobs.where('trialId').equals(trialId).toArray();
		await db.jobs.bulkPut(
			jobs
				.filter((j) => j.status === 'queued' || j.status === 'running')
				.map((j): JobRecord => ({ ...j, status: 'cancelled', leaseUntil: 0, updatedAt: now }))
		);
		await db.trials.put({ ...trial, status: 'cancelled', finishedAt: now });
		await appendAuditHere(
			db,
			{
				type: 'trial.cancelled',
				subject: trialId,
				summary: `Trial "${trial.spec.name || trialId}" cancelled`,
				detail: { foldsDone: trial.foldsDone, folds: trial.folds }
			},
			now
		);
		return true;
	});
}

/**
 * Puts jobs left 'running' by a page that is gone back in the queue. `all` is for the scheduler that just took
 * the origin-wide scheduler lock: no other runner can exist, so every running job is an orphan. Otherwise only
 * expired leases are recovered. Their attempt counts stay, so a job that keeps killing the page still fails.
 */
export async function recoverInterrupted(db: MlTrainerDb, now: number, all: boolean): Promise<number> {
	return db.transaction('rw', db.jobs, async () => {
		return db.jobs
			.where('status')
			.equals('running')
			.filter((j) => all || j.leaseUntil < now)
			.modify((j: JobRecord) => {
				j.status = 'queued';
				j.leaseUntil = 0;
				j.notBefore = 0;
				j.error = 'interrupted (the page was closed or reloaded while this fold ran)';
				j.updatedAt = now;
			});
	});
}

/** Recounts a trial's jobs and, when every job has settled, finishes the trial (with its summary). */
async function settleTrial(db: MlTrainerDb, trialId: string, now: number): Promise<void> {
	const trial = await db.trials.get(trialId);
	if (!trial || trial.status === 'cancelled') return;
	const jobs = await db.jobs.where('trialId').equals(trialId).toArray();
	const done = jobs.filter((j) => j.status === 'done').length;
	const failed = jobs.filter((j) => j.status === 'failed');
	const patch: Partial<TrialRecord> = { foldsDone: done, foldsFailed: failed.length };
	if (done + failed.length === jobs.length) {
		patch.finishedAt = now;
		if (failed.length > 0) {
			patch.status = 'failed';
			patch.error =
				`${failed.length} of ${jobs.length} folds failed; first: fold ${failed[0].fold} ${failed[0].error ?? ''}`.trim();
		} else {
			patch.status = 'completed';
			patch.summary = await summarise(db, trial);
		}
	}
	await db.trials.update(trialId, patch);
	if (patch.status === 'completed' || patch.status === 'failed') {
		const s = patch.summary;
		await appendAuditHere(
			db,
			{
				type: patch.status === 'completed' ? 'trial.completed' : 'trial.failed',
				subject: trialId,
				summary:
					patch.status === 'completed'
						? `Trial "${trial.spec.name || trialId}" completed: ${done} folds`
						: `Trial "${trial.spec.name || trialId}" failed: ${patch.error ?? ''}`,
				detail: s
					? {
							folds: done,
							rows: s.rows,
							sharpe: s.strategy.sharpe,
							totalReturn: s.strategy.totalReturn,
							hitRate: s.direction.hitRate,
							ic: s.direction.ic
						}
					: { foldsDone: done, foldsFailed: failed.length, error: patch.error ?? null }
			},
			now
		);
	}
}

async function summarise(db: MlTrainerDb, trial: TrialRecord): Promise<TrialSummary> {
	const results = (await db.results.where('trialId').equals(trial.id).toArray()).map((r) =>
		foldResultRecordSchema.parse(r)
	);
	return aggregateFolds(
		results.map((r) => ({
			fold: r.fold,
			row: r.row,
			t: r.t,
			predicted: r.predicted,
			realised: r.realised,
			nextReturn: r.nextReturn,
			aux: r.aux
		})),
		trial.task,
		trial.spec.strategy
	);
}
