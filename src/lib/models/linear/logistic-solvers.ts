/**
 * The two solvers behind logistic.ts, on standardised data held row-major (z[i * p + j]; a constant column is all
 * zeros and its coefficient stays 0). Both minimise the scikit-learn objective
 *   C · Σ logloss(yᵢ, b + zᵢ·w) + penalty(w)        (the intercept b is never penalised)
 * and report how many outer iterations ran and whether they met the tolerance.
 */
import { FitCancelledError } from '../types';
import { choleskySolve } from './ridge';

export interface SolverInput {
	/** Standardised features, row-major n×p. */
	readonly z: Float64Array;
	readonly n: number;
	readonly p: number;
	/** Labels 0/1. */
	readonly y: Float64Array;
	/** True for the columns that do not vary: they keep a zero coefficient. */
	readonly constant: Uint8Array;
	readonly C: number;
	readonly maxIter: number;
	readonly onProgress?: (fraction: number) => void;
	readonly isCancelled?: () => boolean;
}

export interface SolverResult {
	/** Standardised coefficients. */
	readonly w: Float64Array;
	readonly b: number;
	readonly iterations: number;
	readonly converged: 1 | 0;
	/** True when a Newton system was singular and needed a diagonal boost (separable or collinear data). */
	readonly jittered: boolean;
}

/** An outer iteration has converged when no parameter moved more than this, relative to the largest one. */
export const STEP_TOLERANCE_RELATIVE = 1e-10;
/**
 * Newton converges quadratically: once a full (undamped) step moved no parameter more than this, relative, the
 * error left is of the order of its square (~1e-14), so one more iteration would only confirm it.
 */
export const NEWTON_FULL_STEP_TOLERANCE = 1e-7;
/**
 * Mean log loss below which the training classes are separated (every row predicted right with a probability
 * beyond 1 − 1e-12): an unpenalised maximum-likelihood fit does not exist there, so the solver stops instead of
 * chasing coefficients towards infinity.
 */
export const SEPARATED_MEAN_LOSS = 1e-12;
/** Step halvings tried before an outer iteration gives up on decreasing the objective. */
const MAX_HALVINGS = 40;
/** Armijo sufficient-decrease factor of the Newton line search. */
const ARMIJO = 1e-4;
/**
 * Slack of the line searches, relative to the objective: near the optimum a Newton step lowers the objective by
 * less than its summation rounding (~1e-15 relative), so without it a correct step is refused and the fit
 * crawls by halved steps instead of converging quadratically.
 */
const ROUNDOFF_RELATIVE = 1e-12;
/** Coordinate sweeps per IRLS quadratic; 13 features converge in tens, this only bounds a pathological case. */
const MAX_INNER_SWEEPS = 10_000;
/** Inner sweeps stop when no coordinate moves more than this (standardised units). */
const INNER_TOLERANCE = 1e-13;
/** Relative diagonal boost for a singular Newton system, as in ridge.ts. */
const SINGULAR_JITTER_RELATIVE = 1e-10;

/** log(1 + e^η), without overflow for large η. */
export function softplus(eta: number): number {
	return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

export function sigmoid(eta: number): number {
	if (eta >= 0) return 1 / (1 + Math.exp(-eta));
	const e = Math.exp(eta);
	return e / (1 + e);
}

function linearPredictor(s: SolverInput, w: Float64Array, b: number, eta: Float64Array): void {
	const { z, n, p } = s;
	for (let i = 0; i < n; i++) {
		const base = i * p;
		let e = b;
		for (let j = 0; j < p; j++) e += w[j] * z[base + j];
		eta[i] = e;
	}
}

/**
 * The weighted Gram matrix of [Z, 1] and the vector [Z, 1]ᵀr, both (p + 1)-sized with the intercept at index p:
 * G[j·m + k] = Σᵢ vᵢ zᵢⱼ zᵢₖ (full symmetric) and c[j] = Σᵢ zᵢⱼ rᵢ. One pass over row-major Z two rows at a time,
 * so each G entry is loaded and stored once per two rows (the ridge cross-products found the same pattern
 * fastest); this is the whole cost of a Newton or IRLS iteration.
 */
export function weightedGram(
	s: SolverInput,
	v: Float64Array,
	r: Float64Array,
	G: Float64Array,
	c: Float64Array
): void {
	const { z, n, p } = s;
	const m = p + 1;
	G.fill(0);
	c.fill(0);
	let vSum = 0;
	let rSum = 0;
	let i = 0;
	for (; i + 1 < n; i += 2) {
		const b0 = i * p;
		const b1 = b0 + p;
		const v0 = v[i];
		const v1 = v[i + 1];
		const r0 = r[i];
		const r1 = r[i + 1];
		vSum += v0 + v1;
		rSum += r0 + r1;
		for (let j = 0; j < p; j++) {
			const z0 = z[b0 + j];
			const z1 = z[b1 + j];
			const a0 = z0 * v0;
			const a1 = z1 * v1;
			c[j] += z0 * r0 + z1 * r1;
			const row = j * m;
			for (let k = 0; k <= j; k++) G[row + k] += a0 * z[b0 + k] + a1 * z[b1 + k];
			G[p * m + j] += a0 + a1;
		}
	}
	for (; i < n; i++) {
		const b0 = i * p;
		vSum += v[i];
		rSum += r[i];
		for (let j = 0; j < p; j++) {
			const a0 = z[b0 + j] * v[i];
			c[j] += z[b0 + j] * r[i];
			const row = j * m;
			for (let k = 0; k <= j; k++) G[row + k] += a0 * z[b0 + k];
			G[p * m + j] += a0;
		}
	}
	G[p * m + p] = vSum;
	c[p] = rSum;
	for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) G[k * m + j] = G[j * m + k];
}

