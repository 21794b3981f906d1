/**
 * Yield-curve fitting across maturities:
 * - Nelson–Siegel (C. R. Nelson & A. F. Siegel, "Parsimonious modeling of yield curves", J. Business 60, 1987):
 *   y(τ) = β₀ + β₁·(1 − e^(−x))/x + β₂·((1 − e^(−x))/x − e^(−x)), x = τ/λ; fitted by profile least squares
 *   (β by linear least squares for each λ; λ by a grid of 400 values in [0.1, 20] years refined by golden section
 *   on ln λ).
 * - The cubic smoothing spline minimising Σ(yᵢ − f(τᵢ))² + α∫f''² (Reinsch's algorithm; P. J. Green & B. W.
 *   Silverman, Nonparametric Regression and Generalized Linear Models, 1994, §2.3), α → 0 interpolates.
 * - Linear interpolation.
 */
import { invert } from './math';

export interface NelsonSiegel {
	readonly beta0: number;
	readonly beta1: number;
	readonly beta2: number;
	readonly lambda: number;
	/** Sum of squared residuals at the observed maturities. */
	readonly sse: number;
}

export const LAMBDA_RANGE: readonly [number, number] = [0.1, 20];
const LAMBDA_GRID = 400;
const GOLDEN_ITERATIONS = 80;

function loadings(tau: number, lambda: number): [number, number, number] {
	const x = tau / lambda;
	const e = Math.exp(-x);
	const f1 = -Math.expm1(-x) / x;
	return [1, f1, f1 - e];
}

export function nelsonSiegelYield(p: Omit<NelsonSiegel, 'sse'>, tau: number): number {
	const [a, b, c] = loadings(tau, p.lambda);
	return p.beta0 * a + p.beta1 * b + p.beta2 * c;
}

/** β for a fixed λ by least squares (3 × 3 normal equations), with the residual sum of squares. */
function betasFor(tau: readonly number[], y: readonly number[], lambda: number): NelsonSiegel | null {
	const A = new Float64Array(9);
	const b = new Float64Array(3);
	const rows = tau.map((t) => loadings(t, lambda));
	rows.forEach((row, i) => {
		for (let j = 0; j < 3; j++) {
			b[j] += row[j] * y[i];
			for (let k = 0; k < 3; k++) A[j * 3 + k] += row[j] * row[k];
		}
	});
	const inv = invert(A, 3);
	if (!inv) return null;
	const beta = [0, 1, 2].map((j) => inv[j * 3] * b[0] + inv[j * 3 + 1] * b[1] + inv[j * 3 + 2] * b[2]);
	let sse = 0;
	rows.forEach((row, i) => (sse += (y[i] - (beta[0] * row[0] + beta[1] * row[1] + beta[2] * row[2])) ** 2));
	return { beta0: beta[0], beta1: beta[1], beta2: beta[2], lambda, sse };
}

export function fitNelsonSiegel(tau: readonly number[], y: readonly number[]): NelsonSiegel {
	if (tau.length < 4) throw new RangeError(`Nelson–Siegel needs at least 4 maturities, got ${tau.length}`);
	const [lo, hi] = LAMBDA_RANGE.map(Math.log);
	const step = (hi - lo) / (LAMBDA_GRID - 1);
	let best: NelsonSiegel | null = null;
	let bestIndex = 0;
	for (let i = 0; i < LAMBDA_GRID; i++) {
		const fit = betasFor(tau, y, Math.exp(lo + i * step));
		if (fit && (!best || fit.sse < best.sse)) {
			best = fit;
			bestIndex = i;
		}
	}
	if (!best) throw new RangeError('Nelson–Siegel: the maturities do not identify the three factors');
	// Golden section on ln λ between the grid neighbours of the best point.
	let a = lo + Math.max(0, bestIndex - 1) * step;
	let b = lo + Math.min(LAMBDA_GRID - 1, bestIndex + 1) * step;
	const ratio = (Math.sqrt(5) - 1) / 2;
	const sse = (l: number) => betasFor(tau, y, Math.exp(l))?.sse ?? Infinity;
	let c = b - ratio * (b - a);
	let d = a + ratio * (b - a);
	let fc = sse(c);
	let fd = sse(d);
	for (let i = 0; i < GOLDEN_ITERATIONS; i++) {
		if (fc < fd) {
			b = d;
			d = c;
			fd = fc;
			c = b - ratio * (b - a);
			fc = sse(c);
		} else {
			a = c;
			c = d;
			fc = fd;
			d = a + ratio * (b - a);
			fd = sse(d);
		}
	}
	const refined = betasFor(tau, y, Math.exp((a + b) / 2));
	return refined && refined.sse <= best.sse ? refined : best;
}

