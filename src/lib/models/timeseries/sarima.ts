/**
 * Seasonal ARIMA(p, d, q)(P, D, Q)ₛ fitted by exact Gaussian maximum likelihood, as statsmodels'
 * `ARIMA(endog, order, seasonal_order)` (entry `arima`) and `SARIMAX(endog, order, seasonal_order)` (entry `sarima`)
 * fit it by default:
 *
 * - The series is differenced by (1 − L)ᵈ(1 − Lˢ)ᴰ and the differenced values w follow a stationary ARMA with AR
 *   polynomial φ(L)Φ(Lˢ) and MA polynomial θ(L)Θ(Lˢ) (statsmodels' `ar.L1`, `ma.L1`, `ar.S.L12`, `ma.S.L12`).
 *   statsmodels keeps the differencing inside its state vector with an approximately diffuse start (variance 1e6)
 *   and leaves the first d + sD observations out of the likelihood (`loglikelihood_burn`); conditioning on those
 *   values, as here, is the same likelihood up to that approximation (≈ 1e−6 relative).
 * - Trend: `ARIMA` adds a constant when there is no differencing (d = D = 0) and none otherwise; the constant is a
 *   regression mean (wₜ − μ follows the ARMA), not an intercept. `SARIMAX` adds none. Other trends are not offered.
 * - Likelihood: the Kalman filter of arma-filter.ts from the stationary state distribution (exact, not
 *   conditional). σ² is concentrated out (σ̂² = Σ vₜ²/Fₜ / n); statsmodels estimates it jointly — the maximum is the
 *   same point.
 * - Parameters are searched in statsmodels' unconstrained space (arma-params.ts: the Monahan/Jones transform,
 *   enforce_stationarity and enforce_invertibility on, their defaults) by BFGS with numerical gradients
 *   (optim/minimize.ts), from statsmodels' starting values (sarima-start.ts). statsmodels uses L-BFGS-B with at most
 *   50 iterations; here the search runs to convergence (at most MAX_ITERATIONS), so where statsmodels stops early
 *   the likelihood here is at least as high.
 */
import { minimize } from '../optim/minimize';
import { FitCancelledError, type FitContext } from '../types';
import {
	constrainStationary,
	difference,
	differencingOperator,
	expandAr,
	expandMa,
	unconstrainStationary
} from './arma-params';
import { concentratedSigma2, filterArma, logLikelihood, stateDimension, type ArmaSpec } from './arma-filter';
import { conditionalSumOfSquares, lags } from './sarima-start';

export interface SarimaOrder {
	readonly p: number;
	readonly d: number;
	readonly q: number;
	readonly P: number;
	readonly D: number;
	readonly Q: number;
	/** Season length; 0 when there is no seasonal part. */
	readonly s: number;
}

/** 'auto': statsmodels ARIMA's default (a mean when d = D = 0, none otherwise); 'none': SARIMAX's. */
export type TrendRule = 'auto' | 'none';

export interface SarimaParams {
	readonly order: readonly number[];
	readonly seasonal_order: readonly number[];
}

export interface SarimaFit {
	readonly order: SarimaOrder;
	/** The regression mean of the differenced series, or null without a constant. */
	readonly mean: number | null;
	readonly ar: Float64Array;
	readonly ma: Float64Array;
	readonly seasonalAr: Float64Array;
	readonly seasonalMa: Float64Array;
	readonly sigma2: number;
	readonly logLikelihood: number;
	/** Observations in the likelihood: training values less the d + sD the differencing consumes. */
	readonly nobs: number;
	readonly iterations: number;
	readonly converged: boolean;
	/** Forecasts from every origin (FittedSeriesModel.forecast): filtered, parameters fixed. */
	forecast(series: Float64Array, from: number, horizon: number): Float64Array;
}

/** BFGS iterations allowed; the default search converges in well under a hundred. */
export const MAX_ITERATIONS = 200;
/** Stop when the largest gradient component of the mean negative log-likelihood is below this. */
const GRADIENT_TOLERANCE = 1e-7;

/**
 * Largest ARMA state dimension max(p + sP, q + sQ + 1) accepted. A likelihood evaluation costs O(n·m²) (and the
 * stationary covariance O(m³ log)): m = 54 (s = 52, P = Q = 1) fits 1,260 values in ~7 s; m = 150 would take about a
 * minute, and the catalog's extremes (P = Q = 52, s = 52: m ≈ 2,700) would never finish in a browser.
 */
export const MAX_STATE_DIMENSION = 150;

