/**
 * What the study runner reads from storage besides the study itself: each trial's running objective, the
 * overfitting report over the complete trials, and the warm-start observations of earlier studies.
 */
import { z } from 'zod';
import type { MlTrainerDb } from '../db/database';
import {
	foldResultRecordSchema,
	trialRecordSchema,
	type FoldResultRecord,
	type TrialRecord
} from '../db/records';
import { studyRecordSchema, type StoredStudyReport, type StudyRecord } from '../db/study-records';
import { stitchFolds, strategyOf, type FoldSeries } from '../domain/aggregate';
import { featureKey } from '../domain/feature-spec';
import { trialSpecSchema } from '../domain/trial-spec';
import type { ObjectiveMetric } from '../research/study/objective';
import { bestOf, observationsOf, runningObjective } from '../research/study/plan';
import { studyReport, type TrialReturns } from '../research/study/report';
import type { Observation } from '../research/study/sampler';
import type { StudySpec } from '../research/study/spec';

/** The fields of a stored fold result a running objective reads, parsed without the rest (its metrics). */
export const foldSeriesRecordSchema = foldResultRecordSchema.pick({
	trialId: true,
	fold: true,
	row: true,
	t: true,
	predicted: true,
	realised: true,
	nextReturn: true,
	aux: true
});

/** The fields of a trial record the report reads, parsed without the rest (its spec but the strategy, its data). */
const trialReturnsSchema = trialRecordSchema
	.pick({ id: true, task: true, folds: true })
	.extend({ spec: z.object({ strategy: trialSpecSchema.shape.strategy }) });

/** The part of a stored fold result a running objective reads. */
export function foldSeriesOf(
	r: Pick<FoldResultRecord, keyof typeof foldSeriesRecordSchema.shape>
): FoldSeries {
	return {
		fold: r.fold,
		row: r.row,
		t: r.t,
		predicted: r.predicted,
		realised: r.realised,
		nextReturn: r.nextReturn,
		aux: r.aux
	};
}

/** A trial's fold results, only the fields the running objective and the report read (parsed). */
async function foldResults(db: MlTrainerDb, trialId: string): Promise<FoldSeries[]> {
	return (await db.results.where('trialId').equals(trialId).toArray()).map((r) =>
		foldSeriesOf(foldSeriesRecordSchema.parse(r))
	);
}

/** The running objective after 1 … k consecutive folds (the first `known` already computed are kept). */
export async function runningObjectives(
	db: MlTrainerDb,
	trial: TrialRecord,
	metric: ObjectiveMetric,
	known: readonly number[] = []
): Promise<number[]> {
	return runningObjectivesOf(await foldResults(db, trial.id), trial, metric, known);
}

/**
 * runningObjectives on fold results already read (the study runner keeps a running trial's folds in memory).
 * `whole`: the objective over all of a completed trial's folds, from its summary (aggregateFolds over the same
 * stored results, so the same number), which is then not computed again.
 */
export function runningObjectivesOf(
	folds: readonly FoldSeries[],
	trial: Pick<TrialRecord, 'task'> & { readonly spec: Pick<TrialRecord['spec'], 'strategy'> },
	metric: ObjectiveMetric,
	known: readonly number[] = [],
	whole?: { readonly folds: number; readonly value: number }
): number[] {
	const out: number[] = [...known];
	// k: the consecutive folds from fold 0 that have a result (as runningObjective counts them).
	const present = new Set(folds.map((f) => f.fold));
	let k = 0;
	while (present.has(k)) k++;
	for (let i = known.length + 1; i <= k; i++)
		out.push(
			i === whole?.folds
				? whole.value
				: runningObjective(
						folds.filter((f) => f.fold < i),
						trial.task,
						trial.spec.strategy,
						metric
					).value
		);
	return out;
}

/**
 * The overfitting report of a study's trials as they stand: each complete trial's out-of-sample strategy
 * returns after costs (stitched as in its summary), the best by the objective, every sampled trial counted as an
 * attempt.
 */
export async function studyReportFor(
	db: MlTrainerDb,
	s: StudyRecord,
	now: number
): Promise<StoredStudyReport> {
	const entries = s.trials.filter((e) => e.state === 'complete' && e.trialId);
	// One read transaction, two batched reads (a read per trial, awaited in turn, costs several times more):
	// the complete trials, then every fold result of each.
	const { trials, results } = await db.transaction('r', db.trials, db.results, async () => {
		const rows = await db.trials.bulkGet(entries.map((e) => e.trialId as string));
		const trials = rows.map((r) => (r ? trialReturnsSchema.parse(r) : null));
		const keys = trials.flatMap((t) =>
			t ? Array.from({ length: t.folds }, (_, f): [string, number] => [t.id, f]) : []
		);
		return { trials, results: await db.results.bulkGet(keys) };
	});
	const folds = new Map<string, FoldSeries[]>();
	for (const r of results) {
		if (r === undefined) continue;
		const fold = foldSeriesRecordSchema.parse(r);
		folds.set(fold.trialId, [...(folds.get(fold.trialId) ?? []), foldSeriesOf(fold)]);
	}
	const series: TrialReturns[] = [];
	entries.forEach((entry, i) => {
		const trial = trials[i];
		if (!trial) return;
		const stitched = stitchFolds(folds.get(trial.id) ?? []);
		const { net } = strategyOf(stitched, trial.task, trial.spec.strategy);
		series.push({ number: entry.number, t: stitched.t, net });
	});
	const best = bestOf(s.trials, s.spec.objective.direction);
	return { computedAt: now, ...studyReport(series, best?.number ?? null, s.trials.length) };
}

/**
 * The warm start: complete trials of earlier finished studies of the same model on the same series with the same
 * objective and direction, oldest study first.
 */
/**
 * Scores compare only on the same features: the same base set without a feature search, or a feature search
 * over the same space (its dimensions must be the same for the sampler to read the prior).
 */
function sameFeatures(a: StudySpec, b: StudySpec): boolean {
	if (a.featureSearch || b.featureSearch)
		return (
			a.featureSearch?.maxDepth === b.featureSearch?.maxDepth &&
			a.featureSearch?.selection === b.featureSearch?.selection
		);
	return featureKey(a.base.features) === featureKey(b.base.features);
}

export async function priorObservations(db: MlTrainerDb, s: StudyRecord): Promise<Observation[]> {
	const earlier = (await db.studies.where('status').anyOf('completed', 'stopped').toArray())
		.map((r) => studyRecordSchema.parse(r))
		.filter(
			(o) =>
				o.id !== s.id &&
				o.createdAt < s.createdAt &&
				o.spec.base.model.id === s.spec.base.model.id &&
				o.data.seriesKey === s.data.seriesKey &&
				o.spec.objective.metric === s.spec.objective.metric &&
				o.spec.objective.direction === s.spec.objective.direction &&
				sameFeatures(o.spec, s.spec)
		)
		.sort((a, b) => a.createdAt - b.createdAt);
	return earlier.flatMap((o) =>
		observationsOf(
			o.trials.filter((t) => t.state === 'complete'),
			o.spec.objective.direction
		)
	);
}
