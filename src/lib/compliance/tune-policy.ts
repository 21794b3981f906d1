/**
 * The gateway's check of a tuned trial: the grid (`model.tune`) and, for nested tuning, the inner walk-forward
 * (`model.tuneWindow`, the catalog procedure walk_forward_optimization; models/nested-tuning.ts runs it). Pure.
 */
import { requireEntry, validateParams } from '../catalog/catalog';
import { fieldSchema } from '../catalog/params';
import type { SpecIssue, TrialSpec } from '../domain/trial-spec';
import { innerFoldCount } from '../models/inner-folds';

type TuneGrid = Readonly<Record<string, readonly (number | boolean | string | null)[]>>;

/** The catalog procedure whose parameters bound model.tuneWindow (window_size, step_size). */
export const NESTED_TUNING_PROCEDURE = 'walk_forward_optimization';

/**
 * Most fits one fold of a nested-tuned learner may make (combinations × inner folds). By the models' own cost
 * figures for 252-row inner windows: gradient boosting ≈ 170 ms a fit → about 6 minutes a fold; the MLP ≈ 420 ms →
 * about 14 minutes, still inside the 30-minute fold ceiling (seam.ts MAX_FOLD_DEADLINE_MS). Ridge: 0.2 s.
 */
export const MAX_NESTED_FITS_PER_FOLD = 2_000;

/** Tasks whose models are fitted (learners): tuned only by nested walk-forward. */
const FITTED_TASKS: readonly string[] = [
	'regression',
	'classification',
	'forecast',
	'volatility_forecast',
	'regime',
	'clustering'
];

/** True for a task whose model is fitted on the training window (a learner, not a signal). */
export function isFittedTask(task: string | null): boolean {
	return task !== null && FITTED_TASKS.includes(task);
}

/**
 * What is wrong with a grid for this model, field by field: signals and learners are tuned, every name must be
 * one of the entry's parameters, every value must be valid for its field on its own. (Combinations that break a
 * rule between fields, a fast period not below the slow one, are skipped when the folds run.)
 */
export function tuneIssues(modelId: string, task: string | null, grid: TuneGrid): SpecIssue[] {
	const issues: SpecIssue[] = [];
	if (task !== 'signal' && !isFittedTask(task)) {
		issues.push({
			path: 'model.tune',
			message: `model.tune chooses a signal's or a learner's parameters on each training window; ${modelId} is neither`
		});
		return issues;
	}
	const entry = requireEntry(modelId);
	for (const [name, values] of Object.entries(grid)) {
		const spec = entry.params[name];
		if (!spec) {
			issues.push({
				path: `model.tune.${name}`,
				message: `${modelId} has no parameter "${name}" (it has ${Object.keys(entry.params).join(', ')})`
			});
			continue;
		}
		const field = fieldSchema(name, spec);
		values.forEach((v, i) => {
			const parsed = field.safeParse(v);
			if (!parsed.success)
				issues.push({
					path: `model.tune.${name}.${i}`,
					message: `model.tune.${name}[${i}] = ${JSON.stringify(v)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`
				});
		});
		if (new Set(values.map((v) => JSON.stringify(v))).size !== values.length)
			issues.push({ path: `model.tune.${name}`, message: `model.tune.${name} repeats a value` });
	}
	return issues;
}

const WINDOW_FIELDS = { window_size: 'windowSize', step_size: 'stepSize' } as const;

/**
 * What is wrong with the inner walk-forward of a spec, before any dataset is seen: a learner's grid needs it,
 * it needs a grid, its sizes lie in walk_forward_optimization's ranges, and the smallest outer training
 * window (`validation.trainLength`, the first window in expanding mode too) holds at least one inner fold.
 */
export function tuneWindowIssues(spec: TrialSpec, task: string | null): SpecIssue[] {
	const { tune, tuneWindow } = spec.model;
	if (!tuneWindow) {
		return tune && isFittedTask(task)
			? [
					{
						path: 'model.tuneWindow',
						message: `model.tune on a learner (${spec.model.id}) chooses its parameters by nested walk-forward: set model.tuneWindow { windowSize, stepSize } (${NESTED_TUNING_PROCEDURE}: window 252, step 22 by default)`
					}
				]
			: [];
	}
	if (!tune)
		return [
			{
				path: 'model.tuneWindow',
				message: 'model.tuneWindow sets the inner walk-forward of model.tune; add model.tune or remove it'
			}
		];
	const checked = validateParams(NESTED_TUNING_PROCEDURE, {
		window_size: tuneWindow.windowSize,
		step_size: tuneWindow.stepSize
	});
	if (!checked.ok) {
		return checked.issues.map((i) => {
			const field = WINDOW_FIELDS[i.path as keyof typeof WINDOW_FIELDS] ?? i.path;
			return { path: `model.tuneWindow.${field}`, message: `model.tuneWindow.${field}: ${i.message}` };
		});
	}
	const { windowSize, stepSize } = tuneWindow;
	const { trainLength, embargo } = spec.validation;
	const needed = windowSize + embargo + stepSize;
	if (trainLength < needed) {
		return [
			{
				path: 'model.tuneWindow',
				message: `the training window (${trainLength} rows) must hold at least one inner fold of model.tuneWindow: ${windowSize} inner training + ${embargo} embargo + ${stepSize} inner test = ${needed} rows; lower windowSize or stepSize, or lengthen validation.trainLength`
			}
		];
	}
	return [];
}

/**
 * The fit budget of a nested-tuned learner on its largest outer training window (`maxTrainRows`: the last fold's
 * in expanding mode): combinations × inner folds at most MAX_NESTED_FITS_PER_FOLD.
 */
export function nestedFitIssues(spec: TrialSpec, task: string | null, maxTrainRows: number): SpecIssue[] {
	const { tune, tuneWindow } = spec.model;
	if (!tune || !tuneWindow || !isFittedTask(task)) return [];
	const combos = Object.values(tune).reduce((n, v) => n * v.length, 1);
	const inner = innerFoldCount(maxTrainRows, tuneWindow, spec.validation.embargo);
	const fits = combos * inner;
	if (fits <= MAX_NESTED_FITS_PER_FOLD) return [];
	return [
		{
			path: 'model.tuneWindow.stepSize',
			message: `nested tuning would fit ${fits} models on a fold (${combos} combinations × ${inner} inner folds of ${maxTrainRows} training rows); at most ${MAX_NESTED_FITS_PER_FOLD}: use a larger stepSize, fewer values in model.tune or a shorter training window`
		}
	];
}