function logLossSum(y: Float64Array, eta: Float64Array): number {
	let f = 0;
	for (let i = 0; i < eta.length; i++) f += softplus(eta[i]) - y[i] * eta[i];
	return f;
}

function penaltyValue(w: Float64Array, l1: number, l2: number): number {
	let a = 0;
	let q = 0;
	for (let j = 0; j < w.length; j++) {
		a += Math.abs(w[j]);
		q += w[j] * w[j];
	}
	return l1 * a + 0.5 * l2 * q;
}

function maxRelativeStep(dw: Float64Array, db: number, w: Float64Array, b: number): number {
	let step = Math.abs(db);
	let size = Math.abs(b);
	for (let j = 0; j < w.length; j++) {
		step = Math.max(step, Math.abs(dw[j]));
		size = Math.max(size, Math.abs(w[j]));
	}
	return step / (1 + size);
}

function checkCancelled(s: SolverInput): void {
	if (s.isCancelled?.()) throw new FitCancelledError();
}

/**
 * Damped Newton (IRLS) on all p + 1 parameters with a Cholesky solve, for the l2 penalty (½‖w‖²) or none.
 * The unpenalised case stops with converged 0 when the classes are separated or the Hessian is singular.
 */
export function newtonSolve(s: SolverInput, l2: boolean): SolverResult {
	const { n, p, y, C, constant, maxIter } = s;
	const m = p + 1;
	const w = new Float64Array(p);
	let b = 0;
	const eta = new Float64Array(n);
	const trialEta = new Float64Array(n);
	const resid = new Float64Array(n);
	const weight = new Float64Array(n);
	const H = new Float64Array(m * m);
	const g = new Float64Array(m);
	const penalty = l2 ? 1 : 0;
	const objective = (e: Float64Array, ww: Float64Array): number =>
		C * logLossSum(y, e) + penaltyValue(ww, 0, penalty);

	linearPredictor(s, w, b, eta);
	let f = objective(eta, w);
	let iterations = 0;
	let converged: 1 | 0 = 0;
	let jittered = false;
	const trialW = new Float64Array(p);
	while (iterations < maxIter) {
		checkCancelled(s);
		if (!l2 && f / (C * n) < SEPARATED_MEAN_LOSS) break;
		for (let i = 0; i < n; i++) {
			const mu = sigmoid(eta[i]);
			resid[i] = mu - y[i];
			weight[i] = mu * (1 - mu);
		}
		// Gradient and Hessian of the objective; index p is the intercept (unpenalised).
		weightedGram(s, weight, resid, H, g);
		for (let j = 0; j < m; j++) {
			g[j] *= C;
			for (let k = 0; k <= j; k++) H[j * m + k] *= C;
		}
		for (let j = 0; j < p; j++) {
			if (constant[j]) {
				// A zero column: its row of H is 0; a unit pivot keeps the system solvable and its step 0.
				g[j] = 0;
				H[j * m + j] = 1;
				continue;
			}
			g[j] += penalty * w[j];
			H[j * m + j] += penalty;
		}
		let delta = choleskySolve(H, g, m, 0);
		if (delta === null) {
			let maxDiag = 0;
			for (let j = 0; j < m; j++) maxDiag = Math.max(maxDiag, H[j * m + j]);
			delta = choleskySolve(H, g, m, SINGULAR_JITTER_RELATIVE * Math.max(1, maxDiag));
			jittered = true;
			if (delta === null) break;
		}
		let decrease = 0;
		for (let j = 0; j < m; j++) decrease += g[j] * delta[j];
		// Backtracking: θ − t·δ with t = 1, ½, ¼, … until the Armijo condition holds.
		let t = 1;
		let accepted = false;
		let fNew = f;
		for (let h = 0; h < MAX_HALVINGS; h++, t *= 0.5) {
			for (let j = 0; j < p; j++) trialW[j] = w[j] - t * delta[j];
			linearPredictor(s, trialW, b - t * delta[p], trialEta);
			fNew = objective(trialEta, trialW);
			if (fNew <= f - ARMIJO * t * decrease + ROUNDOFF_RELATIVE * Math.max(1, Math.abs(f))) {
				accepted = true;
				break;
			}
		}
		iterations++;
		s.onProgress?.(iterations / maxIter);
		const stepSize = maxRelativeStep(delta, delta[p], w, b) * t;
		if (!accepted) {
			// No decrease is possible at working precision: the current point is the optimum when the step is tiny.
			if (maxRelativeStep(delta, delta[p], w, b) <= 1e-8) converged = 1;
			break;
		}
		w.set(trialW);
		b -= t * delta[p];
		eta.set(trialEta);
		f = fNew;
		if (stepSize <= STEP_TOLERANCE_RELATIVE || (t === 1 && stepSize <= NEWTON_FULL_STEP_TOLERANCE)) {
			converged = 1;
			break;
		}
	}
	return { w, b, iterations, converged, jittered };
}

