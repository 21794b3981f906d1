/**
 * The one seam between the catalog and the code that runs an entry (ARCHITECTURE §4 "One seam per entry").
 * Each implemented entry is one module, `<kebab-id>.model.ts`, whose `implementation` export is made by one of
 * the define* functions below. They bind the entry's id to its zod params schema, so the implementation sees
 * `ParamsOf<Id>` (the schema's output: typed, defaults filled in, never cast) and the registry sees one erased
 * shape it can run without knowing the model. Costs (expected fit time, deadline) live here with the model.
 */
import { paramsSchemaFor, requireEntry, type ModelId, type ParamsOf } from '../catalog/catalog';
import { analysisInputOf } from '../catalog/analysis-kinds';
import type { ModelKind } from '../catalog/types';
import type { Matrix } from '../domain/matrix';
import type { Rng } from '../domain/random';
import type { Bars } from '../domain/series';
import type { AnalysisContext, AnalysisData, AnalysisInput, AnalysisResult, AnalysisTask } from './analysis';
import type { FitContext, FittedModel, FittedRegimeModel, FittedSeriesModel } from './types';

/** The tasks the fold runner scores today; portfolios and policies join through this union. */
export const RUNNABLE_TASKS = [
	'regression',
	'classification',
	'signal',
	'forecast',
	'volatility_forecast',
	'regime',
	'clustering'
] as const;
export type RunnableTask = (typeof RUNNABLE_TASKS)[number];

export interface RuntimeEnv {
	/** URLs of the TF.js wasm binaries, passed by the worker entry (bundled, never from a CDN). */
	readonly wasmPaths?: Record<string, string>;
}

export interface Runtime {
	/** Numeric backend recorded with every result (numbers can differ slightly by backend). */
	readonly backend: string;
	/** Live native allocations (TF.js tensors) after a fold, to prove a fit leaks nothing across folds. */
	readonly liveTensors?: () => number;
}

export const JS_FLOAT64: Runtime = { backend: 'js-float64' };

/** A fold's deadline is this many times the expected fit time, within the model's floor and the ceiling. */
export const DEADLINE_OVER_EXPECTED = 20;
/** No fold may run longer than this, whatever the model says (a hung fit must end). */
export const MAX_FOLD_DEADLINE_MS = 30 * 60_000;

export interface ModelCosts<P> {
	/** Expected fit time of one fold on this project's reference machine (2 cores, wasm SIMD), in ms. */
	expectedFitMs(trainRows: number, params: P): number;
	/** The deadline is never shorter than this: start-up costs (loading TF.js) do not scale with rows. */
	readonly minDeadlineMs: number;
}

interface Common<Id extends ModelId> {
	readonly id: Id;
	readonly costs: ModelCosts<ParamsOf<Id>>;
	/** Brings up native backends once per worker; plain TypeScript models need none. */
	readonly prepare?: (env: RuntimeEnv) => Promise<Runtime>;
}

export interface LearnerDefinition<Id extends ModelId> extends Common<Id> {
	readonly task: 'regression' | 'classification';
	/**
	 * Regression: y is the target. Classification: y holds labels 0/1 (1 = the forward return is positive) and
	 * predict returns the probability of 1.
	 */
	fit(X: Matrix, y: Float64Array, params: ParamsOf<Id>, ctx: FitContext): FittedModel | Promise<FittedModel>;
}

export interface SignalContext {
	/** The fold's training rows [trainStart, trainEnd), for signals that choose a setting on them. */
	readonly trainStart: number;
	readonly trainEnd: number;
	readonly rng: Rng;
	readonly onProgress?: (fraction: number) => void;
	readonly isCancelled?: () => boolean;
}

export interface SignalDefinition<Id extends ModelId> extends Common<Id> {
	/**
	 * Positions in [−1, 1] for every bar, NaN where the signal has too little history. Causal: the value at t
	 * uses bars ≤ t only (the common battery checks it by perturbing the future).
	 */
	positions(bars: Bars, params: ParamsOf<Id>, ctx: SignalContext): Float64Array;
}

/**
 * What a series model is fitted to and forecasts: the log closing price (level models: ARIMA with d ≥ 1,
 * exponential smoothing, Kalman, Prophet) or the daily log return (models of returns: SETAR, GARCH).
 */
export const SERIES_INPUTS = ['log_close', 'log_return'] as const;
export type SeriesInput = (typeof SERIES_INPUTS)[number];

