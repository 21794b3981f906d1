/**
 * Gaussian-process regression with k(x, x') = c · Matérn₅/₂(r) + s · δ(x, x'), one length scale per dimension
 * (r² = Σ_k (x_k − x'_k)² / ℓ_k²), on standardised targets: the Cholesky factor, the log marginal likelihood
 * and its gradient in the log-hyperparameters, and the posterior mean and variance (Rasmussen & Williams 2006,
 * Algorithm 2.1 and eq. 5.9; the Matérn form is their eq. 4.17). It is the model of scikit-learn 1.2.1's
 * GaussianProcessRegressor(ConstantKernel(c) * Matern(ℓ, nu=2.5) + WhiteKernel(s), alpha=1e-10) and matches it
 * to 1e-8 at fixed hyperparameters (gp.spec.ts). Row-major typed arrays throughout; pure.
 */

/** Added to the diagonal like scikit-learn's default `alpha`: keeps K positive definite under rounding. */
export const GP_JITTER = 1e-10;
const SQRT5 = Math.sqrt(5);
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export interface GpHyper {
	/** c, the signal variance (of the standardised targets). */
	readonly amplitude: number;
	/** ℓ_k, one per dimension, in unit-cube units. */
	readonly lengthScales: Float64Array;
	/** s, the noise variance. */
	readonly noise: number;
}

export interface GpData {
	/** n × d inputs, row-major. */
	readonly X: Float64Array;
	readonly n: number;
	readonly d: number;
	/** Standardised targets, length n. */
	readonly y: Float64Array;
}

export interface GpModel {
	readonly data: GpData;
	readonly hyper: GpHyper;
	/** Lower Cholesky factor of K + (s + jitter) I, row-major n × n. */
	readonly L: Float64Array;
	/** K⁻¹ y. */
	readonly alpha: Float64Array;
	readonly lml: number;
}

/** (1 + √5 r + 5r²/3) e^(−√5 r). */
export function matern52(r: number): number {
	const a = SQRT5 * r;
	return (1 + a + (a * a) / 3) * Math.exp(-a);
}

/** Targets minus their mean, over their standard deviation (ddof 0, as scikit-learn's normalize_y; 1 if 0). */
export function standardise(values: ArrayLike<number>): { y: Float64Array; mean: number; std: number } {
	const n = values.length;
	let mean = 0;
	for (let i = 0; i < n; i++) mean += values[i] / n;
	let ss = 0;
	for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
	const sd = Math.sqrt(ss / n);
	const std = sd > 0 ? sd : 1;
	return { y: Float64Array.from(values, (v) => (v - mean) / std), mean, std };
}

/** In-place lower Cholesky of a row-major n × n matrix; false when it is not positive definite. */
function choleskyInPlace(a: Float64Array, n: number): boolean {
	for (let j = 0; j < n; j++) {
		let s = a[j * n + j];
		for (let k = 0; k < j; k++) s -= a[j * n + k] * a[j * n + k];
		if (!(s > 0)) return false;
		const ljj = Math.sqrt(s);
		a[j * n + j] = ljj;
		for (let i = j + 1; i < n; i++) {
			let t = a[i * n + j];
			for (let k = 0; k < j; k++) t -= a[i * n + k] * a[j * n + k];
			a[i * n + j] = t / ljj;
		}
		for (let k = j + 1; k < n; k++) a[j * n + k] = 0;
	}
	return true;
}

/** Solves L z = b (forward substitution). */
function forward(L: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
	const z = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let s = b[i];
		for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
		z[i] = s / L[i * n + i];
	}
	return z;
}

/** Solves Lᵀ x = z (back substitution). */
function backward(L: Float64Array, n: number, z: Float64Array): Float64Array {
	const x = new Float64Array(n);
	for (let i = n - 1; i >= 0; i--) {
		let s = z[i];
		for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
		x[i] = s / L[i * n + i];
	}
	return x;
}

/** X with each column divided by its length scale (n × d, row-major). */
function scaled(data: GpData, ls: Float64Array): Float64Array {
	const { X, d } = data;
	return X.map((v, i) => v / ls[i % d]);
}

/** The Matérn part M_ij (unscaled) of the training kernel. */
function maternMatrix(data: GpData, ls: Float64Array): Float64Array {
	const { n, d } = data;
	const Z = scaled(data, ls);
	const M = new Float64Array(n * n);
	for (let i = 0; i < n; i++) {
		M[i * n + i] = 1;
		for (let j = 0; j < i; j++) {
			let r2 = 0;
			for (let k = 0; k < d; k++) r2 += (Z[i * d + k] - Z[j * d + k]) ** 2;
			M[i * n + j] = M[j * n + i] = matern52(Math.sqrt(r2));
		}
	}
	return M;
}

