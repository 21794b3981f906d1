import { describe, expect, it } from 'vitest';
import { concentratedSigma2, filterArma, logLikelihood, stationaryCovariance } from './arma-filter';

const w = [0.3, -0.1, 0.25, 0.05, -0.4, 0.2, 0.1];

describe('the stationary state covariance', () => {
	it('is 1 / (1 − φ²) for an AR(1) and (1 + θ², θ; θ, θ²) for an MA(1)', () => {
		expect(stationaryCovariance({ phi: [0.8], theta: [] })![0]).toBeCloseTo(1 / (1 - 0.64), 12);
		expect([...stationaryCovariance({ phi: [], theta: [0.5] })!]).toEqual([1.25, 0.5, 0.5, 0.25]);
	});

	it('refuses a non-stationary transition', () => {
		expect(stationaryCovariance({ phi: [1.01], theta: [] })).toBeNull();
		expect(filterArma(w, 0, { phi: [1], theta: [] })).toBeNull();
	});
});

describe('the ARMA Kalman filter', () => {
	it('gives the exact AR(1) likelihood written out by hand', () => {
		const phi = 0.6;
		const sigma2 = 0.04;
		const mu = 0.02;
		// Stationary first value, then conditional steps: N(μ + φ(wₜ₋₁ − μ), σ²).
		let expected =
			-0.5 *
			(Math.log((2 * Math.PI * sigma2) / (1 - phi * phi)) + ((1 - phi * phi) * (w[0] - mu) ** 2) / sigma2);
		for (let t = 1; t < w.length; t++)
			expected -= 0.5 * (Math.log(2 * Math.PI * sigma2) + (w[t] - mu - phi * (w[t - 1] - mu)) ** 2 / sigma2);
		const sums = filterArma(w, mu, { phi: [phi], theta: [] })!;
		expect(logLikelihood(sums, sigma2)).toBeCloseTo(expected, 12);
	});

	it('gives the exact MA(1) likelihood of the Gaussian vector (1 + θ² on the diagonal, θ beside it)', () => {
		const theta = -0.4;
		const n = w.length;
		// Exact: −½(n log 2π + log|Σ| + wᵀΣ⁻¹w) with Σ tridiagonal, by Cholesky.
		const S = Array.from({ length: n }, (_, i) =>
			Array.from({ length: n }, (_, j) => (i === j ? 1 + theta * theta : Math.abs(i - j) === 1 ? theta : 0))
		);
		const L = S.map(() => new Array(n).fill(0));
		for (let i = 0; i < n; i++)
			for (let j = 0; j <= i; j++) {
				let s = S[i][j];
				for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
				L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j];
			}
		const z: number[] = [];
		for (let i = 0; i < n; i++) {
			let s = w[i];
			for (let k = 0; k < i; k++) s -= L[i][k] * z[k];
			z.push(s / L[i][i]);
		}
		const logDet = 2 * L.reduce((a, row, i) => a + Math.log(row[i]), 0);
		const quad = z.reduce((a, v) => a + v * v, 0);
		const expected = -0.5 * (n * Math.log(2 * Math.PI) + logDet + quad);
		expect(logLikelihood(filterArma(w, 0, { phi: [], theta: [theta] })!, 1)).toBeCloseTo(expected, 12);
	});

	it('concentrates σ² at its maximum-likelihood value', () => {
		const sums = filterArma(w, 0, { phi: [0.3], theta: [0.2] })!;
		const s2 = concentratedSigma2(sums);
		const at = logLikelihood(sums, s2);
		expect(at).toBeGreaterThan(logLikelihood(sums, s2 * 1.01));
		expect(at).toBeGreaterThan(logLikelihood(sums, s2 * 0.99));
	});

	it('predicts the next value from past values only', () => {
		const seen: number[] = [];
		filterArma(w, 0, { phi: [0.5], theta: [] }, (_, a) => seen.push(a[0]));
		// AR(1): the one-step prediction after wₜ is φ wₜ.
		w.forEach((v, t) => expect(seen[t]).toBeCloseTo(0.5 * v, 15));
	});
});