/** Reads and checks (p, d, q) and (P, D, Q, s); RangeError naming the field otherwise. */
export function sarimaOrder(params: SarimaParams): SarimaOrder {
	const { order, seasonal_order: seasonal } = params;
	const ok = (v: readonly number[], n: number) =>
		v.length === n && v.every((x) => Number.isInteger(x) && x >= 0);
	if (!ok(order, 3))
		throw new RangeError(`order must be three non-negative integers (p, d, q); got [${order}]`);
	if (!ok(seasonal, 4))
		throw new RangeError(`seasonal_order must be four non-negative integers (P, D, Q, s); got [${seasonal}]`);
	const [p, d, q] = order;
	const [P, D, Q] = seasonal;
	let s = seasonal[3];
	if (P + D + Q === 0) s = 0;
	else if (s < 2)
		throw new RangeError(
			`seasonal_order: a seasonal part (P, D, Q) = (${P}, ${D}, ${Q}) needs a season length s ≥ 2; got ${s}`
		);
	if (P > 0 && p >= s)
		throw new RangeError(
			`order: AR lag ${s} would be in both the seasonal and the non-seasonal part (p = ${p} ≥ s = ${s})`
		);
	if (Q > 0 && q >= s)
		throw new RangeError(
			`order: MA lag ${s} would be in both the seasonal and the non-seasonal part (q = ${q} ≥ s = ${s})`
		);
	const m = Math.max(p + P * s, q + Q * s + 1);
	if (m > MAX_STATE_DIMENSION)
		throw new RangeError(
			`seasonal_order: (P, Q, s) = (${P}, ${Q}, ${s}) with order (${p}, ${d}, ${q}) gives a state of dimension ${m}; at most ${MAX_STATE_DIMENSION} can be fitted here`
		);
	return { p, d, q, P, D, Q, s };
}

interface Layout {
	readonly hasMean: boolean;
	readonly order: SarimaOrder;
}

function unpack(x: Float64Array, { hasMean, order: o }: Layout) {
	let at = hasMean ? 1 : 0;
	const take = (n: number) => x.subarray(at, (at += n));
	const ar = constrainStationary(take(o.p));
	const ma = constrainStationary(take(o.q)).map((v) => -v);
	const seasonalAr = constrainStationary(take(o.P));
	const seasonalMa = constrainStationary(take(o.Q)).map((v) => -v);
	return { mean: hasMean ? x[0] : 0, ar, ma, seasonalAr, seasonalMa };
}

function armaSpec(u: ReturnType<typeof unpack>, s: number): ArmaSpec {
	return { phi: expandAr(u.ar, u.seasonalAr, s), theta: expandMa(u.ma, u.seasonalMa, s) };
}

/**
 * statsmodels' starting values (SARIMAX.start_params; ARIMA's constant is the OLS mean of the differenced series,
 * which it subtracts first): stationary and invertible, or zero.
 */
export function startingValues(w: Float64Array, order: SarimaOrder, hasMean: boolean) {
	const mean = hasMean ? w.reduce((a, b) => a + b, 0) / w.length : 0;
	const centred = Float64Array.from(w, (v) => v - mean);
	const plain = conditionalSumOfSquares(centred, lags(order.p), lags(order.q));
	const seasonal = conditionalSumOfSquares(centred, lags(order.P, order.s), lags(order.Q, order.s));
	return { mean, ar: plain.ar, ma: plain.ma, seasonalAr: seasonal.ar, seasonalMa: seasonal.ma };
}

/** Forward-difference step relative to max(1, |xᵢ|): √ε balances truncation and rounding error. */
const FORWARD_STEP = Math.sqrt(Number.EPSILON);

/**
 * A forward-difference gradient (n + 1 evaluations, against central differences' 2n; the filter is the whole cost
 * of a fit), reusing the value at x when the minimiser has just evaluated it.
 */
function forwardDifferences(f: (x: Float64Array) => number) {
	let lastX: Float64Array | null = null;
	let lastValue = 0;
	const value = (x: Float64Array): number => {
		if (lastX && lastX.every((v, i) => v === x[i])) return lastValue;
		const fx = f(x);
		lastX = Float64Array.from(x);
		lastValue = fx;
		return fx;
	};
	return {
		value,
		gradient: (x: Float64Array, out: Float64Array): void => {
			const fx = value(x);
			const probe = Float64Array.from(x);
			for (let i = 0; i < x.length; i++) {
				const h = FORWARD_STEP * Math.max(1, Math.abs(x[i]));
				probe[i] = x[i] + h;
				out[i] = (f(probe) - fx) / h;
				probe[i] = x[i];
			}
		}
	};
}