export interface ForecasterDefinition<Id extends ModelId> extends Common<Id> {
	readonly task: 'forecast';
	readonly input: SeriesInput;
	/**
	 * Fits on the training window of the series (contiguous, finite, oldest first). The fitted model then filters
	 * through the series, training window and test window alike, with its parameters fixed, forecasting from each
	 * origin with values up to the origin only.
	 */
	fit(
		train: Float64Array,
		params: ParamsOf<Id>,
		ctx: FitContext
	): FittedSeriesModel | Promise<FittedSeriesModel>;
}

export interface VolatilityDefinition<Id extends ModelId> extends Common<Id> {
	readonly task: 'volatility_forecast';
	/** Fits on the training window's daily log returns; forecasts the conditional variance of the next days. */
	fit(
		returns: Float64Array,
		params: ParamsOf<Id>,
		ctx: FitContext
	): FittedSeriesModel | Promise<FittedSeriesModel>;
}

/** What a regime or clustering model reads per row: the daily log return, or the causal feature row. */
export const REGIME_INPUTS = ['log_return', 'features'] as const;
export type RegimeInput = (typeof REGIME_INPUTS)[number];

export interface RegimeDefinition<Id extends ModelId> extends Common<Id> {
	readonly task: 'regime' | 'clustering';
	readonly input: RegimeInput;
	/** Fits on the training rows (one column of log returns, or the feature matrix), oldest first. */
	fit(X: Matrix, params: ParamsOf<Id>, ctx: FitContext): FittedRegimeModel | Promise<FittedRegimeModel>;
}

export interface AnalysisDefinition<Id extends ModelId> extends Common<Id> {
	readonly task: AnalysisTask;
	readonly input: AnalysisInput;
	/** Evaluates once on the aligned datasets (none for input 'none'); throws AnalysisInputError when they do
	 * not suffice (too few rows), with a message the user can act on. */
	evaluate(
		data: AnalysisData,
		params: ParamsOf<Id>,
		ctx: AnalysisContext
	): AnalysisResult | Promise<AnalysisResult>;
}

interface ErasedCommon {
	readonly id: string;
	prepare(env: RuntimeEnv): Promise<Runtime>;
	/** Parses raw params with the entry's schema; throws a ParamsError naming each bad field. */
	parse(params: unknown): unknown;
	/** Deadline of one fold with this many training rows, ms (the floor when the params do not parse: the
	 * worker's gateway check refuses those before any fit). */
	deadlineMs(trainRows: number, params: unknown): number;
	expectedFitMs(trainRows: number, params: unknown): number;
}

export interface ErasedLearner extends ErasedCommon {
	readonly kind: 'learner';
	readonly task: 'regression' | 'classification';
	fit(X: Matrix, y: Float64Array, params: unknown, ctx: FitContext): Promise<FittedModel>;
}

export interface ErasedSignal extends ErasedCommon {
	readonly kind: 'signal';
	readonly task: 'signal';
	positions(bars: Bars, params: unknown, ctx: SignalContext): Float64Array;
}

export interface ErasedForecaster extends ErasedCommon {
	readonly kind: 'learner';
	readonly task: 'forecast' | 'volatility_forecast';
	readonly input: SeriesInput;
	fitSeries(train: Float64Array, params: unknown, ctx: FitContext): Promise<FittedSeriesModel>;
}

export interface ErasedRegime extends ErasedCommon {
	readonly kind: 'learner';
	readonly task: 'regime' | 'clustering';
	readonly input: RegimeInput;
	fitRegime(X: Matrix, params: unknown, ctx: FitContext): Promise<FittedRegimeModel>;
}

export interface ErasedAnalysis extends ErasedCommon {
	readonly kind: 'analysis';
	readonly task: AnalysisTask;
	readonly input: AnalysisInput;
	evaluate(data: AnalysisData, params: unknown, ctx: AnalysisContext): Promise<AnalysisResult>;
}

/** What a `*.model.ts` module exports as `implementation`; all the registry and the fold runner see. */
export type Implementation = ErasedLearner | ErasedSignal | ErasedForecaster | ErasedRegime | ErasedAnalysis;

/** Bad parameters for this model: deterministic, so the engine fails the fold at once instead of retrying. */
export class ParamsError extends Error {
	readonly code = 'invalid_params';
	constructor(message: string) {
		super(message);
	}
}

