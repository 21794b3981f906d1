/**
 * Trend models of order n − 1 as linear-Gaussian state-space models, fitted by maximum likelihood through the
 * Kalman filter, as statsmodels 0.13.5 fits `UnobservedComponents(y, 'llevel')` (n = 1) and
 * `UnobservedComponents(y, 'lltrend')` (n = 2):
 *
 *   y_t = x_{t,0} + ε_t,              ε_t ~ N(0, σ²_ε)
 *   x_{t+1,j} = x_{t,j} + x_{t,j+1} + η_{t,j}   (j < n − 1),   x_{t+1,n−1} = x_{t,n−1} + η_{t,n−1}
 *   η_{t,j} ~ N(0, σ²_j), independent
 *
 * i.e. the level, its slope, the slope's slope … each a random walk with its own disturbance (an integrated
 * random walk of order n − 1). For n ≥ 3 `UnobservedComponents` has no such trend; the reference is the same
 * model written as a statsmodels `MLEModel` (bench/make-vol-fixtures.py).
 *
 * As statsmodels: a diffuse initial state, the conventional filter (P ← P − K F Kᵀ), and the first n
 * observations left out of the log-likelihood (its loglikelihood_burn). statsmodels approximates the diffuse
 * prior by P₀ = 10⁶·I; we start from zero information instead (see kalmanFilter), which agrees to within that
 * approximation and stays exact for the high-order trends. The n + 1
 * variances are optimised as logs (statsmodels squares a free value; the optimum is the same), from starting
 * values split from the variance of the first differences.
 *
 * Forecasts from origin t: the filtered state x_{t|t} carried k steps by the transition, whose first row of T^k
 * is the binomial coefficients C(k, j): ŷ_{t+k} = Σ_j C(k, j) x_{t|t,j}.
 */
import { minimize } from '../optim/minimize';
import { FitCancelledError, type FitContext, type FittedSeriesModel } from '../types';

/** statsmodels' approximate diffuse prior variance (Representation.initial_variance). */
export const DIFFUSE_VARIANCE = 1e6;
export const MAX_STATES = 10;
const LOG_2PI = Math.log(2 * Math.PI);

export interface KalmanParams {
	/** Observation noise variance σ²_ε. */
	readonly observation: number;
	/** State disturbance variances σ²_0 … σ²_{n−1} (level, slope, …). */
	readonly state: Float64Array;
}

export interface KalmanFit extends KalmanParams {
	readonly logLikelihood: number;
	readonly iterations: number;
	readonly converged: boolean;
}

function checkStates(n: number): void {
	if (!(Number.isInteger(n) && n >= 1 && n <= MAX_STATES))
		throw new RangeError(`kalman_filter n_dim_state: ${n} must be an integer in 1 … ${MAX_STATES}`);
}

function checkSeries(name: string, y: Float64Array): void {
	for (let i = 0; i < y.length; i++) {
		if (!Number.isFinite(y[i]))
			throw new RangeError(`kalman_filter ${name}: value ${i} is ${y[i]}; values must be finite`);
	}
}

/** Inverse of a symmetric positive-definite k × k matrix (row-major) by Cholesky; null when not positive definite. */
function invertSpd(A: Float64Array, k: number): Float64Array | null {
	const L = new Float64Array(k * k);
	for (let j = 0; j < k; j++) {
		let d = A[j * k + j];
		for (let m = 0; m < j; m++) d -= L[j * k + m] ** 2;
		if (!(d > 0)) return null;
		const l = Math.sqrt(d);
		L[j * k + j] = l;
		for (let i = j + 1; i < k; i++) {
			let v = A[i * k + j];
			for (let m = 0; m < j; m++) v -= L[i * k + m] * L[j * k + m];
			L[i * k + j] = v / l;
		}
	}
	const inv = new Float64Array(k * k);
	const col = new Float64Array(k);
	for (let c = 0; c < k; c++) {
		col.fill(0);
		col[c] = 1;
		for (let i = 0; i < k; i++) {
			let v = col[i];
			for (let m = 0; m < i; m++) v -= L[i * k + m] * col[m];
			col[i] = v / L[i * k + i];
		}
		for (let i = k - 1; i >= 0; i--) {
			let v = col[i];
			for (let m = i + 1; m < k; m++) v -= L[m * k + i] * col[m];
			col[i] = v / L[i * k + i];
		}
		for (let i = 0; i < k; i++) inv[i * k + c] = col[i];
	}
	return inv;
}

