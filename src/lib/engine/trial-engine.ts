/**
 * The scheduler: takes queued jobs from IndexedDB, runs them on the worker pool and records the outcome.
 * Jobs are the durable truth; this class only holds what dies with the page (in-flight calls, progress).
 * A failed call is retried up to MAX_ATTEMPTS with back-off, then the job fails with its reason.
 */
import * as Comlink from 'comlink';
import type { MlTrainerDb } from '../db/database';
import type { DatasetRecord, JobRecord } from '../db/records';
import { AppError, errorMessage } from '../domain/errors';
import { walkForwardFolds } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import { usableRange } from '../compliance/trial-policy';
import { appendAudit } from '../db/audit-log';
import { foldJobResultSchema, type TrialWorkerApi } from '../workers/protocol';
import {
	cancelTrial,
	claimNextJob,
	completeJob,
	failJobAttempt,
	nextQueuedAt,
	recoverInterrupted,
	refuseJob,
	renewLease
} from './job-store';
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
/** Hard limits per fold: neural nets train for minutes at most, closed-form and tree models for seconds. */
export const DEADLINE_MS: Readonly<Record<string, number>> = {
	feedforward_mlp: 15 * 60_000,
	default: 3 * 60_000
};

export interface EngineOptions {
	readonly db: MlTrainerDb;
	readonly pool: WorkerPool<TrialWorkerApi>;
	readonly now?: () => number;
	readonly backoffMs?: readonly number[];
	readonly heartbeatMs?: number;
	readonly onProgress?: (trialId: string, fold: number, fraction: number) => void;
	/** Errors the engine could not attach to a job (storage failures); logged by the caller. */
	readonly onError?: (error: unknown) => void;
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
		for (const f of this.#inFlight.values()) if (f.job.trialId === trialId) f.controller.abort();
		return changed;
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

	/** Read fresh for every job: what the worker checks and fits is what storage holds now. */
	async #dataset(id: string): Promise<DatasetRecord> {
		const ds = await this.#db.datasets.get(id);
		if (!ds) throw new AppError('invalid_spec', `dataset "${id}" no longer exists`);
		return ds;
	}

	async #execute(job: JobRecord, signal: AbortSignal): Promise<void> {
		const trial = await this.#db.trials.get(job.trialId);
		if (!trial) return;
		let outcome;
		try {
			const dataset = await this.#dataset(trial.spec.datasetId);
			const fold = foldOf(trial.spec, dataset.bars.t.length, job.fold);
			let lastRenew = this.#now();
			outcome = await this.#pool.run(
				async (api, beat) => {
					const onProgress = Comlink.proxy((fraction: number) => {
						beat();
						this.#options.onProgress?.(job.trialId, job.fold, fraction);
						const now = this.#now();
						if (now - lastRenew > LEASE_RENEW_MS) {
							lastRenew = now;
							void renewLease(this.#db, job, now + LEASE_MS);
						}
					});
					return api.runFold(
						{
							jobId: job.id,
							spec: trial.spec,
							fold,
							datasetKey: dataset.contentSha256,
							bars: dataset.bars,
							dataset: {
								id: dataset.id,
								provenance: dataset.provenance,
								frequency: dataset.frequency
							}
						},
						onProgress
					);
				},
				{
					deadlineMs: DEADLINE_MS[trial.spec.model.id] ?? DEADLINE_MS.default,
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
		if ('refused' in outcome) {
			const now = this.#now();
			await appendAudit(
				this.#db,
				{
					type: 'compliance.decision',
					subject: job.trialId,
					summary: `Refused in the worker before fitting fold ${job.fold + 1}: ${outcome.reason}`,
					detail: {
						allowed: false,
						code: outcome.code,
						reason: outcome.reason,
						where: 'worker',
						fold: job.fold
					}
				},
				now
			);
			await refuseJob(this.#db, job, `refused by compliance: ${outcome.reason}`, now);
			return;
		}
		this.#options.onProgress?.(job.trialId, job.fold, 1);
		await completeJob(this.#db, job, outcome, this.#now());
	}
}

/** Recomputes a job's fold from the spec (folds are a pure function of spec and row count). */
export function foldOf(spec: TrialSpec, rows: number, index: number) {
	const folds = walkForwardFolds(usableRange(rows, spec.target.horizon), spec.validation);
	const fold = folds[index];
	if (!fold) throw new AppError('invalid_spec', `fold ${index} does not exist for this dataset`);
	return fold;
}
