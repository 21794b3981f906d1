/**
 * The closed vocabulary of tools Claude may call (reference B.8): one strict zod schema per tool input. Every
 * object refuses unknown keys, every number is bounded, every string has a maximum length and every id that can
 * be enumerated is an enum. Read-only tools answer at once; acting tools only propose, and the app shows the
 * parsed, normalised proposal to the user, who approves it or not.
 */
import { z } from 'zod';
import { validateParams } from '../../catalog/catalog';
import { taskIssues, taskOf } from '../../compliance/trial-policy';
import { tuneIssues, tuneWindowIssues } from '../../compliance/tune-policy';
import { CATEGORIES } from '../../catalog/types';
import { isDay } from '../../data/market-days';
import { FRED_SERIES_ID_PATTERN } from '../../data/import/fred';
import { POLYGON_MAX_MULTIPLIER, POLYGON_TIMESPANS, TICKER_PATTERN } from '../../data/polygon';
import { NAMED_FEATURE_SETS } from '../../domain/feature-sets';
import { FEATURE_SET_ID, issuesOf, trialSpecSchema, type TrialSpec } from '../../domain/trial-spec';
import { getAnalysisResultsInput, proposeAnalysisInput } from './analysis-schemas';
import { proposeStudyInput } from './study-schemas';
import { LEADERBOARD_METRICS, type LeaderboardMetric } from '../../research/leaderboard';
import { modelIdSchema } from './model-ids';
import {
	addIssues,
	idText,
	MAX_COMPARED_TRIALS,
	MAX_GOAL_CHARS,
	MAX_RATIONALE_CHARS,
	MIN_COMPARED_TRIALS,
	MIN_GOAL_CHARS,
	paramsInput,
	prose,
	reason
} from './schema-parts';

