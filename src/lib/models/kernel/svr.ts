/**
 * ε-support vector regression: scikit-learn's `make_pipeline(StandardScaler(), SVR(...))`, solved the way its
 * bundled libsvm solves it, so the same data give the same support vectors.
 *
 * The dual has 2n variables (α⁺ for rows 0..n−1 with sign +1, α⁻ for rows n..2n−1 with sign −1):
 *   min ½ aᵀQa + pᵀa,  Q_st = s_s s_t K(x_s, x_t),  p = ε − y (first half), ε + y (second half),
 *   0 ≤ a ≤ C,  Σ s_t a_t = 0,
 * by SMO with libsvm's second-order working-set selection (WSS3, Fan, Chen & Lin 2005), its shrinking heuristic
 * and gradient reconstruction, and its stopping rule (maximal violation < tol); the solver is smo-solver.ts. Kernel
 * rows are computed in float64 (exp by fdlibm-exp.ts, bit-identical to Math.exp but inlined) and stored in float32
 * (libsvm's `Qfloat`) in an LRU cache of bounded memory (kernel-cache.ts). Dual
 * coefficients are α⁺ − α⁻; the intercept is −ρ, ρ from libsvm's `calculate_rho`.
 *
 * Kernels as libsvm: linear xᵀx', poly (γxᵀx' + coef0)^degree, rbf exp(−γ‖x − x'‖²), sigmoid tanh(γxᵀx' + coef0).
 * γ 'scale' is 1/(p · var(Z)) with var over every value of the standardised matrix Z, 'auto' is 1/p.
 *
 * Not exposed by the catalog, so scikit-learn's defaults: epsilon 0.1, degree 3, coef0 0, tol 1e-3, shrinking on,
 * cache 200 MB, no iteration limit.
 */
import type { Matrix } from '../../domain/matrix';
import { FitCancelledError, type FitContext, type FittedModel } from '../types';
import { fdlibmExp } from './fdlibm-exp';
import { DEFAULT_KERNEL_CACHE_BYTES, KernelRowCache } from './kernel-cache';
import { solveEpsilonSvr } from './smo-solver';

export const SVR_KERNELS = ['rbf', 'linear', 'poly', 'sigmoid'] as const;
export const SVR_GAMMAS = ['scale', 'auto'] as const;
export type SvrKernel = (typeof SVR_KERNELS)[number];

export interface SvrParams {
	C: number;
	kernel: SvrKernel;
	gamma: (typeof SVR_GAMMAS)[number];
	/** Half-width of the tube inside which errors cost nothing (sklearn's default 0.1). */
	epsilon?: number;
	degree?: number;
	coef0?: number;
	/** Stopping tolerance on the maximal KKT violation. */
	tol?: number;
	shrinking?: boolean;
	/** Kernel cache budget, bytes. */
	cacheBytes?: number;
}

/** scikit-learn SVR defaults for what the catalog does not expose. */
export const SVR_DEFAULTS = { epsilon: 0.1, degree: 3, coef0: 0, tol: 1e-3, shrinking: true } as const;

export interface SvrModel extends FittedModel {
	/** Indices of the training rows with a non-zero dual coefficient, ascending (sklearn's `support_`). */
	readonly support: Int32Array;
	/** α⁺ − α⁻ of each support row (sklearn's `dual_coef_[0]`). */
	readonly dualCoef: Float64Array;
	/** sklearn's `intercept_` (−ρ). */
	readonly intercept: number;
	/** The γ used (after 'scale' / 'auto'). */
	readonly gammaValue: number;
	readonly info: {
		readonly iterations: number;
		readonly support_vectors: number;
		/** Support vectors at the bound C (outside the tube). */
		readonly bounded_support_vectors: number;
		readonly gamma: number;
		readonly kernel: string;
		readonly cache_rows: number;
		readonly cache_hit_rate: number;
	};
	predict(X: Matrix): Float64Array;
}

/** libsvm's powi: base^times by repeated squaring (bit for bit, so poly kernels round as libsvm's do). */
function powi(base: number, times: number): number {
	let tmp = base;
	let ret = 1;
	for (let t = times; t > 0; t = Math.floor(t / 2)) {
		if (t % 2 === 1) ret *= tmp;
		tmp = tmp * tmp;
	}
	return ret;
}

function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, p: number): number {
	let s = 0;
	for (let k = 0; k < p; k++) s += a[ia + k] * b[ib + k];
	return s;
}

/**
 * The fit's loops live in small module-level functions rather than inline in fitSvr: V8 optimises a function
 * called once per fit only by on-stack replacement, whose cached code for one loop deoptimises on reaching code
 * that had no type feedback when it was compiled, every fit again, leaving the next long loops interpreted.
 */

