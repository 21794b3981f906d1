/**
 * Bayesian ridge regression: scikit-learn's `make_pipeline(StandardScaler(), BayesianRidge(...))`, step for step.
 *
 * Features are standardised (train mean, population std; a constant column keeps scale 1) and centred, y is
 * centred, and the noise precision α and weight precision λ are estimated by MacKay's evidence maximisation
 * exactly as sklearn 1.2 does: α₀ = 1/(var(y) + ε), λ₀ = 1, then per iteration
 *   w = V diag(1/(sₖ² + λ/α)) Vᵀ Zᵀy,  rmse = ‖y − Zw‖²,  γ = Σ α sₖ²/(λ + α sₖ²),
 *   λ ← (γ + 2λ₁)/(‖w‖² + 2λ₂),  α ← (n − γ + 2α₁)/(rmse + 2α₂),
 * stopping when Σ|w − w_prev| < tol (from the second iteration on), and refitting w once with the final α, λ.
 * sklearn takes sₖ and V from an SVD of Z; we take them from the eigen-decomposition of the p × p Gram ZᵀZ (the
 * same numbers in exact arithmetic; p = 13 makes it far cheaper than an n × p SVD).
 *
 * Not exposed by the catalog, so scikit-learn's defaults: lambda_2 = 1e-6, n_iter (max iterations) = 300,
 * tol = 1e-3, fit_intercept = true, alpha_init = None, lambda_init = None.
 *
 * The posterior covariance of the standardised weights is Σ = (1/α) V diag(1/(sₖ² + λ/α)) Vᵀ, and a row's
 * predictive standard deviation is √(zᵀΣz + 1/α), z its standardised (not re-centred) features, as sklearn's
 * `predict(X, return_std=True)`.
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import { centredCrossProducts } from './ridge';
import { symmetricEigen } from './symmetric-eigen';

export interface BayesianRidgeParams {
	/** Shape of the Gamma prior on the noise precision α. */
	alpha_1: number;
	/** Rate of the Gamma prior on α. */
	alpha_2: number;
	/** Shape of the Gamma prior on the weight precision λ. */
	lambda_1: number;
	/** Rate of the Gamma prior on λ; not in the catalog (sklearn's default 1e-6). */
	lambda_2?: number;
}

/** scikit-learn BayesianRidge defaults for what the catalog does not expose. */
export const BAYESIAN_RIDGE_DEFAULTS = { lambda_2: 1e-6, max_iter: 300, tol: 1e-3 } as const;

/** numpy's float64 machine epsilon, which sklearn adds to var(y) so a constant target gives a finite α₀. */
const FLOAT64_EPS = 2 ** -52;

export interface BayesianRidgeModel extends FittedModel {
	/** Coefficients on the standardised scale (sklearn's `coef_` of the pipeline's last step). */
	readonly standardisedCoefficients: Float64Array;
	/** Coefficients on the raw feature scale (what predict multiplies X by). */
	readonly coefficients: Float64Array;
	readonly intercept: number;
	/** Intercept on the standardised scale (sklearn's `intercept_` of the pipeline's last step). */
	readonly standardisedIntercept: number;
	/** Posterior covariance of the standardised coefficients, row-major p × p (sklearn's `sigma_`). */
	readonly sigma: Float64Array;
	readonly info: {
		/** Estimated noise precision (sklearn's `alpha_`). */
		readonly alpha: number;
		/** Estimated weight precision (`lambda_`). */
		readonly lambda: number;
		/** Evidence iterations run (`n_iter_`). */
		readonly iterations: number;
	};
	predict(X: Matrix): Float64Array;
	/** Predictive mean and standard deviation per row (sklearn's `predict(X, return_std=True)`). */
	predictWithStd(X: Matrix): { mean: Float64Array; std: Float64Array };
	importance(): Float64Array;
}