/** Catalog kinds each seam constructor may implement (a formula can forecast volatility: EWMA). */
const KINDS_OF = {
	learner: ['learner', 'formula'],
	signal: ['signal'],
	regime: ['learner', 'signal'],
	// A rule over several datasets (pairs, rotation) is a portfolio backtest, so a signal can be an analysis too.
	analysis: ['formula', 'test', 'procedure', 'optimiser', 'signal']
} as const satisfies Record<string, readonly ModelKind[]>;

function common<Id extends ModelId>(
	def: Common<Id>,
	as: keyof typeof KINDS_OF,
	task: RunnableTask | AnalysisTask
) {
	const entry = requireEntry(def.id);
	if (!(KINDS_OF[as] as readonly ModelKind[]).includes(entry.kind)) {
		throw new Error(`${def.id} is a ${entry.kind} in the catalog but is implemented as a ${as}`);
	}
	if (entry.task !== task) {
		throw new Error(`${def.id} has task ${entry.task} in the catalog but its implementation says ${task}`);
	}
	const schema = paramsSchemaFor(def.id);
	const parse = (params: unknown): ParamsOf<Id> => {
		const result = schema.safeParse(params);
		if (result.success) return result.data;
		throw new ParamsError(
			result.error.issues
				.map((i) => `${def.id}.${i.path.map(String).join('.') || 'params'}: ${i.message}`)
				.join('; ')
		);
	};
	const expected = (rows: number, params: unknown): number => {
		const parsed = schema.safeParse(params);
		return parsed.success ? def.costs.expectedFitMs(rows, parsed.data) : 0;
	};
	return {
		id: def.id,
		parse,
		prepare: def.prepare ?? (() => Promise.resolve(JS_FLOAT64)),
		expectedFitMs: expected,
		deadlineMs: (rows: number, params: unknown): number =>
			Math.min(
				MAX_FOLD_DEADLINE_MS,
				Math.max(def.costs.minDeadlineMs, Math.ceil(DEADLINE_OVER_EXPECTED * expected(rows, params)))
			)
	};
}

export function defineLearner<Id extends ModelId>(def: LearnerDefinition<Id>): ErasedLearner {
	const c = common(def, 'learner', def.task);
	return {
		...c,
		kind: 'learner',
		task: def.task,
		fit: async (X, y, params, ctx) => def.fit(X, y, c.parse(params), ctx)
	};
}

export function defineSignal<Id extends ModelId>(def: SignalDefinition<Id>): ErasedSignal {
	const c = common(def, 'signal', 'signal');
	return {
		...c,
		kind: 'signal',
		task: 'signal',
		positions: (bars, params, ctx) => def.positions(bars, c.parse(params), ctx)
	};
}

export function defineForecaster<Id extends ModelId>(def: ForecasterDefinition<Id>): ErasedForecaster {
	const c = common(def, 'learner', 'forecast');
	return {
		...c,
		kind: 'learner',
		task: 'forecast',
		input: def.input,
		fitSeries: async (train, params, ctx) => def.fit(train, c.parse(params), ctx)
	};
}

export function defineVolatility<Id extends ModelId>(def: VolatilityDefinition<Id>): ErasedForecaster {
	const c = common(def, 'learner', 'volatility_forecast');
	return {
		...c,
		kind: 'learner',
		task: 'volatility_forecast',
		input: 'log_return',
		fitSeries: async (train, params, ctx) => def.fit(train, c.parse(params), ctx)
	};
}

export function defineRegime<Id extends ModelId>(def: RegimeDefinition<Id>): ErasedRegime {
	const c = common(def, 'regime', def.task);
	return {
		...c,
		kind: 'learner',
		task: def.task,
		input: def.input,
		fitRegime: async (X, params, ctx) => def.fit(X, c.parse(params), ctx)
	};
}

export function defineAnalysis<Id extends ModelId>(def: AnalysisDefinition<Id>): ErasedAnalysis {
	const c = common(def, 'analysis', def.task);
	const declared = analysisInputOf(requireEntry(def.id));
	if (def.input !== declared) {
		throw new Error(
			`${def.id} reads ${def.input} but the catalog says ${declared} (catalog/analysis-kinds.ts)`
		);
	}
	return {
		...c,
		kind: 'analysis',
		task: def.task,
		input: def.input,
		evaluate: async (data, params, ctx) => def.evaluate(data, c.parse(params), ctx)
	};
}