/**
 * Runs the filter through y. Calls `visit(t, x)` with the filtered state x_{t|t} after each observation and
 * returns the log-likelihood of the observations after the first n (statsmodels' burn).
 *
 * The first n steps run in information form from zero information (an exact diffuse prior): the conventional
 * filter from P₀ = 10⁶·I loses every digit of P once the integrated random walk is of order 3 or more (P grows
 * like 10⁶·t^(2n−2)). After n observations the information matrix is invertible and the conventional filter takes
 * over. For n ≤ 3 this agrees with statsmodels' approximate diffuse filter to within its 10⁻⁶ prior (the spec
 * checks the likelihood and forecasts at statsmodels' parameters). Before the state is determined (t < n − 1),
 * `visit` sees the posterior mean under the approximate diffuse prior (information + 10⁻⁶·I).
 */
export function kalmanFilter(
	y: Float64Array,
	params: KalmanParams,
	visit?: (t: number, x: Float64Array) => void
): number {
	const n = params.state.length;
	const H = params.observation;
	const Q = params.state;
	if (!(H > 0) || !Q.every((q) => q > 0)) return Number.NEGATIVE_INFINITY;
	const x = new Float64Array(n);
	const P = new Float64Array(n * n);
	// Diffuse phase: information matrix J and vector j of the predicted state.
	const J = new Float64Array(n * n);
	const jv = new Float64Array(n);
	const M = new Float64Array(n * n);
	const m = new Float64Array(n);
	const diffuseSteps = Math.min(n, y.length);
	for (let t = 0; t < diffuseSteps; t++) {
		J[0] += 1 / H;
		jv[0] += y[t] / H;
		if (t === n - 1) {
			const inv = invertSpd(J, n);
			if (!inv) return Number.NEGATIVE_INFINITY;
			P.set(inv);
			for (let i = 0; i < n; i++) {
				let v = 0;
				for (let k = 0; k < n; k++) v += inv[i * n + k] * jv[k];
				x[i] = v;
			}
			visit?.(t, x);
			break;
		}
		if (visit) {
			const A = Float64Array.from(J);
			for (let i = 0; i < n; i++) A[i * n + i] += 1 / DIFFUSE_VARIANCE;
			const inv = invertSpd(A, n);
			if (!inv) return Number.NEGATIVE_INFINITY;
			const xt = new Float64Array(n);
			for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) xt[i] += inv[i * n + k] * jv[k];
			visit(t, xt);
		}
		// Predict in information form: with T⁻¹ upper triangular, (T⁻¹)_{ik} = (−1)^{k−i} for k ≥ i,
		// M = T⁻ᵀ J T⁻¹, m = T⁻ᵀ j, then J ← M − M (M + Q⁻¹)⁻¹ M and j ← m − M (M + Q⁻¹)⁻¹ m.
		const tinv = (i: number, k: number): number => (k >= i ? ((k - i) % 2 === 0 ? 1 : -1) : 0);
		for (let a = 0; a < n; a++) {
			let v = 0;
			for (let i = 0; i <= a; i++) v += tinv(i, a) * jv[i];
			m[a] = v;
			for (let b = 0; b < n; b++) {
				let w = 0;
				for (let i = 0; i <= a; i++) for (let k = 0; k <= b; k++) w += tinv(i, a) * J[i * n + k] * tinv(k, b);
				M[a * n + b] = w;
			}
		}
		const A = Float64Array.from(M);
		for (let i = 0; i < n; i++) A[i * n + i] += 1 / Q[i];
		const inv = invertSpd(A, n);
		if (!inv) return Number.NEGATIVE_INFINITY;
		// B = M (M + Q⁻¹)⁻¹
		const B = new Float64Array(n * n);
		for (let a = 0; a < n; a++)
			for (let b = 0; b < n; b++) {
				let v = 0;
				for (let k = 0; k < n; k++) v += M[a * n + k] * inv[k * n + b];
				B[a * n + b] = v;
			}
		for (let a = 0; a < n; a++) {
			let v = m[a];
			for (let k = 0; k < n; k++) v -= B[a * n + k] * m[k];
			jv[a] = v;
			for (let b = 0; b < n; b++) {
				let w = M[a * n + b];
				for (let k = 0; k < n; k++) w -= B[a * n + k] * M[k * n + b];
				J[a * n + b] = w;
			}
		}
		// Keep J symmetric against rounding.
		for (let a = 0; a < n; a++)
			for (let b = 0; b < a; b++) J[a * n + b] = J[b * n + a] = (J[a * n + b] + J[b * n + a]) / 2;
	}
	const K = new Float64Array(n);
	const TP = new Float64Array(n * n);
	let ll = 0;
	for (let t = n - 1; t < y.length; t++) {
		if (t >= n) {
			// Update: v = y − x₀, F = P₀₀ + H, K = P[:, 0] / F.
			const v = y[t] - x[0];
			const F = P[0] + H;
			if (!(F > 0)) return Number.NEGATIVE_INFINITY;
			ll -= 0.5 * (LOG_2PI + Math.log(F) + (v * v) / F);
			for (let i = 0; i < n; i++) K[i] = P[i * n] / F;
			for (let i = 0; i < n; i++) x[i] += K[i] * v;
			// P ← P − K F Kᵀ (conventional form, as statsmodels), kept symmetric against rounding.
			for (let i = 0; i < n; i++)
				for (let j = 0; j <= i; j++) P[i * n + j] = P[j * n + i] = P[i * n + j] - K[i] * F * K[j];
			visit?.(t, x);
		}
		// Predict: x ← T x, P ← T P Tᵀ + Q with T = I + (ones on the superdiagonal).
		for (let i = 0; i + 1 < n; i++) x[i] += x[i + 1];
		for (let i = 0; i < n; i++)
			for (let j = 0; j < n; j++) TP[i * n + j] = P[i * n + j] + (i + 1 < n ? P[(i + 1) * n + j] : 0);
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < n; j++) P[i * n + j] = TP[i * n + j] + (j + 1 < n ? TP[i * n + j + 1] : 0);
			P[i * n + i] += Q[i];
		}
	}
	return ll;
}