export interface Spline {
	readonly knots: readonly number[];
	/** Fitted values at the knots. */
	readonly values: readonly number[];
	/** Second derivatives at the knots (0 at both ends: natural). */
	readonly second: readonly number[];
}

/** Reinsch smoothing spline through (τᵢ, yᵢ), τ strictly increasing, n ≥ 3. */
export function smoothingSpline(tau: readonly number[], y: readonly number[], alpha: number): Spline {
	const n = tau.length;
	if (n < 3) throw new RangeError(`a cubic spline needs at least 3 points, got ${n}`);
	if (!(alpha >= 0)) throw new RangeError(`alpha must be ≥ 0, got ${alpha}`);
	const h = Array.from({ length: n - 1 }, (_, i) => tau[i + 1] - tau[i]);
	if (h.some((v) => !(v > 0))) throw new RangeError('maturities must be strictly increasing');
	const m = n - 2;
	// Q (n × m) and R (m × m), Green & Silverman §2.1.2.
	const Q = new Float64Array(n * m);
	const R = new Float64Array(m * m);
	for (let j = 0; j < m; j++) {
		Q[j * m + j] = 1 / h[j];
		Q[(j + 1) * m + j] = -1 / h[j] - 1 / h[j + 1];
		Q[(j + 2) * m + j] = 1 / h[j + 1];
		R[j * m + j] = (h[j] + h[j + 1]) / 3;
		if (j + 1 < m) {
			R[j * m + j + 1] = h[j + 1] / 6;
			R[(j + 1) * m + j] = h[j + 1] / 6;
		}
	}
	const Rinv = invert(R, m)!;
	// K = Q R⁻¹ Qᵀ; fitted g = (I + αK)⁻¹ y; γ = R⁻¹ Qᵀ g.
	const QR = new Float64Array(n * m);
	for (let i = 0; i < n; i++)
		for (let k = 0; k < m; k++) {
			let s = 0;
			for (let j = 0; j < m; j++) s += Q[i * m + j] * Rinv[j * m + k];
			QR[i * m + k] = s;
		}
	const M = new Float64Array(n * n);
	for (let i = 0; i < n; i++)
		for (let l = 0; l < n; l++) {
			let s = 0;
			for (let k = 0; k < m; k++) s += QR[i * m + k] * Q[l * m + k];
			M[i * n + l] = (i === l ? 1 : 0) + alpha * s;
		}
	const Minv = invert(M, n)!;
	const g = Array.from({ length: n }, (_, i) => y.reduce((s, v, l) => s + Minv[i * n + l] * v, 0));
	const gamma = Array.from({ length: m }, (_, k) => {
		let s = 0;
		for (let i = 0; i < n; i++) s += QR[i * m + k] * g[i];
		return s;
	});
	return { knots: [...tau], values: g, second: [0, ...gamma, 0] };
}

/** The spline's value at t (linear beyond the end knots, as a natural spline extends). */
export function splineAt(s: Spline, t: number): number {
	const { knots: x, values: g, second: c } = s;
	const n = x.length;
	if (t <= x[0] || t >= x[n - 1]) {
		const [i, j] = t <= x[0] ? [0, 1] : [n - 2, n - 1];
		const h = x[j] - x[i];
		// End slopes of a natural spline.
		const slope = t <= x[0] ? (g[1] - g[0]) / h - (h * c[1]) / 6 : (g[j] - g[i]) / h + (h * c[i]) / 6;
		return t <= x[0] ? g[0] + slope * (t - x[0]) : g[n - 1] + slope * (t - x[n - 1]);
	}
	let i = 0;
	while (t > x[i + 1]) i++;
	const h = x[i + 1] - x[i];
	const a = t - x[i];
	const b = x[i + 1] - t;
	return (a * g[i + 1] + b * g[i]) / h - ((a * b) / 6) * ((1 + a / h) * c[i + 1] + (1 + b / h) * c[i]);
}

/** Linear interpolation (flat beyond the ends). */
export function linearAt(tau: readonly number[], y: readonly number[], t: number): number {
	if (t <= tau[0]) return y[0];
	const n = tau.length;
	if (t >= tau[n - 1]) return y[n - 1];
	let i = 0;
	while (t > tau[i + 1]) i++;
	return y[i] + ((y[i + 1] - y[i]) * (t - tau[i])) / (tau[i + 1] - tau[i]);
}

/** Instantaneous forward rate f(τ) = y(τ) + τ·y'(τ) of a zero curve y, by a central difference. */
export function forwardRate(curve: (tau: number) => number, tau: number): number {
	const h = 1e-4 * Math.max(1, tau);
	return curve(tau) + (tau * (curve(tau + h) - curve(tau - h))) / (2 * h);
}
