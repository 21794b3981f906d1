/**
 * Holt–Winters exponential smoothing as statsmodels 0.13.5 fits it:
 * `ExponentialSmoothing(y, trend, seasonal, seasonal_periods, damped_trend, initialization_method='estimated').fit()`.
 * The smoothing weights, the damping and the initial level, slope and seasonals are all chosen to minimise the
 * sum of squared one-step errors (statsmodels' objective; its optimiser is SLSQP, ours BFGS over a transform).
 *
 * Recursions (statsmodels' `_smoothers.py`; T is the damped trend part predicted for this step):
 *   T = ℓ + φb (additive trend) | ℓ·b^φ (multiplicative) | ℓ (none)
 *   ŷ = T + s | T·s | T                     (additive, multiplicative, no seasonal)
 *   ℓ' = α(y − s) + (1 − α)T | α y/s + (1 − α)T | α y + (1 − α)T
 *   b' = β(ℓ' − ℓ) + (1 − β)φb | β ℓ'/ℓ + (1 − β)b^φ
 *   s' = γ(y − T) + (1 − γ)s | γ y/T + (1 − γ)s            (s' serves the same season m steps on)
 * Constraints as statsmodels': 0 < α < 1, 0 ≤ β ≤ α, 0 ≤ γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.995; here α, β/α, γ/(1 − α) and
 * (φ − 0.8)/0.195 are logistic transforms of free values, so a weight can approach a bound but never reach it.
 * Starting values: Hyndman et al. §2.6's heuristic (statsmodels' `_initialization_heuristic`) for the initial
 * states, and the best of a small grid of weights (statsmodels searches a finer one). The level and the seasonals
 * are not separately identified (adding c to ℓ₀ and −c to every s₀ changes no forecast), so only the fit and the
 * forecasts are compared with statsmodels, never ℓ₀ or s₀ themselves.
 *
 * Forecasts from origin t: T_k = ℓ + (φ + … + φ^k)b | ℓ·b^(φ+…+φ^k), combined with the latest seasonal of the
 * target day's position in the season.
 */
import { minimize } from '../optim/minimize';
import { FitCancelledError, type FitContext, type FittedSeriesModel } from '../types';

export type Component = 'add' | 'mul' | 'none';

export interface HoltWintersSpec {
	readonly trend: Component;
	readonly seasonal: Component;
	readonly damped: boolean;
	/** Season length in observations. */
	readonly period: number;
}

export interface HoltWintersParams {
	readonly alpha: number;
	readonly beta: number;
	readonly gamma: number;
	/** Damping of the trend; 1 when undamped. */
	readonly phi: number;
	readonly level: number;
	readonly slope: number;
	/** Initial seasonals s₀ … s_{m−1}: the seasonal of observations 0 … m − 1. */
	readonly seasonals: Float64Array;
}

export interface HoltWintersFit extends HoltWintersParams {
	readonly spec: HoltWintersSpec;
	/** Sum of squared one-step errors over the training values. */
	readonly sse: number;
	readonly iterations: number;
	readonly converged: boolean;
}

/** statsmodels' bounds on the damping parameter. */
export const PHI_MIN = 0.8;
export const PHI_MAX = 0.995;
/** statsmodels' smallest smoothing level (√ε). */
const ALPHA_FLOOR = Math.sqrt(Number.EPSILON);

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Values needed by the heuristic initialisation (statsmodels: 10 + 2·⌊m/2⌋, and two full seasons). */
export function minimumLength(spec: HoltWintersSpec): number {
	const base = spec.seasonal === 'none' ? 10 : 10 + 2 * Math.floor(spec.period / 2);
	return spec.seasonal === 'none' ? base : Math.max(base, 2 * spec.period);
}

function checkSpec(spec: HoltWintersSpec): void {
	for (const [name, value] of [
		['trend', spec.trend],
		['seasonal', spec.seasonal]
	] as const) {
		if (value !== 'add' && value !== 'mul' && value !== 'none')
			throw new RangeError(`exponential_smoothing ${name}: ${String(value)} is not add, mul or none`);
	}
	if (!(Number.isInteger(spec.period) && spec.period >= 2))
		throw new RangeError(`exponential_smoothing period: ${spec.period} must be an integer ≥ 2`);
	if (spec.damped && spec.trend === 'none')
		throw new RangeError('exponential_smoothing damped: a damped trend needs a trend');
}

