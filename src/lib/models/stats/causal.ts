/**
 * Linear causal-effect estimators of a treatment T on an outcome Y, each valid under its own assumed graph:
 * - back-door (Pearl 2009, §3.3): Z blocks every back-door path T ← … → Y, so the coefficient of T in the OLS
 *   regression Y ~ 1 + T + Z is the effect (linear, homogeneous effects);
 * - instrumental variables: Z moves T, reaches Y only through T and shares no cause with Y; two-stage least
 *   squares (T̂ from T ~ 1 + Z, then Y ~ 1 + T̂), standard errors from the structural residuals Y − b₀ − b₁T
 *   as statsmodels' IV2SLS;
 * - front-door (Pearl 2009, §3.3.2): mediators M carry all of T's effect, T → M is unconfounded and T blocks the
 *   back-door paths M ← … → Y; in a linear model the effect is Σ_m a_m b_m, a_m from M_m ~ 1 + T and b_m the
 *   coefficient of M_m in Y ~ 1 + T + M.
 */
import { ols } from './ols';

export interface LinearEffect {
	readonly effect: number;
	/** Analytic standard error where the estimator has one (NaN for the front-door product). */
	readonly se: number;
}

const ones = (n: number): Float64Array => new Float64Array(n).fill(1);

export function backdoorEffect(
	y: Float64Array,
	t: Float64Array,
	adjust: readonly Float64Array[]
): LinearEffect {
	const fit = ols(y, [ones(y.length), t, ...adjust]);
	return { effect: fit.params[1], se: fit.bse[1] };
}

export function ivEffect(
	y: Float64Array,
	t: Float64Array,
	instruments: readonly Float64Array[]
): LinearEffect & { firstStageF: number } {
	const n = y.length;
	const first = ols(t, [ones(n), ...instruments]);
	const tHat = Float64Array.from(t, (v, i) => v - first.resid[i]);
	let mean = 0;
	for (let i = 0; i < n; i++) mean += t[i];
	mean /= n;
	let tss = 0;
	for (let i = 0; i < n; i++) tss += (t[i] - mean) ** 2;
	const q = instruments.length;
	const firstStageF = (tss - first.ssr) / q / (first.ssr / first.dfResid);
	const second = ols(y, [ones(n), tHat]);
	let ssr = 0;
	for (let i = 0; i < n; i++) ssr += (y[i] - second.params[0] - second.params[1] * t[i]) ** 2;
	// The second stage's (X̂ᵀX̂)⁻¹ is right; its σ̂² (from T̂'s residuals) is not: rescale to the structural one.
	const se = second.bse[1] * Math.sqrt(ssr / second.ssr);
	return { effect: second.params[1], se, firstStageF };
}

export function frontdoorEffect(
	y: Float64Array,
	t: Float64Array,
	mediators: readonly Float64Array[]
): LinearEffect {
	const n = y.length;
	const outcome = ols(y, [ones(n), t, ...mediators]);
	let effect = 0;
	mediators.forEach((m, j) => {
		const a = ols(m, [ones(n), t]).params[1];
		effect += a * outcome.params[2 + j];
	});
	return { effect, se: Number.NaN };
}
