/**
 * The model contract (ARCHITECTURE §4). Learners are pure: they see only matrices, the validated params and a
 * seeded generator, so the same call gives the same model in a worker, in Node tests and in the page.
 */
import type { Matrix } from '../domain/matrix';
import type { Rng } from '../domain/random';

export interface FitContext {
	/** Seeded generator; the only source of randomness a learner may use. */
	readonly rng: Rng;
	/** Called with progress in [0, 1] (e.g. after each boosting round or epoch); doubles as a heartbeat. */
	readonly onProgress?: (fraction: number) => void;
	/** Checked between iterations; when it returns true the learner throws a FitCancelledError. */
	readonly isCancelled?: () => boolean;
}

export interface FittedModel {
	predict(X: Matrix): Float64Array | Promise<Float64Array>;
	/**
	 * For learners that keep learning through the test window (`online_learning_updates`): predicts the test rows
	 * in time order, updating on each row's realised target once it is known. `bar` holds each row's bar index and
	 * row j's target is known from bar[j] + horizon on, so the prediction for row i may use y[j] only when
	 * bar[j] + horizon ≤ bar[i]. When present the fold runner calls this instead of predict (the battery checks
	 * causality by changing bars inside the test window).
	 */
	predictOnline?(X: Matrix, y: Float64Array, bar: Float64Array, horizon: number): Float64Array;
	/** Non-negative importance per input column, when the family defines one. */
	importance?(): Float64Array;
	/** Frees native resources (TF.js tensors); safe to call twice. */
	dispose?(): void;
	/** Facts about the fit worth recording (backend, iterations run, ...). */
	readonly info?: Readonly<Record<string, string | number>>;
}

/** A fitted forecaster (task forecast) or volatility model (task volatility_forecast). */
export interface FittedSeriesModel {
	/**
	 * Forecasts from every origin t in [from, series.length), with the fitted parameters fixed and series[0..t]
	 * only (the model filters through earlier values to reach its state at t; never later ones). The result has
	 * (series.length − from) × horizon values: out[(t − from) × horizon + k] is the forecast of series[t + 1 + k]
	 * for a forecaster, and of the conditional variance of return t + 1 + k for a volatility model.
	 */
	forecast(series: Float64Array, from: number, horizon: number): Float64Array;
	readonly info?: Readonly<Record<string, string | number>>;
}

/** A fitted regime or clustering model. */
export interface FittedRegimeModel {
	/** Number of states; labels are 0 … states − 1. */
	readonly states: number;
	/**
	 * The state of every row of X, oldest first, each from rows up to it only: filtered, never smoothed. The fold
	 * runner passes the training rows and every row after them up to the last test row, so a filter reaches the
	 * test window warmed up.
	 */
	assign(X: Matrix): Int32Array;
	readonly info?: Readonly<Record<string, string | number>>;
}

export interface Learner<P> {
	fit(X: Matrix, y: Float64Array, params: P, ctx: FitContext): FittedModel | Promise<FittedModel>;
}

export class FitCancelledError extends Error {
	readonly code = 'fit_cancelled';
	constructor() {
		super('the fit was cancelled');
	}
}