function checkSeries(name: string, y: Float64Array, spec: HoltWintersSpec): void {
	const positive = spec.trend === 'mul' || spec.seasonal === 'mul';
	for (let i = 0; i < y.length; i++) {
		if (!Number.isFinite(y[i]))
			throw new RangeError(`exponential_smoothing ${name}: value ${i} is ${y[i]}; values must be finite`);
		if (positive && !(y[i] > 0))
			throw new RangeError(
				`exponential_smoothing ${name}: value ${i} is ${y[i]}; multiplicative components need positive values`
			);
	}
}

/**
 * Runs the recursions through y. Calls `visit(t, level, slope, ring)` after observation t (ring[j % m] holds the
 * seasonal of observation j for j = t + 1 … t + m) and returns the sum of squared one-step errors.
 */
export function holtWintersFilter(
	y: Float64Array,
	spec: HoltWintersSpec,
	params: HoltWintersParams,
	visit?: (t: number, level: number, slope: number, ring: Float64Array) => void
): number {
	const { alpha, beta, gamma, phi } = params;
	const m = spec.period;
	const seasonal = spec.seasonal;
	const trend = spec.trend;
	const ring = seasonal === 'none' ? new Float64Array(m) : Float64Array.from(params.seasonals);
	let l = params.level;
	let b = trend === 'none' ? 0 : params.slope;
	let sse = 0;
	for (let t = 0; t < y.length; t++) {
		const T = trend === 'add' ? l + phi * b : trend === 'mul' ? l * b ** phi : l;
		const k = t % m;
		const s = ring[k];
		const yhat = seasonal === 'add' ? T + s : seasonal === 'mul' ? T * s : T;
		const v = y[t];
		const err = v - yhat;
		sse += err * err;
		const deseasoned = seasonal === 'add' ? v - s : seasonal === 'mul' ? v / s : v;
		const lNew = alpha * deseasoned + (1 - alpha) * T;
		if (trend === 'add') b = beta * (lNew - l) + (1 - beta) * phi * b;
		else if (trend === 'mul') b = (beta * lNew) / l + (1 - beta) * b ** phi;
		if (seasonal === 'add') ring[k] = gamma * (v - T) + (1 - gamma) * s;
		else if (seasonal === 'mul') ring[k] = (gamma * v) / T + (1 - gamma) * s;
		l = lNew;
		visit?.(t, l, b, ring);
	}
	return sse;
}

/** Hyndman et al. §2.6 as statsmodels' `_initialization_heuristic` computes it. */
export function heuristicInitialState(
	y: Float64Array,
	spec: HoltWintersSpec
): { level: number; slope: number; seasonals: Float64Array } {
	const m = spec.period;
	let base: Float64Array = y;
	let seasonals = new Float64Array(m);
	if (spec.seasonal !== 'none') {
		const minObs = 10 + 2 * Math.floor(m / 2);
		const cycles = Math.max(Math.min(5, Math.floor(y.length / m)), Math.ceil(minObs / m));
		const len = Math.min(y.length, cycles * m);
		// Centred moving average of one season (a 2 × m average for even m), NaN where it does not fit.
		const trend = new Float64Array(len).fill(Number.NaN);
		const half = Math.floor(m / 2);
		const windowMean = (from: number): number => {
			let sum = 0;
			for (let i = from; i < from + m; i++) sum += y[i];
			return sum / m;
		};
		for (let i = 0; i < len; i++) {
			if (m % 2 === 1) {
				if (i - half >= 0 && i + half < len) trend[i] = windowMean(i - half);
			} else if (i - half >= 0 && i + half < len) {
				trend[i] = (windowMean(i - half) + windowMean(i - half + 1)) / 2;
			}
		}
		const sums = new Float64Array(m);
		const counts = new Float64Array(m);
		for (let i = 0; i < len; i++) {
			if (Number.isNaN(trend[i])) continue;
			sums[i % m] += spec.seasonal === 'add' ? y[i] - trend[i] : y[i] / trend[i];
			counts[i % m]++;
		}
		seasonals = Float64Array.from(sums, (s, j) => s / counts[j]);
		const mean = seasonals.reduce((a, v) => a + v, 0) / m;
		seasonals = Float64Array.from(seasonals, (s) => (spec.seasonal === 'add' ? s - mean : s / mean));
		base = trend.filter((v) => !Number.isNaN(v));
	}
	// Least-squares line through the first ten values at x = 1 … 10; the level is its value at x = 0.
	const n = Math.min(10, base.length);
	let sx = 0;
	let sy = 0;
	let sxx = 0;
	let sxy = 0;
	for (let i = 0; i < n; i++) {
		const x = i + 1;
		sx += x;
		sy += base[i];
		sxx += x * x;
		sxy += x * base[i];
	}
	const slopeLs = (n * sxy - sx * sy) / (n * sxx - sx * sx);
	const level = (sy - slopeLs * sx) / n;
	const slope = spec.trend === 'add' ? slopeLs : spec.trend === 'mul' ? 1 + slopeLs / level : 0;
	return { level, slope, seasonals };
}