export function fitSarima(
	train: Float64Array,
	params: SarimaParams,
	trend: TrendRule,
	ctx: Pick<FitContext, 'onProgress' | 'isCancelled'> = {}
): SarimaFit {
	const order = sarimaOrder(params);
	const { p, q, P, Q, s } = order;
	for (let i = 0; i < train.length; i++)
		if (!Number.isFinite(train[i]))
			throw new RangeError(`train[${i}] is ${train[i]}; the series must be finite`);
	const op = differencingOperator(order.d, order.D, s);
	const w = difference(train, op);
	const hasMean = trend === 'auto' && order.d === 0 && order.D === 0;
	const k = (hasMean ? 1 : 0) + p + q + P + Q + 1;
	if (w.length < k + 1)
		throw new RangeError(
			`train has ${train.length} values; after differencing, ${k} parameters need at least ${k + 1} (got ${w.length})`
		);
	const layout: Layout = { hasMean, order };

	const start = startingValues(w, order, hasMean);
	const x0 = new Float64Array(k - 1);
	let at = 0;
	if (hasMean) x0[at++] = start.mean;
	for (const [coef, sign] of [
		[start.ar, 1],
		[start.ma, -1],
		[start.seasonalAr, 1],
		[start.seasonalMa, -1]
	] as const) {
		const u = unconstrainStationary(Float64Array.from(coef, (v) => sign * v))!;
		x0.set(u, at);
		at += u.length;
	}

	const n = w.length;
	const objective = (x: Float64Array): number => {
		const u = unpack(x, layout);
		const sums = filterArma(w, u.mean, armaSpec(u, s));
		if (!sums) return Number.POSITIVE_INFINITY;
		const sigma2 = concentratedSigma2(sums);
		if (!(sigma2 > 0)) return Number.POSITIVE_INFINITY;
		return -logLikelihood(sums, sigma2) / n;
	};
	let iterations = 0;
	let converged = true;
	let x: Float64Array = x0;
	if (x0.length > 0) {
		const fd = forwardDifferences(objective);
		const result = minimize(fd.value, x0, {
			gradient: fd.gradient,
			maxIterations: MAX_ITERATIONS,
			gradientTolerance: GRADIENT_TOLERANCE,
			isCancelled: ctx.isCancelled,
			onIteration: (i) => ctx.onProgress?.(Math.min(0.99, i / MAX_ITERATIONS))
		});
		({ x, iterations, converged } = result);
	} else if (ctx.isCancelled?.()) throw new FitCancelledError();
	const u = unpack(x, layout);
	const spec = armaSpec(u, s);
	const sums = filterArma(w, u.mean, spec)!;
	const sigma2 = concentratedSigma2(sums);
	return {
		order,
		mean: hasMean ? u.mean : null,
		ar: u.ar,
		ma: u.ma,
		seasonalAr: u.seasonalAr,
		seasonalMa: u.seasonalMa,
		sigma2,
		logLikelihood: logLikelihood(sums, sigma2),
		nobs: n,
		iterations,
		converged,
		forecast: (series, from, horizon) => forecastSarima(series, from, horizon, op, u.mean, spec)
	};
}

/**
 * h-step forecasts of the level from every origin t ≥ from: one filter pass over the differenced series gives the
 * predicted state at each origin; the ARMA forecasts of w are iterated through T, and the level is rebuilt from
 * yₜ₊ₖ = wₜ₊ₖ − Σ cⱼ yₜ₊ₖ₋ⱼ with forecasts standing in for values after t.
 */
export function forecastSarima(
	series: Float64Array,
	from: number,
	horizon: number,
	op: Float64Array,
	mean: number,
	spec: ArmaSpec
): Float64Array {
	const nd = op.length;
	if (!Number.isInteger(horizon) || horizon < 1)
		throw new RangeError(`horizon must be an integer ≥ 1; got ${horizon}`);
	if (!Number.isInteger(from) || from < Math.max(0, nd - 1) || from > series.length)
		throw new RangeError(
			`from must be an integer in [${Math.max(0, nd - 1)}, ${series.length}] (the differencing consumes ${nd} values); got ${from}`
		);
	for (let i = 0; i < series.length; i++)
		if (!Number.isFinite(series[i]))
			throw new RangeError(`series[${i}] is ${series[i]}; the series must be finite`);
	const out = new Float64Array((series.length - from) * horizon);
	const m = stateDimension(spec);
	const phi = new Float64Array(m);
	phi.set(spec.phi);
	const state = new Float64Array(m);
	const path = new Float64Array(nd + horizon);
	const emit = (t: number, a: Float64Array): void => {
		if (t < from) return;
		state.set(a);
		for (let j = 0; j < nd; j++) path[j] = series[t - nd + 1 + j];
		for (let k = 0; k < horizon; k++) {
			// ŵ(t + 1 + k) = μ + first state element; then a ← T a.
			let y = mean + state[0];
			for (let j = 1; j <= nd; j++) y -= op[j - 1] * path[nd + k - j];
			path[nd + k] = y;
			out[(t - from) * horizon + k] = y;
			const first = state[0];
			for (let i = 0; i < m; i++) state[i] = phi[i] * first + (i + 1 < m ? state[i + 1] : 0);
		}
	};
	// The origin before the first differenced value forecasts from the stationary prior (state mean 0).
	if (nd >= 1 && nd - 1 < series.length) emit(nd - 1, new Float64Array(m));
	const w = difference(series, op);
	const ok = filterArma(w, mean, spec, (i, a) => emit(i + nd, a));
	if (!ok) throw new RangeError('the fitted ARMA is not stationary');
	return out;
}
