/**
 * The closed vocabulary of tools Claude may call (reference B.8): one strict zod schema per tool input. Every
 * object refuses unknown keys, every number is bounded, every string has a maximum length and every id that can
 * be enumerated is an enum. Read-only tools answer at once; acting tools only propose, and the app shows the
 * parsed, normalised proposal to the user, who approves it or not.
 */
import { z } from 'zod';
import { analysisInputOf, DATASETS_FOR } from '../../catalog/analysis-kinds';
import { getEntry, validateParams } from '../../catalog/catalog';
import {
	analysisInputRefSchema,
	analysisSpecSchema,
	MAX_ANALYSIS_INPUTS,
	type AnalysisSpec
} from '../../domain/analysis-spec';
import { taskIssues, taskOf } from '../../compliance/trial-policy';
import { tuneIssues } from '../../compliance/tune-policy';
import { CATEGORIES } from '../../catalog/types';
import { isDay } from '../../data/market-days';
import { FRED_SERIES_ID_PATTERN } from '../../data/import/fred';
import { POLYGON_MAX_MULTIPLIER, POLYGON_TIMESPANS, TICKER_PATTERN } from '../../data/polygon';
import {
	FEATURE_SET_ID,
	issuesOf,
	trialSpecSchema,
	type SpecIssue,
	type TrialSpec
} from '../../domain/trial-spec';
import { analysisIdSchema, modelIdSchema } from './model-ids';
import { isVisibleText } from './text';

export const TOOL_NAMES = [
	'list_datasets',
	'list_models',
	'get_model',
	'get_trial_results',
	'compare_trials',
	'get_analysis_results',
	'propose_trial',
	'propose_analysis',
	'propose_goal',
	'request_market_data'
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Tools whose call is a proposal the user must approve; the app never runs them on Claude's word alone. */
export const ACTING_TOOLS = [
	'propose_trial',
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
	'get_analysis_results'
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

/** Ids of datasets, trials and models are short; a longer one is not an id. */
export const MAX_ID_CHARS = 64;
export const MAX_RATIONALE_CHARS = 2_000;
export const MIN_GOAL_CHARS = 10;
export const MAX_GOAL_CHARS = 1_000;
export const MAX_REASON_CHARS = 500;
export const MIN_COMPARED_TRIALS = 2;
export const MAX_COMPARED_TRIALS = 10;
/** The catalog's widest entry has 7 params and its longest list 10 values; these bounds leave room to grow. */
export const MAX_PARAMS = 32;
export const MAX_PARAM_LIST_ITEMS = 32;
export const MAX_PARAM_TEXT_CHARS = 64;
/** The connectors' own patterns: a tool input is valid exactly when the connector would accept it. */
export { TICKER_PATTERN, FRED_SERIES_ID_PATTERN };

const HIDDEN_TEXT_MESSAGE = 'must not contain control, line-separator or bidirectional formatting characters';

/** Free text that ends up on an approval card: trimmed, bounded and free of characters that hide text. */
function prose(max: number, min = 0) {
	let s = z.string().trim();
	if (min > 0) s = s.min(min, { error: `needs at least ${min} characters` });
	return s
		.max(max, { error: `takes at most ${max} characters` })
		.refine(isVisibleText, { error: HIDDEN_TEXT_MESSAGE });
}

/** An id as stored: matched exactly (never trimmed or case-folded), so it must already be exact. */
function idText(what: string) {
	return z
		.string({ error: `${what} must be a string` })
		.min(1, { error: `${what} is required` })
		.max(MAX_ID_CHARS, { error: `${what} takes at most ${MAX_ID_CHARS} characters` })
		.refine(isVisibleText, { error: HIDDEN_TEXT_MESSAGE });
}

const reason = prose(MAX_REASON_CHARS)
	.describe('Why, in one or two sentences; shown to the user.')
	.optional();

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

const paramValueInput = z.union(
	[
		z.number(),
		z.boolean(),
		z.string().max(MAX_PARAM_TEXT_CHARS),
		z.null(),
		z.array(z.number()).max(MAX_PARAM_LIST_ITEMS),
		z.array(z.string().max(MAX_PARAM_TEXT_CHARS)).max(MAX_PARAM_LIST_ITEMS)
	],
	{ error: 'a parameter value must be a number, true/false, a short string, null or a short list' }
);

const paramsInput = z
	.record(z.string().min(1).max(MAX_PARAM_TEXT_CHARS), paramValueInput, {
		error: 'model.params must be an object of parameter values'
	})
	.refine((p) => Object.keys(p).length <= MAX_PARAMS, {
		error: `model.params takes at most ${MAX_PARAMS} entries`
	})
	.default({})
	.describe(
		'Parameters of the model, each inside the range list_models or get_model gives; omitted ones take their defaults.'
	);

const specShape = trialSpecSchema.shape;

/**
 * The trial spec as Claude may send it. The domain schema strips unknown keys (it also reads stored rows);
 * here every level refuses them, ids are bounded and the model id must be a runnable catalog id.
 */
export const strictTrialSpecShape = z.strictObject({
	name: prose(120).default('').describe('A short label for the trial.'),
	datasetId: idText('datasetId').describe('Id of a stored dataset (list_datasets); it must hold daily bars.'),
	target: specShape.target.strict(),
	features: specShape.features.strict().default({ set: FEATURE_SET_ID }),
	model: z.strictObject({
		id: modelIdSchema,
		params: paramsInput,
		tune: specShape.model.shape.tune.describe(
			'Signals only, optional: values to try per numeric parameter, e.g. {"window": [7, 14, 21]} (2-10 values each, at most 25 combinations); each fold trades the combination with the best net Sharpe ratio on its training window.'
		)
	}),
	validation: specShape.validation
		.strict()
		.describe('Walk-forward validation in time order; embargo must be at least target.horizon.'),
	strategy: specShape.strategy.strict(),
	seed: specShape.seed
});

function addIssues(
	ctx: z.core.$RefinementCtx,
	prefix: readonly PropertyKey[],
	issues: readonly SpecIssue[]
): void {
	for (const issue of issues) {
		const path = issue.path === '' ? [] : issue.path.split('.');
		ctx.addIssue({ code: 'custom', path: [...prefix, ...path], message: issue.message });
	}
}

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
		...(spec.model.tune ? tuneIssues(spec.model.id, taskOf(spec.model.id), spec.model.tune) : [])
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
			...(spec.model.tune ? { tune: spec.model.tune } : {})
		}
	};
});