/** Layout of the free vector: [a, b?, g?, p?, ℓ₀, b₀?, s₀ … s_{m−1}?]. */
function layout(spec: HoltWintersSpec) {
	const hasTrend = spec.trend !== 'none';
	const hasSeason = spec.seasonal !== 'none';
	let i = 1;
	const b = hasTrend ? i++ : -1;
	const g = hasSeason ? i++ : -1;
	const p = spec.damped ? i++ : -1;
	const level = i++;
	const slope = hasTrend ? i++ : -1;
	const seasons = hasSeason ? i : -1;
	return { b, g, p, level, slope, seasons, size: i + (hasSeason ? spec.period : 0) };
}

export function fromFree(x: Float64Array, spec: HoltWintersSpec): HoltWintersParams {
	const at = layout(spec);
	const alpha = ALPHA_FLOOR + (1 - 2 * ALPHA_FLOOR) * logistic(x[0]);
	return {
		alpha,
		beta: at.b >= 0 ? alpha * logistic(x[at.b]) : 0,
		gamma: at.g >= 0 ? (1 - alpha) * logistic(x[at.g]) : 0,
		phi: at.p >= 0 ? PHI_MIN + (PHI_MAX - PHI_MIN) * logistic(x[at.p]) : 1,
		level: x[at.level],
		slope: at.slope >= 0 ? x[at.slope] : 0,
		seasonals: at.seasons >= 0 ? x.slice(at.seasons, at.seasons + spec.period) : new Float64Array(spec.period)
	};
}

function toFree(params: HoltWintersParams, spec: HoltWintersSpec): Float64Array {
	const at = layout(spec);
	const x = new Float64Array(at.size);
	x[0] = logit((params.alpha - ALPHA_FLOOR) / (1 - 2 * ALPHA_FLOOR));
	if (at.b >= 0) x[at.b] = logit(params.beta / params.alpha);
	if (at.g >= 0) x[at.g] = logit(params.gamma / (1 - params.alpha));
	if (at.p >= 0) x[at.p] = logit((params.phi - PHI_MIN) / (PHI_MAX - PHI_MIN));
	x[at.level] = params.level;
	if (at.slope >= 0) x[at.slope] = params.slope;
	if (at.seasons >= 0) x.set(params.seasonals, at.seasons);
	return x;
}

/** Grid of starting weights: α, and β and γ as fractions of their upper bounds. */
const ALPHA_GRID = [0.05, 0.2, 0.5, 0.8, 0.95];
const FRACTION_GRID = [0.01, 0.1, 0.5];

