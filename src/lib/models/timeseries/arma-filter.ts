/**
 * The Kalman filter of a stationary ARMA process in Harvey's state-space form (Harvey 1989 §3.3; Durbin & Koopman
 * 2012 §3.4): state dimension m = max(p, q + 1), transition T = [φ | I; 0] (φ in the first column, ones on the
 * superdiagonal), selection R = (1, θ₁, …, θ_{m−1})ᵀ, observation Z = e₁, no observation noise. The state starts
 * at its stationary distribution: mean 0 and the covariance P solving P = TPTᵀ + RRᵀσ² (statsmodels' 'stationary'
 * initialisation), so the likelihood is the exact Gaussian one.
 *
 * The filter runs with σ² = 1 (every variance is proportional to σ²), so one pass gives both the likelihood at any
 * σ² and the concentrated one. Because the first state is observed without noise, the updated covariance has a
 * zero first row and column and the prediction step reduces to P′ᵢⱼ = Pᵢ₊₁,ⱼ₊₁ − cᵢ₊₁cⱼ₊₁/F + RᵢRⱼ: O(m²) a step
 * instead of a general filter's O(m³).
 */

export interface ArmaSpec {
	/** Full AR coefficients φ₁ … φₚ (seasonal part multiplied in), polynomial 1 − Σ φₖLᵏ. */
	readonly phi: ArrayLike<number>;
	/** Full MA coefficients θ₁ … θ_q, polynomial 1 + Σ θₖLᵏ. */
	readonly theta: ArrayLike<number>;
}

/** Sums the likelihood is made of, for σ² = 1: Σ log Fₜ and Σ vₜ² / Fₜ over the n observations. */
export interface FilterSums {
	readonly n: number;
	readonly sumLogF: number;
	readonly sumV2F: number;
}

const LOG_2PI = Math.log(2 * Math.PI);
/** The doubling iteration stops once the transition power's entries are below this (converged to rounding). */
const DOUBLING_CONVERGED = 1e-18;
/** Doubling steps cover 2^k lags; 64 steps reach any stationary process representable in float64. */
const MAX_DOUBLING_STEPS = 64;
/** A transition power this large means T is not stationary. */
const DOUBLING_DIVERGED = 1e150;

export function stateDimension(spec: ArmaSpec): number {
	return Math.max(spec.phi.length, spec.theta.length + 1, 1);
}

function selection(spec: ArmaSpec, m: number): Float64Array {
	const R = new Float64Array(m);
	R[0] = 1;
	for (let i = 1; i < m; i++) R[i] = i - 1 < spec.theta.length ? spec.theta[i - 1] : 0;
	return R;
}

/**
 * The stationary state covariance (σ² = 1), m × m row-major, by the doubling algorithm
 * P = Σₖ Tᵏ RRᵀ (Tᵀ)ᵏ: P ← P + A P Aᵀ, A ← A², which converges quadratically for a stationary T. Returns null
 * when T is not stationary (the iteration does not converge).
 */
export function stationaryCovariance(spec: ArmaSpec): Float64Array | null {
	const m = stateDimension(spec);
	const R = selection(spec, m);
	let P: Float64Array = new Float64Array(m * m);
	for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) P[i * m + j] = R[i] * R[j];
	let A: Float64Array = new Float64Array(m * m);
	for (let i = 0; i < m; i++) {
		A[i * m] = i < spec.phi.length ? spec.phi[i] : 0;
		if (i + 1 < m) A[i * m + i + 1] = 1;
	}
	let AP: Float64Array = new Float64Array(m * m);
	let next: Float64Array = new Float64Array(m * m);
	for (let step = 0; step < MAX_DOUBLING_STEPS; step++) {
		let largest = 0;
		for (let i = 0; i < A.length; i++) largest = Math.max(largest, Math.abs(A[i]));
		if (largest < DOUBLING_CONVERGED) return P;
		if (!(largest < DOUBLING_DIVERGED)) return null;
		// AP = A P; next = P + AP Aᵀ.
		for (let i = 0; i < m; i++)
			for (let j = 0; j < m; j++) {
				let s = 0;
				for (let k = 0; k < m; k++) s += A[i * m + k] * P[k * m + j];
				AP[i * m + j] = s;
			}
		for (let i = 0; i < m; i++)
			for (let j = i; j < m; j++) {
				let s = P[i * m + j];
				for (let k = 0; k < m; k++) s += AP[i * m + k] * A[j * m + k];
				next[i * m + j] = s;
				next[j * m + i] = s;
			}
		[P, next] = [next, P];
		// A ← A².
		for (let i = 0; i < m; i++)
			for (let j = 0; j < m; j++) {
				let s = 0;
				for (let k = 0; k < m; k++) s += A[i * m + k] * A[k * m + j];
				AP[i * m + j] = s;
			}
		[A, AP] = [AP, A];
	}
	return null;
}