/** Column means and population standard deviations (1 for a constant column), and the standardised matrix. */
function standardise(
	data: Float64Array,
	n: number,
	p: number
): { mean: Float64Array; scale: Float64Array; z: Float64Array; zSum: number } {
	const mean = new Float64Array(p);
	const scale = new Float64Array(p);
	for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += data[i * p + j];
	for (let j = 0; j < p; j++) mean[j] /= n;
	for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) scale[j] += (data[i * p + j] - mean[j]) ** 2;
	for (let j = 0; j < p; j++) {
		const sd = Math.sqrt(scale[j] / n);
		scale[j] = sd > 0 ? sd : 1;
	}
	const z = new Float64Array(n * p);
	let zSum = 0;
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < p; j++) {
			const v = (data[i * p + j] - mean[j]) / scale[j];
			z[i * p + j] = v;
			zSum += v;
		}
	}
	return { mean, scale, z, zSum };
}

/** Population variance of every value of z, given their sum. */
function valueVariance(z: Float64Array, zSum: number): number {
	const zMean = zSum / z.length;
	let ss = 0;
	for (let k = 0; k < z.length; k++) ss += (z[k] - zMean) ** 2;
	return ss / z.length;
}

function rowSquares(z: Float64Array, n: number, p: number): Float64Array {
	const xsq = new Float64Array(n);
	for (let i = 0; i < n; i++) xsq[i] = dot(z, i * p, z, i * p, p);
	return xsq;
}

function transposeInto(z: Float64Array, n: number, p: number, zT: Float64Array): void {
	for (let i = 0; i < n; i++) for (let k = 0; k < p; k++) zT[k * n + i] = z[i * p + k];
}

/**
 * Row i of the rbf kernel matrix: the dot products column by column over the feature-major copy zT (summed in
 * feature order, as dot() sums), then exp(−γ(‖zᵢ‖² + ‖zⱼ‖² − 2 zᵢ·zⱼ)).
 */
function rbfRow(
	z: Float64Array,
	zT: Float64Array,
	xsq: Float64Array,
	acc: Float64Array,
	n: number,
	p: number,
	gamma: number,
	i: number,
	out: Float32Array
): void {
	const base = i * p;
	acc.fill(0);
	let k = 0;
	for (; k + 8 <= p; k += 8) {
		const [a0, a1, a2, a3, a4, a5, a6, a7] = z.subarray(base + k, base + k + 8);
		const o0 = k * n;
		const [o1, o2, o3, o4, o5, o6, o7] = [
			o0 + n,
			o0 + 2 * n,
			o0 + 3 * n,
			o0 + 4 * n,
			o0 + 5 * n,
			o0 + 6 * n,
			o0 + 7 * n
		];
		for (let j = 0; j < n; j++) {
			acc[j] =
				acc[j] +
				a0 * zT[o0 + j] +
				a1 * zT[o1 + j] +
				a2 * zT[o2 + j] +
				a3 * zT[o3 + j] +
				a4 * zT[o4 + j] +
				a5 * zT[o5 + j] +
				a6 * zT[o6 + j] +
				a7 * zT[o7 + j];
		}
	}
	for (; k + 4 <= p; k += 4) {
		const [a0, a1, a2, a3] = z.subarray(base + k, base + k + 4);
		const o0 = k * n;
		const [o1, o2, o3] = [o0 + n, o0 + 2 * n, o0 + 3 * n];
		for (let j = 0; j < n; j++)
			acc[j] = acc[j] + a0 * zT[o0 + j] + a1 * zT[o1 + j] + a2 * zT[o2 + j] + a3 * zT[o3 + j];
	}
	for (; k < p; k++) {
		const a = z[base + k];
		const o = k * n;
		for (let j = 0; j < n; j++) acc[j] += a * zT[o + j];
	}
	const xi = xsq[i];
	for (let j = 0; j < n; j++) out[j] = fdlibmExp(-gamma * (xi + xsq[j] - 2 * acc[j]));
}

