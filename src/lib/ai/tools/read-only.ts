/**
 * Executors of the read-only tools over what the app already holds, injected as a ToolContext (the app layer
 * reads IndexedDB; this file stays pure). Every number in an answer is read from a stored record and only
 * rounded; one that is missing or not finite is null, with a note saying it is not available. Text that came
 * from files, providers or the user (names, symbols, errors) is data: it sits in JSON string fields, cut short.
 */
import { isApprovedSource } from '../../compliance/allowlist';
import type { AnalysisRecord } from '../../db/analysis-records';
import type { TrialRecord, TrialSummary } from '../../db/records';
import type { StudyRecord } from '../../db/study-records';
import { getAnalysisResults } from './analysis-view';
import { getFeedback } from './feedback-view';
import { getStudyResults } from './study-view';
import { suggestWalkForward } from '../../domain/splits';
import { getModel, listModels } from './catalog-view';
import { answer, failure, fitList, num, when, type ToolResult } from './format';
import type { ReadOnlyToolName, ToolInput } from './schemas';
import { dataText } from './text';

export type { ToolResult } from './format';

/** What list_datasets tells Claude about one stored dataset or series. */
export interface DatasetSummary {
	readonly id: string;
	readonly name: string;
	readonly symbol: string;
	readonly frequency: string;
	readonly source: string;
	readonly rows: number;
	readonly firstT: number;
	readonly lastT: number;
	readonly kind: 'bars' | 'values';
}

export interface ToolContext {
	readonly datasets: readonly DatasetSummary[];
	readonly trials: readonly TrialRecord[];
	/** Stored analyses, newest first (optional: contexts built before analyses existed have none). */
	readonly analyses?: readonly AnalysisRecord[];
	/** Stored studies, newest first (optional, like analyses). */
	readonly studies?: readonly StudyRecord[];
	/** For tuned trials (signals, nested-tuned learners): the parameters each finished fold chose, by fold. */
	readonly foldChoices?: ReadonlyMap<string, readonly string[]>;
}

/** A parsed read-only call: a ParsedToolCall narrowed by name is one (its `ok` is not needed here). */
export type ReadOnlyCall = {
	[N in ReadOnlyToolName]: { readonly name: N; readonly input: ToolInput<N> };
}[ReadOnlyToolName];

const MAX_ID_CHARS = 64;
const MAX_NAME_CHARS = 80;
const MAX_ERROR_CHARS = 200;
/** How many known trial ids an "unknown trial" error lists. */
const MAX_LISTED_TRIALS = 10;

/** The horizon list_datasets fits its suggested validation to; other horizons shift the embargo and the end. */
const SUGGESTED_HORIZON_DAYS = 5;

const NULL_NOTE = 'null means not available: it could not be computed from the stored results';

/** Runs a parsed read-only call. Never throws: a failure is an is_error answer Claude can read. */
export function runReadOnlyTool(call: ReadOnlyCall, ctx: ToolContext): ToolResult {
	try {
		switch (call.name) {
			case 'list_datasets':
				return listDatasets(ctx);
			case 'list_models':
				return listModels(call.input);
			case 'get_model':
				return getModel(call.input);
			case 'get_trial_results':
				return getTrialResults(call.input, ctx);
			case 'compare_trials':
				return compareTrials(call.input, ctx);
			case 'get_analysis_results':
				return getAnalysisResults(call.input.analysis_id, ctx.analyses ?? []);
			case 'get_feedback':
				return getFeedback(call.input.metric, ctx.trials);
			case 'get_study_results':
				return getStudyResults(call.input.study_id, ctx.studies ?? []);
			default:
				// Acting tools propose; they never run here (a caller that bypassed the types gets a clear refusal).
				return failure(`${String((call as { name: unknown }).name)} is not a read-only tool`);
		}
	} catch {
		return failure('the app could not read its stored data for this answer; try again or ask the user');
	}
}

function listDatasets(ctx: ToolContext): ToolResult {
	const rows = ctx.datasets.map((d) => ({
		id: dataText(d.id, MAX_ID_CHARS),
		name: dataText(d.name, MAX_NAME_CHARS),
		symbol: dataText(d.symbol, MAX_ID_CHARS),
		kind: d.kind,
		frequency: dataText(d.frequency, 24),
		source: dataText(d.source, 24),
		approved_source: typeof d.source === 'string' && isApprovedSource(d.source),
		rows: num(d.rows),
		first: when(d.firstT, d.frequency === 'intraday'),
		last: when(d.lastT, d.frequency === 'intraday'),
		// What fits this many bars at a 5-day horizon (the New trial form's defaults); null when no fold fits.
		suggested_validation:
			d.kind === 'bars' && d.frequency === 'daily' ? suggestWalkForward(d.rows, SUGGESTED_HORIZON_DAYS) : null
	}));
	const { content } = fitList(rows, (shown, total) => ({
		count: total,
		datasets: shown,
		...(shown.length < total ? { note: `${total - shown.length} more not shown (answer size limit)` } : {})
	}));
	return { content, isError: false };
}

