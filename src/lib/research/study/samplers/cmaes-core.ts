/**
 * The CMA-ES distribution and its update, after Hansen, "The CMA Evolution Strategy: A Tutorial" (arXiv
 * 1604.00772, 2016): default strategy parameters of Table 1, sampling (eq. 38–40), selection and recombination
 * (eq. 41), step-size control (eq. 43–44), covariance adaptation (eq. 45–47, with h_σ of §B.2). Only the
 * positive recombination weights are used (w_i = 0 for i > μ, i.e. no active update with negative weights), so
 * Σw = 1 and the rank-μ term is the classic one. Pure; the state is immutable between updates.
 */
import { symmetricEigen } from '../../../models/linear/symmetric-eigen';

/** Smallest eigenvalue kept in C (relative to the largest): C stays positive definite under rounding. */
const MIN_EIGEN_RELATIVE = 1e-14;
/** σ is capped here (unit cube): a larger step only reflects around the cube and says nothing. */
const MAX_SIGMA = 2;

export interface CmaParams {
	readonly n: number;
	readonly lambda: number;
	readonly mu: number;
	/** Positive recombination weights, summing to 1, best first. */
	readonly weights: Float64Array;
	readonly muEff: number;
	readonly cc: number;
	readonly cs: number;
	readonly c1: number;
	readonly cmu: number;
	readonly ds: number;
	/** E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)). */
	readonly chiN: number;
}

export interface CmaState {
	readonly mean: Float64Array;
	readonly sigma: number;
	/** Covariance, row-major n × n. */
	readonly C: Float64Array;
	/** Eigenvectors of C as columns (row-major n × n) and the square roots of its eigenvalues. */
	readonly B: Float64Array;
	readonly D: Float64Array;
	readonly ps: Float64Array;
	readonly pc: Float64Array;
	/** Generations already applied (the g + 1 of h_σ's bias correction). */
	readonly updates: number;
}

/** The tutorial's default strategy parameters (Table 1) for dimension n and population λ. */
export function cmaParams(n: number, lambda = 4 + Math.floor(3 * Math.log(n))): CmaParams {
	if (!Number.isInteger(n) || n < 1)
		throw new RangeError(`cmaes: dimension must be a whole number ≥ 1, got ${n}`);
	if (!Number.isInteger(lambda) || lambda < 2)
		throw new RangeError(`cmaes: populationSize must be a whole number ≥ 2, got ${lambda}`);
	const mu = Math.floor(lambda / 2);
	const raw = new Float64Array(mu);
	for (let i = 0; i < mu; i++) raw[i] = Math.log((lambda + 1) / 2) - Math.log(i + 1);
	let sum = 0;
	for (const w of raw) sum += w;
	const weights = raw.map((w) => w / sum);
	let sq = 0;
	for (const w of weights) sq += w * w;
	const muEff = 1 / sq;
	const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
	const cs = (muEff + 2) / (n + muEff + 5);
	const c1 = 2 / ((n + 1.3) ** 2 + muEff);
	const cmu = Math.min(1 - c1, (2 * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + muEff));
	const ds = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
	const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
	return { n, lambda, mu, weights, muEff, cc, cs, c1, cmu, ds, chiN };
}

/** The initial state: mean m0, step σ0, C = I. */
export function initialState(mean: ArrayLike<number>, sigma: number): CmaState {
	const n = mean.length;
	const C = new Float64Array(n * n);
	for (let i = 0; i < n; i++) C[i * n + i] = 1;
	return {
		mean: Float64Array.from(mean),
		sigma,
		C,
		B: C.slice(),
		D: new Float64Array(n).fill(1),
		ps: new Float64Array(n),
		pc: new Float64Array(n),
		updates: 0
	};
}

/** x = m + σ B D z for a standard normal vector z (eq. 38–40). */
export function samplePoint(state: CmaState, z: ArrayLike<number>): Float64Array {
	const n = state.mean.length;
	const x = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let s = 0;
		for (let k = 0; k < n; k++) s += state.B[i * n + k] * state.D[k] * z[k];
		x[i] = state.mean[i] + state.sigma * s;
	}
	return x;
}

/** C^(−1/2) v = B D⁻¹ Bᵀ v. */
function invSqrtTimes(state: CmaState, v: Float64Array): Float64Array {
	const n = v.length;
	const t = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		let s = 0;
		for (let i = 0; i < n; i++) s += state.B[i * n + k] * v[i];
		t[k] = s / state.D[k];
	}
	const out = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let s = 0;
		for (let k = 0; k < n; k++) s += state.B[i * n + k] * t[k];
		out[i] = s;
	}
	return out;
}

/**
 * One generation's update from its evaluated points, best first (`ranked[0]` is the best). Only the first μ are
 * read. The points are the ones evaluated (after boundary handling), so y_i = (x_i − m)/σ.
 */
export function updateState(p: CmaParams, state: CmaState, ranked: readonly Float64Array[]): CmaState {
	const n = p.n;
	if (ranked.length < p.mu)
		throw new RangeError(`cmaes: an update needs ${p.mu} points, got ${ranked.length}`);
	const { mean, sigma } = state;
	const ys = ranked.slice(0, p.mu).map((x) => x.map((xi, i) => (xi - mean[i]) / sigma));
	const yw = new Float64Array(n);
	ys.forEach((y, j) => y.forEach((yi, i) => (yw[i] += p.weights[j] * yi)));
	const newMean = mean.map((m, i) => m + sigma * yw[i]);

	const cy = invSqrtTimes(state, yw);
	const sFactor = Math.sqrt(p.cs * (2 - p.cs) * p.muEff);
	const ps = state.ps.map((v, i) => (1 - p.cs) * v + sFactor * cy[i]);
	let psNorm = 0;
	for (const v of ps) psNorm += v * v;
	psNorm = Math.sqrt(psNorm);
	const g = state.updates + 1;
	const hSigma = psNorm / Math.sqrt(1 - (1 - p.cs) ** (2 * g)) < (1.4 + 2 / (n + 1)) * p.chiN ? 1 : 0;
	const cFactor = Math.sqrt(p.cc * (2 - p.cc) * p.muEff);
	const pc = state.pc.map((v, i) => (1 - p.cc) * v + hSigma * cFactor * yw[i]);

	const deltaH = (1 - hSigma) * p.cc * (2 - p.cc);
	const keep = 1 + p.c1 * deltaH - p.c1 - p.cmu; // Σw = 1 with positive weights only
	const C = new Float64Array(n * n);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j <= i; j++) {
			let rankMu = 0;
			for (let k = 0; k < ys.length; k++) rankMu += p.weights[k] * ys[k][i] * ys[k][j];
			const v = keep * state.C[i * n + j] + p.c1 * pc[i] * pc[j] + p.cmu * rankMu;
			C[i * n + j] = C[j * n + i] = v;
		}
	}
	const newSigma = Math.min(MAX_SIGMA, sigma * Math.exp((p.cs / p.ds) * (psNorm / p.chiN - 1)));
	const { B, D } = decompose(C, n);
	return { mean: newMean, sigma: newSigma, C, B, D, ps, pc, updates: g };
}

/** B and D (square roots of the eigenvalues, floored relative to the largest) of a symmetric C. */
function decompose(C: Float64Array, n: number): { B: Float64Array; D: Float64Array } {
	const { values, vectors } = symmetricEigen(C, n);
	let max = 0;
	for (const v of values) max = Math.max(max, v);
	const floor = Math.max(max, 1e-300) * MIN_EIGEN_RELATIVE;
	return { B: vectors, D: values.map((v) => Math.sqrt(Math.max(v, floor))) };
}
