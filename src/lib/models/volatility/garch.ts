/**
 * GARCH(p, q) with a constant mean and normal errors, fitted by maximum likelihood, as the `arch` package's
 * `arch_model(y, mean='Constant', vol='GARCH', p, q, dist='normal')` does (no `arch` package exists here: the
 * reference is a plain SciPy implementation of the same likelihood, bench/make-vol-fixtures.py).
 *
 *   y_t = 100 · r_t                         (returns scaled to percent, as `arch` recommends for the optimiser)
 *   e_t = y_t − μ
 *   σ²_t = ω + Σᵢ₌₁..p αᵢ e²_{t−i} + Σⱼ₌₁..q βⱼ σ²_{t−j}     (p ARCH terms, q GARCH terms, as in the catalog)
 *   log L = −½ Σ_t (log 2π + log σ²_t + e²_t / σ²_t)
 *
 * Before the first observation, e² and σ² take `arch`'s backcast: the exponentially weighted mean (weights
 * 0.94^k, the first min(75, n) values) of the squared deviations of y from its sample mean, fixed before the
 * optimisation. ω > 0 through a log; the α's, β's and a slack term are a softmax with the slack's logit fixed at
 * 0, so every α, β is positive and Σα + Σβ < 1 (covariance stationarity) everywhere in the unconstrained space.
 * `arch`'s lower variance bounds (var_bounds) are not applied: they bind only on degenerate fits. BFGS (the
 * shared minimiser) with the analytic gradient: the recursion differentiated alongside itself.
 *
 * Forecasts are in raw log-return units (variance / 100²): from origin t, the one-step variance σ²_{t+1} from
 * the filter, then the closed-form recursion E σ²_{t+k} with E e²_{t+k−i} = σ²_{t+k−i} for future terms, which
 * converges to the unconditional variance ω / (1 − Σα − Σβ).
 */
import { minimize } from '../optim/minimize';
import { FitCancelledError, type FitContext, type FittedSeriesModel } from '../types';

/** `arch` rescales returns to percent: variances near 1 keep the optimiser well conditioned. */
export const RETURN_SCALE = 100;
/** `arch`'s backcast: exponentially weighted mean of the first values, decay 0.94, at most 75 of them. */
export const BACKCAST_DECAY = 0.94;
export const BACKCAST_VALUES = 75;
/** Fewer returns than this cannot pin down a variance process. */
export const MIN_RETURNS = 20;
const LOG_2PI = Math.log(2 * Math.PI);

export interface GarchOrder {
	/** ARCH terms: lagged squared residuals. */
	readonly p: number;
	/** GARCH terms: lagged conditional variances. */
	readonly q: number;
}

export interface GarchParams {
	/** Constant mean, in percent. */
	readonly mu: number;
	/** Variance intercept, in percent². */
	readonly omega: number;
	readonly alpha: Float64Array;
	readonly beta: Float64Array;
}

export interface GarchFit extends GarchParams {
	/** Backcast of e² and σ² before the first value, in percent². */
	readonly backcast: number;
	/** Log-likelihood of the scaled returns at the optimum (add n·log 100 for raw units). */
	readonly logLikelihood: number;
	readonly iterations: number;
	readonly converged: boolean;
}

function checkOrder({ p, q }: GarchOrder): void {
	if (!(Number.isInteger(p) && p >= 1)) throw new RangeError(`garch p must be an integer ≥ 1; got ${p}`);
	if (!(Number.isInteger(q) && q >= 1)) throw new RangeError(`garch q must be an integer ≥ 1; got ${q}`);
}

function checkReturns(returns: Float64Array, { p, q }: GarchOrder): void {
	const needed = Math.max(MIN_RETURNS, 2 * (p + q + 2));
	if (returns.length < needed)
		throw new RangeError(
			`garch returns: ${returns.length} values; GARCH(${p}, ${q}) needs at least ${needed}`
		);
	for (let i = 0; i < returns.length; i++) {
		if (!Number.isFinite(returns[i]))
			throw new RangeError(`garch returns: value ${i} is ${returns[i]}; returns must be finite`);
	}
}

