/**
 * Ridge regression solved in closed form: standardise X, form the Gram matrix and solve
 * (ZᵀZ + αI)β = Zᵀ(y − ȳ) by Cholesky on plain Float64Arrays. Written by hand rather than with ml-matrix because
 * the Matrix-object route measured 9–11× slower than scikit-learn on our benchmark matrix while this one is 1.0×
 * (reference/js-model-anchors.md §3.3).
 *
 * The penalty applies on the standardised scale (train mean, population std, like sklearn's StandardScaler), so
 * α means the same thing whatever the units of the features. The intercept is never penalised.
 */
import type { Matrix } from '../../domain/matrix';
import type { FitContext, FittedModel, Learner } from '../types';

export interface RidgeParams {
	/** L2 penalty on the standardised coefficients; 0 is ordinary least squares. */
	alpha: number;
	fit_intercept: boolean;
}

export interface RidgeModel extends FittedModel {
	/** Coefficients on the raw feature scale (what predict multiplies X by). */
	readonly coefficients: Float64Array;
	readonly intercept: number;
	predict(X: Matrix): Float64Array;
	importance(): Float64Array;
}

/**
 * Relative diagonal jitter added when the system is singular (α = 0 with collinear columns): small enough not to
 * move a well-posed solution, large enough to make the factorisation succeed.
 */
const SINGULAR_JITTER_RELATIVE = 1e-10;

export const ridge: Learner<RidgeParams> = {
	fit(X: Matrix, y: Float64Array, params: RidgeParams, _ctx: FitContext): RidgeModel {
		return fitRidge(X, y, params);
	}
};

