/**
 * One-factor short-rate models calibrated to an observed rate series by (quasi-)maximum likelihood:
 * - Vasicek (1977), dr = κ(θ − r)dt + σ dW. The transition over Δ is exactly Gaussian, so the conditional MLE is
 *   the OLS regression r[t+1] = a + b·r[t] + e with b = e^(−κΔ), a = θ(1 − b), Var e = σ²(1 − b²)/(2κ).
 * - Cox, Ingersoll & Ross (1985), dr = κ(θ − r)dt + σ√r dW. The exact transition is a scaled noncentral χ²; here
 *   the documented approximation is Gaussian quasi-maximum likelihood with the exact conditional mean and
 *   variance (e.g. Overbeck & Rydén 1997, "Estimation in the Cox–Ingersoll–Ross model", Econometric Theory 13):
 *   E = r·e^(−κΔ) + θ(1 − e^(−κΔ)), V = r·σ²/κ·(e^(−κΔ) − e^(−2κΔ)) + θσ²/(2κ)·(1 − e^(−κΔ))².
 * Standard errors come from the inverse of the numerical Hessian of the negative log-likelihood at the estimate.
 * Bond prices are the models' closed forms with the estimated parameters taken as risk-neutral (no market
 * price of risk is estimated).
 */
import type { Rng } from '../../domain/random';
import { AnalysisInputError } from '../analysis';
import { minimize } from '../optim/minimize';
import { invert, normCdf, numericalHessian } from './math';

export interface ShortRateParams {
	readonly kappa: number;
	readonly theta: number;
	readonly sigma: number;
}

export interface ShortRateFit extends ShortRateParams {
	/** Standard errors of κ, θ, σ (NaN when the Hessian is not invertible). */
	readonly se: readonly [number, number, number];
	readonly logLik: number;
	readonly observations: number;
}

/** Fewer transitions than this leave κ unidentified in practice. */
export const MIN_OBSERVATIONS = 20;

const MS_PER_DAY = 86_400_000;

/**
 * The observation interval in years from the dates: trading days (median gap ≤ 5 days) 1/252, weekly 1/52,
 * monthly 1/12, quarterly 1/4, annual 1; anything else the median gap in days / 365.25.
 */
export function observationStep(t: Float64Array): { dt: number; label: string } {
	const gaps = Array.from({ length: t.length - 1 }, (_, i) => (t[i + 1] - t[i]) / MS_PER_DAY).sort(
		(a, b) => a - b
	);
	const median = gaps[Math.floor(gaps.length / 2)];
	if (median <= 5) return { dt: 1 / 252, label: 'daily (252 trading days a year)' };
	if (median >= 6 && median <= 8) return { dt: 1 / 52, label: 'weekly' };
	if (median >= 27 && median <= 32) return { dt: 1 / 12, label: 'monthly' };
	if (median >= 88 && median <= 93) return { dt: 1 / 4, label: 'quarterly' };
	if (median >= 360 && median <= 370) return { dt: 1, label: 'annual' };
	return { dt: median / 365.25, label: `every ${median} days` };
}

function checkSeries(r: Float64Array): void {
	if (r.length - 1 < MIN_OBSERVATIONS)
		throw new AnalysisInputError(
			`A short-rate model needs at least ${MIN_OBSERVATIONS + 1} observations of the rate; this series has ${r.length}.`
		);
	r.forEach((v, i) => {
		if (!Number.isFinite(v)) throw new AnalysisInputError(`The rate series has a missing value at row ${i}.`);
	});
}

/** Exact Gaussian conditional log-likelihood of Vasicek. */
export function vasicekLogLik(r: Float64Array, dt: number, p: ShortRateParams): number {
	const b = Math.exp(-p.kappa * dt);
	const v = (p.sigma * p.sigma * (1 - b * b)) / (2 * p.kappa);
	let ll = 0;
	for (let i = 1; i < r.length; i++) {
		const e = r[i] - p.theta - b * (r[i - 1] - p.theta);
		ll -= 0.5 * (Math.log(2 * Math.PI * v) + (e * e) / v);
	}
	return ll;
}