export const proposeTrialInput = z.strictObject({
	spec: strictTrialSpecSchema,
	rationale: prose(MAX_RATIONALE_CHARS)
		.describe('What the trial tests and why it is the next step; shown to the user.')
		.optional()
});

// ---- analyses ----

export const getAnalysisResultsInput = z.strictObject({
	analysis_id: idText('analysis_id').describe('An analysis id, exactly as stored.')
});

const analysisShape = analysisSpecSchema.shape;

/**
 * An analysis spec as Claude may send it: strict at every level, the model a runnable catalog analysis with its
 * params inside their ranges, and as many inputs as the entry reads (the gateway checks the data itself again).
 */
export const strictAnalysisSpecSchema = z
	.strictObject({
		name: prose(120).default('').describe('A short label for the analysis.'),
		model: z.strictObject({ id: analysisIdSchema, params: paramsInput }),
		inputs: z
			.array(
				z.strictObject({
					kind: analysisInputRefSchema.shape.kind.describe(
						'dataset: stored bars (list_datasets kind bars); series: a stored value series (kind values).'
					),
					id: idText('inputs[].id')
				})
			)
			.max(MAX_ANALYSIS_INPUTS)
			.default([])
			.describe(
				'The data, subject first: none for a pricing formula, one dataset for a measure of one series, two for a pair (subject, then benchmark or candidate cause), 2-12 for a panel.'
			),
		from: analysisShape.from.describe('Only rows on or after this day (YYYY-MM-DD).'),
		to: analysisShape.to.describe('Only rows on or before this day (YYYY-MM-DD).'),
		seed: analysisShape.seed
	})
	.transform((value, ctx): AnalysisSpec => {
		const parsed = analysisSpecSchema.safeParse(value);
		if (!parsed.success) {
			addIssues(ctx, [], issuesOf(parsed.error));
			return z.NEVER;
		}
		const spec = parsed.data;
		const entry = getEntry(spec.model.id);
		const kind = entry ? analysisInputOf(entry) : null;
		if (!entry || !kind) {
			addIssues(
				ctx,
				[],
				[
					{
						path: 'model.id',
						message: `${spec.model.id} is not an analysis (a formula, measure, test or transform): propose it as a trial`
					}
				]
			);
			return z.NEVER;
		}
		const checked = validateParams(spec.model.id, spec.model.params);
		if (!checked.ok) {
			addIssues(ctx, ['model', 'params'], checked.issues);
			return z.NEVER;
		}
		const n = DATASETS_FOR[kind];
		if (spec.inputs.length < n.min || spec.inputs.length > n.max) {
			addIssues(
				ctx,
				[],
				[
					{
						path: 'inputs',
						message: `${spec.model.id} reads ${n.min === n.max ? n.min : `${n.min} to ${n.max}`} inputs (${kind}); got ${spec.inputs.length}`
					}
				]
			);
			return z.NEVER;
		}
		return {
			...spec,
			model: { id: spec.model.id, params: checked.value as AnalysisSpec['model']['params'] }
		};
	});

export const proposeAnalysisInput = z.strictObject({
	spec: strictAnalysisSpecSchema,
	rationale: prose(MAX_RATIONALE_CHARS)
		.describe('What the analysis shows and why it is the next step; shown to the user.')
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

// ---- the table ----

export const TOOL_SCHEMAS = {
	list_datasets: listDatasetsInput,
	list_models: listModelsInput,
	get_model: getModelInput,
	get_trial_results: getTrialResultsInput,
	compare_trials: compareTrialsInput,
	get_analysis_results: getAnalysisResultsInput,
	propose_trial: proposeTrialInput,
	propose_analysis: proposeAnalysisInput,
	propose_goal: proposeGoalInput,
	request_market_data: requestMarketDataInput
} as const satisfies Record<ToolName, z.ZodType>;

/** A tool's input after parsing: normalised (trimmed, defaults filled in), never Claude's raw object. */
export type ToolInput<N extends ToolName> = z.output<(typeof TOOL_SCHEMAS)[N]>;