/** Least-squares Holt–Winters fit of y (oldest first). */
export function fitHoltWinters(
	y: Float64Array,
	spec: HoltWintersSpec,
	ctx: Partial<FitContext> = {}
): HoltWintersFit {
	checkSpec(spec);
	const needed = minimumLength(spec);
	if (y.length < needed)
		throw new RangeError(
			`exponential_smoothing series: ${y.length} values; this model needs at least ${needed}`
		);
	checkSeries('series', y, spec);
	const init = heuristicInitialState(y, spec);
	let best: HoltWintersParams | null = null;
	let bestSse = Infinity;
	const betas = spec.trend === 'none' ? [0] : FRACTION_GRID;
	const gammas = spec.seasonal === 'none' ? [0] : FRACTION_GRID;
	for (const alpha of ALPHA_GRID) {
		for (const fb of betas) {
			for (const fg of gammas) {
				const params: HoltWintersParams = {
					...init,
					alpha,
					beta: fb * alpha,
					gamma: fg * (1 - alpha),
					phi: spec.damped ? 0.99 : 1
				};
				const sse = holtWintersFilter(y, spec, params);
				if (sse < bestSse) [best, bestSse] = [params, sse];
			}
		}
	}
	if (!(bestSse > 0))
		throw new RangeError(
			'exponential_smoothing series: the series is fitted exactly; there is nothing to smooth'
		);
	const start = toFree(
		{
			...best!,
			beta: spec.trend === 'none' ? 0.5 : best!.beta,
			gamma: spec.seasonal === 'none' ? 0.5 : best!.gamma
		},
		spec
	);
	// SSE relative to the starting point's, so the tolerances do not depend on the series' scale.
	const objective = (x: Float64Array): number => holtWintersFilter(y, spec, fromFree(x, spec)) / bestSse;
	const result = minimize(objective, start, {
		gradientTolerance: 1e-8,
		valueTolerance: 1e-14,
		maxIterations: 1000,
		isCancelled: ctx.isCancelled,
		onIteration: (i) => ctx.onProgress?.(Math.min(0.99, i / 200))
	});
	if (ctx.isCancelled?.()) throw new FitCancelledError();
	const params = fromFree(result.x, spec);
	return {
		...params,
		spec,
		sse: result.value * bestSse,
		iterations: result.iterations,
		converged: result.converged
	};
}

/**
 * Forecasts from every origin t ≥ from with the fitted parameters fixed: out[(t − from)·h + k] forecasts
 * series[t + 1 + k] from series[0..t]. The series starts where the training window started.
 */
export function holtWintersForecast(
	fit: HoltWintersFit,
	series: Float64Array,
	from: number,
	horizon: number
): Float64Array {
	if (!(Number.isInteger(from) && from >= 0 && from <= series.length))
		throw new RangeError(`exponential_smoothing forecast from: ${from} is outside 0 … ${series.length}`);
	if (!(Number.isInteger(horizon) && horizon >= 1))
		throw new RangeError(`exponential_smoothing forecast horizon: ${horizon} must be an integer ≥ 1`);
	checkSeries('forecast series', series, fit.spec);
	const { trend, seasonal, period: m } = fit.spec;
	const phi = fit.phi;
	const out = new Float64Array((series.length - from) * horizon);
	const forecastFrom = (t: number, l: number, b: number, ring: Float64Array): void => {
		let damp = 0;
		let phiK = 1;
		for (let k = 1; k <= horizon; k++) {
			phiK *= phi;
			damp += phiK;
			const T = trend === 'add' ? l + damp * b : trend === 'mul' ? l * b ** damp : l;
			const s = ring[(t + k) % m];
			out[(t - from) * horizon + k - 1] = seasonal === 'add' ? T + s : seasonal === 'mul' ? T * s : T;
		}
	};
	holtWintersFilter(series, fit.spec, fit, (t, l, b, ring) => {
		if (t >= from) forecastFrom(t, l, b, ring);
	});
	return out;
}

export function holtWintersModel(fit: HoltWintersFit): FittedSeriesModel {
	return {
		forecast: (series, from, horizon) => holtWintersForecast(fit, series, from, horizon),
		info: {
			alpha: fit.alpha,
			beta: fit.beta,
			gamma: fit.gamma,
			phi: fit.phi,
			sse: fit.sse,
			seasonPeriod: fit.spec.period,
			iterations: fit.iterations,
			converged: fit.converged ? 1 : 0
		}
	};
}