export function fitRidge(X: Matrix, y: Float64Array, params: RidgeParams): RidgeModel {
	const { rows: n, cols: p, data } = X;
	const { alpha, fit_intercept: fitIntercept } = params;
	if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new RangeError(`alpha must be ≥ 0, got ${alpha}`);
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (n < 1) throw new RangeError('ridge needs at least one row');

	// Xc (X centred, column-major) makes each Gram entry a dot product of two contiguous columns: measured 2.4×
	// faster than accumulating row by row. Standardising is applied to the small p×p system afterwards
	// (ZᵀZ = D⁻¹XcᵀXcD⁻¹ with D = diag(scale)), saving a pass over the data — which matters most for the first,
	// not yet JIT-compiled call.
	const Xc = new Float64Array(n * p);
	const centre = new Float64Array(p);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < p; j++) {
			const v = data[i * p + j];
			// The trial drops incomplete rows before fitting; a NaN here is a bug upstream, not something to impute.
			if (!Number.isFinite(v)) throw new RangeError(`X has a non-finite value at row ${i}, column ${j}`);
			Xc[j * n + i] = v;
			centre[j] += v;
		}
	}
	let yMean = 0;
	if (fitIntercept) {
		for (let i = 0; i < n; i++) yMean += y[i];
		yMean /= n;
	}
	const yc = new Float64Array(n);
	for (let i = 0; i < n; i++) yc[i] = y[i] - yMean;

	const scale = new Float64Array(p);
	const constant = new Uint8Array(p);
	const rhs = new Float64Array(p);
	for (let j = 0; j < p; j++) {
		const o = j * n;
		const mean = centre[j] / n;
		let ss = 0;
		let xy = 0;
		for (let i = 0; i < n; i++) {
			const d = Xc[o + i] - mean;
			Xc[o + i] = d;
			ss += d * d;
			xy += d * yc[i];
		}
		const sd = Math.sqrt(ss / n);
		scale[j] = sd > 0 ? sd : 1;
		centre[j] = mean;
		// With an intercept a constant column is all zeros once centred: it carries no information, so its
		// coefficient is pinned to 0 instead of leaving a zero pivot when α = 0.
		constant[j] = sd > 0 || !fitIntercept ? 0 : 1;
		if (!fitIntercept) {
			// Without an intercept nothing is centred (the std still sets the penalty's scale): undo the centring.
			for (let i = 0; i < n; i++) Xc[o + i] += mean;
			centre[j] = 0;
			xy = 0;
			for (let i = 0; i < n; i++) xy += Xc[o + i] * yc[i];
		}
		rhs[j] = xy / scale[j];
	}
	const gram = gramLower(Xc, n, p);
	for (let j = 0; j < p; j++) {
		for (let k = 0; k <= j; k++) gram[j * p + k] /= scale[j] * scale[k];
	}
	for (let j = 0; j < p; j++) {
		gram[j * p + j] += alpha;
		if (constant[j]) {
			for (let k = 0; k < p; k++) gram[j * p + k] = gram[k * p + j] = 0;
			gram[j * p + j] = 1;
			rhs[j] = 0;
		}
	}

	let solver = 'cholesky';
	let beta = choleskySolve(gram, rhs, p, 0);
	if (beta === null) {
		let maxDiag = 0;
		for (let j = 0; j < p; j++) maxDiag = Math.max(maxDiag, gram[j * p + j]);
		beta = choleskySolve(gram, rhs, p, SINGULAR_JITTER_RELATIVE * Math.max(1, maxDiag));
		if (beta === null) throw new RangeError('the ridge system is singular; use alpha > 0');
		solver = 'cholesky+jitter';
	}

	const coefficients = new Float64Array(p);
	let intercept = yMean;
	for (let j = 0; j < p; j++) {
		coefficients[j] = beta[j] / scale[j];
		intercept -= centre[j] * coefficients[j];
	}
	const standardised = beta.map(Math.abs);
	const info = { solver };

	return {
		coefficients,
		intercept,
		info,
		predict(Xp: Matrix): Float64Array {
			if (Xp.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Xp.cols}`);
			const out = new Float64Array(Xp.rows);
			// A NaN feature gives a NaN prediction: there is no sensible linear default, and NaN is visible.
			for (let i = 0; i < Xp.rows; i++) {
				let s = intercept;
				const base = i * p;
				for (let j = 0; j < p; j++) s += Xp.data[base + j] * coefficients[j];
				out[i] = s;
			}
			return out;
		},
		importance(): Float64Array {
			return standardised.slice();
		}
	};
}

/**
 * Lower triangle of ZᵀZ (row-major p×p) for column-major Z (n×p). Four columns share each load of column j,
 * which roughly halves the memory traffic of one dot product at a time.
 */
export function gramLower(Z: Float64Array, n: number, p: number): Float64Array {
	const gram = new Float64Array(p * p);
	for (let j = 0; j < p; j++) {
		const oj = j * n;
		let k = 0;
		for (; k + 3 <= j; k += 4) {
			const o0 = k * n;
			const o1 = o0 + n;
			const o2 = o1 + n;
			const o3 = o2 + n;
			let s0 = 0;
			let s1 = 0;
			let s2 = 0;
			let s3 = 0;
			for (let i = 0; i < n; i++) {
				const z = Z[oj + i];
				s0 += z * Z[o0 + i];
				s1 += z * Z[o1 + i];
				s2 += z * Z[o2 + i];
				s3 += z * Z[o3 + i];
			}
			gram[j * p + k] = s0;
			gram[j * p + k + 1] = s1;
			gram[j * p + k + 2] = s2;
			gram[j * p + k + 3] = s3;
		}
		for (; k <= j; k++) {
			const ok = k * n;
			let s = 0;
			for (let i = 0; i < n; i++) s += Z[oj + i] * Z[ok + i];
			gram[j * p + k] = s;
		}
	}
	return gram;
}

/**
 * Solves (A + jitter·I)x = b for symmetric positive-definite A given by its lower triangle (row-major p×p).
 * Returns null when a pivot is not positive, i.e. the matrix is singular to working precision.
 */
export function choleskySolve(
	A: Float64Array,
	b: Float64Array,
	p: number,
	jitter: number
): Float64Array | null {
	const L = new Float64Array(p * p);
	for (let i = 0; i < p; i++) {
		for (let j = 0; j <= i; j++) {
			let s = A[i * p + j] + (i === j ? jitter : 0);
			for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
			if (i === j) {
				// Relative pivot test: a pivot that is rounding noise of the original diagonal means rank loss.
				if (!(s > 1e-13 * Math.max(1, A[i * p + i]))) return null;
				L[i * p + i] = Math.sqrt(s);
			} else {
				L[i * p + j] = s / L[j * p + j];
			}
		}
	}
	const x = new Float64Array(p);
	for (let i = 0; i < p; i++) {
		let s = b[i];
		for (let k = 0; k < i; k++) s -= L[i * p + k] * x[k];
		x[i] = s / L[i * p + i];
	}
	for (let i = p - 1; i >= 0; i--) {
		let s = x[i];
		for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
		x[i] = s / L[i * p + i];
	}
	return x;
}