export function fitSvr(
	X: Matrix,
	y: Float64Array,
	params: SvrParams,
	ctx: Pick<FitContext, 'onProgress' | 'isCancelled'> = {}
): SvrModel {
	const { rows: n, cols: p, data } = X;
	const { C, kernel } = params;
	const epsilon = params.epsilon ?? SVR_DEFAULTS.epsilon;
	const degree = params.degree ?? SVR_DEFAULTS.degree;
	const coef0 = params.coef0 ?? SVR_DEFAULTS.coef0;
	const tol = params.tol ?? SVR_DEFAULTS.tol;
	const shrinking = params.shrinking ?? SVR_DEFAULTS.shrinking;
	if (!(C > 0) || !Number.isFinite(C)) throw new RangeError(`C must be a finite number > 0, got ${C}`);
	if (!(SVR_KERNELS as readonly string[]).includes(kernel)) {
		throw new RangeError(`kernel must be one of ${SVR_KERNELS.join(', ')}, got ${String(kernel)}`);
	}
	if (!(SVR_GAMMAS as readonly string[]).includes(params.gamma)) {
		throw new RangeError(`gamma must be one of ${SVR_GAMMAS.join(', ')}, got ${String(params.gamma)}`);
	}
	if (!(epsilon >= 0) || !Number.isFinite(epsilon))
		throw new RangeError(`epsilon must be ≥ 0, got ${epsilon}`);
	if (!Number.isInteger(degree) || degree < 0)
		throw new RangeError(`degree must be an integer ≥ 0, got ${degree}`);
	if (!Number.isFinite(coef0)) throw new RangeError(`coef0 must be finite, got ${coef0}`);
	if (!(tol > 0)) throw new RangeError(`tol must be > 0, got ${tol}`);
	if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
	if (n < 1) throw new RangeError('svr needs at least one row');
	for (let i = 0; i < data.length; i++) {
		if (!Number.isFinite(data[i])) {
			throw new RangeError(`X has a non-finite value at row ${Math.floor(i / p)}, column ${i % p}`);
		}
	}
	for (let i = 0; i < n; i++)
		if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
	if (ctx.isCancelled?.()) throw new FitCancelledError();

	// StandardScaler: train mean, population std, a constant column keeps scale 1.
	const { mean, scale, z, zSum } = standardise(data, n, p);

	let gamma = 1 / p;
	if (params.gamma === 'scale') {
		const variance = valueVariance(z, zSum);
		// sklearn: 1 / (n_features · X.var()), and 1.0 when the variance is 0.
		gamma = variance !== 0 ? 1 / (p * variance) : 1;
	}

	const xsq = rowSquares(z, n, p);
	const kernelAt = (i: number, j: number): number => {
		const d = dot(z, i * p, z, j * p, p);
		switch (kernel) {
			case 'linear':
				return d;
			case 'poly':
				return powi(gamma * d + coef0, degree);
			case 'rbf':
				return Math.exp(-gamma * (xsq[i] + xsq[j] - 2 * d));
			case 'sigmoid':
				return Math.tanh(gamma * d + coef0);
		}
	};
	// RBF rows are computed column by column over a transposed copy of Z, eight then four features a pass: each dot
	// product still adds a₀b₀, a₁b₁, … left to right (the same rounding as libsvm's row-by-row dot), but the inner
	// loops run long and contiguous (measured 1.8× faster than one feature a pass, and 1.4× than row by row).
	const zT = new Float64Array(kernel === 'rbf' ? n * p : 0);
	if (kernel === 'rbf') transposeInto(z, n, p, zT);
	const acc = new Float64Array(kernel === 'rbf' ? n : 0);
	const fillRow = (i: number, out: Float32Array): void => {
		if (kernel !== 'rbf') {
			for (let j = 0; j < n; j++) out[j] = kernelAt(i, j);
			return;
		}
		rbfRow(z, zT, xsq, acc, n, p, gamma, i, out);
	};
	const cache = new KernelRowCache(n, fillRow, params.cacheBytes ?? DEFAULT_KERNEL_CACHE_BYTES);

	const solution = solveEpsilonSvr(n, y, { C, epsilon, tol, shrinking }, cache, kernelAt, ctx);

	const supportList: number[] = [];
	for (let i = 0; i < n; i++) if (solution.coef[i] !== 0) supportList.push(i);
	const support = Int32Array.from(supportList);
	const dualCoef = Float64Array.from(supportList, (i) => solution.coef[i]);
	let bounded = 0;
	for (const c of dualCoef) if (Math.abs(c) >= C) bounded++;
	const intercept = -solution.rho;
	const sv = new Float64Array(support.length * p);
	support.forEach((i, k) => sv.set(z.subarray(i * p, (i + 1) * p), k * p));

	const predict = (Xp: Matrix): Float64Array => {
		if (Xp.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Xp.cols}`);
		const out = new Float64Array(Xp.rows);
		const zr = new Float64Array(p);
		for (let r = 0; r < Xp.rows; r++) {
			for (let j = 0; j < p; j++) zr[j] = (Xp.data[r * p + j] - mean[j]) / scale[j];
			let s = 0;
			for (let k = 0; k < support.length; k++) {
				const b = k * p;
				let kv: number;
				if (kernel === 'rbf') {
					// libsvm's k_function: the squared distance summed directly, not through the norms.
					let d2 = 0;
					for (let j = 0; j < p; j++) {
						const d = zr[j] - sv[b + j];
						d2 += d * d;
					}
					kv = fdlibmExp(-gamma * d2);
				} else {
					const d = dot(zr, 0, sv, b, p);
					kv =
						kernel === 'linear'
							? d
							: kernel === 'poly'
								? powi(gamma * d + coef0, degree)
								: Math.tanh(gamma * d + coef0);
				}
				s += dualCoef[k] * kv;
			}
			out[r] = s + intercept;
		}
		return out;
	};

	return {
		support,
		dualCoef,
		intercept,
		gammaValue: gamma,
		info: {
			iterations: solution.iterations,
			support_vectors: support.length,
			bounded_support_vectors: bounded,
			gamma,
			kernel,
			cache_rows: cache.capacity,
			cache_hit_rate: cache.hits / Math.max(1, cache.hits + cache.misses)
		},
		predict
	};
}
