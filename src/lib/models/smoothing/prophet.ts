/**
 * A Prophet-style regression (Taylor & Letham 2018) of one series on its own time index: a piecewise-linear
 * trend with changepoints plus Fourier seasonality, fitted by regularised least squares. No `prophet` package
 * exists here; the reference is the same least squares in NumPy (bench/make-vol-fixtures.py).
 *
 * Time. The seam passes values only, no dates, so time is the trading-day index i = 0 … n − 1 of the training
 * window. The trend reads t = i / (n − 1) (Prophet scales time to [0, 1] over the history); the seasonalities read
 * i in trading days: weekly with period 5 (order 3) and yearly with period 252 (order 10), Prophet's orders. A
 * calendar week of 7 days would need the bars' timestamps; on trading days the weekly cycle is 5 values long.
 * As Prophet's 'auto', yearly seasonality is used only with two years of history (504 values) and weekly with two
 * weeks (10). On a 5-value period the third weekly harmonic aliases the second; the ridge penalty below keeps the
 * system well posed and splits their weight evenly.
 *
 * Trend. 25 potential changepoints s_j at the values Prophet picks: evenly spaced indices over the first 80 % of the
 * window (`linspace(0, ⌊0.8 n⌋ − 1, 26)` rounded, the first dropped); fewer when the window is short.
 *   linear:   g(t) = k t + m + Σ_j δ_j (t − s_j)₊      (continuous; the slope after the last changepoint is k + Σ δ)
 *   flat:     g(t) = m
 *   logistic: capacity C = 1.1 × the training maximum (Prophet needs a user's cap; this is ours) and the same
 *             piecewise-linear g fitted to the logit z = log(y / (C − y)): Prophet's logistic trend with its
 *             continuity offsets is C / (1 + exp(−(piecewise-linear in t))), so in logit space it is linear.
 * The working series is w = y / max|y| (Prophet's absmax scaling) for linear and flat growth, z for logistic.
 *
 * Objective (the MAP of Prophet's priors with a fixed noise scale, and a Gaussian in place of the Laplace prior on
 * the changepoint deltas so the solution is one linear solve):
 *   minimise  Σ_i (w_i − ŵ_i)² + s² [ Σ_j δ_j² / τ² + Σ β² / σ_β² + (k² + m²) / σ₀² ]
 *   τ = 0.05 (changepoint_prior_scale), σ_β = 10 (seasonality_prior_scale), σ₀ = 5 (Prophet's k, m prior),
 *   s² = the variance of the first differences of w (a fixed, data-derived noise scale standing in for the noise
 *   variance Prophet estimates jointly).
 *   additive:       ŵ = g(t) + S(t),        one ridge solve
 *   multiplicative: ŵ = g(t) · (1 + S(t)), alternating ridge solves for the trend and the seasonal coefficients
 *                   from S = 0 until the objective moves by less than 1e-13 relative (at most 500 rounds).
 *
 * Forecasts: the fitted function of time, extended past the window (the trend with its last slope), at index
 * t + 1 + k. It reads no value of the series: with fixed parameters a regression on time has no state to filter.
 */
import { FitCancelledError, type FitContext, type FittedSeriesModel } from '../types';
import {
	choleskySolve,
	makeDesign,
	makeWorkspace,
	normalEquations,
	seasonalValues,
	trendValues
} from './prophet-design';

export type Growth = 'linear' | 'logistic' | 'flat';
export type SeasonalityMode = 'additive' | 'multiplicative';

export interface ProphetSpec {
	readonly growth: Growth;
	readonly seasonalityMode: SeasonalityMode;
}

export const N_CHANGEPOINTS = 25;
export const CHANGEPOINT_RANGE = 0.8;
export const CHANGEPOINT_PRIOR_SCALE = 0.05;
export const SEASONALITY_PRIOR_SCALE = 10;
/** Prophet's prior scale of the base slope k and offset m. */
export const TREND_PRIOR_SCALE = 5;
/** Trading days in a week and in a year: the periods of the seasonalities on the trading-day index. */
export const WEEK = 5;
export const YEAR = 252;
export const WEEKLY_ORDER = 3;
export const YEARLY_ORDER = 10;
/** Logistic growth saturates at this multiple of the training maximum. */
export const CAPACITY_OVER_MAX = 1.1;
export const MIN_VALUES = 10;
const MAX_ROUNDS = 500;
const ROUND_TOLERANCE = 1e-13;

