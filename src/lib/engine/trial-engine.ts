/**
 * The scheduler: takes queued jobs from IndexedDB, runs them on the worker pool and records the outcome.
 * Jobs are the durable truth; this class only holds what dies with the page (in-flight calls, progress).
 * A failed call is retried up to MAX_ATTEMPTS with back-off, then the job fails with its reason.
 */
import * as Comlink from 'comlink';
import type { MlTrainerDb } from '../db/database';
import {
	datasetRecordSchema,
	trialRecordSchema,
	type DatasetRecord,
	type JobRecord,
	type TrialRecord
} from '../db/records';
import { errorMessage } from '../domain/errors';
import { foldFromDates, type Fold } from '../domain/splits';
import { nestedPlan } from '../models/inner-folds';
import { appendAudit } from '../db/audit-log';
import { foldJobResultSchema, modelCostsSchema, type TrialWorkerApi } from '../workers/protocol';
import {
	cancelTrial,
	claimNextJob,
	completeJob,
	failJobAttempt,
	failJobNow,
	nextQueuedAt,
	recoverInterrupted,
	refuseJob,
	renewLease
} from './job-store';
import type { InputColumns } from '../data/feature-input-pins';
import { loadTrialInputs } from './trial-inputs';
import type { WorkerPool } from './worker-pool';

/** A job is tried at most this often before it fails with its reason. */
export const MAX_ATTEMPTS = 3;
/** Back-off before retry n (1-based): 1 s, 2 s, 4 s. */
export const RETRY_BACKOFF_MS = [1_000, 2_000, 4_000] as const;
/** A lease outlives a crashed page by this much before another runner may take the job. */
export const LEASE_MS = 60_000;
/** Leases are renewed at most this often while a job shows progress. */
export const LEASE_RENEW_MS = 15_000;
/** Without any progress callback for this long, the worker is presumed dead. */
export const HEARTBEAT_MS = 30_000;
/** After a result could not be saved, the fold is tried again this much later (space may have been freed). */
export const STORAGE_RETRY_MS = 30_000;
/** Each further failed save doubles the pause, up to this: a disk that stays full does not keep the CPU busy. */
export const MAX_STORAGE_RETRY_MS = 8 * 60_000;

