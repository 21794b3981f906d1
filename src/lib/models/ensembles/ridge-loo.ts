/**
 * Ridge regression whose α is picked from a short list by exact leave-one-out error, like scikit-learn's
 * `RidgeCV(alphas)` with its default cv=None (efficient LOO, "GCV" mode). It is the stacking ensemble's final
 * estimator, fitted on a handful of columns (one per base model), so everything is a p×p system with p ≈ 3.
 *
 * As in RidgeCV: X and y are centred (the intercept is never penalised) but NOT standardised, so α acts on the
 * columns' own scale; for each α the LOO residual of row i is (yᵢ − ŷᵢ) / (1 − hᵢᵢ), with the hat diagonal
 * hᵢᵢ = 1/n + zᵢᵀ(ZᵀZ + αI)⁻¹zᵢ (the 1/n is the unpenalised intercept) on centred rows zᵢ; the α with the
 * smallest mean squared LOO residual wins, the first one on an exact tie (RidgeCV keeps the first best).
 * scikit-learn computes the same quantities through an SVD of the centred design; the results agree to rounding.
 */
import type { Matrix } from '../../domain/matrix';
import { choleskySolve } from '../linear/ridge';

export interface RidgeLooModel {
	/** The chosen penalty. */
	readonly alpha: number;
	/** Mean squared leave-one-out residual for each candidate α, in the order given. */
	readonly looMse: Float64Array;
	/** Coefficients on the columns' own scale: ŷ = intercept + z · coefficients. */
	readonly coefficients: Float64Array;
	readonly intercept: number;
	predict(Z: Matrix): Float64Array;
}

export function fitRidgeLoo(Z: Matrix, y: Float64Array, alphas: readonly number[]): RidgeLooModel {
	const { rows: n, cols: p, data } = Z;
	if (alphas.length < 1) throw new RangeError('alphas must hold at least one value');
	for (const a of alphas) {
		if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`alphas must be finite and > 0, got ${a}`);
	}
	if (y.length !== n) throw new RangeError(`Z has ${n} rows but y has ${y.length} values`);
	if (n < 2) throw new RangeError(`ridge with leave-one-out α needs at least 2 rows, got ${n}`);
	for (let k = 0; k < data.length; k++) {
		if (!Number.isFinite(data[k])) {
			throw new RangeError(`Z has a non-finite value at row ${Math.floor(k / p)}, column ${k % p}`);
		}
	}

	const mean = new Float64Array(p);
	let yMean = 0;
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < p; j++) mean[j] += data[i * p + j];
		yMean += y[i];
	}
	for (let j = 0; j < p; j++) mean[j] /= n;
	yMean /= n;
	const zc = new Float64Array(n * p);
	const yc = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < p; j++) zc[i * p + j] = data[i * p + j] - mean[j];
		yc[i] = y[i] - yMean;
	}
	// Lower triangle of ZᵀZ and Zᵀy on the centred columns.
	const gram = new Float64Array(p * p);
	const zy = new Float64Array(p);
	for (let i = 0; i < n; i++) {
		const base = i * p;
		for (let j = 0; j < p; j++) {
			const v = zc[base + j];
			zy[j] += v * yc[i];
			for (let k = 0; k <= j; k++) gram[j * p + k] += v * zc[base + k];
		}
	}

	const looMse = new Float64Array(alphas.length);
	let best = -1;
	let bestBeta: Float64Array = new Float64Array(p);
	for (let a = 0; a < alphas.length; a++) {
		const system = gram.slice();
		for (let j = 0; j < p; j++) system[j * p + j] += alphas[a];
		const beta = solve(system, zy, p);
		const inverse = new Float64Array(p * p);
		for (let k = 0; k < p; k++) {
			const unit = new Float64Array(p);
			unit[k] = 1;
			inverse.set(solve(system, unit, p), k * p);
		}
		let sse = 0;
		for (let i = 0; i < n; i++) {
			const base = i * p;
			let fitted = 0;
			let h = 1 / n;
			for (let j = 0; j < p; j++) {
				const v = zc[base + j];
				fitted += v * beta[j];
				let s = 0;
				for (let k = 0; k < p; k++) s += inverse[j * p + k] * zc[base + k];
				h += v * s;
			}
			const e = (yc[i] - fitted) / (1 - h);
			sse += e * e;
		}
		looMse[a] = sse / n;
		if (best < 0 || looMse[a] < looMse[best]) {
			best = a;
			bestBeta = beta;
		}
	}

	const coefficients = bestBeta;
	let intercept = yMean;
	for (let j = 0; j < p; j++) intercept -= mean[j] * coefficients[j];
	return {
		alpha: alphas[best],
		looMse,
		coefficients,
		intercept,
		predict(Zp: Matrix): Float64Array {
			if (Zp.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Zp.cols}`);
			const out = new Float64Array(Zp.rows);
			for (let i = 0; i < Zp.rows; i++) {
				let s = intercept;
				for (let j = 0; j < p; j++) s += Zp.data[i * p + j] * coefficients[j];
				out[i] = s;
			}
			return out;
		}
	};
}

/** (ZᵀZ + αI) is positive definite for α > 0, so Cholesky cannot fail short of overflow. */
function solve(system: Float64Array, rhs: Float64Array, p: number): Float64Array {
	const x = choleskySolve(system, rhs, p, 0);
	if (x === null)
		throw new RangeError('the final ridge system is not positive definite (overflowing values?)');
	return x;
}
