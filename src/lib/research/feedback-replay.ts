/**
 * The original's feedback arithmetic, exactly (original-system.md §3.9; core/trial_feedback_manager.py of the
 * original repository): its `add_feedback` replayed over the stored trials in the order they finished. The
 * original kept this as running state that no trial ever fed; replaying it from the records gives the state it
 * would hold had every finished trial been fed to it, and every number can be recomputed from the records.
 *
 * Mapping: action = model id; outcome = success (completed) or failure (failed), never partial (the engine has
 * no partial trials, see feedback.ts); execution_time = finishedAt − startedAt; performance_metrics.primary_metric
 * = the trial's out-of-sample Sharpe after costs, absent when the trial failed or its Sharpe is not computable.
 *
 * Several of the original's rules are weak on real results. They are kept as the original computes them, and
 * their comments and insight texts say what they do and do not measure.
 */
import type { FeedbackTrial } from './feedback-trial';
import { feedbackRow, type FeedbackRow } from './feedback-rows';
import { flatParamsKey } from './feedback-stats';
import type {
	ActionLearning,
	FeedbackReplay,
	ParamValue,
	ParamsRecord,
	ReplayInsight,
	SuccessTrend,
	SuccessTrendDirection
} from './feedback-replay-types';

export type {
	ActionLearning,
	FeedbackReplay,
	ParamLearning,
	ParamSetScore,
	ParamValue,
	ReplayInsight,
	ReplayInsightKind,
	SuccessTrend,
	SuccessTrendDirection
} from './feedback-replay-types';

/** §3.9 step 1 (line 637): value = 1.0 / 0.5 / 0.0 for success / partial / failure. */
const SUCCESS_VALUE = 1;
const FAILURE_VALUE = 0;
/**
 * §3.9 step 1: parameter_performance[json(params, sorted)] = 0.8·old + 0.2·value, starting at 0. The key is the
 * whole parameter set, as in the original (not one parameter's value).
 */
export const EMA_KEEP = 0.8;
export const EMA_GAIN = 0.2;
/** §3.9 step 1: best_parameters = params if value > 0.8 and execution_time < 1.2 × avg_execution_time. */
export const BEST_PARAMS_MIN_VALUE = 0.8;
export const BEST_PARAMS_TIME_FACTOR = 1.2;
/** §3.9 step 1: recent_trend from the action's entries among the last 20 feedback records, needing ≥ 5. */
export const SUCCESS_TREND_WINDOW = 20;
export const SUCCESS_TREND_MIN = 5;
/** §3.9 step 1: second-half success share > 1.1× the first half → improving, < 0.9× → declining. */
export const SUCCESS_TREND_UP = 1.1;
export const SUCCESS_TREND_DOWN = 0.9;
/** §3.9 step 2 (line 638): optimal values once a parameter has ≥ 5 recorded values. */
export const OPTIMAL_MIN_VALUES = 5;
/** §3.9 step 3 (lines 640–642): the insight thresholds. */
export const REPEATED_FAILURE_WINDOW = 10;
export const REPEATED_FAILURE_COUNT = 3;
export const DEGRADATION_MIN_EXECUTIONS = 10;
export const SENSITIVITY_THRESHOLD = 0.3;

interface ParamAcc {
	n: number;
	min: number | null;
	max: number | null;
	readonly distinct: Set<string>;
	bestPerf: number;
	optimalValue: ParamValue | undefined;
	// Welford's running mean and sum of squared deviations: the same std and mean as numpy over all values.
	mean: number;
	m2: number;
}

interface ActionAcc {
	readonly modelId: string;
	/** Its number in History.action. */
	readonly action: number;
	total: number;
	successRate: number;
	timed: number;
	avgMs: number;
	readonly ema: Map<string, { params: ParamsRecord; ema: number; runs: number }>;
	best: { params: ParamsRecord; trialId: string } | null;
	trend: SuccessTrend;
	readonly params: Map<string, ParamAcc>;
	defaulted: number;
}

const STABLE_EMPTY: SuccessTrend = {
	direction: 'stable',
	n: 0,
	firstHalf: { successes: 0, n: 0 },
	secondHalf: { successes: 0, n: 0 }
};

/** A value's identity for counting distinct values (the original used a Python set). */
function valueKey(value: ParamValue): string {
	return `${typeof value}:${JSON.stringify(value)}`;
}

/**
 * The feedback records so far, oldest first, as two columns: each record's action (a small number per model id)
 * and 1 when it completed, 0 when it failed. The windows below read these, not the scattered trial records.
 */
