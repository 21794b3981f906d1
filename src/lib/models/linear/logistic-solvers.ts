/**
 * The two solvers behind logistic.ts, on standardised data held row-major (z[i * p + j]; a constant column is all
 * zeros and its coefficient stays 0). Both minimise the scikit-learn objective
 *   C · Σ logloss(yᵢ, b + zᵢ·w) + penalty(w)        (the intercept b is never penalised)
 * and report how many outer iterations ran and whether they met the tolerance.
 */
import { FitCancelledError } from '../types';
import {
	linearPredictor,
	logLossSum,
	maxRelativeStep,
	penaltyValue,
	weightedGram,
	type SolverInput
} from './logistic-kernels';
import { choleskySolve } from './ridge';

export type { SolverInput } from './logistic-kernels';

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
	// σ(η) at the current point and at the trial point of the line search.
	const muNow = new Float64Array(n);
	const trialMu = new Float64Array(n);
	const resid = new Float64Array(n);
	const weight = new Float64Array(n);
	const H = new Float64Array(m * m);
	const g = new Float64Array(m);
	const penalty = l2 ? 1 : 0;
	const objective = (e: Float64Array, ww: Float64Array): number =>
		C * logLossSum(y, e, trialMu) + penaltyValue(ww, 0, penalty);

	linearPredictor(s, w, b, eta);
	let f = objective(eta, w);
	muNow.set(trialMu);
	let iterations = 0;
	let converged: 1 | 0 = 0;
	let jittered = false;
	const trialW = new Float64Array(p);
	while (iterations < maxIter) {
		checkCancelled(s);
		if (!l2 && f / (C * n) < SEPARATED_MEAN_LOSS) break;
		for (let i = 0; i < n; i++) {
			const mu = muNow[i];
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
		muNow.set(trialMu);
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
	// σ(η) at the current point and at the trial point of the line search.
	const muNow = new Float64Array(n);
	const trialMu = new Float64Array(n);
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
		logLossSum(y, e, trialMu) + penaltyValue(ww, lambda1, lambda2);

	linearPredictor(s, w, b, eta);
	let f = objective(eta, w);
	muNow.set(trialMu);
	let iterations = 0;
	let converged: 1 | 0 = 0;
	while (iterations < maxIter) {
		checkCancelled(s);
		for (let i = 0; i < n; i++) {
			const mu = muNow[i];
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
		muNow.set(trialMu);
		f = fNew;
		if (stepSize <= STEP_TOLERANCE_RELATIVE) {
			converged = 1;
			break;
		}
	}
	return { w, b, iterations, converged, jittered: false };
}
