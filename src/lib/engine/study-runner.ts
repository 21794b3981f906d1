/**
 * Runs studies: keeps up to `parallel` of a study's trials queued or running, samples each new trial's
 * parameters from what the study has seen, prunes trials whose running objective falls below the median of
 * earlier trials at the same fold, and finishes the study at its budget. Everything it knows is in the study
 * record and the trial records, so a reload or a crash loses nothing: the next runner (this tab or another, once
 * the lease has passed) carries on from storage.
 *
 * No duplicates: trial `k` has the fixed id `<study>.<k>` and is created in the same transaction that appends its
 * entry to the study, after checking the study still has exactly k entries.
 */
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import { trialRecordSchema, type TrialRecord } from '../db/records';
import {
	studyRecordSchema,
	type StoredStudyReport,
	type StudyRecord,
	type StudyTrial
} from '../db/study-records';
import { errorMessage } from '../domain/errors';
import { createRng } from '../domain/random';
import type { TrialSpec } from '../domain/trial-spec';
import { objectiveValue } from '../research/study/objective';
import { observationsOf, studyPlan, studyTrialId, trialSpecFor } from '../research/study/plan';
import type { Observation, Sampler } from '../research/study/sampler';
import { SpaceError } from '../research/study/space';
import type { StudySpec } from '../research/study/spec';
import { createTrial, type NewTrial } from './job-store';
import { stepHoldout, type HoldoutDeps } from './study-holdout';
import { priorObservations, runningObjectives, studyReportFor } from './study-data';

/** A claimed study is this runner's for this long after its last step; another tab takes over after it. */
export const STUDY_LEASE_MS = 30_000;

/** What the gateway says of a sampled trial: what to store, or why it is refused. */
export type Admission = { ok: true; trial: NewTrial } | { ok: false; reason: string };

/** The median pruner's question (research/overfitting): prune at this fold count? */
export interface PruneQuestion {
	/** Consecutive folds done (1-based step). */
	readonly step: number;
	/** This trial's running objective after each step so far, as scores to maximise. */
	readonly values: readonly number[];
	/** Complete trials' running objectives per step, as scores to maximise (Optuna's median pruner counts only
	 * complete trials; pruned ones would drag the median down). */
	readonly others: readonly (readonly number[])[];
	readonly startupTrials: number;
	readonly warmupSteps: number;
}

export interface StudyRunnerOptions {
	readonly db: MlTrainerDb;
	/** Checks a sampled trial spec at the gateway and pins its data (the same checks as any submitted trial). */
	readonly admit: (spec: TrialSpec, id: string, now: number) => Promise<Admission>;
	readonly samplerFor: (spec: StudySpec) => Sampler;
	readonly shouldPrune: (q: PruneQuestion) => boolean;
	/** Cancels a running trial (the engine aborts its folds). */
	readonly cancel: (trialId: string) => Promise<unknown>;
	/** A new trial was queued: the engine should look for work. */
	readonly onQueued?: () => void;
	/** The study finished with this best trial (null when none completed): e.g. to check it for look-ahead. */
	readonly onFinished?: (studyId: string, bestTrialId: string | null) => void;
	readonly now?: () => number;
	/** This runner's identity in leases (one per tab). */
	readonly owner: string;
}

export class StudyRunner {
	readonly #o: StudyRunnerOptions;
	readonly #stepping = new Set<string>();
	readonly #priors = new Map<string, Observation[]>();

	constructor(options: StudyRunnerOptions) {
		this.#o = options;
	}

	#now(): number {
		return (this.#o.now ?? Date.now)();
	}