export function fitBayesianRidge(
	X: Matrix,
	y: Float64Array,
	params: BayesianRidgeParams,
	ctx: Pick<FitContext, 'onProgress' | 'isCancelled'> = {}
): BayesianRidgeModel {
	const { rows: n, cols: p, data } = X;
	const { alpha_1, alpha_2, lambda_1 } = params;
	const lambda_2 = params.lambda_2 ?? BAYESIAN_RIDGE_DEFAULTS.lambda_2;
	for (const [name, v] of Object.entries({ alpha_1, alpha_2, lambda_1, lambda_2 })) {
		if (!(v >= 0) || !Number.isFinite(v))
			throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
	}
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (n < 2) throw new RangeError(`bayesian ridge needs at least 2 rows, got ${n}`);
	for (let i = 0; i < data.length; i++) {
		if (!Number.isFinite(data[i])) {
			throw new RangeError(`X has a non-finite value at row ${Math.floor(i / p)}, column ${i % p}`);
		}
	}
	for (let i = 0; i < n; i++)
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
	if (ctx.isCancelled?.()) throw new FitCancelledError();

	// StandardScaler, then BayesianRidge's own centring of the scaled columns (their means are rounding noise).
	const mean = new Float64Array(p);
	for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += data[i * p + j];
	for (let j = 0; j < p; j++) mean[j] /= n;
	const scale = new Float64Array(p);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < p; j++) scale[j] += (data[i * p + j] - mean[j]) ** 2;
	}
	for (let j = 0; j < p; j++) {
		const sd = Math.sqrt(scale[j] / n);
		scale[j] = sd > 0 ? sd : 1;
	}
	const z = new Float64Array(n * p);
	const zMean = new Float64Array(p);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < p; j++) {
			const v = (data[i * p + j] - mean[j]) / scale[j];
			z[i * p + j] = v;
			zMean[j] += v;
		}
	}
	for (let j = 0; j < p; j++) zMean[j] /= n;
	for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) z[i * p + j] -= zMean[j];
	let yMean = 0;
	for (let i = 0; i < n; i++) yMean += y[i];
	yMean /= n;
	const yc = new Float64Array(n);
	let yVar = 0;
	for (let i = 0; i < n; i++) {
		yc[i] = y[i] - yMean;
		yVar += yc[i] * yc[i];
	}
	yVar /= n;

	const { gram, xy } = centredCrossProducts(z, n, p, new Float64Array(p), yc, 0);
	const { values: eigen, vectors: V } = symmetricEigen(gram, p);
	// Negative eigenvalues of a Gram matrix are rounding; an SVD's squared singular values are never negative.
	for (let k = 0; k < p; k++) if (eigen[k] < 0) eigen[k] = 0;
	// Vᵀ Zᵀy, fixed for the whole fit.
	const vty = new Float64Array(p);
	for (let k = 0; k < p; k++) {
		let s = 0;
		for (let i = 0; i < p; i++) s += V[i * p + k] * xy[i];
		vty[k] = s;
	}

	const coef = new Float64Array(p);
	const update = (alpha: number, lambda: number): number => {
		const shift = lambda / alpha;
		coef.fill(0);
		for (let k = 0; k < p; k++) {
			const c = vty[k] / (eigen[k] + shift);
			for (let i = 0; i < p; i++) coef[i] += V[i * p + k] * c;
		}
		let rmse = 0;
		for (let r = 0; r < n; r++) {
			let fit = 0;
			const base = r * p;
			for (let j = 0; j < p; j++) fit += z[base + j] * coef[j];
			const e = yc[r] - fit;
			rmse += e * e;
		}
		return rmse;
	};

	let alpha = 1 / (yVar + FLOAT64_EPS);
	let lambda = 1;
	const old = new Float64Array(p);
	let iterations = 0;
	for (let iter = 0; iter < BAYESIAN_RIDGE_DEFAULTS.max_iter; iter++) {
		if (ctx.isCancelled?.()) throw new FitCancelledError();
		const rmse = update(alpha, lambda);
		let gamma = 0;
		for (let k = 0; k < p; k++) gamma += (alpha * eigen[k]) / (lambda + alpha * eigen[k]);
		let w2 = 0;
		for (let j = 0; j < p; j++) w2 += coef[j] * coef[j];
		lambda = (gamma + 2 * lambda_1) / (w2 + 2 * lambda_2);
		alpha = (n - gamma + 2 * alpha_1) / (rmse + 2 * alpha_2);
		iterations = iter + 1;
		ctx.onProgress?.(iterations / BAYESIAN_RIDGE_DEFAULTS.max_iter);
		if (iter !== 0) {
			let change = 0;
			for (let j = 0; j < p; j++) change += Math.abs(old[j] - coef[j]);
			if (change < BAYESIAN_RIDGE_DEFAULTS.tol) break;
		}
		old.set(coef);
	}
	update(alpha, lambda);
	ctx.onProgress?.(1);

	const sigma = new Float64Array(p * p);
	for (let k = 0; k < p; k++) {
		const w = 1 / (alpha * (eigen[k] + lambda / alpha));
		for (let i = 0; i < p; i++) {
			const vik = V[i * p + k] * w;
			for (let j = 0; j < p; j++) sigma[i * p + j] += vik * V[j * p + k];
		}
	}

	const standardised = coef.slice();
	const coefficients = new Float64Array(p);
	let intercept = yMean;
	let standardisedIntercept = yMean;
	for (let j = 0; j < p; j++) {
		coefficients[j] = standardised[j] / scale[j];
		intercept -= standardised[j] * (mean[j] / scale[j] + zMean[j]);
		standardisedIntercept -= standardised[j] * zMean[j];
	}

	const predictWithStd = (Xp: Matrix): { mean: Float64Array; std: Float64Array } => {
		if (Xp.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Xp.cols}`);
		const out = new Float64Array(Xp.rows);
		const std = new Float64Array(Xp.rows);
		const zr = new Float64Array(p);
		for (let r = 0; r < Xp.rows; r++) {
			let m = 0;
			for (let j = 0; j < p; j++) {
				zr[j] = (Xp.data[r * p + j] - mean[j]) / scale[j];
				m += (zr[j] - zMean[j]) * standardised[j];
			}
			let q = 0;
			for (let i = 0; i < p; i++) {
				let s = 0;
				for (let j = 0; j < p; j++) s += sigma[i * p + j] * zr[j];
				q += zr[i] * s;
			}
			out[r] = yMean + m;
			std[r] = Math.sqrt(q + 1 / alpha);
		}
		return { mean: out, std };
	};

	return {
		standardisedCoefficients: standardised,
		coefficients,
		intercept,
		standardisedIntercept,
		sigma,
		info: { alpha, lambda, iterations },
		predict: (Xp) => predictWithStd(Xp).mean,
		predictWithStd,
		importance: () => standardised.map(Math.abs)
	};
}