function findTrial(ctx: ToolContext, id: string): TrialRecord | undefined {
	return ctx.trials.find((t) => t.id === id);
}

function unknownTrials(ctx: ToolContext, ids: readonly string[]): ToolResult {
	return failure(
		`no stored trial has the id ${ids.map((id) => JSON.stringify(dataText(id, MAX_ID_CHARS))).join(', ')}`,
		{
			trial_count: ctx.trials.length,
			recent_ids: [...ctx.trials]
				.sort((a, b) => b.createdAt - a.createdAt)
				.slice(0, MAX_LISTED_TRIALS)
				.map((t) => dataText(t.id, MAX_ID_CHARS))
		}
	);
}

function paramsData(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(params)) {
		const k = dataText(key, MAX_ID_CHARS);
		if (typeof value === 'number') out[k] = num(value);
		else if (typeof value === 'string') out[k] = dataText(value, MAX_ID_CHARS);
		else if (Array.isArray(value))
			out[k] = value.map((v) => (typeof v === 'number' ? num(v) : dataText(v, MAX_ID_CHARS)));
		else out[k] = typeof value === 'boolean' ? value : null;
	}
	return out;
}

function specView(spec: TrialRecord['spec']): Record<string, unknown> {
	return {
		dataset: dataText(spec.datasetId, MAX_ID_CHARS),
		target: spec.target.kind,
		horizon: num(spec.target.horizon),
		features: spec.features.set,
		model: dataText(spec.model.id, MAX_ID_CHARS),
		params: paramsData(spec.model.params),
		...(spec.model.tune ? { tuned_on_each_training_window: paramsData(spec.model.tune) } : {}),
		...(spec.model.tuneWindow
			? {
					nested_walk_forward: {
						windowSize: num(spec.model.tuneWindow.windowSize),
						stepSize: num(spec.model.tuneWindow.stepSize)
					}
				}
			: {}),
		validation: {
			mode: spec.validation.mode,
			trainLength: num(spec.validation.trainLength),
			testLength: num(spec.validation.testLength),
			step: num(spec.validation.step),
			embargo: num(spec.validation.embargo),
			// A study's date bounds (its holdout): present only when set.
			...(spec.validation.testFrom ? { testFrom: spec.validation.testFrom } : {}),
			...(spec.validation.testUntil ? { testUntil: spec.validation.testUntil } : {})
		},
		strategy: { mode: spec.strategy.mode, costBps: num(spec.strategy.costBps) },
		seed: num(spec.seed)
	};
}

function numbers<K extends string>(
	block: Readonly<Record<K, number>>,
	keys: readonly K[]
): Record<K, number | null> {
	const out = {} as Record<K, number | null>;
	for (const key of keys) out[key] = num(block[key]);
	return out;
}

const REGRESSION_KEYS = ['r2', 'rmse', 'mae', 'n'] as const;
const DIRECTION_KEYS = ['hitRate', 'ic', 'n'] as const;
const CLASSIFICATION_KEYS = [
	'accuracy',
	'balancedAccuracy',
	'rocAuc',
	'logLoss',
	'brier',
	'positiveRate',
	'n'
] as const;
const SIGNAL_KEYS = ['exposure', 'longShare', 'shortShare', 'trades', 'n'] as const;
const FORECAST_KEYS = ['mase', 'smape', 'naiveSmape', 'n'] as const;
const VOLATILITY_KEYS = [
	'qlike',
	'baselineQlike',
	'mse',
	'baselineMse',
	'forecastVol',
	'realisedVol',
	'exposure',
	'n'
] as const;
const REGIME_STATE_KEYS = ['state', 'n', 'share', 'meanReturn', 'vol', 'sharpe', 'avgDuration'] as const;

/** Per-state statistics and the transition matrix, numbers rounded like every other figure. */
function regimeView(r: NonNullable<TrialSummary['regime']>): Record<string, unknown> {
	return {
		states: r.states,
		switches: num(r.switches),
		n: num(r.n),
		perState: r.perState.map((s) => numbers(s, REGIME_STATE_KEYS)),
		transitions: r.transitions.map((row) => row.map((v) => num(v)))
	};
}
const PERF_KEYS = [
	'totalReturn',
	'annualReturn',
	'volatility',
	'sharpe',
	'sortino',
	'maxDrawdown',
	'calmar',
	'turnover',
	'periods'
] as const;