/** `arch`'s backcast of the squared residuals (GARCH.backcast). */
export function ewmaBackcast(e: Float64Array): number {
	const tau = Math.min(BACKCAST_VALUES, e.length);
	let sum = 0;
	let weights = 0;
	let w = 1;
	for (let i = 0; i < tau; i++) {
		sum += w * e[i] * e[i];
		weights += w;
		w *= BACKCAST_DECAY;
	}
	return sum / weights;
}

/**
 * Conditional variances σ²_0 … σ²_n of the residuals e (σ²_n is the one-step forecast after the last value),
 * with the backcast before the first value.
 */
export function garchVariances(e: Float64Array, params: GarchParams, backcast: number): Float64Array {
	const { omega, alpha, beta } = params;
	const n = e.length;
	const s2 = new Float64Array(n + 1);
	for (let t = 0; t <= n; t++) {
		let v = omega;
		for (let i = 0; i < alpha.length; i++) {
			const k = t - 1 - i;
			v += alpha[i] * (k < 0 ? backcast : e[k] * e[k]);
		}
		for (let j = 0; j < beta.length; j++) {
			const k = t - 1 - j;
			v += beta[j] * (k < 0 ? backcast : s2[k]);
		}
		s2[t] = v;
	}
	return s2;
}

/** Gaussian log-likelihood of the scaled returns y at the given parameters (one pass, no allocation). */
export function garchLogLikelihood(y: Float64Array, params: GarchParams, backcast: number): number {
	const { mu, omega, alpha, beta } = params;
	const p = alpha.length;
	const q = beta.length;
	// Ring buffers of the last p squared residuals and q variances, newest first, filled with the backcast.
	const e2 = new Float64Array(p).fill(backcast);
	const s2 = new Float64Array(q).fill(backcast);
	let ll = 0;
	for (let t = 0; t < y.length; t++) {
		let v = omega;
		for (let i = 0; i < p; i++) v += alpha[i] * e2[i];
		for (let j = 0; j < q; j++) v += beta[j] * s2[j];
		if (!(v > 0)) return Number.NEGATIVE_INFINITY;
		const e = y[t] - mu;
		ll -= 0.5 * (LOG_2PI + Math.log(v) + (e * e) / v);
		for (let i = p - 1; i > 0; i--) e2[i] = e2[i - 1];
		e2[0] = e * e;
		for (let j = q - 1; j > 0; j--) s2[j] = s2[j - 1];
		s2[0] = v;
	}
	return ll;
}

/**
 * The log-likelihood and its gradient with respect to (μ, ω, α₁ … α_p, β₁ … β_q), written into `grad`, by the
 * recursion's own derivative (dσ²_t/dθ = ∂σ²_t/∂θ + Σⱼ βⱼ dσ²_{t−j}/dθ; the backcast is a constant).
 */