export interface ProphetFit {
	readonly spec: ProphetSpec;
	/** Training length n: time t = i / (n − 1). */
	readonly n: number;
	/** Changepoints in scaled time. */
	readonly changepoints: Float64Array;
	/** Seasonalities used: [period, order] pairs. */
	readonly seasonalities: readonly (readonly [number, number])[];
	/** Trend coefficients [k, m, δ₁ … δ_c] (only m for flat growth). */
	readonly trend: Float64Array;
	/** Fourier coefficients, sin then cos for each order, period by period. */
	readonly seasonal: Float64Array;
	/** w = y / scale (linear, flat) or the logit of y / capacity (logistic). */
	readonly scale: number;
	readonly capacity: number;
	readonly objective: number;
	readonly rounds: number;
}

function checkSpec(spec: ProphetSpec): void {
	if (!['linear', 'logistic', 'flat'].includes(spec.growth))
		throw new RangeError(`prophet growth: ${String(spec.growth)} is not linear, logistic or flat`);
	if (!['additive', 'multiplicative'].includes(spec.seasonalityMode))
		throw new RangeError(
			`prophet seasonality_mode: ${String(spec.seasonalityMode)} is not additive or multiplicative`
		);
}

/** Prophet's changepoint placement on n values, as indices i of the training window. */
export function changepointIndices(n: number): Int32Array {
	const hist = Math.floor(n * CHANGEPOINT_RANGE);
	const count = Math.min(N_CHANGEPOINTS, hist - 1);
	if (count < 1) return new Int32Array(0);
	const out = new Int32Array(count);
	// numpy.linspace(0, hist − 1, count + 1).round() (round half to even), the first dropped.
	for (let j = 1; j <= count; j++) {
		const x = ((hist - 1) * j) / count;
		const r = Math.round(x);
		out[j - 1] = Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
	}
	return out;
}

/** Prophet's changepoint placement on n values, in scaled time. */
export function changepointsFor(n: number): Float64Array {
	return Float64Array.from(changepointIndices(n), (index) => index / (n - 1));
}

export function seasonalitiesFor(n: number): [number, number][] {
	const out: [number, number][] = [];
	if (n >= 2 * WEEK) out.push([WEEK, WEEKLY_ORDER]);
	if (n >= 2 * YEAR) out.push([YEAR, YEARLY_ORDER]);
	return out;
}

function trendRow(spec: ProphetSpec, t: number, cps: Float64Array, out: Float64Array): void {
	if (spec.growth === 'flat') {
		out[0] = 1;
		return;
	}
	out[0] = t;
	out[1] = 1;
	for (let j = 0; j < cps.length; j++) out[2 + j] = t > cps[j] ? t - cps[j] : 0;
}

function seasonalRow(
	i: number,
	seasonalities: readonly (readonly [number, number])[],
	out: Float64Array
): void {
	let c = 0;
	for (const [period, order] of seasonalities) {
		for (let r = 1; r <= order; r++) {
			const x = (2 * Math.PI * r * i) / period;
			out[c++] = Math.sin(x);
			out[c++] = Math.cos(x);
		}
	}
}

/**
 * Solves (AᵀA + diag(penalty)) θ = Aᵀb by Cholesky; A is rows × cols, row-major. A dense check of the structured
 * normal equations the fit forms (prophet-design.ts).
 */
export function ridgeSolve(
	A: Float64Array,
	b: Float64Array,
	rows: number,
	cols: number,
	penalty: Float64Array
): Float64Array {
	const M = new Float64Array(cols * cols);
	const v = new Float64Array(cols);
	for (let r = 0; r < rows; r++)
		for (let i = 0; i < cols; i++) {
			const x = A[r * cols + i];
			v[i] += x * b[r];
			for (let j = i; j < cols; j++) M[i * cols + j] += x * A[r * cols + j];
		}
	const theta = new Float64Array(cols);
	choleskySolve(M, v, cols, penalty, theta);
	return theta;
}

