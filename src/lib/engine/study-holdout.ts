/**
 * A study's holdout (issue 11, overfitting defences): once the search has ended, its best trial runs once more,
 * walked forward through the reserved period the search never saw, and that score is kept on the study record
 * beside the search's. It is not one of the study's trials: the sampler, the pruner, the report (DSR, PBO), the
 * warm start and the CSV never see it.
 *
 * Run once: the holdout trial has the fixed id `<study>.holdout` and is created in the same transaction that
 * records it on the study, after checking the study has no holdout entry yet; a crash before that transaction
 * leaves nothing, after it the runner that takes over finds the entry and waits for the trial.
 */
import type { MlTrainerDb } from '../db/database';
import { trialRecordSchema } from '../db/records';
import type { StudyHoldout, StudyRecord } from '../db/study-records';
import type { TrialSpec } from '../domain/trial-spec';
import { objectiveValue } from '../research/study/objective';
import { bestOf, holdoutSpecFor, holdoutTrialId, studyPlan } from '../research/study/plan';
import { createTrial, type NewTrial } from './job-store';

export interface HoldoutDeps {
	readonly db: MlTrainerDb;
	readonly admit: (
		spec: TrialSpec,
		id: string,
		now: number
	) => Promise<{ ok: true; trial: NewTrial } | { ok: false; reason: string }>;
	readonly onQueued?: () => void;
	readonly now: () => number;
}

/**
 * One step of the holdout of a study whose search has ended (no trial running): starts the holdout trial, or
 * reads its outcome. True while the study must wait for it; false when there is none to wait for (no holdout,
 * or it is settled), so the study can finish.
 */
export async function stepHoldout(d: HoldoutDeps, s: StudyRecord): Promise<boolean> {
	if (!s.spec.holdout) return false;
	if (s.holdout === null) return start(d, s);
	if (s.holdout.state !== 'running') return false;
	return sync(d, s, s.holdout);
}

async function start(d: HoldoutDeps, s: StudyRecord): Promise<boolean> {
	const now = d.now();
	const best = bestOf(s.trials, s.spec.objective.direction);
	const id = holdoutTrialId(s.id);
	const admission = best
		? await d.admit(holdoutSpecFor(s.spec, studyPlan(s.spec), best.params, best.number), id, now)
		: null;
	const entry: StudyHoldout = {
		number: best?.number ?? null,
		trialId: admission?.ok ? id : null,
		state: !best ? 'skipped' : admission?.ok ? 'running' : 'failed',
		value: null,
		note: !best
			? `no search trial completed with a ${s.spec.objective.metric}: there is nothing to score on the holdout`
			: admission && !admission.ok
				? `refused by the gateway: ${admission.reason}`
				: null,
		createdAt: now,
		finishedAt: admission?.ok ? null : now
	};
	const { db } = d;
	const added = await db.transaction('rw', db.studies, db.trials, db.jobs, db.audit, async () => {
		const current = await db.studies.get(s.id);
		if (!current || current.status !== 'running' || (current.holdout ?? null) !== null) return false;
		if (admission?.ok) await createTrial(db, admission.trial);
		await db.studies.put({ ...current, holdout: entry });
		return true;
	});
	// Another runner recorded it first: nothing was written here; the next step reads theirs.
	if (!added) return true;
	if (admission?.ok) {
		d.onQueued?.();
		return true;
	}
	return false;
}

async function sync(d: HoldoutDeps, s: StudyRecord, h: StudyHoldout): Promise<boolean> {
	const { db } = d;
	const now = d.now();
	const row = h.trialId ? await db.trials.get(h.trialId) : undefined;
	let next: StudyHoldout;
	if (!row) {
		next = { ...h, state: 'failed', note: 'its trial was deleted', finishedAt: now };
	} else {
		const trial = trialRecordSchema.parse(row);
		if (trial.status === 'completed' && trial.summary) {
			const metric = s.spec.objective.metric;
			const value = objectiveValue(trial.summary, metric);
			next = {
				...h,
				state: 'complete',
				value,
				note: Number.isFinite(value) ? null : `${metric} is not available for the holdout trial`,
				finishedAt: trial.finishedAt ?? now
			};
		} else if (trial.status === 'failed' || trial.status === 'cancelled') {
			next = {
				...h,
				state: 'failed',
				note: trial.status === 'cancelled' ? 'the trial was cancelled' : (trial.error ?? 'the trial failed'),
				finishedAt: trial.finishedAt ?? now
			};
		} else return true;
	}
	await db.transaction('rw', db.studies, async () => {
		const current = await db.studies.get(s.id);
		if (!current || current.status !== 'running' || current.holdout?.state !== 'running') return;
		await db.studies.put({ ...current, holdout: next });
	});
	return false;
}
