/**
 * ε-support vector regression: scikit-learn's `make_pipeline(StandardScaler(), SVR(...))`, solved the way its
 * bundled libsvm solves it, so the same data give the same support vectors.
 *
 * The dual has 2n variables (α⁺ for rows 0..n−1 with sign +1, α⁻ for rows n..2n−1 with sign −1):
 *   min ½ aᵀQa + pᵀa,  Q_st = s_s s_t K(x_s, x_t),  p = ε − y (first half), ε + y (second half),
 *   0 ≤ a ≤ C,  Σ s_t a_t = 0,
 * by SMO with libsvm's second-order working-set selection (WSS3, Fan, Chen & Lin 2005), its shrinking heuristic
 * and gradient reconstruction, and its stopping rule (maximal violation < tol). Kernel rows are computed in float64
 * and stored in float32 (libsvm's `Qfloat`) in an LRU cache of bounded memory (kernel-cache.ts). Dual
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
import { DEFAULT_KERNEL_CACHE_BYTES, KernelRowCache } from './kernel-cache';

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

/** libsvm's TAU: the curvature used when a pair's quadratic coefficient is not positive. */
const TAU = 1e-12;
/** libsvm shrinks (and this solver checks cancellation and reports progress) every min(2n, 1000) iterations. */
const SHRINK_EVERY = 1000;