export function garchLogLikelihoodGradient(
	y: Float64Array,
	params: GarchParams,
	backcast: number,
	grad: Float64Array
): number {
	const { mu, omega, alpha, beta } = params;
	const p = alpha.length;
	const q = beta.length;
	if (p === 1 && q === 1) return garch11LogLikelihoodGradient(y, params, backcast, grad);
	const k = 2 + p + q;
	const e2 = new Float64Array(p).fill(backcast);
	// d(e²)/dμ of the last p residuals (0 for the backcast).
	const de2 = new Float64Array(p);
	const s2 = new Float64Array(q).fill(backcast);
	// dσ²/dθ of the last q variances, newest first (0 for the backcast).
	const ds2 = new Float64Array(q * k);
	const d = new Float64Array(k);
	grad.fill(0);
	let ll = 0;
	for (let t = 0; t < y.length; t++) {
		let v = omega;
		for (let i = 0; i < p; i++) v += alpha[i] * e2[i];
		for (let j = 0; j < q; j++) v += beta[j] * s2[j];
		if (!(v > 0)) return Number.NEGATIVE_INFINITY;
		d.fill(0);
		d[1] = 1;
		for (let i = 0; i < p; i++) {
			d[0] += alpha[i] * de2[i];
			d[2 + i] = e2[i];
		}
		for (let j = 0; j < q; j++) {
			d[2 + p + j] += s2[j];
			for (let c = 0; c < k; c++) d[c] += beta[j] * ds2[j * k + c];
		}
		const e = y[t] - mu;
		ll -= 0.5 * (LOG_2PI + Math.log(v) + (e * e) / v);
		const w = -0.5 * (1 / v - (e * e) / (v * v));
		for (let c = 0; c < k; c++) grad[c] += w * d[c];
		grad[0] += e / v;
		for (let i = p - 1; i > 0; i--) {
			e2[i] = e2[i - 1];
			de2[i] = de2[i - 1];
		}
		e2[0] = e * e;
		de2[0] = -2 * e;
		for (let j = q - 1; j > 0; j--) {
			s2[j] = s2[j - 1];
			ds2.copyWithin(j * k, (j - 1) * k, j * k);
		}
		s2[0] = v;
		ds2.set(d, 0);
	}
	return ll;
}

/**
 * GARCH(1, 1), the default, of garchLogLikelihoodGradient in scalars: the same operations in the same order (so
 * the same bits), without the typed-array bookkeeping of the general lags, which cost 4–5× the arithmetic.
 */
function garch11LogLikelihoodGradient(
	y: Float64Array,
	params: GarchParams,
	backcast: number,
	grad: Float64Array
): number {
	const { mu, omega } = params;
	const a = params.alpha[0];
	const b = params.beta[0];
	let e2 = backcast;
	let de2 = 0;
	let s2 = backcast;
	// dσ²/d(μ, ω, α, β) of the previous variance (0 for the backcast).
	let d0 = 0;
	let d1 = 0;
	let d2 = 0;
	let d3 = 0;
	let g0 = 0;
	let g1 = 0;
	let g2 = 0;
	let g3 = 0;
	let ll = 0;
	for (let t = 0; t < y.length; t++) {
		const v = omega + a * e2 + b * s2;
		if (!(v > 0)) {
			grad.fill(0);
			return Number.NEGATIVE_INFINITY;
		}
		d0 = a * de2 + b * d0;
		d1 = 1 + b * d1;
		d2 = e2 + b * d2;
		d3 = s2 + b * d3;
		const e = y[t] - mu;
		ll -= 0.5 * (LOG_2PI + Math.log(v) + (e * e) / v);
		const w = -0.5 * (1 / v - (e * e) / (v * v));
		g0 += w * d0;
		g0 += e / v;
		g1 += w * d1;
		g2 += w * d2;
		g3 += w * d3;
		e2 = e * e;
		de2 = -2 * e;
		s2 = v;
	}
	grad[0] = g0;
	grad[1] = g1;
	grad[2] = g2;
	grad[3] = g3;
	return ll;
}

/** Unconstrained vector [μ, log ω, a₁…a_p, b₁…b_q] → parameters (softmax with a slack whose logit is 0). */
export function fromUnconstrained(x: Float64Array, { p, q }: GarchOrder): GarchParams {
	let max = 0;
	for (let i = 2; i < x.length; i++) max = Math.max(max, x[i]);
	let total = Math.exp(-max);
	const w = new Float64Array(p + q);
	for (let i = 0; i < p + q; i++) {
		w[i] = Math.exp(x[2 + i] - max);
		total += w[i];
	}
	return {
		mu: x[0],
		omega: Math.exp(x[1]),
		alpha: Float64Array.from(w.subarray(0, p), (v) => v / total),
		beta: Float64Array.from(w.subarray(p), (v) => v / total)
	};
}