export const TOOL_NAMES = [
	'list_datasets',
	'list_models',
	'get_model',
	'get_trial_results',
	'compare_trials',
	'get_analysis_results',
	'get_feedback',
	'get_study_results',
	'propose_trial',
	'propose_study',
	'propose_analysis',
	'propose_goal',
	'request_market_data'
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Tools whose call is a proposal the user must approve; the app never runs them on Claude's word alone. */
export const ACTING_TOOLS = [
	'propose_trial',
	'propose_study',
	'propose_analysis',
	'propose_goal',
	'request_market_data'
] as const satisfies readonly ToolName[];
export type ActingToolName = (typeof ACTING_TOOLS)[number];

/** Tools that only read what the app already holds; answered at once. */
export const READ_ONLY_TOOLS = [
	'list_datasets',
	'list_models',
	'get_model',
	'get_trial_results',
	'compare_trials',
	'get_analysis_results',
	'get_feedback',
	'get_study_results'
] as const satisfies readonly ToolName[];
export type ReadOnlyToolName = (typeof READ_ONLY_TOOLS)[number];

/** Exact match only: 'list_models ' or 'List_Models' is not a tool. */
export function isToolName(name: unknown): name is ToolName {
	return typeof name === 'string' && (TOOL_NAMES as readonly string[]).includes(name);
}

export function isActingTool(name: ToolName): name is ActingToolName {
	return (ACTING_TOOLS as readonly string[]).includes(name);
}

export function isReadOnlyTool(name: ToolName): name is ReadOnlyToolName {
	return (READ_ONLY_TOOLS as readonly string[]).includes(name);
}

export * from './schema-parts';
export { TICKER_PATTERN, FRED_SERIES_ID_PATTERN };

// ---- read-only tools ----

export const listDatasetsInput = z.strictObject({});

export const listModelsInput = z.strictObject({
	category: z
		.enum(CATEGORIES, { error: `category must be one of ${CATEGORIES.join(', ')}` })
		.describe('Only models of this catalog category.')
		.optional(),
	runnable_only: z
		.boolean({ error: 'runnable_only must be true or false' })
		.describe('Leave out the counts of models that cannot run.')
		.optional()
});

export const getModelInput = z.strictObject({
	model_id: idText('model_id').describe('A catalog model id, exactly as list_models gives it.')
});

export const getTrialResultsInput = z.strictObject({
	trial_id: idText('trial_id').describe('A trial id, exactly as stored.')
});

export const compareTrialsInput = z.strictObject({
	trial_ids: z
		.array(idText('each trial id'), { error: 'trial_ids must be an array of trial ids' })
		.min(MIN_COMPARED_TRIALS, { error: `trial_ids needs at least ${MIN_COMPARED_TRIALS} ids` })
		.max(MAX_COMPARED_TRIALS, { error: `trial_ids takes at most ${MAX_COMPARED_TRIALS} ids` })
		.refine((ids) => new Set(ids).size === ids.length, { error: 'trial_ids must not repeat an id' })
		.describe(`${MIN_COMPARED_TRIALS} to ${MAX_COMPARED_TRIALS} distinct trial ids.`)
});

// ---- propose_trial ----
const specShape = trialSpecSchema.shape;

/**
 * The trial spec as Claude may send it. The domain schema strips unknown keys (it also reads stored rows);
 * here every level refuses them, ids are bounded and the model id must be a runnable catalog id.
 */
export const strictTrialSpecShape = z.strictObject({
	name: prose(120).default('').describe('A short label for the trial.'),
	datasetId: idText('datasetId').describe('Id of a stored dataset (list_datasets); it must hold daily bars.'),
	target: specShape.target.strict(),
	features: z
		.strictObject({ set: z.enum(NAMED_FEATURE_SETS) })
		.default({ set: FEATURE_SET_ID })
		.describe(
			'daily_v1: 13 daily features; swing_7_12_v1, trend_50_70_v1: the 7-12 / 50-70-day momentum sets.'
		),
	model: z.strictObject({
		id: modelIdSchema,
		params: paramsInput,
		tune: specShape.model.shape.tune.describe(
			'Optional: values to try per numeric parameter, e.g. {"window": [7, 14, 21]} (2-10 values each, at most 25 combinations), chosen on each fold by training-window net Sharpe; a learner needs tuneWindow.'
		),
		// The catalog procedure's ranges, so Claude reads them in the schema (the gateway checks them again).
		tuneWindow: z
			.strictObject({
				windowSize: specShape.model.shape.tuneWindow.unwrap().shape.windowSize.min(100).max(1000),
				stepSize: specShape.model.shape.tuneWindow.unwrap().shape.stepSize.max(100)
			})
			.optional()
			.describe('Nested walk-forward tuning (walk_forward_optimization); required with tune on a learner.')
	}),
	// Date bounds are a study's holdout mechanism (research/study/spec.ts), not offered to Claude's trials.
	validation: specShape.validation
		.omit({ testFrom: true, testUntil: true })
		.strict()
		.describe('Walk-forward validation in time order; embargo must be at least target.horizon.'),
	strategy: specShape.strategy.strict(),
	seed: specShape.seed
});

/**
 * The strict shape, then the domain schema itself (so every domain rule, such as embargo ≥ horizon, applies
 * unchanged), then the model's params against the catalog, with their defaults filled in.
 */
export const strictTrialSpecSchema = strictTrialSpecShape.transform((value, ctx): TrialSpec => {
	const parsed = trialSpecSchema.safeParse(value);
	if (!parsed.success) {
		addIssues(ctx, [], issuesOf(parsed.error));
		return z.NEVER;
	}
	const spec = parsed.data;
	const checked = validateParams(spec.model.id, spec.model.params);
	if (!checked.ok) {
		addIssues(ctx, ['model', 'params'], checked.issues);
		return z.NEVER;
	}
	const taskProblems = [
		...taskIssues(spec),
		...(spec.model.tune ? tuneIssues(spec.model.id, taskOf(spec.model.id), spec.model.tune) : []),
		...tuneWindowIssues(spec, taskOf(spec.model.id))
	];
	if (taskProblems.length > 0) {
		addIssues(ctx, [], taskProblems);
		return z.NEVER;
	}
	// The catalog's values have the spec's value shapes (lists are copied arrays).
	return {
		...spec,
		model: {
			id: spec.model.id,
			params: checked.value as TrialSpec['model']['params'],
			...(spec.model.tune ? { tune: spec.model.tune } : {}),
			...(spec.model.tuneWindow ? { tuneWindow: spec.model.tuneWindow } : {})
		}
	};
});

export const proposeTrialInput = z.strictObject({
	spec: strictTrialSpecSchema,
	rationale: prose(MAX_RATIONALE_CHARS)
		.describe('What the trial tests and why it is the next step; shown to the user.')
		.optional(),
	parent_trial_id: idText('parent_trial_id')
		.describe('The stored trial this one builds on (the lineage of a loop).')
		.optional()
});

// ---- propose_goal ----

export const proposeGoalInput = z.strictObject({
	goal: prose(MAX_GOAL_CHARS, MIN_GOAL_CHARS).describe(
		'The overriding research goal, measurable where possible (target, horizon, metric thresholds).'
	),
	reason
});

// ---- request_market_data ----

const day = z
	.string({ error: 'must be a YYYY-MM-DD day' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a YYYY-MM-DD day' })
	.refine(isDay, { error: 'must be a real calendar day' });

const polygonBarsRequest = z
	.strictObject({
		kind: z.literal('polygon_bars'),
		ticker: z
			.string({ error: 'ticker must be a string' })
			.trim()
			.toUpperCase()
			.regex(TICKER_PATTERN, { error: 'ticker must be 1-24 of A-Z 0-9 . : - (e.g. SPY, I:SPX, X:BTCUSD)' })
			.describe('Polygon/Massive ticker, e.g. SPY, I:SPX, X:BTCUSD.'),
		multiplier: z
			.number({ error: 'multiplier must be a number' })
			.int({ error: 'multiplier must be a whole number' })
			.min(1, { error: 'multiplier must be at least 1' })
			.max(POLYGON_MAX_MULTIPLIER, { error: `multiplier must be at most ${POLYGON_MAX_MULTIPLIER}` })
			.describe('Bar size in timespans: 1 with day gives daily bars.'),
		timespan: z.enum(POLYGON_TIMESPANS, { error: `timespan must be one of ${POLYGON_TIMESPANS.join(', ')}` }),
		from: day.describe('First day, YYYY-MM-DD (New York calendar), inclusive.'),
		to: day.describe('Last day, YYYY-MM-DD, inclusive.'),
		reason
	})
	.refine((r) => r.from <= r.to, { path: ['to'], error: 'to must not be before from' });

const fredSeriesRequest = z.strictObject({
	kind: z.literal('fred_series'),
	series_id: z
		.string({ error: 'series_id must be a string' })
		.regex(FRED_SERIES_ID_PATTERN, { error: 'series_id must be 1-40 of A-Z 0-9 _ (e.g. UNRATE, DGS10)' })
		.describe('FRED series id, e.g. UNRATE, DGS10.'),
	reason
});

export const requestMarketDataInput = z.discriminatedUnion('kind', [polygonBarsRequest, fredSeriesRequest], {
	error: 'kind must be polygon_bars or fred_series'
});

export const getFeedbackInput = z.strictObject({
	metric: z
		.enum(Object.keys(LEADERBOARD_METRICS) as [LeaderboardMetric, ...LeaderboardMetric[]])
		.default('sharpe')
		.describe('Leaderboard metric (default sharpe).')
});

export const getStudyResultsInput = z.strictObject({
	study_id: idText('study_id').describe('A study id, exactly as stored.')
});

// ---- the table ----

export const TOOL_SCHEMAS = {
	list_datasets: listDatasetsInput,
	list_models: listModelsInput,
	get_model: getModelInput,
	get_trial_results: getTrialResultsInput,
	compare_trials: compareTrialsInput,
	get_analysis_results: getAnalysisResultsInput,
	get_feedback: getFeedbackInput,
	get_study_results: getStudyResultsInput,
	propose_trial: proposeTrialInput,
	propose_study: proposeStudyInput,
	propose_analysis: proposeAnalysisInput,
	propose_goal: proposeGoalInput,
	request_market_data: requestMarketDataInput
} as const satisfies Record<ToolName, z.ZodType>;

/** A tool's input after parsing: normalised (trimmed, defaults filled in), never Claude's raw object. */
export type ToolInput<N extends ToolName> = z.output<(typeof TOOL_SCHEMAS)[N]>;
