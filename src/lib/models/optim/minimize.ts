/**
 * Unconstrained minimisation by BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., algorithm 6.1) for the
 * likelihoods of the statistical models (ARIMA, GARCH, Markov switching). Constraints are the caller's business:
 * optimise over an unconstrained transform (log for a positive value, logistic for one in (0, 1)).
 *
 * - Gradient: the caller's, or central differences with step ∛ε · max(1, |xᵢ|) (2n evaluations per gradient).
 * - Line search: backtracking from the full quasi-Newton step until the Armijo condition holds; a trial point
 *   whose value is not finite (outside the model's domain) counts as too long a step.
 * - Inverse-Hessian update only when the curvature sᵀy is positive, so the direction stays a descent direction;
 *   the first update rescales the identity by sᵀy / yᵀy (N&W eq. 6.20).
 * - Stops when the gradient's largest component is below `gradientTolerance` (converged), when an iteration
 *   lowers the value by less than `valueTolerance` relative (converged: no further progress is possible at
 *   this precision), when the line search finds no lower point (not converged), or after `maxIterations`.
 */
import { FitCancelledError } from '../types';

export interface MinimizeOptions {
	/** Writes ∇f(x) into `out`; numerical central differences when absent. */
	readonly gradient?: (x: Float64Array, out: Float64Array) => void;
	readonly maxIterations?: number;
	readonly gradientTolerance?: number;
	readonly valueTolerance?: number;
	/** Called after each iteration with the iteration number and the value reached. */
	readonly onIteration?: (iteration: number, value: number) => void;
	readonly isCancelled?: () => boolean;
}

export type StopReason = 'gradient' | 'value' | 'line_search' | 'max_iterations';

export interface MinimizeResult {
	readonly x: Float64Array;
	readonly value: number;
	readonly iterations: number;
	/** Evaluations of f, including those made for numerical gradients. */
	readonly evaluations: number;
	readonly converged: boolean;
	readonly reason: StopReason;
	/** Largest absolute component of the gradient at x. */
	readonly gradientNorm: number;
}

export const DEFAULT_MAX_ITERATIONS = 500;
export const DEFAULT_GRADIENT_TOLERANCE = 1e-6;
export const DEFAULT_VALUE_TOLERANCE = 1e-12;
const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;
const DIFF_STEP = Math.cbrt(Number.EPSILON);

function maxAbs(v: Float64Array): number {
	let m = 0;
	for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
	return m;
}

function dot(a: Float64Array, b: Float64Array): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i] * b[i];
	return s;
}

export function minimize(
	f: (x: Float64Array) => number,
	x0: ArrayLike<number>,
	options: MinimizeOptions = {}
): MinimizeResult {
	const n = x0.length;
	if (n === 0) throw new RangeError('minimize needs at least one parameter');
	const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
	const gTol = options.gradientTolerance ?? DEFAULT_GRADIENT_TOLERANCE;
	const fTol = options.valueTolerance ?? DEFAULT_VALUE_TOLERANCE;
	let evaluations = 0;
	const value = (x: Float64Array): number => {
		evaluations++;
		return f(x);
	};
	const probe = new Float64Array(n);
	const gradient =
		options.gradient ??
		((x: Float64Array, out: Float64Array): void => {
			probe.set(x);
			for (let i = 0; i < n; i++) {
				const h = DIFF_STEP * Math.max(1, Math.abs(x[i]));
				probe[i] = x[i] + h;
				const up = value(probe);
				probe[i] = x[i] - h;
				const down = value(probe);
				probe[i] = x[i];
				out[i] = (up - down) / (2 * h);
			}
		});

	let x = Float64Array.from(x0);
	let fx = value(x);
	if (!Number.isFinite(fx)) throw new RangeError(`minimize: the starting point has value ${fx}`);
	let g = new Float64Array(n);
	gradient(x, g);
	if (!g.every(Number.isFinite))
		throw new RangeError('minimize: the gradient at the starting point is not finite');
	// Inverse Hessian approximation, row-major; the identity until the first update rescales it.
	const H = new Float64Array(n * n);
	const resetH = (scale: number): void => {
		H.fill(0);
		for (let i = 0; i < n; i++) H[i * n + i] = scale;
	};
	resetH(1);
	let first = true;
	const d = new Float64Array(n);
	const xNew = new Float64Array(n);
	const gNew = new Float64Array(n);
	const s = new Float64Array(n);
	const y = new Float64Array(n);
	const Hy = new Float64Array(n);

	let iterations = 0;
	let reason: StopReason = 'max_iterations';
	while (iterations < maxIterations) {
		if (maxAbs(g) < gTol) {
			reason = 'gradient';
			break;
		}
		if (options.isCancelled?.()) throw new FitCancelledError();
		for (let i = 0; i < n; i++) {
			let v = 0;
			for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
			d[i] = v;
		}
		let slope = dot(g, d);
		if (!(slope < 0)) {
			// Not a descent direction (rounding in H): restart from steepest descent.
			resetH(1);
			first = true;
			for (let i = 0; i < n; i++) d[i] = -g[i];
			slope = dot(g, d);
		}
		// The first step of steepest descent is scaled to move no parameter by more than 1.
		let alpha = first ? Math.min(1, 1 / Math.max(maxAbs(d), Number.MIN_VALUE)) : 1;
		let fNew = Number.NaN;
		let found = false;
		for (let k = 0; k < MAX_HALVINGS; k++) {
			for (let i = 0; i < n; i++) xNew[i] = x[i] + alpha * d[i];
			fNew = value(xNew);
			if (Number.isFinite(fNew) && fNew <= fx + ARMIJO * alpha * slope) {
				found = true;
				break;
			}
			alpha *= 0.5;
		}
		if (!found) {
			reason = 'line_search';
			break;
		}
		gradient(xNew, gNew);
		if (!gNew.every(Number.isFinite)) {
			reason = 'line_search';
			break;
		}
		iterations++;
		for (let i = 0; i < n; i++) {
			s[i] = xNew[i] - x[i];
			y[i] = gNew[i] - g[i];
		}
		const sy = dot(s, y);
		if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
			if (first) {
				resetH(sy / dot(y, y));
				first = false;
			}
			// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded: H − ρ(s (Hy)ᵀ + (Hy) sᵀ) + (ρ² yᵀHy + ρ) s sᵀ.
			const rho = 1 / sy;
			for (let i = 0; i < n; i++) {
				let v = 0;
				for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
				Hy[i] = v;
			}
			const yHy = dot(y, Hy);
			const c = rho * rho * yHy + rho;
			for (let i = 0; i < n; i++) {
				for (let j = 0; j < n; j++) {
					H[i * n + j] += -rho * (s[i] * Hy[j] + Hy[i] * s[j]) + c * s[i] * s[j];
				}
			}
		}
		const drop = fx - fNew;
		[x, g] = [Float64Array.from(xNew), Float64Array.from(gNew)];
		fx = fNew;
		options.onIteration?.(iterations, fx);
		if (drop <= fTol * Math.max(1, Math.abs(fx))) {
			reason = maxAbs(g) < gTol ? 'gradient' : 'value';
			break;
		}
	}
	return {
		x,
		value: fx,
		iterations,
		evaluations,
		converged: reason === 'gradient' || reason === 'value',
		reason,
		gradientNorm: maxAbs(g)
	};
}
