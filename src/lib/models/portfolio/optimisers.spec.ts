import { describe, expect, it } from 'vitest';
import { matVec } from './dense';
import { ledoitWolf } from './ledoit-wolf';
import {
	maxSharpe,
	meanVariance,
	riskContributions,
	riskParity,
	uniformBounds,
	type Bounds
} from './optimisers';
import fixture from './portfolio.fixture.json';

/** Weights agree with SciPy 1.10 SLSQP (ftol 1e-16) within this, per asset. */
const WEIGHT_TOL = 1e-5;
/** KKT conditions hold to this (gradients are of order 1e-2 on monthly returns). */
const KKT_TOL = 1e-10;

const mu = Float64Array.from(fixture.mu);
const n = mu.length;
const cov = Float64Array.from(fixture.cov.flat());

function expectWeights(w: Float64Array, expected: number[], b: Bounds): void {
	expect(w.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
	w.forEach((v, i) => {
		expect(v).toBeGreaterThanOrEqual(b.lower[i] - 1e-12);
		expect(v).toBeLessThanOrEqual(b.upper[i] + 1e-12);
		expect(Math.abs(v - expected[i]), `asset ${i}: ${v} vs ${expected[i]}`).toBeLessThan(WEIGHT_TOL);
	});
}

/**
 * KKT of max f(w) s.t. Σw = 1, lower ≤ w ≤ upper, for a concave f with gradient g: there is one ν with
 * g_i = ν where lower < w_i < upper, g_i ≤ ν at the lower bound and g_i ≥ ν at the upper bound.
 */
function expectKkt(w: Float64Array, g: Float64Array, b: Bounds): void {
	const free = [...w.keys()].filter((i) => w[i] > b.lower[i] + 1e-9 && w[i] < b.upper[i] - 1e-9);
	const nu = free.length ? free.reduce((a, i) => a + g[i], 0) / free.length : Number.NaN;
	for (const i of free) expect(Math.abs(g[i] - nu), `free asset ${i}`).toBeLessThan(KKT_TOL);
	if (!free.length) return; // a vertex: every ν between the bound gradients works
	w.forEach((v, i) => {
		if (v <= b.lower[i] + 1e-9)
			expect(g[i], `asset ${i} at its lower bound`).toBeLessThanOrEqual(nu + KKT_TOL);
		else if (v >= b.upper[i] - 1e-9)
			expect(g[i], `asset ${i} at its upper bound`).toBeGreaterThanOrEqual(nu - KKT_TOL);
	});
}

describe('meanVariance', () => {
	it.each(fixture.mean_variance.map((c) => [c.risk_aversion, c.lower, c.upper, c] as const))(
		'δ = %s, bounds [%s, %s]: equals SciPy SLSQP on MSFT/AMZN/IBM/AAPL monthly returns and meets KKT',
		(_d, _l, _u, c) => {
			const b = uniformBounds(n, c.lower, c.upper);
			const w = meanVariance(mu, cov, c.risk_aversion, b);
			expectWeights(w, c.weights, b);
			const sw = matVec(cov, w, n);
			expectKkt(
				w,
				mu.map((m, i) => m - c.risk_aversion * sw[i]),
				b
			); // ∇(μᵀw − ½δwᵀΣw)
		}
	);

	it('with a diagonal covariance and no binding bounds, matches the closed form w = Σ⁻¹(μ + ν1)/δ', () => {
		// Σ = diag(1, 2), μ = (0.3, 0.1), δ = 1: 0.3 − w1 = 0.1 − 2·w2 and w1 + w2 = 1 → w = (11/15, 4/15).
		const w = meanVariance(
			Float64Array.from([0.3, 0.1]),
			Float64Array.from([1, 0, 0, 2]),
			1,
			uniformBounds(2)
		);
		expect(w[0]).toBeCloseTo(11 / 15, 14);
		expect(w[1]).toBeCloseTo(4 / 15, 14);
	});

	it('refuses infeasible bounds, a non-PSD covariance and a non-positive risk aversion, saying which', () => {
		expect(() => meanVariance(mu, cov, 1, uniformBounds(n, 0.3, 1))).toThrow(
			/bounds are infeasible: the lower bounds sum to 1.2/
		);
		expect(() => meanVariance(mu, cov, 1, uniformBounds(n, 0, 0.2))).toThrow(/upper bounds to 0.8/);
		const b = uniformBounds(2);
		b.lower[0] = 0.6;
		b.upper[0] = 0.5;
		expect(() => meanVariance(Float64Array.from([0, 0]), Float64Array.from([1, 0, 0, 1]), 1, b)).toThrow(
			/asset 0 has lower 0.6 > upper 0.5/
		);
		expect(() =>
			meanVariance(Float64Array.from([0, 0]), Float64Array.from([1, 2, 2, 1]), 1, uniformBounds(2))
		).toThrow(/cov is not positive semi-definite: its smallest eigenvalue is -1\.00000/);
		expect(() =>
			meanVariance(Float64Array.from([0, 0]), Float64Array.from([1, 0.5, 0.4, 1]), 1, uniformBounds(2))
		).toThrow(/not symmetric/);
		expect(() => meanVariance(mu, cov, 0, uniformBounds(n))).toThrow(
			/riskAversion must be a positive number/
		);
	});
});

describe('maxSharpe', () => {
	it.each(fixture.max_sharpe.map((c) => [c.rf, c.lower, c.upper, c] as const))(
		'rf = %s, bounds [%s, %s]: equals SciPy SLSQP on MSFT/AMZN/IBM/AAPL monthly returns and meets KKT',
		(_r, _l, _u, c) => {
			const b = uniformBounds(n, c.lower, c.upper);
			const w = maxSharpe(mu, cov, c.rf, b);
			expectWeights(w, c.weights, b);
			// ∇S = ((μ − rf) − S·Σw/σ)/σ.
			const sw = matVec(cov, w, n);
			const sigma = Math.sqrt(w.reduce((a, v, i) => a + v * sw[i], 0));
			const ex = mu.map((m) => m - c.rf);
			const s = ex.reduce((a, e, i) => a + e * w[i], 0) / sigma;
			expectKkt(
				w,
				ex.map((e, i) => (e - (s * sw[i]) / sigma) / sigma),
				b
			);
		}
	);

	it('beats every other point of a fine grid of feasible two-asset portfolios', () => {
		const m2 = Float64Array.from([0.1, 0.05]);
		const c2 = Float64Array.from([0.04, 0.006, 0.006, 0.01]);
		const w = maxSharpe(m2, c2, 0.01, uniformBounds(2));
		const sharpe = (a: number) =>
			(0.1 * a + 0.05 * (1 - a) - 0.01) / Math.sqrt(0.04 * a * a + 0.012 * a * (1 - a) + 0.01 * (1 - a) ** 2);
		for (let a = 0; a <= 1; a += 0.001) expect(sharpe(a)).toBeLessThanOrEqual(sharpe(w[0]) + 1e-15);
	});

	it('refuses when no feasible portfolio earns more than the risk-free rate', () => {
		expect(() => maxSharpe(mu, cov, 1, uniformBounds(n))).toThrow(
			/no portfolio within the bounds earns more than rf \(1\)/
		);
	});
});

describe('riskParity', () => {
	it('equals SciPy SLSQP’s equal-risk-contribution weights on MSFT/AMZN/IBM/AAPL, every contribution 1/4', () => {
		const w = riskParity(cov);
		expectWeights(w, fixture.risk_parity, uniformBounds(n));
		riskContributions(w, cov).forEach((rc) => expect(Math.abs(rc - 0.25)).toBeLessThan(1e-12));
	});

	it('with uncorrelated assets is inverse volatility', () => {
		const w = riskParity(Float64Array.from([0.04, 0, 0, 0.01]));
		expect(w[0]).toBeCloseTo(1 / 3, 14);
		expect(w[1]).toBeCloseTo(2 / 3, 14);
	});

	it('refuses a non-PSD covariance and a zero variance', () => {
		expect(() => riskParity(Float64Array.from([1, 2, 2, 1]))).toThrow(/not positive semi-definite/);
		expect(() => riskParity(Float64Array.from([0, 0, 0, 1]))).toThrow(
			/cov\[0\]\[0\] is 0: every asset needs a positive variance/
		);
	});
});

describe('ledoitWolf', () => {
	it('equals sklearn.covariance.LedoitWolf (1.2.1) on the monthly returns: shrinkage and covariance', () => {
		const rows = fixture.returns.length;
		const r = ledoitWolf(Float64Array.from(fixture.returns.flat()), rows, n);
		expect(Math.abs(r.shrinkage - fixture.ledoit_wolf.shrinkage)).toBeLessThan(1e-12);
		fixture.ledoit_wolf.covariance
			.flat()
			.forEach((v, k) => expect(Math.abs(r.covariance[k] - v)).toBeLessThan(1e-14));
		expect(r.shrinkage).toBeGreaterThan(0);
	});

	it('refuses fewer than two observations', () => {
		expect(() => ledoitWolf(new Float64Array(4), 1, 4)).toThrow(/at least 2 observations/);
	});
});