export function toUnconstrained(params: GarchParams): Float64Array {
	const p = params.alpha.length;
	let persistence = 0;
	for (const a of params.alpha) persistence += a;
	for (const b of params.beta) persistence += b;
	const slack = 1 - persistence;
	if (!(slack > 0)) throw new RangeError(`garch: persistence ${persistence} is not below 1`);
	const x = new Float64Array(2 + p + params.beta.length);
	x[0] = params.mu;
	x[1] = Math.log(params.omega);
	params.alpha.forEach((a, i) => (x[2 + i] = Math.log(a / slack)));
	params.beta.forEach((b, j) => (x[2 + p + j] = Math.log(b / slack)));
	return x;
}

function sampleMoments(y: Float64Array): { mean: number; variance: number } {
	let mean = 0;
	for (const v of y) mean += v;
	mean /= y.length;
	let variance = 0;
	for (const v of y) variance += (v - mean) ** 2;
	return { mean, variance: variance / y.length };
}

/** Starting values from a small grid of total ARCH weight and persistence, as `arch` does, best likelihood. */
function startingPoint(y: Float64Array, order: GarchOrder, backcast: number): GarchParams {
	const { mean, variance } = sampleMoments(y);
	let best: GarchParams | null = null;
	let bestLl = Number.NEGATIVE_INFINITY;
	for (const arch of [0.05, 0.1, 0.2]) {
		for (const persistence of [0.7, 0.9, 0.98]) {
			if (arch >= persistence) continue;
			const params: GarchParams = {
				mu: mean,
				omega: variance * (1 - persistence),
				alpha: new Float64Array(order.p).fill(arch / order.p),
				beta: new Float64Array(order.q).fill((persistence - arch) / order.q)
			};
			const ll = garchLogLikelihood(y, params, backcast);
			if (ll > bestLl) [best, bestLl] = [params, ll];
		}
	}
	return best!;
}

/** Maximum-likelihood GARCH(p, q) on daily log returns (raw units; scaled to percent inside). */
export function fitGarch(returns: Float64Array, order: GarchOrder, ctx: Partial<FitContext> = {}): GarchFit {
	checkOrder(order);
	checkReturns(returns, order);
	const y = Float64Array.from(returns, (r) => r * RETURN_SCALE);
	const { mean, variance } = sampleMoments(y);
	if (!(variance > 0))
		throw new RangeError('garch returns: the returns are constant; there is no variance to model');
	const backcast = ewmaBackcast(Float64Array.from(y, (v) => v - mean));
	const start = toUnconstrained(startingPoint(y, order, backcast));
	const n = y.length;
	// Minimise the mean negative log-likelihood: per-observation scale keeps the tolerances meaningful at any n
	// (the gradient and value tolerances below mean the same at 1,260 rows as at 20,000).
	// Each value comes from the gradient pass, which computes the log-likelihood with the same operations as
	// garchLogLikelihood: BFGS nearly always accepts its first trial point and then asks for the gradient there,
	// so one pass per iteration serves both.
	const natural = new Float64Array(start.length);
	const at = new Float64Array(start.length).fill(Number.NaN);
	let atParams: GarchParams | null = null;
	let atLl = Number.NaN;
	const evaluate = (x: Float64Array): number => {
		let same = atParams !== null;
		for (let c = 0; same && c < x.length; c++) same = at[c] === x[c];
		if (!same) {
			at.set(x);
			atParams = fromUnconstrained(x, order);
			atLl = garchLogLikelihoodGradient(y, atParams, backcast, natural);
		}
		return atLl;
	};
	const objective = (x: Float64Array): number => -evaluate(x) / n;
	// Analytic gradient of the objective through the transform: dμ/dx₀ = 1, dω/dx₁ = ω, and for the softmax with
	// a slack, dwᵢ/dx_d = wᵢ(δᵢd − w_d) over the α's and β's together.
	const gradient = (x: Float64Array, out: Float64Array): void => {
		if (!Number.isFinite(evaluate(x))) {
			out.fill(Number.NaN);
			return;
		}
		const params = atParams!;
		const w = [...params.alpha, ...params.beta];
		let weighted = 0;
		for (let c = 0; c < w.length; c++) weighted += natural[2 + c] * w[c];
		out[0] = -natural[0] / n;
		out[1] = (-natural[1] * params.omega) / n;
		for (let c = 0; c < w.length; c++) out[2 + c] = (-w[c] * (natural[2 + c] - weighted)) / n;
	};
	const result = minimize(objective, start, {
		gradient,
		gradientTolerance: 1e-9,
		valueTolerance: 1e-15,
		maxIterations: 1000,
		isCancelled: ctx.isCancelled,
		onIteration: (i) => ctx.onProgress?.(Math.min(0.99, i / 100))
	});
	if (ctx.isCancelled?.()) throw new FitCancelledError();
	const params = fromUnconstrained(result.x, order);
	return {
		...params,
		backcast,
		logLikelihood: -result.value * n,
		iterations: result.iterations,
		converged: result.converged
	};
}