/**
 * One filter over w (demeaned by `mean`), calling `visit(t, a)` after each observation t with the one-step
 * predicted state a = E[state(t + 1) | w₀ … wₜ] (a₀ + mean is the forecast of wₜ₊₁). Returns the likelihood sums,
 * or null when the process is not stationary. The MA part must be invertible for the filter's variances to stay
 * positive; callers enforce it by their parametrisation.
 */
export function filterArma(
	w: ArrayLike<number>,
	mean: number,
	spec: ArmaSpec,
	visit?: (t: number, a: Float64Array) => void
): FilterSums | null {
	const P0 = stationaryCovariance(spec);
	if (!P0) return null;
	const m = stateDimension(spec);
	const last = m - 1;
	const phi = new Float64Array(m);
	for (let i = 0; i < spec.phi.length; i++) phi[i] = spec.phi[i];
	const R = selection(spec, m);
	let P: Float64Array = P0;
	let next: Float64Array = new Float64Array(m * m);
	const c = new Float64Array(m);
	const a = new Float64Array(m);
	let sumLogF = 0;
	let sumV2F = 0;
	for (let t = 0; t < w.length; t++) {
		// Update with wₜ (Z = e₁, no observation noise): v = wₜ − μ − a₀, F = P₀₀, c = P[0, :].
		const F = P[0];
		if (!(F > 0)) return null;
		const v = w[t] - mean - a[0];
		sumLogF += Math.log(F);
		sumV2F += (v * v) / F;
		for (let i = 0; i < m; i++) c[i] = P[i];
		// Predict: aᵢ ← φᵢ (a₀ + v) + aᵢ₊₁ + cᵢ₊₁ v / F.
		const known = a[0] + v;
		const gain = v / F;
		for (let i = 0; i < last; i++) a[i] = phi[i] * known + a[i + 1] + c[i + 1] * gain;
		a[last] = phi[last] * known;
		// P′ᵢⱼ = Pᵢ₊₁,ⱼ₊₁ − cᵢ₊₁cⱼ₊₁ / F + RᵢRⱼ (φ drops out: the first state is known after the update).
		for (let i = 0; i < last; i++) {
			const ci = c[i + 1] / F;
			const Ri = R[i];
			const row = (i + 1) * m + 1;
			for (let j = i; j < last; j++) {
				const value = P[row + j] - ci * c[j + 1] + Ri * R[j];
				next[i * m + j] = value;
				next[j * m + i] = value;
			}
			const edge = Ri * R[last];
			next[i * m + last] = edge;
			next[last * m + i] = edge;
		}
		next[last * m + last] = R[last] * R[last];
		[P, next] = [next, P];
		visit?.(t, a);
	}
	return { n: w.length, sumLogF, sumV2F };
}

/** The Gaussian log-likelihood at variance σ² from the filter's sums. */
export function logLikelihood(sums: FilterSums, sigma2: number): number {
	return -0.5 * (sums.n * (LOG_2PI + Math.log(sigma2)) + sums.sumLogF + sums.sumV2F / sigma2);
}

/** The maximum-likelihood σ² given the other parameters: Σ v²/F / n. */
export function concentratedSigma2(sums: FilterSums): number {
	return sums.sumV2F / sums.n;
}