const LOWER = 0;
const UPPER = 1;
const FREE = 2;

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
	let gamma = 1 / p;
	if (params.gamma === 'scale') {
		const zMean = zSum / (n * p);
		let ss = 0;
		for (let k = 0; k < n * p; k++) ss += (z[k] - zMean) ** 2;
		const variance = ss / (n * p);
		// sklearn: 1 / (n_features · X.var()), and 1.0 when the variance is 0.
		gamma = variance !== 0 ? 1 / (p * variance) : 1;
	}

	const xsq = new Float64Array(n);
	for (let i = 0; i < n; i++) xsq[i] = dot(z, i * p, z, i * p, p);
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
	const fillRow = (i: number, out: Float32Array): void => {
		const base = i * p;
		if (kernel === 'rbf') {
			const xi = xsq[i];
			for (let j = 0; j < n; j++) {
				const jb = j * p;
				let d = 0;
				for (let k = 0; k < p; k++) d += z[base + k] * z[jb + k];
				out[j] = Math.exp(-gamma * (xi + xsq[j] - 2 * d));
			}
		} else {
			for (let j = 0; j < n; j++) out[j] = kernelAt(i, j);
		}
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
					kv = Math.exp(-gamma * d2);
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

interface SolverSettings {
	readonly C: number;
	readonly epsilon: number;
	readonly tol: number;
	readonly shrinking: boolean;
}

/**
 * libsvm's `Solver::Solve` on the ε-SVR problem (`solve_epsilon_svr` + `SVR_Q`), transcribed step for step:
 * the same working-set choice, bound clipping, shrinking schedule and ρ. Returns α⁺ − α⁻ per row and ρ.
 */
function solveEpsilonSvr(
	n: number,
	target: Float64Array,
	settings: SolverSettings,
	cache: KernelRowCache,
	kernelAt: (i: number, j: number) => number,
	ctx: Pick<FitContext, 'onProgress' | 'isCancelled'>
): { coef: Float64Array; rho: number; iterations: number } {
	const { C, epsilon, tol, shrinking } = settings;
	const l = 2 * n;
	const sign = new Int8Array(l);
	const index = new Int32Array(l);
	const QD = new Float64Array(l);
	const alpha = new Float64Array(l);
	const G = new Float64Array(l);
	const Gbar = new Float64Array(l);
	const lin = new Float64Array(l);
	const status = new Uint8Array(l);
	const activeSet = new Int32Array(l);
	for (let k = 0; k < n; k++) {
		sign[k] = 1;
		sign[k + n] = -1;
		index[k] = index[k + n] = k;
		QD[k] = QD[k + n] = kernelAt(k, k);
		lin[k] = epsilon - target[k];
		lin[k + n] = epsilon + target[k];
	}
	for (let t = 0; t < l; t++) {
		activeSet[t] = t;
		G[t] = lin[t];
		status[t] = LOWER;
	}
	let activeSize = l;
	let unshrink = false;

	// SVR_Q::get_Q: the cached kernel row of the real row, reordered and signed into one of two alternating buffers.
	const buffers = [new Float32Array(l), new Float32Array(l)];
	let nextBuffer = 0;
	const getQ = (i: number, len: number): Float32Array => {
		const data = cache.get(index[i]);
		const buf = buffers[nextBuffer];
		nextBuffer = 1 - nextBuffer;
		const si = sign[i];
		for (let j = 0; j < len; j++) buf[j] = si * sign[j] * data[index[j]];
		return buf;
	};

	const updateStatus = (i: number): void => {
		status[i] = alpha[i] >= C ? UPPER : alpha[i] <= 0 ? LOWER : FREE;
	};

	const swapIndex = (i: number, j: number): void => {
		let t: number;
		t = sign[i];
		sign[i] = sign[j];
		sign[j] = t; // prettier-ignore
		t = index[i];
		index[i] = index[j];
		index[j] = t; // prettier-ignore
		t = QD[i];
		QD[i] = QD[j];
		QD[j] = t; // prettier-ignore
		t = G[i];
		G[i] = G[j];
		G[j] = t; // prettier-ignore
		t = status[i];
		status[i] = status[j];
		status[j] = t; // prettier-ignore
		t = alpha[i];
		alpha[i] = alpha[j];
		alpha[j] = t; // prettier-ignore
		t = lin[i];
		lin[i] = lin[j];
		lin[j] = t; // prettier-ignore
		t = activeSet[i];
		activeSet[i] = activeSet[j];
		activeSet[j] = t; // prettier-ignore
		t = Gbar[i];
		Gbar[i] = Gbar[j];
		Gbar[j] = t; // prettier-ignore
	};

	const reconstructGradient = (): void => {
		if (activeSize === l) return;
		let nrFree = 0;
		for (let j = activeSize; j < l; j++) G[j] = Gbar[j] + lin[j];
		for (let j = 0; j < activeSize; j++) if (status[j] === FREE) nrFree++;
		if (nrFree * l > 2 * activeSize * (l - activeSize)) {
			for (let i = activeSize; i < l; i++) {
				const Qi = getQ(i, activeSize);
				for (let j = 0; j < activeSize; j++) if (status[j] === FREE) G[i] += alpha[j] * Qi[j];
			}
		} else {
			for (let i = 0; i < activeSize; i++) {
				if (status[i] !== FREE) continue;
				const Qi = getQ(i, l);
				const ai = alpha[i];
				for (let j = activeSize; j < l; j++) G[j] += ai * Qi[j];
			}
		}
	};

	// Working-set selection; sets wsI, wsJ and the violation, returns true when optimal.
	let wsI = -1;
	let wsJ = -1;
	let violation = Infinity;
	const selectWorkingSet = (): boolean => {
		let Gmax = -Infinity;
		let Gmax2 = -Infinity;
		let GmaxIdx = -1;
		let GminIdx = -1;
		let objDiffMin = Infinity;
		for (let t = 0; t < activeSize; t++) {
			if (sign[t] === 1) {
				if (status[t] !== UPPER && -G[t] >= Gmax) {
					Gmax = -G[t];
					GmaxIdx = t;
				}
			} else if (status[t] !== LOWER && G[t] >= Gmax) {
				Gmax = G[t];
				GmaxIdx = t;
			}
		}
		const i = GmaxIdx;
		const Qi = i !== -1 ? getQ(i, activeSize) : null;
		const QDi = i !== -1 ? QD[i] : 0;
		const yi = i !== -1 ? sign[i] : 0;
		for (let j = 0; j < activeSize; j++) {
			if (sign[j] === 1) {
				if (status[j] !== LOWER) {
					const gradDiff = Gmax + G[j];
					if (G[j] >= Gmax2) Gmax2 = G[j];
					if (gradDiff > 0) {
						const quad = QDi + QD[j] - 2.0 * yi * Qi![j];
						const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
						if (objDiff <= objDiffMin) {
							GminIdx = j;
							objDiffMin = objDiff;
						}
					}
				}
			} else if (status[j] !== UPPER) {
				const gradDiff = Gmax - G[j];
				if (-G[j] >= Gmax2) Gmax2 = -G[j];
				if (gradDiff > 0) {
					const quad = QDi + QD[j] + 2.0 * yi * Qi![j];
					const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
					if (objDiff <= objDiffMin) {
						GminIdx = j;
						objDiffMin = objDiff;
					}
				}
			}
		}
		violation = Gmax + Gmax2;
		if (Gmax + Gmax2 < tol || GminIdx === -1) return true;
		wsI = GmaxIdx;
		wsJ = GminIdx;
		return false;
	};

	const beShrunk = (i: number, Gmax1: number, Gmax2: number): boolean => {
		if (status[i] === UPPER) return sign[i] === 1 ? -G[i] > Gmax1 : -G[i] > Gmax2;
		if (status[i] === LOWER) return sign[i] === 1 ? G[i] > Gmax2 : G[i] > Gmax1;
		return false;
	};

	const doShrinking = (): void => {
		let Gmax1 = -Infinity;
		let Gmax2 = -Infinity;
		for (let i = 0; i < activeSize; i++) {
			if (sign[i] === 1) {
				if (status[i] !== UPPER && -G[i] >= Gmax1) Gmax1 = -G[i];
				if (status[i] !== LOWER && G[i] >= Gmax2) Gmax2 = G[i];
			} else {
				if (status[i] !== UPPER && -G[i] >= Gmax2) Gmax2 = -G[i];
				if (status[i] !== LOWER && G[i] >= Gmax1) Gmax1 = G[i];
			}
		}
		if (!unshrink && Gmax1 + Gmax2 <= tol * 10) {
			unshrink = true;
			reconstructGradient();
			activeSize = l;
		}
		for (let i = 0; i < activeSize; i++) {
			if (!beShrunk(i, Gmax1, Gmax2)) continue;
			activeSize--;
			while (activeSize > i) {
				if (!beShrunk(activeSize, Gmax1, Gmax2)) {
					swapIndex(i, activeSize);
					break;
				}
				activeSize--;
			}
		}
	};

	let iterations = 0;
	let counter = Math.min(l, SHRINK_EVERY) + 1;
	let firstViolation = NaN;
	for (;;) {
		if (--counter === 0) {
			counter = Math.min(l, SHRINK_EVERY);
			if (shrinking) doShrinking();
			if (ctx.isCancelled?.()) throw new FitCancelledError();
			// Progress on a log scale from the first violation down to tol (the solver's own finish line).
			if (violation > 0 && Number.isFinite(firstViolation) && firstViolation > tol) {
				const done = Math.log(firstViolation / violation) / Math.log(firstViolation / tol);
				ctx.onProgress?.(Math.min(0.99, Math.max(0, done)));
			}
		}
		if (selectWorkingSet()) {
			reconstructGradient();
			activeSize = l;
			if (selectWorkingSet()) break;
			counter = 1;
		}
		if (Number.isNaN(firstViolation)) firstViolation = violation;
		iterations++;
		const i = wsI;
		const j = wsJ;
		let Qi = getQ(i, activeSize);
		let Qj = getQ(j, activeSize);
		const Ci = C;
		const Cj = C;
		const oldAi = alpha[i];
		const oldAj = alpha[j];
		if (sign[i] !== sign[j]) {
			let quad = QD[i] + QD[j] + 2 * Qi[j];
			if (quad <= 0) quad = TAU;
			const delta = (-G[i] - G[j]) / quad;
			const diff = alpha[i] - alpha[j];
			alpha[i] += delta;
			alpha[j] += delta;
			if (diff > 0) {
				if (alpha[j] < 0) {
					alpha[j] = 0;
					alpha[i] = diff;
				}
			} else if (alpha[i] < 0) {
				alpha[i] = 0;
				alpha[j] = -diff;
			}
			if (diff > Ci - Cj) {
				if (alpha[i] > Ci) {
					alpha[i] = Ci;
					alpha[j] = Ci - diff;
				}
			} else if (alpha[j] > Cj) {
				alpha[j] = Cj;
				alpha[i] = Cj + diff;
			}
		} else {
			let quad = QD[i] + QD[j] - 2 * Qi[j];
			if (quad <= 0) quad = TAU;
			const delta = (G[i] - G[j]) / quad;
			const sum = alpha[i] + alpha[j];
			alpha[i] -= delta;
			alpha[j] += delta;
			if (sum > Ci) {
				if (alpha[i] > Ci) {
					alpha[i] = Ci;
					alpha[j] = sum - Ci;
				}
			} else if (alpha[j] < 0) {
				alpha[j] = 0;
				alpha[i] = sum;
			}
			if (sum > Cj) {
				if (alpha[j] > Cj) {
					alpha[j] = Cj;
					alpha[i] = sum - Cj;
				}
			} else if (alpha[i] < 0) {
				alpha[i] = 0;
				alpha[j] = sum;
			}
		}
		const dAi = alpha[i] - oldAi;
		const dAj = alpha[j] - oldAj;
		for (let k = 0; k < activeSize; k++) G[k] += Qi[k] * dAi + Qj[k] * dAj;

		const ui = status[i] === UPPER;
		const uj = status[j] === UPPER;
		updateStatus(i);
		updateStatus(j);
		if (ui !== (status[i] === UPPER)) {
			Qi = getQ(i, l);
			if (ui) for (let k = 0; k < l; k++) Gbar[k] -= Ci * Qi[k];
			else for (let k = 0; k < l; k++) Gbar[k] += Ci * Qi[k];
		}
		if (uj !== (status[j] === UPPER)) {
			Qj = getQ(j, l);
			if (uj) for (let k = 0; k < l; k++) Gbar[k] -= Cj * Qj[k];
			else for (let k = 0; k < l; k++) Gbar[k] += Cj * Qj[k];
		}
	}

	// calculate_rho
	let nrFree = 0;
	let ub = Infinity;
	let lb = -Infinity;
	let sumFree = 0;
	for (let i = 0; i < activeSize; i++) {
		const yG = sign[i] * G[i];
		if (status[i] === UPPER) {
			if (sign[i] === -1) ub = Math.min(ub, yG);
			else lb = Math.max(lb, yG);
		} else if (status[i] === LOWER) {
			if (sign[i] === 1) ub = Math.min(ub, yG);
			else lb = Math.max(lb, yG);
		} else {
			nrFree++;
			sumFree += yG;
		}
	}
	const rho = nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;

	const alpha2 = new Float64Array(l);
	for (let t = 0; t < l; t++) alpha2[activeSet[t]] = alpha[t];
	const coef = new Float64Array(n);
	for (let k = 0; k < n; k++) coef[k] = alpha2[k] - alpha2[k + n];
	ctx.onProgress?.(1);
	return { coef, rho, iterations };
}