/** Prophet-style fit of y (oldest first). */
export function fitProphet(y: Float64Array, spec: ProphetSpec, ctx: Partial<FitContext> = {}): ProphetFit {
	checkSpec(spec);
	const n = y.length;
	if (n < MIN_VALUES)
		throw new RangeError(`prophet series: ${n} values; this model needs at least ${MIN_VALUES}`);
	let max = Number.NEGATIVE_INFINITY;
	let absMax = 0;
	for (let i = 0; i < n; i++) {
		if (!Number.isFinite(y[i]))
			throw new RangeError(`prophet series: value ${i} is ${y[i]}; values must be finite`);
		if (spec.growth === 'logistic' && !(y[i] > 0))
			throw new RangeError(`prophet series: value ${i} is ${y[i]}; logistic growth needs positive values`);
		max = Math.max(max, y[i]);
		absMax = Math.max(absMax, Math.abs(y[i]));
	}
	if (!(absMax > 0)) throw new RangeError('prophet series: every value is 0; there is nothing to fit');
	const capacity = CAPACITY_OVER_MAX * max;
	const scale = absMax;
	const w =
		spec.growth === 'logistic'
			? Float64Array.from(y, (v) => Math.log(v / (capacity - v)))
			: Float64Array.from(y, (v) => v / scale);
	let s2 = 0;
	{
		let mean = 0;
		for (let i = 1; i < n; i++) mean += w[i] - w[i - 1];
		mean /= n - 1;
		for (let i = 1; i < n; i++) s2 += (w[i] - w[i - 1] - mean) ** 2;
		s2 /= n - 1;
	}
	if (!(s2 > 0))
		throw new RangeError('prophet series: the series moves in a straight line; there is no noise scale');
	const flat = spec.growth === 'flat';
	const indices = flat ? new Int32Array(0) : changepointIndices(n);
	const changepoints = Float64Array.from(indices, (index) => index / (n - 1));
	const seasonalities = seasonalitiesFor(n);
	const design = makeDesign(n, flat, indices, seasonalities);
	const { pT, pS } = design;
	const ws = makeWorkspace(design);
	const trendPenalty = new Float64Array(pT);
	if (flat) trendPenalty[0] = s2 / TREND_PRIOR_SCALE ** 2;
	else {
		trendPenalty[0] = trendPenalty[1] = s2 / TREND_PRIOR_SCALE ** 2;
		for (let j = 2; j < pT; j++) trendPenalty[j] = s2 / CHANGEPOINT_PRIOR_SCALE ** 2;
	}
	const seasonPenalty = new Float64Array(pS).fill(s2 / SEASONALITY_PRIOR_SCALE ** 2);
	const penaltyOf = (theta: Float64Array, p: Float64Array): number => {
		let s = 0;
		for (let i = 0; i < theta.length; i++) s += p[i] * theta[i] * theta[i];
		return s;
	};
	const trend = new Float64Array(pT);
	const seasonal = new Float64Array(pS);
	const g = new Float64Array(n);
	const S = new Float64Array(n);
	let objective: number;
	let rounds = 1;
	if (spec.seasonalityMode === 'additive' || pS === 0) {
		const p = normalEquations(design, ws, true, true, null, w);
		const penalty = new Float64Array(p);
		penalty.set(trendPenalty);
		penalty.set(seasonPenalty, pT);
		const theta = new Float64Array(p);
		choleskySolve(ws.M, ws.v, p, penalty, theta);
		trend.set(theta.subarray(0, pT));
		seasonal.set(theta.subarray(pT));
		trendValues(design, trend, g);
		seasonalValues(design, seasonal, S);
		objective = penaltyOf(theta, penalty);
		for (let i = 0; i < n; i++) objective += (w[i] - (g[i] + S[i])) ** 2;
	} else {
		// Alternating ridge: trend given the seasonal factor, then the seasonal coefficients given the trend.
		objective = Infinity;
		const weight = new Float64Array(n);
		const target = new Float64Array(n);
		for (rounds = 1; rounds <= MAX_ROUNDS; rounds++) {
			if (ctx.isCancelled?.()) throw new FitCancelledError();
			// Trend columns times (1 + S): weights (1 + S)², target (1 + S) w.
			seasonalValues(design, seasonal, S);
			for (let i = 0; i < n; i++) {
				const f = 1 + S[i];
				weight[i] = f * f;
				target[i] = f * w[i];
			}
			choleskySolve(
				ws.M,
				ws.v,
				normalEquations(design, ws, true, false, weight, target),
				trendPenalty,
				trend
			);
			// Fourier columns times g: weights g², target g (w − g).
			trendValues(design, trend, g);
			for (let i = 0; i < n; i++) {
				weight[i] = g[i] * g[i];
				target[i] = g[i] * (w[i] - g[i]);
			}
			choleskySolve(
				ws.M,
				ws.v,
				normalEquations(design, ws, false, true, weight, target),
				seasonPenalty,
				seasonal
			);
			seasonalValues(design, seasonal, S);
			let next = penaltyOf(trend, trendPenalty) + penaltyOf(seasonal, seasonPenalty);
			for (let i = 0; i < n; i++) next += (w[i] - g[i] * (1 + S[i])) ** 2;
			ctx.onProgress?.(Math.min(0.99, rounds / 50));
			const done = objective - next <= ROUND_TOLERANCE * Math.abs(next);
			objective = next;
			if (done) break;
		}
		rounds = Math.min(rounds, MAX_ROUNDS);
	}
	if (ctx.isCancelled?.()) throw new FitCancelledError();
	return { spec, n, changepoints, seasonalities, trend, seasonal, scale, capacity, objective, rounds };
}

