/**
 * A finished study → what its share link carries (share-schema.ts sharedStudySchema). Pure: the caller reads the
 * best trial's records. The history is the study page's optimisation history (ui/study-view.ts historyOf: every
 * trial's objective, unscored ones as null, and the best so far) down-sampled, to CURVE_DIGITS significant
 * digits like a shared curve (the best trial's exact numbers travel in `best`); the best so far is computed over
 * every trial before down-sampling, so no best is lost between kept numbers. The report's numbers are the stored
 * overfitting report's scalars (DSR, PBO…); a part that could not be computed travels as its reason, in words.
 */
import type { DatasetRecord, FoldResultRecord, TrialRecord } from '../db/records';
import { STUDY_TRIAL_STATES, type StoredStudyReport, type StudyRecord } from '../db/study-records';
import { OBJECTIVES, better } from '../research/study/objective';
import { bestOf } from '../research/study/plan';
import {
	CURVE_DIGITS,
	MAX_CURVE_POINTS,
	downsampleIndices,
	finiteOrNull,
	sharedStudySchema,
	type SharedMetrics,
	type SharedStudy
} from '../security/share-schema';
import { SHARE_CURVE_POINTS, sharedTrialCoreOf } from './share-trial';

/** Only a study that has stopped sampling can be shared: a running one's numbers are still moving. */
export const SHAREABLE_STUDY_STATUSES: readonly StudyRecord['status'][] = ['completed', 'stopped'];

/** The best trial's records, as the caller read them. */
export interface BestTrialRecords {
	readonly trial: TrialRecord;
	readonly results: readonly FoldResultRecord[];
	readonly dataset: DatasetRecord | undefined;
}

export interface ShareStudyOptions {
	/** Points of the optimisation history (at most MAX_CURVE_POINTS). */
	readonly historyPoints?: number;
	/** Points of the best trial's equity curve. */
	readonly curvePoints?: number;
}

/** JSON has no NaN and writes -0 as 0: both are normalised here so a link round-trips exactly. */
const clean = (x: number | null | undefined): number | null => {
	const v = finiteOrNull(x);
	return v === 0 ? 0 : v;
};

/** A history point as a chart needs it: CURVE_DIGITS significant digits, like a shared curve. */
const point = (x: number): number | null =>
	clean(Number.isFinite(x) ? Number(x.toPrecision(CURVE_DIGITS)) : null);

/** The objective as a reader says it: "maximize Sharpe ratio after costs". */
export function objectiveInWords(study: StudyRecord): string {
	return `${study.spec.objective.direction} ${OBJECTIVES[study.spec.objective.metric].label}`;
}

/** Every scalar of the report's available parts as `dsr.name` / `pbo.name` (true/false as 1/0), logits left out. */
export function sharedReportOf(report: StoredStudyReport | null): {
	metrics: SharedMetrics;
	notes: string[];
} {
	const metrics: Record<string, number | null> = {};
	const notes: string[] = [];
	if (!report) return { metrics, notes };
	for (const [name, part] of [
		['dsr', report.dsr],
		['pbo', report.pbo]
	] as const) {
		if (!part.ok) {
			notes.push(`${name === 'dsr' ? 'Deflated Sharpe Ratio' : 'PBO'} not available: ${part.reason}`);
			continue;
		}
		for (const [k, v] of Object.entries(part)) {
			if (typeof v === 'number') metrics[`${name}.${k}`] = clean(v);
			else if (typeof v === 'boolean' && k !== 'ok') metrics[`${name}.${k}`] = v ? 1 : 0;
		}
	}
	return { metrics, notes };
}

function historyOf(study: StudyRecord, points: number): SharedStudy['history'] {
	const dir = study.spec.objective.direction;
	const value = study.trials.map((t) =>
		t.state === 'complete' && t.value !== null && Number.isFinite(t.value) ? (t.value as number) : Number.NaN
	);
	let best = Number.NaN;
	const bestSoFar = value.map((v) => (better(v, best, dir) ? (best = v) : best));
	const keep = downsampleIndices(study.trials.length, points);
	return {
		number: keep.map((i) => study.trials[i].number),
		value: keep.map((i) => point(value[i])),
		bestSoFar: keep.map((i) => point(bestSoFar[i]))
	};
}

export function sharedStudyOf(
	study: StudyRecord,
	best: BestTrialRecords | null,
	appVersion: string,
	options: ShareStudyOptions = {}
): SharedStudy {
	if (!SHAREABLE_STUDY_STATUSES.includes(study.status))
		throw new RangeError(
			`study ${study.id} is ${study.status}: only a completed or stopped study can be shared`
		);
	const points = Math.min(options.historyPoints ?? MAX_CURVE_POINTS, MAX_CURVE_POINTS);
	const entry = bestOf(study.trials, study.spec.objective.direction);
	if (best && best.trial.id !== entry?.trialId)
		throw new RangeError(
			`trial ${best.trial.id} is not the best trial of study ${study.id} (${entry?.trialId ?? 'none completed'})`
		);
	const { metrics, notes } = sharedReportOf(study.report);
	if (entry && !best)
		notes.push(
			`The best trial (#${entry.number + 1}) has no trial record in the sender's workspace${study.origin ? ' (the study was imported from an Optuna CSV)' : ''}: its curve and spec are not carried.`
		);
	const counts = Object.fromEntries(
		STUDY_TRIAL_STATES.map((s) => [s, study.trials.filter((t) => t.state === s).length])
	);
	return sharedStudySchema.parse({
		kind: 'study',
		name: (study.spec.name || `${study.spec.base.model.id} study`).slice(0, 120),
		objective: objectiveInWords(study),
		status: study.status,
		model: study.spec.base.model.id.slice(0, 80),
		sampler: study.spec.sampler,
		budget: study.spec.budget.trials,
		counts,
		history: historyOf(study, points),
		report: metrics,
		notes: notes.map((n) => n.slice(0, 400)),
		bestNumber: entry?.number ?? null,
		best: best
			? sharedTrialCoreOf(best.trial, best.results, best.dataset, options.curvePoints ?? SHARE_CURVE_POINTS)
			: null,
		appVersion: appVersion.slice(0, 40)
	});
}
