/**
 * The study runner's view of a study it holds the lease of (study-runner.ts), and one step's sync of its running
 * entries: read the running trials and their new fold results, then what each entry becomes (its running
 * objectives, complete, failed or pruned). The runner writes the changes.
 */
import { z } from 'zod';
import type { MlTrainerDb } from '../db/database';
import { trialRecordSchema } from '../db/records';
import type { StudyRecord, StudyTrial } from '../db/study-records';
import type { FoldSeries } from '../domain/aggregate';
import { trialSpecSchema } from '../domain/trial-spec';
import { objectiveValue } from '../research/study/objective';
import type { StudyPlan } from '../research/study/plan';
import type { StudySpec } from '../research/study/spec';
import { foldSeriesOf, foldSeriesRecordSchema, runningObjectivesOf } from './study-data';

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

/**
 * The fields of a trial record a step reads, parsed without the rest (its spec but the strategy, its pinned
 * data, its folds' dates): a step parses a running trial each time one of its folds is done.
 */
export const trialProgressSchema = trialRecordSchema
	.pick({
		id: true,
		task: true,
		status: true,
		folds: true,
		foldsDone: true,
		error: true,
		summary: true,
		finishedAt: true
	})
	.extend({ spec: z.object({ strategy: trialSpecSchema.shape.strategy }) });
export type TrialProgress = z.infer<typeof trialProgressSchema>;

/** A study whose lease a runner holds, as that runner knows it between steps. */
export interface Held {
	/** The stored record as last read or written in a transaction, with the `dirty` entries changed. */
	study: StudyRecord;
	/** Numbers of the entries changed in memory and not yet written. */
	readonly dirty: Set<number>;
	/** Each running trial's fold results read so far, by trial id, then fold. */
	readonly folds: Map<string, Map<number, FoldSeries>>;
	plan: StudyPlan | null;
	/** When the runner last wrote the study. */
	writtenAt: number;
}

/** The stored study with the entries the runner changed in memory put over their stored versions. */
export function merged(stored: StudyRecord, held: Held): StudyRecord {
	if (held.dirty.size === 0) return stored;
	const mine = new Map(held.study.trials.filter((t) => held.dirty.has(t.number)).map((t) => [t.number, t]));
	return { ...stored, trials: stored.trials.map((t) => mine.get(t.number) ?? t) };
}

/**
 * The running entries' trials (undefined: deleted; null: still queued or running with no fold done beyond those
 * its entry has, so not parsed) and their fold results not read yet, added to `held.folds`.
 */
export async function readRunningTrials(
	db: MlTrainerDb,
	running: readonly StudyTrial[],
	held: Held
): Promise<(TrialProgress | null | undefined)[]> {
	if (running.length === 0) return [];
	const rows = await db.trials.bulkGet(running.map((t) => t.trialId as string));
	const trials = rows.map((r, i) =>
		r === undefined
			? undefined
			: (r.status === 'queued' || r.status === 'running') && r.foldsDone <= running[i].intermediate.length
				? null
				: trialProgressSchema.parse(r)
	);
	const wanted: [string, number][] = [];
	for (const t of trials) {
		if (!t || t.status === 'failed' || t.status === 'cancelled') continue;
		const have = held.folds.get(t.id);
		if ((have?.size ?? 0) >= t.foldsDone) continue;
		for (let f = 0; f < t.folds; f++) if (!have?.has(f)) wanted.push([t.id, f]);
	}
	for (const r of wanted.length > 0 ? await db.results.bulkGet(wanted) : []) {
		if (r === undefined) continue;
		const fold = foldSeriesRecordSchema.parse(r);
		const have = held.folds.get(fold.trialId) ?? new Map<number, FoldSeries>();
		have.set(fold.fold, foldSeriesOf(fold));
		held.folds.set(fold.trialId, have);
	}
	return trials;
}

export function score(v: number, spec: StudySpec): number {
	return spec.objective.direction === 'maximize' ? v : -v;
}

const othersMemo = new WeakMap<Held, { complete: number; values: number[][] }>();

/**
 * The complete entries' running objectives as scores (the pruner's `others`), in entry order. A complete entry
 * never changes, so they are remembered for the held study until the number of complete entries changes.
 */
export function completeScores(held: Held): readonly (readonly number[])[] {
	const { trials, spec } = held.study;
	let complete = 0;
	for (const t of trials) if (t.state === 'complete') complete++;
	const memo = othersMemo.get(held);
	if (memo && memo.complete === complete) return memo.values;
	const values = trials
		.filter((t) => t.state === 'complete')
		.map((t) => t.intermediate.map((v) => score(v, spec)));
	othersMemo.set(held, { complete, values });
	return values;
}

/**
 * What a running entry becomes given its trial as read (null: unchanged): complete with its objective, failed,
 * or with more running objectives, pruned when `shouldPrune` says so (`prune` then names the trial to cancel).
 */
export function entryUpdate(
	entry: StudyTrial,
	trial: TrialProgress | undefined,
	folds: readonly FoldSeries[],
	spec: StudySpec,
	others: readonly (readonly number[])[],
	shouldPrune: (q: PruneQuestion) => boolean,
	now: number
): { entry: StudyTrial; prune: string | null } | null {
	const metric = spec.objective.metric;
	if (!trial)
		return {
			entry: { ...entry, state: 'failed', note: 'its trial was deleted', finishedAt: now },
			prune: null
		};
	if (trial.status === 'completed' && trial.summary) {
		const value = objectiveValue(trial.summary, metric);
		const whole = { folds: trial.folds, value };
		const intermediate = runningObjectivesOf(folds, trial, metric, entry.intermediate, whole);
		return {
			entry: {
				...entry,
				state: 'complete',
				value,
				intermediate,
				note: Number.isFinite(value) ? null : `${metric} is not available for this trial`,
				finishedAt: trial.finishedAt ?? now
			},
			prune: null
		};
	}
	if (trial.status === 'failed' || trial.status === 'cancelled')
		return {
			entry: {
				...entry,
				state: 'failed',
				note: trial.status === 'cancelled' ? 'the trial was cancelled' : (trial.error ?? 'the trial failed'),
				finishedAt: trial.finishedAt ?? now
			},
			prune: null
		};
	if (trial.foldsDone <= entry.intermediate.length) return null;
	const intermediate = runningObjectivesOf(folds, trial, metric, entry.intermediate);
	if (intermediate.length === entry.intermediate.length) return null;
	const next: StudyTrial = { ...entry, intermediate };
	if (
		spec.pruning.kind !== 'median' ||
		!shouldPrune({
			step: intermediate.length,
			values: intermediate.map((v) => score(v, spec)),
			others,
			startupTrials: spec.pruning.startupTrials,
			warmupSteps: spec.pruning.warmupFolds
		})
	)
		return { entry: next, prune: null };
	const last = intermediate[intermediate.length - 1];
	return {
		entry: {
			...next,
			state: 'pruned',
			value: Number.isFinite(last) ? last : null,
			note: `pruned after ${intermediate.length} of ${trial.folds} folds: its running ${metric} was below the median of earlier trials at that fold`,
			finishedAt: now
		},
		prune: trial.id
	};
}
