/**
 * GP hyperparameters by maximising the log marginal likelihood over θ = (log c, log ℓ_1 … log ℓ_d, log s)
 * inside fixed bounds: a projected quasi-Newton ascent (dense BFGS on the d + 2 log-parameters, variables at a
 * bound and pushing outward are held, Armijo backtracking) from a few starts — one fixed, the rest seeded
 * log-uniform draws. The best end point wins. Pure and deterministic for the generator it is given.
 */
import type { Rng } from '../../../domain/random';
import { gpFit, gpLmlGrad, lmlGradient, type GpData, type GpHyper } from './gp-kernel';

/** Bounds on the standardised scale: c in [1e-3, 1e3]; ℓ in [1e-2, 1e2] unit-cube widths (≥ 1e2: the
 * dimension does not matter); s in [1e-6, 1] (at most all of the targets' variance is noise). */
export const GP_BOUNDS = {
	amplitude: [1e-3, 1e3],
	lengthScale: [1e-2, 1e2],
	noise: [1e-6, 1]
} as const;

const MAX_ITERATIONS = 200;
/** Stop when the largest free gradient component in log-parameters is below this. */
const GRADIENT_TOLERANCE = 1e-6;
/** Stop when a step gains less than this (relative) in the log likelihood. */
const VALUE_TOLERANCE = 1e-12;
/** Largest move of one log-parameter in one step (e-fold units): keeps the first steps sane. */
const MAX_STEP = 2;
const ARMIJO = 1e-4;

export interface AscentLimits {
	/** Quasi-Newton steps at most. */
	readonly maxIterations?: number;
	/** Stop when a step gains less than this × (1 + |lml|). */
	readonly tolerance?: number;
}

export function hyperFromTheta(theta: Float64Array, d: number): GpHyper {
	return {
		amplitude: Math.exp(theta[0]),
		lengthScales: Float64Array.from({ length: d }, (_, k) => Math.exp(theta[1 + k])),
		noise: Math.exp(theta[d + 1])
	};
}

function boundsOf(d: number): { lo: Float64Array; hi: Float64Array } {
	const lo = new Float64Array(d + 2);
	const hi = new Float64Array(d + 2);
	const set = (i: number, [a, b]: readonly [number, number]) => (
		(lo[i] = Math.log(a)),
		(hi[i] = Math.log(b))
	);
	set(0, GP_BOUNDS.amplitude);
	for (let k = 0; k < d; k++) set(1 + k, GP_BOUNDS.lengthScale);
	set(d + 1, GP_BOUNDS.noise);
	return { lo, hi };
}

