/**
 * Runs studies: keeps up to `parallel` of a study's trials queued or running, samples each new trial's
 * parameters from what the study has seen, prunes trials whose running objective falls below the median of
 * earlier trials at the same fold, and finishes the study at its budget. Everything it knows is in the study
 * record and the trial records, so a reload or a crash loses nothing: the next runner (this tab or another, once
 * the lease has passed) carries on from storage.
 *
 * No duplicates: trial `k` has the fixed id `<study>.<k>` and is created in the same transaction that appends its
 * entry to the study, after checking the study still has exactly k entries.
 *
 * Cost: every read or write of the study record clones all its entries, so while this runner holds the lease it
 * keeps the study in memory (nobody else steps it then) and a step reads only the running trials and their new
 * folds. Entry changes are written with the next trial's creation, at once when a trial leaves `running`, and a
 * running trial's running objectives at most every STUDY_FLUSH_MS; every write re-reads the stored record in its
 * transaction, so a change by anyone else (a stop, another writer's entry) is seen there.
 */
import { appendAuditHere } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import {
	studyRecordSchema,
	type StoredStudyReport,
	type StudyRecord,
	type StudyTrial
} from '../db/study-records';
import { errorMessage } from '../domain/errors';
import { createRng } from '../domain/random';
import type { TrialSpec } from '../domain/trial-spec';
import { observationsOf, studyPlan, studyTrialId, trialSpecFor } from '../research/study/plan';
import type { Observation, Sampler } from '../research/study/sampler';
import { SpaceError } from '../research/study/space';
import type { StudySpec } from '../research/study/spec';
import { createTrialHere, type NewTrial } from './job-store';
import { completedEvent } from './study-completed';
import { stepHoldout, type HoldoutDeps } from './study-holdout';
import { priorObservations, studyReportFor } from './study-data';
import { completeScores, entryUpdate, merged, readRunningTrials, type Held } from './study-sync';
import type { PruneQuestion } from './study-sync';

export type { PruneQuestion } from './study-sync';

/** A claimed study is this runner's for this long after its last step; another tab takes over after it. */
export const STUDY_LEASE_MS = 30_000;

/** A running trial's new running objectives are written at most this often (sooner with any other write). */
export const STUDY_FLUSH_MS = 5_000;

/** What a write adds besides the changed entries: a new entry (with its trial), other fields. */
interface Change {
	readonly append?: { readonly entry: StudyTrial; readonly trial: NewTrial | null };
	readonly patch?: Partial<Pick<StudyRecord, 'stopReason' | 'leaseOwner' | 'leaseUntil'>>;
}