/**
 * glmnet-style proximal Newton for l1 (‖w‖₁) and elastic net (r‖w‖₁ + (1 − r)/2‖w‖²): each outer iteration
 * builds the IRLS quadratic of the log loss at the current point and minimises quadratic + penalty by cyclic
 * coordinate descent with soft-thresholding; a backtracking step on the true objective keeps every outer
 * iteration a descent step.
 */
export function coordinateDescentSolve(s: SolverInput, l1Ratio: number): SolverResult {
	const { n, p, y, C, constant, maxIter } = s;
	// Divide the objective by C: Σ logloss + λ₁‖w‖₁ + λ₂/2‖w‖², same minimiser.
	const lambda1 = l1Ratio / C;
	const lambda2 = (1 - l1Ratio) / C;
	const w = new Float64Array(p);
	let b = 0;
	const eta = new Float64Array(n);
	const trialEta = new Float64Array(n);
	const weight = new Float64Array(n);
	const res = new Float64Array(n);
	const newW = new Float64Array(p);
	const trialW = new Float64Array(p);
	const dw = new Float64Array(p);
	// Weighted Gram matrix of [Z, 1] (index p is the intercept) and the weighted working residual: with them a
	// coordinate update costs O(p) instead of O(n) ("covariance updates" in glmnet), which matters because the
	// correlated price features need hundreds of sweeps to settle.
	const m = p + 1;
	const G = new Float64Array(m * m);
	const c = new Float64Array(m);
	const q = new Float64Array(m);
	const objective = (e: Float64Array, ww: Float64Array): number =>
		logLossSum(y, e) + penaltyValue(ww, lambda1, lambda2);

	linearPredictor(s, w, b, eta);
	let f = objective(eta, w);
	let iterations = 0;
	let converged: 1 | 0 = 0;
	while (iterations < maxIter) {
		checkCancelled(s);
		for (let i = 0; i < n; i++) {
			const mu = sigmoid(eta[i]);
			weight[i] = mu * (1 - mu);
			// y − μ is the weighted working residual, finite even where the weight underflows to 0.
			res[i] = y[i] - mu;
		}
		weightedGram(s, weight, res, G, c);
		const wSum = G[p * m + p];
		if (!(wSum > 0)) break;
		// Coordinate descent on ½ΔᵀGΔ − cᵀΔ + penalty(w + Δw), keeping q = GΔ.
		newW.set(w);
		let newB = b;
		q.fill(0);
		for (let sweep = 0; sweep < MAX_INNER_SWEEPS; sweep++) {
			let moved = 0;
			for (let j = 0; j < p; j++) {
				const a = G[j * m + j];
				if (constant[j] || a === 0) continue;
				const rest = q[j] - a * (newW[j] - w[j]) - c[j];
				const u = a * w[j] - rest;
				const shrunk = Math.abs(u) > lambda1 ? u - Math.sign(u) * lambda1 : 0;
				const d = shrunk / (a + lambda2) - newW[j];
				if (d !== 0) {
					for (let k = 0; k < m; k++) q[k] += d * G[k * m + j];
					newW[j] += d;
					moved = Math.max(moved, Math.abs(d) * Math.sqrt(a / wSum));
				}
			}
			const db = (c[p] - q[p]) / wSum;
			if (db !== 0) {
				for (let k = 0; k < m; k++) q[k] += db * G[k * m + p];
				newB += db;
			}
			moved = Math.max(moved, Math.abs(db));
			if (moved <= INNER_TOLERANCE) break;
		}
		for (let j = 0; j < p; j++) dw[j] = newW[j] - w[j];
		const dbTotal = newB - b;
		let t = 1;
		let accepted = false;
		let fNew = f;
		for (let h = 0; h < MAX_HALVINGS; h++, t *= 0.5) {
			for (let j = 0; j < p; j++) trialW[j] = w[j] + t * dw[j];
			linearPredictor(s, trialW, b + t * dbTotal, trialEta);
			fNew = objective(trialEta, trialW);
			if (fNew <= f + ROUNDOFF_RELATIVE * Math.max(1, Math.abs(f))) {
				accepted = true;
				break;
			}
		}
		iterations++;
		s.onProgress?.(iterations / maxIter);
		const stepSize = maxRelativeStep(dw, dbTotal, w, b) * t;
		if (!accepted) {
			if (maxRelativeStep(dw, dbTotal, w, b) <= 1e-8) converged = 1;
			break;
		}
		w.set(trialW);
		b += t * dbTotal;
		eta.set(trialEta);
		f = fNew;
		if (stepSize <= STEP_TOLERANCE_RELATIVE) {
			converged = 1;
			break;
		}
	}
	return { w, b, iterations, converged, jittered: false };
}