function standardErrors(
	negLogLik: (x: Float64Array) => number,
	at: ShortRateParams
): [number, number, number] {
	const H = numericalHessian(negLogLik, [at.kappa, at.theta, at.sigma]);
	const cov = invert(H, 3);
	const se = (i: number): number => (cov && cov[i * 4] > 0 ? Math.sqrt(cov[i * 4]) : Number.NaN);
	return [se(0), se(1), se(2)];
}

const asParams = (x: ArrayLike<number>): ShortRateParams => ({ kappa: x[0], theta: x[1], sigma: x[2] });

/** Vasicek by exact conditional maximum likelihood (the OLS closed form). */
export function fitVasicek(r: Float64Array, dt: number): ShortRateFit {
	checkSeries(r);
	const n = r.length - 1;
	let sx = 0;
	let sy = 0;
	for (let i = 0; i < n; i++) {
		sx += r[i];
		sy += r[i + 1];
	}
	const mx = sx / n;
	const my = sy / n;
	let sxx = 0;
	let sxy = 0;
	for (let i = 0; i < n; i++) {
		sxx += (r[i] - mx) * (r[i] - mx);
		sxy += (r[i] - mx) * (r[i + 1] - my);
	}
	if (!(sxx > 0)) throw new AnalysisInputError('The rate series is constant: nothing to estimate.');
	const b = sxy / sxx;
	const a = my - b * mx;
	if (!(b > 0 && b < 1))
		throw new AnalysisInputError(
			`The rate series shows no mean reversion at this frequency (AR(1) coefficient ${b.toFixed(4)} is not in (0, 1)), so κ cannot be estimated.`
		);
	let ssr = 0;
	for (let i = 0; i < n; i++) ssr += (r[i + 1] - a - b * r[i]) ** 2;
	const kappa = -Math.log(b) / dt;
	const fit = asParams([kappa, a / (1 - b), Math.sqrt(((ssr / n) * 2 * kappa) / (1 - b * b))]);
	const nll = (x: Float64Array) => -vasicekLogLik(r, dt, asParams(x));
	return { ...fit, se: standardErrors(nll, fit), logLik: vasicekLogLik(r, dt, fit), observations: n };
}

/** CIR conditional mean and variance over dt from r (exact moments of the noncentral χ² transition). */
export function cirMoments(r: number, dt: number, p: ShortRateParams): { mean: number; variance: number } {
	const e = Math.exp(-p.kappa * dt);
	const s2 = p.sigma * p.sigma;
	return {
		mean: r * e + p.theta * (1 - e),
		variance: ((r * s2) / p.kappa) * (e - e * e) + ((p.theta * s2) / (2 * p.kappa)) * (1 - e) * (1 - e)
	};
}

/** Gaussian quasi-log-likelihood of CIR with the exact conditional moments. */
export function cirQuasiLogLik(r: Float64Array, dt: number, p: ShortRateParams): number {
	if (!(p.kappa > 0 && p.theta > 0 && p.sigma > 0)) return Number.NEGATIVE_INFINITY;
	let ll = 0;
	for (let i = 1; i < r.length; i++) {
		const { mean, variance } = cirMoments(r[i - 1], dt, p);
		const e = r[i] - mean;
		ll -= 0.5 * (Math.log(2 * Math.PI * variance) + (e * e) / variance);
	}
	return ll;
}

/** CIR by Gaussian quasi-maximum likelihood, started from the Vasicek fit (σ scaled by 1/√mean rate). */
export function fitCir(r: Float64Array, dt: number): ShortRateFit {
	checkSeries(r);
	const negative = r.findIndex((v) => v < 0);
	if (negative >= 0)
		throw new AnalysisInputError(
			`The CIR model keeps rates non-negative, but the series is ${r[negative]} at row ${negative}; use Vasicek for negative rates.`
		);
	const start = fitVasicek(r, dt);
	let mean = 0;
	for (const v of r) mean += v / r.length;
	const x0 = [
		Math.log(start.kappa),
		Math.log(start.theta > 0 ? start.theta : mean),
		Math.log(start.sigma / Math.sqrt(mean))
	];
	const objective = (x: Float64Array) => {
		const v = -cirQuasiLogLik(r, dt, asParams([Math.exp(x[0]), Math.exp(x[1]), Math.exp(x[2])]));
		return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
	};
	const best = minimize(objective, x0, { maxIterations: 2000, gradientTolerance: 1e-9 });
	const fit = asParams(Array.from(best.x, Math.exp));
	const nll = (x: Float64Array) => -cirQuasiLogLik(r, dt, asParams(x));
	return {
		...fit,
		se: standardErrors(nll, fit),
		logLik: cirQuasiLogLik(r, dt, fit),
		observations: r.length - 1
	};
}