/** The fitted model, or null when K is not numerically positive definite. */
export function gpFit(data: GpData, hyper: GpHyper): GpModel | null {
	const { n, y } = data;
	const M = maternMatrix(data, hyper.lengthScales);
	const L = M;
	for (let i = 0; i < n * n; i++) L[i] = hyper.amplitude * M[i];
	for (let i = 0; i < n; i++) L[i * n + i] += hyper.noise + GP_JITTER;
	if (!choleskyInPlace(L, n)) return null;
	const alpha = backward(L, n, forward(L, n, y));
	let lml = -n * HALF_LOG_TWO_PI;
	for (let i = 0; i < n; i++) lml -= 0.5 * y[i] * alpha[i] + Math.log(L[i * n + i]);
	return { data, hyper, L, alpha, lml };
}

/**
 * The log marginal likelihood and its gradient in θ = (log c, log ℓ_1 … log ℓ_d, log s), written to `grad`:
 * ∂/∂θ_j = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_j) (R&W eq. 5.9), with ∂M/∂log ℓ_k = (5/3)(1 + √5 r) e^(−√5 r) Δ_k²/ℓ_k².
 * −∞ (gradient untouched) when K is not positive definite.
 */
export function gpLmlGrad(data: GpData, hyper: GpHyper, grad: Float64Array): number {
	const model = gpFit(data, hyper);
	if (!model) return Number.NEGATIVE_INFINITY;
	lmlGradient(model, grad);
	return model.lml;
}

/** The gradient of a fitted model's log marginal likelihood in the log-hyperparameters (as gpLmlGrad). */
export function lmlGradient(model: GpModel, grad: Float64Array): void {
	const { n, d } = model.data;
	const { L, alpha } = model;
	const { amplitude: c, noise: s } = model.hyper;
	const Z = scaled(model.data, model.hyper.lengthScales);
	// K⁻¹ = L⁻ᵀ L⁻¹ from U = (L⁻¹)ᵀ, upper triangular, stored by rows so the products below run contiguously.
	const U = new Float64Array(n * n);
	for (let j = 0; j < n; j++) {
		U[j * n + j] = 1 / L[j * n + j];
		for (let i = j + 1; i < n; i++) {
			let t = 0;
			for (let k = j; k < i; k++) t -= L[i * n + k] * U[j * n + k];
			U[j * n + i] = t / L[i * n + i];
		}
	}
	grad.fill(0);
	const dl = new Float64Array(d);
	let trace = 0;
	for (let i = 0; i < n; i++) {
		for (let j = 0; j <= i; j++) {
			let kinv = 0;
			for (let k = i; k < n; k++) kinv += U[i * n + k] * U[j * n + k];
			const w = alpha[i] * alpha[j] - kinv;
			if (i === j) {
				trace += w;
				grad[0] += 0.5 * w * c;
				continue;
			}
			let r2 = 0;
			for (let k = 0; k < d; k++) {
				dl[k] = (Z[i * d + k] - Z[j * d + k]) ** 2;
				r2 += dl[k];
			}
			const r = Math.sqrt(r2);
			const e = Math.exp(-SQRT5 * r);
			// Off-diagonal pairs count twice in the trace; the ½ cancels.
			grad[0] += w * c * (1 + SQRT5 * r + (5 * r2) / 3) * e;
			const g = w * c * (5 / 3) * (1 + SQRT5 * r) * e;
			for (let k = 0; k < d; k++) grad[1 + k] += g * dl[k];
		}
	}
	grad[d + 1] = 0.5 * s * trace;
}

/** Posterior mean and latent variance (without the noise s) of f at x, in standardised units. */
export function gpPredict(model: GpModel, x: ArrayLike<number>): { mean: number; variance: number } {
	const { X, n, d } = model.data;
	const { amplitude: c, lengthScales: ls } = model.hyper;
	const ks = new Float64Array(n);
	let mean = 0;
	for (let i = 0; i < n; i++) {
		let r2 = 0;
		for (let k = 0; k < d; k++) r2 += ((x[k] - X[i * d + k]) / ls[k]) ** 2;
		ks[i] = c * matern52(Math.sqrt(r2));
		mean += ks[i] * model.alpha[i];
	}
	const v = forward(model.L, n, ks);
	let vv = 0;
	for (let i = 0; i < n; i++) vv += v[i] * v[i];
	return { mean, variance: Math.max(0, c - vv) };
}