/** The pause before attempt `attempts + 1` of a fold whose result could not be saved. */
export function storageRetryDelay(baseMs: number, attempts: number): number {
	return Math.min(MAX_STORAGE_RETRY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}
/** Loading a model's module (TF.js and its wasm for neural nets) and pricing the fold; the fold's own deadline
 * comes from the model's costs (models/seam.ts). */
export const COSTS_DEADLINE_MS = 2 * 60_000;

export interface EngineOptions {
	readonly db: MlTrainerDb;
	readonly pool: WorkerPool<TrialWorkerApi>;
	readonly now?: () => number;
	readonly backoffMs?: readonly number[];
	/** Pause before a fold whose result could not be saved runs again (default STORAGE_RETRY_MS). */
	readonly storageRetryMs?: number;
	readonly heartbeatMs?: number;
	readonly onProgress?: (trialId: string, fold: number, fraction: number) => void;
	/** Errors the engine could not attach to a job; logged by the caller. */
	readonly onError?: (error: unknown) => void;
	/**
	 * A fold's result could not be written (storage full, a failed transaction). The job is put back in the queue
	 * when that can be written, else left to lease recovery; the caller tells the user what to do.
	 */
	readonly onStorageError?: (what: string, error: unknown) => void;
}

interface InFlight {
	readonly job: JobRecord;
	readonly controller: AbortController;
}

export class TrialEngine {
	readonly #db: MlTrainerDb;
	readonly #pool: WorkerPool<TrialWorkerApi>;
	readonly #now: () => number;
	readonly #backoff: readonly number[];
	readonly #heartbeatMs: number;
	readonly #options: EngineOptions;
	readonly #inFlight = new Map<string, InFlight>();
	#pumping = false;
	#pumpAgain = false;
	#wakeTimer: ReturnType<typeof setTimeout> | null = null;
	#started = false;
	#stopped = false;
	#idleWaiters: Array<() => void> = [];

	constructor(options: EngineOptions) {
		this.#db = options.db;
		this.#pool = options.pool;
		this.#now = options.now ?? Date.now;
		this.#backoff = options.backoffMs ?? RETRY_BACKOFF_MS;
		this.#heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
		this.#options = options;
	}

	/** Recovers jobs interrupted by a previous page and starts working. Call once this page owns the scheduler. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		await recoverInterrupted(this.#db, this.#now(), true);
		this.pump();
	}

	stop(): void {
		this.#stopped = true;
		if (this.#wakeTimer) clearTimeout(this.#wakeTimer);
		for (const f of this.#inFlight.values()) f.controller.abort();
		this.#pool.close();
	}

	/** True while any job runs here. */
	get busy(): boolean {
		return this.#inFlight.size > 0;
	}

	get running(): readonly JobRecord[] {
		return [...this.#inFlight.values()].map((f) => f.job);
	}

	/** Resolves when nothing is running or queued-and-ready (for tests and benchmarks). */
	whenIdle(): Promise<void> {
		if (!this.busy && !this.#pumping && !this.#wakeTimer) return Promise.resolve();
		return new Promise((resolve) => this.#idleWaiters.push(resolve));
	}

	async cancel(trialId: string): Promise<boolean> {
		const changed = await cancelTrial(this.#db, trialId, this.#now());
		this.abortTrials([trialId]);
		return changed;
	}

	/** Stops the running folds of these trials (cancelled here or in another tab). */
	abortTrials(trialIds: Iterable<string>): void {
		const ids = new Set(trialIds);
		for (const f of this.#inFlight.values()) if (ids.has(f.job.trialId)) f.controller.abort();
	}

	/** Re-queues jobs whose lease expired (their tab or worker vanished); safe in any tab at any time. */
	async recoverExpired(): Promise<number> {
		const n = await recoverInterrupted(this.#db, this.#now(), false);
		if (n > 0) this.pump();
		return n;
	}

	/** Debug hook for end-to-end tests: kill a worker mid-job, as a crash would. */
	killWorker(slot = 0): boolean {
		return this.#pool.killWorker(slot, 'killed for a crash test');
	}

	/** Looks for work; safe to call any time (new trial, job finished, timer). */
	pump(): void {
		if (this.#stopped || !this.#started) return;
		if (this.#pumping) {
			this.#pumpAgain = true;
			return;
		}
		this.#pumping = true;
		void this.#fill()
			.catch((e: unknown) => this.#options.onError?.(e))
			.finally(() => {
				this.#pumping = false;
				if (this.#pumpAgain) {
					this.#pumpAgain = false;
					this.pump();
				} else this.#notifyIdle();
			});
	}

	async #fill(): Promise<void> {
		while (!this.#stopped && this.#inFlight.size < this.#pool.size) {
			const job = await claimNextJob(this.#db, this.#now(), LEASE_MS);
			if (!job) break;
			const controller = new AbortController();
			this.#inFlight.set(job.id, { job, controller });
			void this.#execute(job, controller.signal)
				.catch((e: unknown) => this.#options.onError?.(e))
				.finally(() => {
					this.#inFlight.delete(job.id);
					this.pump();
				});
		}
		await this.#scheduleWake();
	}

	async #scheduleWake(): Promise<void> {
		if (this.#wakeTimer) clearTimeout(this.#wakeTimer);
		this.#wakeTimer = null;
		// With every worker busy, the next job's completion pumps again; no timer needed.
		if (this.#inFlight.size >= this.#pool.size) return;
		const at = await nextQueuedAt(this.#db);
		if (at === null) return;
		// A retry whose back-off ended while this pass ran is due now: without this wake-up it would wait for
		// an unrelated event.
		const delay = Math.max(0, at - this.#now());
		this.#wakeTimer = setTimeout(() => {
			this.#wakeTimer = null;
			this.pump();
		}, delay);
	}

	#notifyIdle(): void {
		if (this.busy || this.#pumping || this.#wakeTimer) return;
		const waiters = this.#idleWaiters;
		this.#idleWaiters = [];
		for (const w of waiters) w();
	}

	/**
	 * The trial, its pinned dataset version and the job's fold on it, read fresh and parsed for every job: what
	 * the worker checks and fits is what storage holds now. A refusal says why the job cannot run at all.
	 */
	async #plan(
		job: JobRecord
	): Promise<
		| { trial: TrialRecord; dataset: DatasetRecord; fold: Fold; inputs: InputColumns[] | undefined }
		| { refuse: string; code: string }
		| null
	> {
		const raw = await this.#db.trials.get(job.trialId);
		if (!raw) return null;
		const trial = trialRecordSchema.parse(raw);
		const pinned = trial.data;
		const bounds = trial.foldBounds[job.fold];
		if (!pinned || !bounds) {
			return {
				code: 'dataset_missing',
				refuse: 'the trial predates dataset versions and its dataset was deleted; it cannot be re-run'
			};
		}
		const stored = await this.#db.datasets.get(pinned.datasetId);
		if (!stored) {
			return {
				code: 'dataset_missing',
				refuse: `dataset "${pinned.name}" version ${pinned.version} (content ${pinned.contentSha256.slice(0, 12)}…), which this trial is pinned to, was deleted`
			};
		}
		const dataset = datasetRecordSchema.parse(stored);
		const fold = foldFromDates(dataset.bars.t, job.fold, bounds);
		if (!fold) {
			return {
				code: 'content_mismatch',
				refuse: `the stored bars of "${pinned.name}" no longer hold the dates of fold ${job.fold + 1} (pinned content ${pinned.contentSha256.slice(0, 12)}…, stored ${dataset.contentSha256.slice(0, 12)}…)`
			};
		}
		const inputs = await loadTrialInputs(this.#db, trial);
		if (!inputs.ok) return { code: inputs.code, refuse: inputs.reason };
		return { trial, dataset, fold, inputs: inputs.inputs };
	}

	/** The gateway's refusal of a job (in the worker, or before it for data that is gone): audited, final. */
	async #refuse(job: JobRecord, code: string, reason: string): Promise<void> {
		const now = this.#now();
		await appendAudit(
			this.#db,
			{
				type: 'compliance.decision',
				subject: job.trialId,
				summary: `Refused before fitting fold ${job.fold + 1}: ${reason}`,
				detail: { allowed: false, code, reason, where: 'worker', fold: job.fold }
			},
			now
		);
		await refuseJob(this.#db, job, `refused by compliance: ${reason}`, now);
	}

	async #execute(job: JobRecord, signal: AbortSignal): Promise<void> {
		let outcome;
		let plan;
		try {
			plan = await this.#plan(job);
		} catch (e) {
			// A record that fails its schema is corrupt: trusting it could train on the wrong thing.
			await refuseJob(this.#db, job, `a stored record is corrupt: ${errorMessage(e)}`, this.#now());
			return;
		}
		if (!plan) return;
		if ('refuse' in plan) {
			await this.#refuse(job, plan.code, plan.refuse);
			return;
		}
		const { trial, dataset, fold, inputs } = plan;
		try {
			let lastRenew = this.#now();
			outcome = await this.#pool.run(
				async (api, beat, setDeadline) => {
					const trainRows = fold.trainEnd - fold.trainStart;
					const costs = modelCostsSchema.parse(
						await api.costs(
							trial.spec.model.id,
							trainRows,
							trial.spec.model.params,
							nestedPlan(trial.spec, trainRows)
						)
					);
					setDeadline(costs.deadlineMs);
					const onProgress = Comlink.proxy((fraction: number) => {
						beat();
						this.#options.onProgress?.(job.trialId, job.fold, fraction);
						const now = this.#now();
						if (now - lastRenew > LEASE_RENEW_MS) {
							lastRenew = now;
							// A lease that cannot be renewed (storage full) only means recovery may re-queue the fold later.
							void renewLease(this.#db, job, now + LEASE_MS).catch(() => undefined);
						}
					});
					return api.runFold(
						{
							jobId: job.id,
							spec: trial.spec,
							fold,
							// The worker checks the bars against the version the trial is pinned to, not the one stored now.
							datasetKey: trial.data!.contentSha256,
							bars: dataset.bars,
							dataset: {
								id: dataset.id,
								provenance: dataset.provenance,
								frequency: dataset.frequency
							},
							// Feature inputs with the hashes pinned at submission (absent when the spec names none).
							...(inputs ? { inputs } : {})
						},
						onProgress
					);
				},
				{
					deadlineMs: COSTS_DEADLINE_MS,
					heartbeatMs: this.#heartbeatMs,
					signal,
					label: `fold ${job.fold + 1} of trial "${trial.spec.name || trial.id}"`
				}
			);
			outcome = foldJobResultSchema.parse(outcome);
		} catch (e) {
			if (signal.aborted) return; // cancelled: the job row already says so
			const backoff = this.#backoff[Math.min(job.attempts, this.#backoff.length) - 1] ?? 0;
			await failJobAttempt(this.#db, job, errorMessage(e), this.#now(), MAX_ATTEMPTS, backoff);
			return;
		}
		if ('failed' in outcome) {
			await failJobNow(
				this.#db,
				job,
				`${outcome.reason} (${outcome.code}; not retried: the fit would fail the same way)`,
				this.#now()
			);
			return;
		}
		if ('refused' in outcome) {
			await this.#refuse(job, outcome.code, outcome.reason);
			return;
		}
		this.#options.onProgress?.(job.trialId, job.fold, 1);
		const label = `Fold ${job.fold + 1} of trial "${trial.spec.name || trial.id}"`;
		try {
			await completeJob(this.#db, job, outcome, this.#now());
		} catch (e) {
			// Nothing was written (one transaction). Give the job back to the queue after a pause so it does not sit
			// "running"; if even that write fails, lease recovery re-queues it once space is freed.
			this.#options.onStorageError?.(label, e);
			await failJobAttempt(
				this.#db,
				job,
				`its result could not be saved: ${errorMessage(e)}`,
				this.#now(),
				MAX_ATTEMPTS + job.attempts,
				storageRetryDelay(this.#options.storageRetryMs ?? STORAGE_RETRY_MS, job.attempts)
			).catch(() => undefined);
		}
	}
}