	/** Takes or renews the study's lease; null when another runner holds it or it is not running. */
	async #claim(id: string): Promise<StudyRecord | null> {
		const { db, owner } = this.#o;
		return db.transaction('rw', db.studies, async () => {
			const row = await db.studies.get(id);
			if (!row) return null;
			const study = studyRecordSchema.parse(row);
			const now = this.#now();
			if (study.status !== 'running') return null;
			if (study.leaseOwner !== owner && study.leaseUntil > now) return null;
			// Renewed only once half of it has passed: every write clones the whole record.
			if (study.leaseOwner === owner && study.leaseUntil - now > STUDY_LEASE_MS / 2) return study;
			const claimed = { ...study, leaseOwner: owner, leaseUntil: now + STUDY_LEASE_MS };
			await db.studies.put(claimed);
			return claimed;
		});
	}

	/** Steps every running study this runner can claim; returns how many are still running. */
	async stepAll(): Promise<number> {
		const running = await this.#o.db.studies.where('status').equals('running').primaryKeys();
		for (const id of running) await this.step(id);
		return this.#o.db.studies.where('status').equals('running').count();
	}

	/** One pass over a study: sync its trials, prune, finish or queue more. */
	async step(id: string): Promise<void> {
		if (this.#stepping.has(id)) return;
		this.#stepping.add(id);
		try {
			const study = await this.#claim(id);
			if (!study) return;
			await this.#sync(study);
			await this.#fill(id);
		} catch (e) {
			await this.#fail(id, e);
		} finally {
			this.#stepping.delete(id);
		}
	}

	async #fail(id: string, e: unknown): Promise<void> {
		const { db } = this.#o;
		const message = e instanceof SpaceError ? e.message : `the study runner failed: ${errorMessage(e)}`;
		await db.transaction('rw', db.studies, db.audit, async () => {
			const s = await db.studies.get(id);
			if (!s || s.status !== 'running') return;
			await db.studies.put({
				...s,
				status: 'failed',
				error: message,
				finishedAt: this.#now(),
				leaseUntil: 0
			});
			await appendAudit(db, {
				type: 'study.failed',
				subject: id,
				summary: `Study "${s.spec.name || id}" failed: ${message}`,
				detail: { trials: s.trials.length, error: message }
			});
		});
	}

	/** Brings each running entry up to date with its trial, pruning where the pruner says so. */
	async #sync(study: StudyRecord): Promise<void> {
		const { db } = this.#o;
		const spec = study.spec;
		const metric = spec.objective.metric;
		const updates = new Map<number, StudyTrial>();
		const toCancel: string[] = [];
		const finishedCurves = study.trials
			.filter((t) => t.state === 'complete')
			.map((t) => t.intermediate.map((v) => this.#score(v, spec)));
		for (const entry of study.trials) {
			if (entry.state !== 'running' || !entry.trialId) continue;
			const row = await db.trials.get(entry.trialId);
			const now = this.#now();
			if (!row) {
				updates.set(entry.number, {
					...entry,
					state: 'failed',
					note: 'its trial was deleted',
					finishedAt: now
				});
				continue;
			}
			const trial: TrialRecord = trialRecordSchema.parse(row);
			if (trial.status === 'completed' && trial.summary) {
				const intermediate = await runningObjectives(db, trial, metric, entry.intermediate);
				const value = objectiveValue(trial.summary, metric);
				updates.set(entry.number, {
					...entry,
					state: 'complete',
					value,
					intermediate,
					note: Number.isFinite(value) ? null : `${metric} is not available for this trial`,
					finishedAt: trial.finishedAt ?? now
				});
			} else if (trial.status === 'failed' || trial.status === 'cancelled') {
				updates.set(entry.number, {
					...entry,
					state: 'failed',
					note:
						trial.status === 'cancelled' ? 'the trial was cancelled' : (trial.error ?? 'the trial failed'),
					finishedAt: trial.finishedAt ?? now
				});
			} else if (trial.foldsDone > entry.intermediate.length) {
				const intermediate = await runningObjectives(db, trial, metric, entry.intermediate);
				let next: StudyTrial = { ...entry, intermediate };
				if (spec.pruning.kind === 'median' && intermediate.length > entry.intermediate.length) {
					const prune = this.#o.shouldPrune({
						step: intermediate.length,
						values: intermediate.map((v) => this.#score(v, spec)),
						others: finishedCurves,
						startupTrials: spec.pruning.startupTrials,
						warmupSteps: spec.pruning.warmupFolds
					});
					if (prune) {
						const last = intermediate[intermediate.length - 1];
						next = {
							...next,
							state: 'pruned',
							value: Number.isFinite(last) ? last : null,
							note: `pruned after ${intermediate.length} of ${trial.folds} folds: its running ${metric} was below the median of earlier trials at that fold`,
							finishedAt: now
						};
						toCancel.push(trial.id);
					}
				}
				updates.set(entry.number, next);
			}
		}
		if (updates.size === 0) return;
		await db.transaction('rw', db.studies, async () => {
			const s = await db.studies.get(study.id);
			if (!s || s.status !== 'running') return;
			await db.studies.put({ ...s, trials: s.trials.map((t) => updates.get(t.number) ?? t) });
		});
		for (const trialId of toCancel) await this.#o.cancel(trialId);
	}

	#score(v: number, spec: StudySpec): number {
		return spec.objective.direction === 'maximize' ? v : -v;
	}

	/** Finishes the study at its budget, or queues trials until `parallel` are active. */
	async #fill(id: string): Promise<void> {
		const { db } = this.#o;
		for (;;) {
			const s = studyRecordSchema.parse(await db.studies.get(id));
			if (s.status !== 'running') return;
			const spec = s.spec;
			const now = this.#now();
			const active = s.trials.filter((t) => t.state === 'running').length;
			const stopReason = this.#stopReason(s, now);
			if (stopReason) {
				// The search is over; a study with a holdout finishes once its holdout trial has run.
				if (active === 0 && !(await stepHoldout(this.#holdoutDeps(), s))) await this.#finish(s, stopReason);
				return;
			}
			if (active >= spec.parallel) return;
			const number = s.trials.length;
			const plan = studyPlan(spec);
			let params: Record<string, number | string | boolean | null>;
			try {
				params = this.#o.samplerFor(spec).sample({
					space: plan.space,
					history: observationsOf(s.trials, spec.objective.direction),
					prior: await this.#prior(s),
					number,
					rng: createRng(spec.seed).fork(`study-trial:${number}`)
				});
			} catch (e) {
				if (!(e instanceof SpaceError)) throw e;
				// The grid is exhausted: the study ends when its running trials do (and its holdout has run).
				await db.studies.update(id, { stopReason: e.message });
				continue;
			}
			const trialId = studyTrialId(id, number);
			const admission = await this.#o.admit(trialSpecFor(spec, plan, params, number), trialId, now);
			const entry: StudyTrial = {
				number,
				trialId: admission.ok ? trialId : null,
				params,
				state: admission.ok ? 'running' : 'failed',
				value: null,
				intermediate: [],
				note: admission.ok ? null : `refused by the gateway: ${admission.reason}`,
				createdAt: now,
				finishedAt: admission.ok ? null : now
			};
			const added = await db.transaction('rw', db.studies, db.trials, db.jobs, db.audit, async () => {
				const current = await db.studies.get(id);
				if (!current || current.status !== 'running' || current.trials.length !== number) return false;
				if (admission.ok) await createTrial(db, admission.trial);
				await db.studies.put({ ...current, trials: [...current.trials, entry] });
				return true;
			});
			// Another writer took number k meanwhile: read the study again and sample k + 1 (nothing was written).
			if (!added) continue;
			if (admission.ok) this.#o.onQueued?.();
		}
	}

	/**
	 * The warm start: complete trials of earlier finished studies of the same model on the same series with the
	 * same objective and direction, oldest study first (TPE weighs them below this study's own trials; the other
	 * samplers ignore them). Parameters outside this study's space are left out by the sampler.
	 */
	async #prior(s: StudyRecord): Promise<Observation[]> {
		// Finished studies do not change, and a study's earlier ones are fixed when it starts: read them once.
		const cached = this.#priors.get(s.id);
		if (cached) return cached;
		const prior = await priorObservations(this.#o.db, s);
		this.#priors.set(s.id, prior);
		return prior;
	}

	#holdoutDeps(): HoldoutDeps {
		return { db: this.#o.db, admit: this.#o.admit, onQueued: this.#o.onQueued, now: () => this.#now() };
	}

	#stopReason(s: StudyRecord, now: number): string | null {
		if (s.stopReason) return s.stopReason;
		if (s.trials.length >= s.spec.budget.trials)
			return `the budget of ${s.spec.budget.trials} trials was reached`;
		const minutes = s.spec.budget.minutes;
		if (minutes !== null && now - s.createdAt >= minutes * 60_000)
			return `the time budget of ${minutes} minutes ran out`;
		return null;
	}

	/** The overfitting report of the study's trials as they stand (study-data.ts). */
	report(s: StudyRecord): Promise<StoredStudyReport> {
		return studyReportFor(this.#o.db, s, this.#now());
	}

	async #finish(s: StudyRecord, reason: string): Promise<void> {
		const { db } = this.#o;
		const report = await this.report(studyRecordSchema.parse(await db.studies.get(s.id)));
		const finished = await db.transaction('rw', db.studies, db.audit, async () => {
			const current = await db.studies.get(s.id);
			if (!current || current.status !== 'running') return false;
			const done = current.trials.filter((t) => t.state === 'complete');
			const holdout = current.holdout ?? null;
			await db.studies.put({
				...current,
				status: 'completed',
				stopReason: reason,
				finishedAt: this.#now(),
				leaseUntil: 0,
				report
			});
			await appendAudit(db, {
				type: 'study.completed',
				subject: s.id,
				summary: `Study "${s.spec.name || s.id}" completed: ${current.trials.length} trials (${done.length} complete); ${reason}${holdout ? `; holdout ${holdout.state}${holdout.state === 'complete' ? ` (${s.spec.objective.metric} ${holdout.value})` : ''}` : ''}`,
				detail: {
					trials: current.trials.length,
					complete: done.length,
					pruned: current.trials.filter((t) => t.state === 'pruned').length,
					failed: current.trials.filter((t) => t.state === 'failed').length,
					reason,
					best: report.bestNumber,
					dsr: report.dsr.ok ? report.dsr.dsr : null,
					pbo: report.pbo.ok ? report.pbo.pbo : null,
					...(holdout
						? {
								holdout: {
									from: s.spec.holdout?.from ?? null,
									state: holdout.state,
									value: holdout.value !== null && Number.isFinite(holdout.value) ? holdout.value : null
								}
							}
						: {})
				}
			});
			return true;
		});
		if (finished) {
			const best = s.trials.find((t) => t.number === report.bestNumber);
			this.#o.onFinished?.(s.id, best?.trialId ?? null);
		}
	}
}