/** The fitted value at trading-day index i (i ≥ n extrapolates), in the units of y. */
export function prophetValue(fit: ProphetFit, i: number): number {
	const pT = fit.trend.length;
	const row = new Float64Array(Math.max(pT, fit.seasonal.length, 1));
	trendRow(fit.spec, fit.n > 1 ? i / (fit.n - 1) : 0, fit.changepoints, row);
	let g = 0;
	for (let j = 0; j < pT; j++) g += fit.trend[j] * row[j];
	seasonalRow(i, fit.seasonalities, row);
	let S = 0;
	for (let j = 0; j < fit.seasonal.length; j++) S += fit.seasonal[j] * row[j];
	const w = fit.spec.seasonalityMode === 'additive' ? g + S : g * (1 + S);
	return fit.spec.growth === 'logistic' ? fit.capacity / (1 + Math.exp(-w)) : w * fit.scale;
}

/** out[(t − from)·h + k] = the fitted function at index t + 1 + k (the series' values are not read). */
export function prophetForecast(
	fit: ProphetFit,
	series: Float64Array,
	from: number,
	horizon: number
): Float64Array {
	if (!(Number.isInteger(from) && from >= 0 && from <= series.length))
		throw new RangeError(`prophet forecast from: ${from} is outside 0 … ${series.length}`);
	if (!(Number.isInteger(horizon) && horizon >= 1))
		throw new RangeError(`prophet forecast horizon: ${horizon} must be an integer ≥ 1`);
	const last = series.length + horizon;
	const values = new Float64Array(last + 1);
	for (let i = from + 1; i <= last; i++) values[i] = prophetValue(fit, i);
	const out = new Float64Array((series.length - from) * horizon);
	for (let t = from; t < series.length; t++)
		for (let k = 0; k < horizon; k++) out[(t - from) * horizon + k] = values[t + 1 + k];
	return out;
}

export function prophetModel(fit: ProphetFit): FittedSeriesModel {
	return {
		forecast: (series, from, horizon) => prophetForecast(fit, series, from, horizon),
		info: {
			changepoints: fit.changepoints.length,
			seasonalities: fit.seasonalities.map(([p, o]) => `${p}:${o}`).join(',') || 'none',
			lastSlope:
				fit.spec.growth === 'flat' ? 0 : fit.trend[0] + fit.trend.slice(2).reduce((a, v) => a + v, 0),
			objective: fit.objective,
			rounds: fit.rounds
		}
	};
}