function metricsView(summary: TrialSummary): Record<string, unknown> {
	return {
		outOfSampleRows: num(summary.rows),
		first: when(summary.firstT),
		last: when(summary.lastT),
		task: summary.task,
		direction: numbers(summary.direction, DIRECTION_KEYS),
		...(summary.regression ? { regression: numbers(summary.regression, REGRESSION_KEYS) } : {}),
		...(summary.classification
			? { classification: numbers(summary.classification, CLASSIFICATION_KEYS) }
			: {}),
		...(summary.signal ? { signal: numbers(summary.signal, SIGNAL_KEYS) } : {}),
		...(summary.forecast ? { forecast: numbers(summary.forecast, FORECAST_KEYS) } : {}),
		...(summary.volatility ? { volatility: numbers(summary.volatility, VOLATILITY_KEYS) } : {}),
		...(summary.regime ? { regime: regimeView(summary.regime) } : {}),
		strategy: numbers(summary.strategy, PERF_KEYS),
		buyHold: numbers(summary.buyHold, PERF_KEYS)
	};
}

/** Why a trial has no summary, in its own stored terms. */
function missingMetricsNote(t: TrialRecord): string {
	const folds = `${num(t.foldsDone) ?? 0} of ${num(t.folds) ?? 0} folds done`;
	switch (t.status) {
		case 'queued':
			return 'not available: the trial is queued and has not started';
		case 'running':
			return `not available yet: the trial is running (${folds})`;
		case 'failed':
			return `not available: the trial failed (${folds})`;
		case 'cancelled':
			return `not available: the trial was cancelled (${folds})`;
		case 'completed':
			return 'not available: the trial completed but no summary was stored';
	}
}

function getTrialResults(input: ToolInput<'get_trial_results'>, ctx: ToolContext): ToolResult {
	const t = findTrial(ctx, input.trial_id);
	if (!t) return unknownTrials(ctx, [input.trial_id]);
	return answer({
		id: dataText(t.id, MAX_ID_CHARS),
		name: dataText(t.spec.name, MAX_NAME_CHARS),
		status: t.status,
		created: when(t.createdAt, true),
		finished: when(t.finishedAt, true),
		folds: { planned: num(t.folds), done: num(t.foldsDone), failed: num(t.foldsFailed) },
		error: t.error === null ? null : dataText(t.error, MAX_ERROR_CHARS),
		spec: specView(t.spec),
		...(ctx.foldChoices?.get(t.id)
			? { chosen_per_fold: ctx.foldChoices.get(t.id)!.map((c) => dataText(c, MAX_NAME_CHARS)) }
			: {}),
		metrics: t.summary ? metricsView(t.summary) : null,
		note: t.summary
			? `${NULL_NOTE}. Out-of-sample, after costs; returns and drawdown are fractions (0.1 = 10%).`
			: missingMetricsNote(t),
		produced_by: {
			appVersion: dataText(t.appVersion, 40),
			datasetVersion: t.data ? num(t.data.version) : null,
			contentSha256: t.data ? dataText(t.data.contentSha256, 64) : null
		}
	});
}

/** The headline columns of compare_trials, each read from one stored field. */
const COMPARE_COLUMNS: readonly { readonly name: string; readonly read: (s: TrialSummary) => number }[] = [
	{ name: 'hitRate', read: (s) => s.direction.hitRate },
	{ name: 'ic', read: (s) => s.direction.ic },
	{ name: 'r2', read: (s) => s.regression?.r2 ?? Number.NaN },
	{ name: 'rmse', read: (s) => s.regression?.rmse ?? Number.NaN },
	{ name: 'rocAuc', read: (s) => s.classification?.rocAuc ?? Number.NaN },
	{ name: 'sharpe', read: (s) => s.strategy.sharpe },
	{ name: 'annualReturn', read: (s) => s.strategy.annualReturn },
	{ name: 'maxDrawdown', read: (s) => s.strategy.maxDrawdown },
	{ name: 'turnover', read: (s) => s.strategy.turnover },
	{ name: 'buyHoldSharpe', read: (s) => s.buyHold.sharpe },
	{ name: 'rows', read: (s) => s.rows }
];

function compareTrials(input: ToolInput<'compare_trials'>, ctx: ToolContext): ToolResult {
	const found = input.trial_ids.map((id) => findTrial(ctx, id));
	const missing = input.trial_ids.filter((_, i) => found[i] === undefined);
	if (missing.length > 0) return unknownTrials(ctx, missing);
	const trials = found as TrialRecord[];
	const { content } = fitList(trials, (shown, total) => ({
		columns: ['id', 'name', 'model', 'dataset', 'target', 'status', ...COMPARE_COLUMNS.map((c) => c.name)],
		rows: shown.map((t) => [
			dataText(t.id, MAX_ID_CHARS),
			dataText(t.spec.name, 40),
			dataText(t.spec.model.id, MAX_ID_CHARS),
			dataText(t.spec.datasetId, MAX_ID_CHARS),
			`${t.spec.target.kind}/${num(t.spec.target.horizon)}`,
			t.status,
			...COMPARE_COLUMNS.map((c) => (t.summary ? num(c.read(t.summary)) : null))
		]),
		...(shown.length < total ? { not_shown: total - shown.length } : {}),
		note: `${NULL_NOTE} (or the trial has no results yet: see status). Out-of-sample, after costs.`
	}));
	return { content, isError: false };
}