/** ω / (1 − Σα − Σβ), in percent². */
export function unconditionalVariance(params: GarchParams): number {
	let persistence = 0;
	for (const a of params.alpha) persistence += a;
	for (const b of params.beta) persistence += b;
	return params.omega / (1 - persistence);
}

/**
 * Variance forecasts in raw units from every origin t ≥ from of the return series (raw log returns): out[(t −
 * from)·h + k] is the conditional variance of return t + 1 + k given returns ≤ t. One pass of the filter.
 */
export function garchForecast(
	fit: GarchParams & { readonly backcast: number },
	series: Float64Array,
	from: number,
	horizon: number
): Float64Array {
	if (!(Number.isInteger(from) && from >= 0 && from <= series.length))
		throw new RangeError(`garch forecast from: ${from} is outside 0 … ${series.length}`);
	if (!(Number.isInteger(horizon) && horizon >= 1))
		throw new RangeError(`garch forecast horizon: ${horizon} must be an integer ≥ 1`);
	const e = new Float64Array(series.length);
	for (let t = 0; t < series.length; t++) {
		if (!Number.isFinite(series[t]))
			throw new RangeError(`garch forecast series: value ${t} is ${series[t]}; returns must be finite`);
		e[t] = series[t] * RETURN_SCALE - fit.mu;
	}
	const s2 = garchVariances(e, fit, fit.backcast);
	const { omega, alpha, beta } = fit;
	const p = alpha.length;
	const q = beta.length;
	const lags = Math.max(p, q);
	const scale = RETURN_SCALE * RETURN_SCALE;
	// Per origin: squared residuals (or their expectations) and variances, lags of history then the horizon.
	const e2 = new Float64Array(lags + horizon);
	const v = new Float64Array(lags + horizon);
	const out = new Float64Array((series.length - from) * horizon);
	for (let t = from; t < series.length; t++) {
		// Slot lags + k holds time t + 1 + k; slot lags − 1 − i holds time t − i.
		for (let i = 0; i < lags; i++) {
			const k = t - i;
			e2[lags - 1 - i] = k < 0 ? fit.backcast : e[k] * e[k];
			v[lags - 1 - i] = k < 0 ? fit.backcast : s2[k];
		}
		for (let k = 0; k < horizon; k++) {
			const slot = lags + k;
			let value = omega;
			for (let i = 0; i < p; i++) value += alpha[i] * e2[slot - 1 - i];
			for (let j = 0; j < q; j++) value += beta[j] * v[slot - 1 - j];
			v[slot] = value;
			// The expected squared residual of a future day is its conditional variance.
			e2[slot] = value;
			out[(t - from) * horizon + k] = value / scale;
		}
	}
	return out;
}

export function garchModel(fit: GarchFit): FittedSeriesModel {
	return {
		forecast: (series, from, horizon) => garchForecast(fit, series, from, horizon),
		info: {
			mu: fit.mu,
			omega: fit.omega,
			alpha: [...fit.alpha].join(','),
			beta: [...fit.beta].join(','),
			logLikelihood: fit.logLikelihood,
			iterations: fit.iterations,
			converged: fit.converged ? 1 : 0
		}
	};
}
