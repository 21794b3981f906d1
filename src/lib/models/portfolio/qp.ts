/**
 * Primal active-set method for a small convex quadratic programme (Nocedal & Wright, Numerical Optimization,
 * 2nd ed., Algorithm 16.3):  minimise ½ xᵀGx + cᵀx  subject to  A_eq x = b_eq,  A_in x ≥ b_in,  from a feasible
 * start. Each step solves the equality-constrained subproblem on the working set exactly (its KKT system), so
 * the answer is exact to rounding once the right active set is found — no step size or tolerance to tune.
 * G must be positive definite on the null space of the working constraints (else a RangeError).
 */
import { dot, solve } from './dense';

export interface QpProblem {
	readonly n: number;
	/** n×n row-major, symmetric positive semi-definite. */
	readonly G: Float64Array;
	readonly c: Float64Array;
	/** Rows of constraint coefficients (length n each). */
	readonly eq: readonly { readonly a: Float64Array; readonly b: number }[];
	readonly ineq: readonly { readonly a: Float64Array; readonly b: number }[];
}

export interface QpSolution {
	readonly x: Float64Array;
	/** Multipliers of the inequalities (0 for those inactive), ≥ 0 at the optimum. */
	readonly lambdaIneq: Float64Array;
	/** Multipliers of the equalities: G x + c = Σ μ_eq a_eq + Σ λ a_in. */
	readonly muEq: Float64Array;
	readonly iterations: number;
}

/** Stop when the step is this small relative to the point (the working-set minimiser is reached). */
const STEP_TOL = 1e-14;
/** A multiplier this negative (relative to the gradient's scale) means the constraint should leave the set. */
const MULTIPLIER_TOL = 1e-12;
const MAX_ITERATIONS = 500;

export function solveQp(p: QpProblem, x0: Float64Array): QpSolution {
	const { n, G, c, eq, ineq } = p;
	const x = x0.slice();
	const working: number[] = [];
	// After a full step with no blocking constraint x is the working set's minimiser (Nocedal & Wright, Alg. 16.3):
	// the next subproblem's step is 0 in exact arithmetic, and its rounding noise (≈ 1e-14 when the means are
	// large against the covariance's smallest eigenvalue) must not be taken as a step, or the method cycles.
	let atMinimiser = false;
	for (let iter = 1; iter <= MAX_ITERATIONS; iter++) {
		const g = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			let s = c[i];
			for (let j = 0; j < n; j++) s += G[i * n + j] * x[j];
			g[i] = s;
		}
		// KKT system of the subproblem: [G Aᵀ; A 0] [step; μ] = [−g; 0].
		const rows = [...eq.map((e) => e.a), ...working.map((k) => ineq[k].a)];
		const m = rows.length;
		const size = n + m;
		const K = new Float64Array(size * size);
		const rhs = new Float64Array(size);
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < n; j++) K[i * size + j] = G[i * n + j];
			rhs[i] = -g[i];
		}
		rows.forEach((a, r) => {
			for (let j = 0; j < n; j++) {
				K[(n + r) * size + j] = a[j];
				K[j * size + n + r] = a[j];
			}
		});
		const sol = solve(K, rhs, size);
		if (!sol)
			throw new RangeError(
				'the quadratic programme is singular: the covariance is not positive definite on the feasible directions'
			);
		const step = sol.subarray(0, n);
		let stepNorm = 0;
		let xNorm = 1;
		for (let i = 0; i < n; i++) {
			stepNorm = Math.max(stepNorm, Math.abs(step[i]));
			xNorm = Math.max(xNorm, Math.abs(x[i]));
		}
		const settled = atMinimiser;
		atMinimiser = false;
		if (settled || stepNorm <= STEP_TOL * xNorm) {
			// λ = −μ (G x + c = Aᵀλ); the most negative inequality multiplier leaves the working set.
			let worst = -1;
			let worstValue = -MULTIPLIER_TOL * Math.max(1, ...g.map(Math.abs));
			working.forEach((k, r) => {
				const lambda = -sol[n + eq.length + r];
				if (lambda < worstValue) {
					worstValue = lambda;
					worst = r;
				}
			});
			if (worst < 0) {
				const lambdaIneq = new Float64Array(ineq.length);
				working.forEach((k, r) => (lambdaIneq[k] = -sol[n + eq.length + r]));
				const muEq = Float64Array.from(eq, (_, r) => -sol[n + r]);
				return { x, lambdaIneq, muEq, iterations: iter };
			}
			working.splice(worst, 1);
			continue;
		}
		let alpha = 1;
		let blocking = -1;
		ineq.forEach((con, k) => {
			if (working.includes(k)) return;
			const ap = dot(con.a, step);
			if (ap >= 0) return;
			const ratio = Math.max(0, (con.b - dot(con.a, x)) / ap);
			if (ratio < alpha) {
				alpha = ratio;
				blocking = k;
			}
		});
		for (let i = 0; i < n; i++) x[i] += alpha * step[i];
		if (blocking >= 0) working.push(blocking);
		else atMinimiser = alpha === 1;
	}
	throw new RangeError(`the active-set method did not settle in ${MAX_ITERATIONS} iterations`);
}