interface History {
	readonly action: number[];
	readonly done: number[];
}

/** §3.9 step 1, `_calculate_trend`: success shares of the halves of the action's entries among the last 20. */
function successTrend(history: History, action: number): SuccessTrend {
	// The model's entries among the last 20 records, oldest first, as 1 (completed) or 0 (failed).
	const mine: number[] = [];
	const { action: of, done } = history;
	for (let i = Math.max(0, of.length - SUCCESS_TREND_WINDOW); i < of.length; i++)
		if (of[i] === action) mine.push(done[i]);
	if (mine.length < SUCCESS_TREND_MIN) return STABLE_EMPTY;
	const mid = mine.length >> 1;
	let early = 0;
	let late = 0;
	for (let i = 0; i < mine.length; i++)
		if (i < mid) early += mine[i];
		else late += mine[i];
	const firstHalf = { successes: early, n: mid };
	const secondHalf = { successes: late, n: mine.length - mid };
	const first = early / mid;
	const second = late / secondHalf.n;
	// As the original: a first half with no success and a later one with any is "improving"; both 0 is stable.
	const direction: SuccessTrendDirection =
		second > first * SUCCESS_TREND_UP
			? 'improving'
			: second < first * SUCCESS_TREND_DOWN
				? 'declining'
				: 'stable';
	return { direction, n: mine.length, firstHalf, secondHalf };
}

function updateParam(acc: ParamAcc, value: ParamValue, performance: number): void {
	acc.n++;
	if (typeof value === 'number') {
		acc.min = acc.min === null ? value : Math.min(acc.min, value);
		acc.max = acc.max === null ? value : Math.max(acc.max, value);
	}
	acc.distinct.add(valueKey(value));
	// Python's stable sort by performance, descending, keeps the earliest of equal bests: replace only on >.
	if (acc.optimalValue === undefined || performance > acc.bestPerf) {
		acc.bestPerf = performance;
		acc.optimalValue = value;
	}
	const delta = performance - acc.mean;
	acc.mean += delta / acc.n;
	acc.m2 += delta * (performance - acc.mean);
}

/** §3.9 step 2: sensitivity = std/mean of the performances, 0 when the mean ≤ 0 (numpy's population std). */
function sensitivityOf(acc: ParamAcc): number | null {
	if (acc.n < OPTIMAL_MIN_VALUES || acc.distinct.size < 2) return null;
	return acc.mean > 0 ? Math.sqrt(acc.m2 / acc.n) / acc.mean : 0;
}

function newAction(modelId: string, action: number): ActionAcc {
	return {
		modelId,
		action,
		total: 0,
		successRate: 0,
		timed: 0,
		avgMs: Number.NaN,
		ema: new Map(),
		best: null,
		trend: STABLE_EMPTY,
		params: new Map(),
		defaulted: 0
	};
}

