/**
 * From a study spec to what its trials run, and from stored trials back to what the sampler sees. Pure.
 */
import { requireEntry } from '../../catalog/catalog';
import type { TrialSpec } from '../../domain/trial-spec';
import { aggregateFolds, type FoldSeries } from '../../domain/aggregate';
import type { TaskKind, StrategySettings } from '../../domain/task-metrics';
import type { Observation, ObservationState } from './sampler';
import { better, objectiveValue, toScore, type Direction, type ObjectiveMetric } from './objective';
import {
	buildSpace,
	dimensionOf,
	SpaceError,
	type Narrowing,
	type Params,
	type ParamValue,
	type SearchSpace
} from './space';
import { featureDimensions, splitFeatureParams } from './feature-search';
import type { StudySpec } from './spec';

/** The tasks whose models learn from the feature columns (a feature search needs one). */
const FEATURE_TASKS: readonly string[] = ['regression', 'classification', 'regime', 'clustering'];

/** Trial numbers are padded so a study's trial ids sort in sampling order (the engine claims oldest id first). */
const NUMBER_DIGITS = 3;

export function studyTrialId(studyId: string, number: number): string {
	return `${studyId}.${String(number).padStart(NUMBER_DIGITS, '0')}`;
}

/** The study a trial belongs to, from its id (`<study id>.<number>`), or null for a trial of no study. */
export function studyIdOfTrial(trialId: string): string | null {
	return /^(study-.+)\.(?:\d{3,}|holdout)$/.exec(trialId)?.[1] ?? null;
}

/** The id of a study's one holdout trial (fixed, so it can never be created twice). */
export function holdoutTrialId(studyId: string): string {
	return `${studyId}.holdout`;
}

export interface StudyPlan {
	readonly space: SearchSpace;
	/** Every parameter not searched, as the trials get it. */
	readonly fixed: Readonly<Record<string, unknown>>;
}

/**
 * The space the study searches: the named parameters over their catalog ranges or the user's narrowing; every
 * other parameter fixed at the base trial's value (or the catalog default). Throws SpaceError naming the field.
 */
export function studyPlan(spec: Pick<StudySpec, 'base' | 'search' | 'featureSearch'>): StudyPlan {
	const entry = requireEntry(spec.base.model.id);
	if (spec.featureSearch && !FEATURE_TASKS.includes(entry.task))
		throw new SpaceError(
			`${entry.id} does not read the feature columns (its task is ${entry.task}): a feature search needs a model that learns from features (${FEATURE_TASKS.join(', ')})`
		);
	const narrow: Record<string, Narrowing> = {};
	for (const [name, p] of Object.entries(entry.params)) {
		const wanted = spec.search[name];
		if (wanted === undefined) {
			// Lists are fixed too; buildSpace passes a fixed value through untouched.
			const value = name in spec.base.model.params ? spec.base.model.params[name] : p.default;
			narrow[name] = { fixed: value as ParamValue };
			continue;
		}
		if (!dimensionOf(name, p))
			throw new SpaceError(`${name} is a list parameter: it can be fixed but not searched`);
		if (wanted !== 'full') narrow[name] = wanted;
	}
	for (const name of Object.keys(spec.search))
		if (!(name in entry.params)) throw new SpaceError(`${name} is not a parameter of ${entry.id}`);
	const built = buildSpace(entry.params, narrow);
	const space = spec.featureSearch ? [...built.space, ...featureDimensions(spec.featureSearch)] : built.space;
	if (space.length === 0) throw new SpaceError('every searched parameter is fixed: nothing to search');
	return { space, fixed: built.fixed };
}

/** The trial spec of trial `number` with the sampled parameters. */
export function trialSpecFor(spec: StudySpec, plan: StudyPlan, params: Params, number: number): TrialSpec {
	const name = `${spec.name || 'Study'} #${number + 1}`.slice(0, 120);
	const split = spec.featureSearch ? splitFeatureParams(params, spec.featureSearch) : null;
	return {
		...spec.base,
		name,
		// A searched recipe replaces the base's columns; its other inputs (benchmark, macro) stay.
		...(split
			? {
					features: spec.base.features.inputs
						? { ...split.recipe, inputs: spec.base.features.inputs }
						: split.recipe
				}
			: {}),
		model: {
			id: spec.base.model.id,
			params: { ...plan.fixed, ...(split ? split.model : params) } as TrialSpec['model']['params']
		},
		// The search never sees the holdout: no test row, and no target, reaches its first day.
		...(spec.holdout ? { validation: { ...spec.base.validation, testUntil: spec.holdout.from } } : {})
	};
}

/**
 * The holdout trial: search trial `number` (its parameters) walked forward through the holdout only, its test
 * windows starting on the holdout's first day and re-fitted fold by fold as in the search. Throws a SpaceError
 * when the study has no holdout.
 */
export function holdoutSpecFor(spec: StudySpec, plan: StudyPlan, params: Params, number: number): TrialSpec {
	if (!spec.holdout) throw new SpaceError('the study has no holdout');
	const trial = trialSpecFor(spec, plan, params, number);
	const { testUntil: _cut, ...validation } = trial.validation;
	return {
		...trial,
		name: `${spec.name || 'Study'} holdout (trial #${number + 1})`.slice(0, 120),
		validation: { ...validation, testFrom: spec.holdout.from }
	};
}

/** What the study knows of one of its trials (stored in the study record). */
export interface StudyTrialState {
	readonly number: number;
	readonly params: Params;
	readonly state: ObservationState;
	/** The objective in its own units (not flipped); null while running or when not available. */
	readonly value: number | null;
}

/** The trials as the sampler sees them: values flipped to scores to maximise, NaN as no value. */
export function observationsOf(trials: readonly StudyTrialState[], direction: Direction): Observation[] {
	return trials.map((t) => ({
		number: t.number,
		params: t.params,
		state: t.state,
		value: t.value !== null && Number.isFinite(t.value) ? toScore(t.value, direction) : null
	}));
}

/**
 * The running objective after the first `k` folds, k = the number of consecutive folds from fold 0 that have a
 * result: the trial's metric as if it had only those folds (same stitching and scoring as the final summary),
 * so intermediate values do not depend on the order in which parallel folds finish.
 */
export function runningObjective(
	results: readonly FoldSeries[],
	task: TaskKind,
	strategy: StrategySettings,
	metric: ObjectiveMetric
): { folds: number; value: number } {
	const byFold = new Map(results.map((r) => [r.fold, r]));
	const prefix: FoldSeries[] = [];
	while (byFold.has(prefix.length)) prefix.push(byFold.get(prefix.length) as FoldSeries);
	if (prefix.length === 0) return { folds: 0, value: Number.NaN };
	return { folds: prefix.length, value: objectiveValue(aggregateFolds(prefix, task, strategy), metric) };
}

/** The best complete trial with a finite objective in the direction (the earliest on a tie); null before any. */
export function bestOf<T extends StudyTrialState>(trials: readonly T[], direction: Direction): T | null {
	let best: T | null = null;
	for (const t of trials)
		if (
			t.state === 'complete' &&
			t.value !== null &&
			Number.isFinite(t.value) &&
			(best === null || better(t.value, best.value as number, direction))
		)
			best = t;
	return best;
}