/** What the gateway says of a sampled trial: what to store, or why it is refused. */
export type Admission = { ok: true; trial: NewTrial } | { ok: false; reason: string };

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
	readonly #held = new Map<string, Held>();

	constructor(options: StudyRunnerOptions) {
		this.#o = options;
	}

	#now(): number {
		return (this.#o.now ?? Date.now)();
	}

	/**
	 * The study while this runner holds its lease: from memory while less than half of the lease has passed,
	 * otherwise read, and the lease taken or renewed (with the entries changed in memory). Null when another
	 * runner holds it or it is not running.
	 */
	async #hold(id: string): Promise<Held | null> {
		const { db, owner } = this.#o;
		const now = this.#now();
		const held = this.#held.get(id);
		if (held && held.study.leaseOwner === owner && held.study.leaseUntil - now > STUDY_LEASE_MS / 2)
			return held;
		this.#held.delete(id);
		const claimed = await db.transaction('rw', db.studies, async () => {
			const row = await db.studies.get(id);
			if (!row) return null;
			const study = studyRecordSchema.parse(row);
			if (study.status !== 'running') return null;
			if (study.leaseOwner !== owner && study.leaseUntil > now) return null;
			if (study.leaseOwner === owner && study.leaseUntil - now > STUDY_LEASE_MS / 2)
				return { study: held ? merged(study, held) : study, written: false };
			const renewed = {
				...(held ? merged(study, held) : study),
				leaseOwner: owner,
				leaseUntil: now + STUDY_LEASE_MS
			};
			await db.studies.put(renewed);
			return { study: renewed, written: true };
		});
		if (!claimed) return null;
		const next: Held = {
			study: claimed.study,
			dirty: claimed.written || !held ? new Set() : held.dirty,
			folds: held?.folds ?? new Map(),
			plan: held?.plan ?? null,
			writtenAt: claimed.written ? now : (held?.writtenAt ?? now)
		};
		this.#held.set(id, next);
		return next;
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
			const held = await this.#hold(id);
			if (!held) return;
			const toCancel = await this.#sync(id, held);
			try {
				if (toCancel) await this.#fill(id, held);
			} finally {
				// After the pruned entries are written (#fill writes an entry that left `running` at once).
				for (const trialId of toCancel ?? []) await this.#o.cancel(trialId);
			}
		} catch (e) {
			const held = this.#held.get(id);
			this.#held.delete(id);
			await this.#fail(id, e, held);
		} finally {
			this.#stepping.delete(id);
		}
	}

	/**
	 * Writes the changed entries (and `change`) over the stored record, in one transaction that checks the study
	 * is still running and, when appending entry k, still has k entries (then creates its trial too). 'taken':
	 * another writer appended first; nothing was written and the held study is the stored one.
	 */
	async #commit(id: string, held: Held, change: Change = {}): Promise<'written' | 'taken' | 'gone'> {
		const { db } = this.#o;
		const { append, patch } = change;
		const tables = append?.trial ? [db.studies, db.trials, db.jobs, db.audit] : [db.studies];
		const out = await db.transaction('rw', tables, async () => {
			const row = await db.studies.get(id);
			if (!row || row.status !== 'running') return null;
			// Unchanged since this runner last read or wrote it (same lease, same entries): the copy in memory is
			// the record (parsed when read), so the stored one need not be parsed again.
			const unchanged =
				row.leaseOwner === held.study.leaseOwner &&
				row.leaseUntil === held.study.leaseUntil &&
				row.trials.length === held.study.trials.length;
			const current = unchanged ? held.study : merged(studyRecordSchema.parse(row), held);
			if (append && current.trials.length !== append.entry.number) return { study: current, written: false };
			if (append?.trial) await createTrialHere(db, append.trial);
			const next: StudyRecord = {
				...current,
				...patch,
				trials: append ? [...current.trials, append.entry] : current.trials
			};
			await db.studies.put(next);
			return { study: next, written: true };
		});
		if (!out) {
			this.#held.delete(id);
			return 'gone';
		}
		held.study = out.study;
		if (!out.written) return 'taken';
		held.dirty.clear();
		held.writtenAt = this.#now();
		return 'written';
	}

	/** Writes the changed entries when one left `running`, when forced, or every STUDY_FLUSH_MS; false: gone. */
	async #flush(id: string, held: Held, force: boolean): Promise<boolean> {
		if (held.dirty.size === 0) return true;
		const settled = held.study.trials.some((t) => held.dirty.has(t.number) && t.state !== 'running');
		if (!force && !settled && this.#now() - held.writtenAt < STUDY_FLUSH_MS) return true;
		return (await this.#commit(id, held)) !== 'gone';
	}

	/** Marks the study failed, with the entries changed in memory (`held`) so what its trials did is kept. */
	async #fail(id: string, e: unknown, held?: Held): Promise<void> {
		const { db } = this.#o;
		const message = e instanceof SpaceError ? e.message : `the study runner failed: ${errorMessage(e)}`;
		await db.transaction('rw', db.studies, db.audit, async () => {
			const stored = await db.studies.get(id);
			if (!stored || stored.status !== 'running') return;
			const s = held ? merged(stored, held) : stored;
			await db.studies.put({
				...s,
				status: 'failed',
				error: message,
				finishedAt: this.#now(),
				leaseUntil: 0
			});
			await appendAuditHere(db, {
				type: 'study.failed',
				subject: id,
				summary: `Study "${s.spec.name || id}" failed: ${message}`,
				detail: { trials: s.trials.length, error: message }
			});
		});
	}

	/**
	 * Brings each running entry up to date with its trial, pruning where the pruner says so (in memory: #fill
	 * writes). Returns the trials to cancel, or null when the study is no longer running.
	 */
	async #sync(id: string, held: Held): Promise<string[] | null> {
		const { db } = this.#o;
		const spec = held.study.spec;
		const running = held.study.trials.filter((t) => t.state === 'running' && t.trialId);
		// Is the study still running (its key in the status index, not the record), then the running trials,
		// then the fold results not read yet of those with more folds done. Separate reads, not one transaction:
		// Dexie's explicit transaction costs more than these reads, and each is monotonic (a result is stored
		// before its trial counts it; the writes check the study again).
		const ids = await db.studies.where('status').equals('running').primaryKeys();
		if (!ids.includes(id)) {
			this.#held.delete(id);
			return null;
		}
		const trials = await readRunningTrials(db, running, held);
		const updates = new Map<number, StudyTrial>();
		const toCancel: string[] = [];
		const others = completeScores(held);
		running.forEach((entry, i) => {
			const trial = trials[i];
			if (trial === null) return;
			const folds = [...(held.folds.get(entry.trialId as string)?.values() ?? [])];
			const u = entryUpdate(entry, trial, folds, spec, others, this.#o.shouldPrune, this.#now());
			if (!u) return;
			updates.set(entry.number, u.entry);
			if (u.prune) toCancel.push(u.prune);
		});
		if (updates.size > 0) {
			held.study = { ...held.study, trials: held.study.trials.map((t) => updates.get(t.number) ?? t) };
			for (const [number, entry] of updates) {
				held.dirty.add(number);
				if (entry.state !== 'running' && entry.trialId) held.folds.delete(entry.trialId);
			}
		}
		return toCancel;
	}

	/** Finishes the study at its budget, or queues trials until `parallel` are active. */
	async #fill(id: string, held: Held): Promise<void> {
		for (;;) {
			const s = held.study;
			const spec = s.spec;
			const now = this.#now();
			const active = s.trials.filter((t) => t.state === 'running').length;
			const stopReason = this.#stopReason(s, now);
			if (stopReason) {
				if (!(await this.#flush(id, held, active === 0))) return;
				// The search is over; a study with a holdout finishes once its holdout trial has run.
				if (active === 0 && !(await this.#stepHoldout(id, spec))) await this.#end(id, held, stopReason);
				return;
			}
			if (active >= spec.parallel) {
				await this.#flush(id, held, false);
				return;
			}
			const number = s.trials.length;
			const plan = (held.plan ??= studyPlan(spec));
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
				if ((await this.#commit(id, held, { patch: { stopReason: e.message } })) !== 'written') return;
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
			const added = await this.#commit(id, held, {
				append: { entry, trial: admission.ok ? admission.trial : null }
			});
			if (added === 'gone') return;
			// Another writer took number k meanwhile: sample k + 1 from the stored study (nothing was written).
			if (added === 'taken') continue;
			if (admission.ok) this.#o.onQueued?.();
		}
	}

	/** Finishes the study (its entries are written) and forgets it. */
	async #end(id: string, held: Held, reason: string): Promise<void> {
		this.#held.delete(id);
		await this.#finish(held.study, reason);
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

	/**
	 * One step of the holdout, on the stored record: the holdout entry is written by study-holdout.ts, not
	 * through the copy this runner holds. True while the study must wait for it (never without one in its spec).
	 */
	async #stepHoldout(id: string, spec: StudySpec): Promise<boolean> {
		if (!spec.holdout) return false;
		const row = await this.#o.db.studies.get(id);
		if (!row) return true;
		return stepHoldout(this.#holdoutDeps(), studyRecordSchema.parse(row));
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
			await db.studies.put({
				...current,
				status: 'completed',
				stopReason: reason,
				finishedAt: this.#now(),
				leaseUntil: 0,
				report
			});
			await appendAuditHere(db, completedEvent(current, reason, report));
			return true;
		});
		if (finished) {
			const best = s.trials.find((t) => t.number === report.bestNumber);
			this.#o.onFinished?.(s.id, best?.trialId ?? null);
		}
	}
}