/** P(χ²₃ ≤ x) = 2Φ(√x) − 1 − √(2x/π)·e^(−x/2), for the likelihood-ratio test of three parameters. */
export function chiSquare3Cdf(x: number): number {
	if (!(x > 0)) return 0;
	const s = Math.sqrt(x);
	return 2 * normCdf(s) - 1 - Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2);
}

/** Zero-coupon bond price P(τ) = A(τ)·e^(−B(τ)·r) under Vasicek (Hull, OFOD 9th ed., eq. 31.7–31.8). */
export function vasicekBond(p: ShortRateParams, r: number, tau: number): number {
	const B = (1 - Math.exp(-p.kappa * tau)) / p.kappa;
	const s2 = p.sigma * p.sigma;
	const lnA =
		((B - tau) * (p.kappa * p.kappa * p.theta - s2 / 2)) / (p.kappa * p.kappa) - (s2 * B * B) / (4 * p.kappa);
	return Math.exp(lnA - B * r);
}

/** Zero-coupon bond price under CIR (Hull, OFOD 9th ed., eq. 31.10–31.11). */
export function cirBond(p: ShortRateParams, r: number, tau: number): number {
	const g = Math.sqrt(p.kappa * p.kappa + 2 * p.sigma * p.sigma);
	const eg = Math.expm1(g * tau);
	const den = (g + p.kappa) * eg + 2 * g;
	const B = (2 * eg) / den;
	const lnA =
		((2 * p.kappa * p.theta) / (p.sigma * p.sigma)) *
		Math.log((2 * g * Math.exp(((p.kappa + g) * tau) / 2)) / den);
	return Math.exp(lnA - B * r);
}

/** Continuously compounded zero yield −ln P(τ)/τ. */
export const zeroYield = (price: number, tau: number): number => -Math.log(price) / tau;

/** Sub-steps per observation interval of the CIR full-truncation Euler scheme. */
export const CIR_SUBSTEPS = 20;

/**
 * Simulated paths (paths × steps+1, row-major) from r0: Vasicek by its exact Gaussian transition; CIR by the
 * full-truncation Euler scheme (Lord, Koekkoek & van Dijk 2010) with CIR_SUBSTEPS sub-steps per interval.
 */
export function simulateShortRate(
	model: 'vasicek' | 'cir',
	p: ShortRateParams,
	r0: number,
	dt: number,
	steps: number,
	paths: number,
	rng: Rng
): Float64Array {
	const out = new Float64Array(paths * (steps + 1));
	const b = Math.exp(-p.kappa * dt);
	const sd = p.sigma * Math.sqrt((1 - b * b) / (2 * p.kappa));
	const h = dt / CIR_SUBSTEPS;
	const sh = Math.sqrt(h);
	for (let k = 0; k < paths; k++) {
		let r = r0;
		out[k * (steps + 1)] = r;
		for (let s = 1; s <= steps; s++) {
			if (model === 'vasicek') r = p.theta + b * (r - p.theta) + sd * rng.normal();
			else
				for (let j = 0; j < CIR_SUBSTEPS; j++) {
					const plus = Math.max(r, 0);
					r += p.kappa * (p.theta - plus) * h + p.sigma * Math.sqrt(plus) * sh * rng.normal();
				}
			out[k * (steps + 1) + s] = model === 'cir' ? Math.max(r, 0) : r;
		}
	}
	return out;
}