/** Local maximum of the log marginal likelihood from θ0 (clipped into the bounds). */
export function ascend(
	data: GpData,
	theta0: Float64Array,
	{ maxIterations = MAX_ITERATIONS, tolerance = VALUE_TOLERANCE }: AscentLimits = {}
): { theta: Float64Array; lml: number } {
	const p = data.d + 2;
	const { lo, hi } = boundsOf(data.d);
	const clip = (t: Float64Array) => t.map((v, i) => Math.min(hi[i], Math.max(lo[i], v)));
	let theta = clip(theta0);
	let grad = new Float64Array(p);
	let f = gpLmlGrad(data, hyperFromTheta(theta, data.d), grad);
	if (!Number.isFinite(f)) return { theta, lml: f };
	const H = new Float64Array(p * p);
	const resetH = () => H.fill(0).forEach((_, i) => i % (p + 1) === 0 && (H[i] = 1));
	resetH();
	for (let it = 0; it < maxIterations; it++) {
		// Ascent on f: a variable at its bound with the gradient pointing out of the box is held.
		const held = (i: number) => (theta[i] <= lo[i] && grad[i] < 0) || (theta[i] >= hi[i] && grad[i] > 0);
		let pg = 0;
		for (let i = 0; i < p; i++) if (!held(i)) pg = Math.max(pg, Math.abs(grad[i]));
		if (pg < GRADIENT_TOLERANCE) break;
		let dir = new Float64Array(p);
		for (let i = 0; i < p; i++) {
			if (held(i)) continue;
			for (let j = 0; j < p; j++) if (!held(j)) dir[i] += H[i * p + j] * grad[j];
		}
		// Not an ascent direction (H has lost positive definiteness to rounding): restart from steepest ascent.
		if (!(dir.reduce((s, v, i) => s + v * grad[i], 0) > 0)) {
			resetH();
			dir = grad.map((g, i) => (held(i) ? 0 : g));
		}
		const longest = dir.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
		let t = Math.min(1, MAX_STEP / longest);
		const nextGrad = new Float64Array(p);
		let next = theta;
		let fNext = Number.NEGATIVE_INFINITY;
		let accepted = false;
		for (let k = 0; k < 40; k++, t *= 0.5) {
			next = clip(theta.map((v, i) => v + t * dir[i]));
			// The likelihood alone decides the step; its gradient is only worked out for the accepted point.
			const model = gpFit(data, hyperFromTheta(next, data.d));
			fNext = model ? model.lml : Number.NEGATIVE_INFINITY;
			const gain = next.reduce((s, v, i) => s + (v - theta[i]) * grad[i], 0);
			if (model && fNext >= f + ARMIJO * gain) {
				lmlGradient(model, nextGrad);
				accepted = true;
				break;
			}
		}
		if (!accepted) break;
		const s = next.map((v, i) => v - theta[i]);
		// For ascent the curvature pair is (s, −Δg): BFGS on −f.
		const yv = grad.map((g, i) => g - nextGrad[i]);
		const sy = s.reduce((a, v, i) => a + v * yv[i], 0);
		if (sy > 1e-12) bfgsUpdate(H, p, s, yv, sy);
		const gained = fNext - f;
		theta = next;
		grad = nextGrad;
		f = fNext;
		if (gained <= tolerance * (1 + Math.abs(f))) break;
	}
	return { theta, lml: f };
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(sᵀy). */
function bfgsUpdate(H: Float64Array, p: number, s: Float64Array, y: Float64Array, sy: number): void {
	const rho = 1 / sy;
	const Hy = new Float64Array(p);
	for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) Hy[i] += H[i * p + j] * y[j];
	const yHy = y.reduce((a, v, i) => a + v * Hy[i], 0);
	for (let i = 0; i < p; i++)
		for (let j = 0; j < p; j++)
			H[i * p + j] += -rho * (s[i] * Hy[j] + Hy[i] * s[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
}

/** The fixed first start: c = 1, ℓ = 0.5 in every dimension, s = 1e-2. */
function defaultStart(d: number): Float64Array {
	const t = new Float64Array(d + 2).fill(Math.log(0.5));
	t[0] = 0;
	t[d + 1] = Math.log(1e-2);
	return t;
}

export interface FitLimits {
	/** Ascents started (the fixed start, then seeded log-uniform ones). */
	readonly starts?: number;
	/** Steps every start gets before only the best one goes on (all of maxIterations when omitted). */
	readonly screenIterations?: number;
	/** Steps the best start gets in all. */
	readonly maxIterations?: number;
	readonly tolerance?: number;
}

/**
 * The best of several ascents: the fixed start, then seeded log-uniform starts (c in [0.3, 3], ℓ in [0.05, 2],
 * s in [1e-4, 1e-1]). Each runs `screenIterations` steps; the best goes on up to `maxIterations`.
 */
export function fitHyper(data: GpData, rng: Rng, limits: FitLimits = {}): { hyper: GpHyper; lml: number } {
	const d = data.d;
	const starts = limits.starts ?? 3;
	const maxIterations = limits.maxIterations ?? MAX_ITERATIONS;
	const screen = Math.min(maxIterations, limits.screenIterations ?? maxIterations);
	const tolerance = limits.tolerance ?? VALUE_TOLERANCE;
	const logU = (a: number, b: number) => Math.log(a) + rng.next() * (Math.log(b) - Math.log(a));
	let best = ascend(data, defaultStart(d), { maxIterations: screen, tolerance });
	for (let r = 1; r < starts; r++) {
		const t = new Float64Array(d + 2);
		t[0] = logU(0.3, 3);
		for (let k = 0; k < d; k++) t[1 + k] = logU(0.05, 2);
		t[d + 1] = logU(1e-4, 1e-1);
		const run = ascend(data, t, { maxIterations: screen, tolerance });
		if (run.lml > best.lml) best = run;
	}
	if (maxIterations > screen) {
		const more = ascend(data, best.theta, { maxIterations: maxIterations - screen, tolerance });
		if (more.lml >= best.lml) best = more;
	}
	return { hyper: hyperFromTheta(best.theta, d), lml: best.lml };
}
