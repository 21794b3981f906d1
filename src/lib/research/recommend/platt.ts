/**
 * Platt scaling: P(outcome = 1 | score s) = σ(a·s + b), fitted on out-of-sample scores (Platt 1999, "Probabilistic
 * outputs for support vector machines", §2.2). As scikit-learn 1.2.1 `calibration._sigmoid_calibration`:
 * - targets are Platt's smoothed labels (N₊ + 1)/(N₊ + 2) for positives and 1/(N₋ + 2) for negatives;
 * - the objective is the cross-entropy of σ(a·s + b) against those targets, summed over rows;
 * - the start is a = 0, b = ln((N₊ + 1)/(N₋ + 1)).
 * Sign convention: scikit-learn stores (A, B) with P = 1/(1 + exp(A·s + B)); here a = −A and b = −B.
 *
 * scikit-learn minimises with scipy's BFGS (gradient tolerance 1e-5), so its (A, B) sit within that tolerance of
 * the optimum; we use Newton's method with a backtracking line search (Lin, Lin & Weng 2007, "A note on Platt's
 * probabilistic outputs for support vector machines", Algorithm 1, including its 1e-12 ridge on the Hessian) and
 * converge to the same unique optimum much more tightly. The same Hessian at the optimum gives the covariance of
 * (a, b), hence a delta-method standard error of the calibrated probability: p(1 − p)·√([s 1] H⁻¹ [s 1]ᵀ).
 */
import { checkScored, RecommendError } from './errors';

export interface PlattFit {
	readonly method: 'platt';
	readonly a: number;
	readonly b: number;
	/** Inverse Hessian of the objective at (a, b): [var a, cov ab, var b]. */
	readonly cov: readonly [number, number, number];
	readonly rows: number;
}

const MAX_NEWTON_STEPS = 100;
/** Lin et al.'s minimal step and Hessian ridge. */
const MIN_STEP = 1e-10;
const RIDGE = 1e-12;
/** Stop when the gradient's largest component is below this times the row count (per-row ≈ 1e-12). */
const GRADIENT_TOLERANCE_PER_ROW = 1e-12;
/** Sufficient-decrease constant (Lin et al. use 1e-4) and the relative float noise allowed in the objective. */
const ARMIJO = 1e-4;
const OBJECTIVE_NOISE = 1e-14;

/** log(1 + eᶻ) without overflow. */
function softplus(z: number): number {
	return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
	return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function fitPlatt(scores: ArrayLike<number>, outcomes: ArrayLike<number>): PlattFit {
	checkScored(scores, outcomes, 1);
	const rows = scores.length;
	let positives = 0;
	for (let i = 0; i < rows; i++) positives += outcomes[i];
	const negatives = rows - positives;
	const hi = (positives + 1) / (positives + 2);
	const lo = 1 / (negatives + 2);
	const targets = Float64Array.from({ length: rows }, (_, i) => (outcomes[i] === 1 ? hi : lo));
	const objective = (a: number, b: number): number => {
		let f = 0;
		for (let i = 0; i < rows; i++) {
			const z = a * scores[i] + b;
			f += softplus(z) - targets[i] * z;
		}
		return f;
	};
	let a = 0;
	let b = Math.log((positives + 1) / (negatives + 1));
	let f = objective(a, b);
	let h11 = 0;
	let h12 = 0;
	let h22 = 0;
	for (let step = 0; step <= MAX_NEWTON_STEPS; step++) {
		let g1 = 0;
		let g2 = 0;
		h11 = RIDGE;
		h12 = 0;
		h22 = RIDGE;
		for (let i = 0; i < rows; i++) {
			const s = scores[i];
			const p = sigmoid(a * s + b);
			const d = p - targets[i];
			const w = p * (1 - p);
			g1 += d * s;
			g2 += d;
			h11 += w * s * s;
			h12 += w * s;
			h22 += w;
		}
		if (Math.max(Math.abs(g1), Math.abs(g2)) <= GRADIENT_TOLERANCE_PER_ROW * rows) break;
		if (step === MAX_NEWTON_STEPS) break;
		const det = h11 * h22 - h12 * h12;
		const da = -(h22 * g1 - h12 * g2) / det;
		const db = -(h11 * g2 - h12 * g1) / det;
		const slope = g1 * da + g2 * db;
		let t = 1;
		let moved = false;
		while (t >= MIN_STEP) {
			const na = a + t * da;
			const nb = b + t * db;
			const nf = objective(na, nb);
			// Armijo, with a float allowance: near the optimum the decrease is below f's resolution.
			if (nf <= f + ARMIJO * t * slope + OBJECTIVE_NOISE * Math.abs(f)) {
				a = na;
				b = nb;
				f = nf;
				moved = true;
				break;
			}
			t /= 2;
		}
		if (!moved) break; // no further decrease representable: at the optimum up to rounding
	}
	const det = h11 * h22 - h12 * h12;
	return { method: 'platt', a, b, cov: [h22 / det, -h12 / det, h11 / det], rows };
}

export function plattProbability(fit: PlattFit, score: number): number {
	return sigmoid(fit.a * score + fit.b);
}

/** Delta-method standard error of σ(a·s + b) from the fit's covariance. */
export function plattStandardError(fit: PlattFit, score: number): number {
	const p = plattProbability(fit, score);
	const [vaa, vab, vbb] = fit.cov;
	const varZ = score * score * vaa + 2 * score * vab + vbb;
	return p * (1 - p) * Math.sqrt(Math.max(varZ, 0));
}

export function checkPlattFit(fit: PlattFit): PlattFit {
	if (!Number.isFinite(fit.a) || !Number.isFinite(fit.b))
		throw new RecommendError('invalid', 'fit', `Platt a and b must be finite, got ${fit.a}, ${fit.b}`);
	if (fit.cov.length !== 3 || !fit.cov.every(Number.isFinite))
		throw new RecommendError('invalid', 'fit.cov', 'Platt covariance must be three finite numbers');
	return fit;
}