const paramsOf = (z: Float64Array): KalmanParams => ({
	observation: Math.exp(z[0]),
	state: Float64Array.from(z.subarray(1), Math.exp)
});

/** Maximum-likelihood fit of the order-(n − 1) trend model to y (oldest first). */
export function fitKalman(y: Float64Array, nStates: number, ctx: Partial<FitContext> = {}): KalmanFit {
	checkStates(nStates);
	const needed = Math.max(10, 2 * (nStates + 1) + nStates);
	if (y.length < needed)
		throw new RangeError(
			`kalman_filter series: ${y.length} values; ${nStates} states need at least ${needed}`
		);
	checkSeries('series', y);
	let mean = 0;
	for (let t = 1; t < y.length; t++) mean += y[t] - y[t - 1];
	mean /= y.length - 1;
	let variance = 0;
	for (let t = 1; t < y.length; t++) variance += (y[t] - y[t - 1] - mean) ** 2;
	variance /= y.length - 1;
	if (!(variance > 0))
		throw new RangeError(
			'kalman_filter series: the series moves in a straight line; there is no noise to fit'
		);
	// Half the step variance to the noise, half to the level, and each higher state a tenth of the one below.
	const start = new Float64Array(nStates + 1);
	start[0] = Math.log(variance / 2);
	for (let j = 0; j < nStates; j++) start[1 + j] = Math.log(variance / 2) - j * Math.log(10);
	const used = y.length - nStates;
	const objective = (z: Float64Array): number => -kalmanFilter(y, paramsOf(z)) / used;
	const result = minimize(objective, start, {
		gradientTolerance: 1e-7,
		valueTolerance: 1e-13,
		maxIterations: 500,
		isCancelled: ctx.isCancelled,
		onIteration: (i) => ctx.onProgress?.(Math.min(0.99, i / 100))
	});
	if (ctx.isCancelled?.()) throw new FitCancelledError();
	return {
		...paramsOf(result.x),
		logLikelihood: -result.value * used,
		iterations: result.iterations,
		converged: result.converged
	};
}

/**
 * Forecasts from every origin t ≥ from with the fitted variances fixed: out[(t − from)·h + k] forecasts
 * series[t + 1 + k] from series[0..t]. The series starts where the training window started (the same prior).
 */
export function kalmanForecast(
	params: KalmanParams,
	series: Float64Array,
	from: number,
	horizon: number
): Float64Array {
	if (!(Number.isInteger(from) && from >= 0 && from <= series.length))
		throw new RangeError(`kalman_filter forecast from: ${from} is outside 0 … ${series.length}`);
	if (!(Number.isInteger(horizon) && horizon >= 1))
		throw new RangeError(`kalman_filter forecast horizon: ${horizon} must be an integer ≥ 1`);
	checkSeries('forecast series', series);
	const n = params.state.length;
	// binomial[k][j] = C(k, j) for k = 1 … horizon, j < n.
	const binomial = Array.from({ length: horizon + 1 }, (_, k) => {
		const row = new Float64Array(n);
		let c = 1;
		for (let j = 0; j < n && j <= k; j++) {
			row[j] = c;
			c = (c * (k - j)) / (j + 1);
		}
		return row;
	});
	const out = new Float64Array((series.length - from) * horizon);
	kalmanFilter(series, params, (t, x) => {
		if (t < from) return;
		for (let k = 1; k <= horizon; k++) {
			let v = 0;
			for (let j = 0; j < n; j++) v += binomial[k][j] * x[j];
			out[(t - from) * horizon + k - 1] = v;
		}
	});
	return out;
}

export function kalmanModel(fit: KalmanFit): FittedSeriesModel {
	return {
		forecast: (series, from, horizon) => kalmanForecast(fit, series, from, horizon),
		info: {
			observationVariance: fit.observation,
			stateVariances: [...fit.state].join(','),
			logLikelihood: fit.logLikelihood,
			iterations: fit.iterations,
			converged: fit.converged ? 1 : 0
		}
	};
}