/** The original's `add_feedback` for one trial: update the action, its parameters, then raise insights. */
function addFeedback(a: ActionAcc, t: FeedbackRow, history: History, out: ReplayInsight[]): void {
	const value = t.completed ? SUCCESS_VALUE : FAILURE_VALUE;
	a.successRate = (a.successRate * a.total + value) / (a.total + 1);
	a.total++;
	const ms = t.ms;
	if (Number.isFinite(ms)) {
		a.avgMs = a.timed === 0 ? ms : (a.avgMs * a.timed + ms) / (a.timed + 1);
		a.timed++;
	}
	const params = t.params;
	const key = flatParamsKey(params);
	const set = a.ema.get(key) ?? { params, ema: 0, runs: 0 };
	// A set run once scores at most 0.2 and one run ten times without failing 0.89: the EMA rewards repetition
	// as much as success. The original reports it, so we do, and say so where it is shown.
	set.ema = set.ema * EMA_KEEP + value * EMA_GAIN;
	set.runs++;
	a.ema.set(key, set);
	// The average already includes this trial, as in the original. "Best" is the latest quick success: it says
	// nothing about its Sharpe.
	if (value > BEST_PARAMS_MIN_VALUE && ms < a.avgMs * BEST_PARAMS_TIME_FACTOR)
		a.best = { params, trialId: t.id };
	a.trend = successTrend(history, a.action);

	const sharpe = t.sharpe;
	const performance = Number.isFinite(sharpe) ? sharpe : 0;
	if (!Number.isFinite(sharpe)) a.defaulted++;
	for (const [name, v] of Object.entries(params)) {
		let acc = a.params.get(name);
		if (!acc) {
			acc = {
				n: 0,
				min: null,
				max: null,
				distinct: new Set(),
				bestPerf: 0,
				optimalValue: undefined,
				mean: 0,
				m2: 0
			};
			a.params.set(name, acc);
		}
		updateParam(acc, v, performance);
	}

	const at = t.at;
	let failures = 0;
	const { action: of, done } = history;
	for (let i = Math.max(0, of.length - REPEATED_FAILURE_WINDOW); i < of.length; i++)
		if (done[i] === 0 && of[i] === a.action) failures++;
	if (failures >= REPEATED_FAILURE_COUNT)
		out.push({
			kind: 'repeated_failure',
			modelId: a.modelId,
			trialId: t.id,
			at,
			message: `Action ${a.modelId} has failed ${failures} times recently`,
			recommendation: 'Consider adjusting parameters or using alternative approach',
			failures
		});
	if (a.trend.direction === 'declining' && a.total > DEGRADATION_MIN_EXECUTIONS)
		out.push({
			kind: 'performance_degradation',
			modelId: a.modelId,
			trialId: t.id,
			at,
			message: `Performance of ${a.modelId} is declining`,
			recommendation: 'Review recent changes and consider reverting',
			currentSuccessRate: a.successRate
		});
	const sensitive: { param: string; sensitivity: number; optimal: ParamValue | undefined }[] = [];
	for (const [param, acc] of a.params) {
		const sensitivity = sensitivityOf(acc);
		if (sensitivity !== null && sensitivity > SENSITIVITY_THRESHOLD)
			sensitive.push({ param, sensitivity, optimal: acc.optimalValue });
	}
	if (sensitive.length > 0)
		out.push({
			kind: 'parameter_sensitivity',
			modelId: a.modelId,
			trialId: t.id,
			at,
			message: `Parameters [${sensitive.map((s) => s.param).join(', ')}] significantly impact performance`,
			recommendation: null,
			sensitive
		});
}

function learningOf(a: ActionAcc): ActionLearning {
	const parameterPerformance = [...a.ema]
		.sort(([ka, x], [kb, y]) => y.ema - x.ema || y.runs - x.runs || (ka < kb ? -1 : ka > kb ? 1 : 0))
		.map(([, s]) => ({ params: s.params, ema: s.ema, runs: s.runs }));
	const params = [...a.params]
		.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
		.map(([param, acc]) => ({
			param,
			n: acc.n,
			min: acc.min,
			max: acc.max,
			distinctValues: acc.distinct.size,
			optimal: acc.n >= OPTIMAL_MIN_VALUES ? acc.optimalValue : undefined,
			sensitivity: sensitivityOf(acc)
		}));
	return {
		modelId: a.modelId,
		totalExecutions: a.total,
		successRate: a.successRate,
		avgExecutionMs: a.avgMs,
		timedExecutions: a.timed,
		parameterPerformance,
		bestParameters: a.best?.params ?? null,
		bestParametersTrialId: a.best?.trialId ?? null,
		recentTrend: a.trend,
		params,
		performanceDefaulted: a.defaulted
	};
}

/**
 * Replays §3.9's add_feedback over finished (completed or failed) trials in the order given, which must be the
 * order they finished. Other trials are ignored. Actions are returned by model id.
 */
export function replayFeedback(chronological: readonly FeedbackTrial[]): FeedbackReplay {
	const rows: FeedbackRow[] = [];
	for (const t of chronological) {
		const row = feedbackRow(t);
		if (row) rows.push(row);
	}
	return replayRows(rows);
}

/** replayFeedback on the rows of the finished trials (feedback-rows.ts), in the order they finished. */
export function replayRows(rows: readonly FeedbackRow[]): FeedbackReplay {
	const actions = new Map<string, ActionAcc>();
	const history: History = { action: [], done: [] };
	const insights: ReplayInsight[] = [];
	for (const t of rows) {
		let a = actions.get(t.modelId);
		if (!a) {
			a = newAction(t.modelId, actions.size);
			actions.set(t.modelId, a);
		}
		history.action.push(a.action);
		history.done.push(t.completed ? 1 : 0);
		addFeedback(a, t, history, insights);
	}
	const learned = [...actions.values()].map(learningOf);
	learned.sort((x, y) => (x.modelId < y.modelId ? -1 : x.modelId > y.modelId ? 1 : 0));
	return { actions: learned, insights };
}
