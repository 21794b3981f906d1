import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import {
	binnedEntropy,
	countWithin,
	digammaTable,
	kthNeighbourDistances,
	ksgMutualInformation,
	scaleToUnitVariance
} from './ksg';
import fixture from './mi.fixture.json';
import { returnsOf } from './returns';

function gaussianPair(n: number, rho: number, seed: number) {
	const rng = createRng(seed);
	const x = new Float64Array(n);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		x[i] = rng.normal();
		y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * rng.normal();
	}
	return { x, y };
}

describe('KSG mutual information (Kraskov, Stögbauer & Grassberger 2004, algorithm 1), nats', () => {
	it('recovers −½ ln(1 − ρ²) of bivariate Gaussians within 0.02 for ρ ≤ 0.6, 0.04 for ρ = 0.9 (mean of 5 seeded samples of 2,000, k = 3)', () => {
		// KSG's bias grows with the dependence (Kraskov et al. 2004, fig. 4); 0.04 is 5 % of the 0.83 nats at ρ = 0.9.
		for (const [rho, tol] of [
			[0.3, 0.02],
			[0.6, 0.02],
			[0.9, 0.04]
		]) {
			let mean = 0;
			for (let seed = 1; seed <= 5; seed++) {
				const { x, y } = gaussianPair(2000, rho, seed);
				mean += ksgMutualInformation(x, y, 3) / 5;
			}
			expect(Math.abs(mean - -0.5 * Math.log(1 - rho * rho)), `ρ = ${rho}`).toBeLessThan(tol);
		}
	});

	it('gives independent Gaussians about 0 (below 0.01)', () => {
		const { x, y } = gaussianPair(2000, 0, 9);
		expect(ksgMutualInformation(x, y, 3)).toBeLessThan(0.01);
	});

	it('finds the k-th max-norm neighbour distance exactly as brute force does, ties included (seeded)', () => {
		const rng = createRng(17);
		for (const k of [1, 3, 10]) {
			// Small integers make many ties, in x, in y and in distance.
			const x = Float64Array.from({ length: 200 }, () => rng.int(15));
			const y = Float64Array.from({ length: 200 }, () => rng.int(15));
			const got = kthNeighbourDistances(x, y, k);
			for (let i = 0; i < x.length; i++) {
				const d = Array.from(x, (_, j) =>
					j === i ? Infinity : Math.max(Math.abs(x[j] - x[i]), Math.abs(y[j] - y[i]))
				);
				d.sort((a, b) => a - b);
				expect(got[i], `k ${k} point ${i}`).toBe(d[k - 1]);
			}
		}
	});

	it('counts |v − c| < r on the difference itself, never on rounded bounds', () => {
		// 0.3 − 0.1 = 0.19999999999999998 < 0.2, although 0.3 < 0.1 + 0.2 = 0.30000000000000004 would say so too;
		// 0.7 − 0.4 = 0.29999999999999993 < 0.3 but 0.4 + 0.3 = 0.7 does not exceed 0.7.
		expect(countWithin(Float64Array.of(0.1, 0.3), 0.1, 0.2)).toBe(2);
		expect(countWithin(Float64Array.of(0.4, 0.7), 0.4, 0.3)).toBe(2);
		expect(countWithin(Float64Array.of(0, 1, 2, 3), 1, 1)).toBe(1);
	});

	it('uses ψ(1) = −γ and ψ(m + 1) = ψ(m) + 1/m (ψ(4) = 11/6 − γ)', () => {
		const psi = digammaTable(4);
		expect(psi[1]).toBeCloseTo(-0.5772156649015329, 15);
		expect(psi[4]).toBeCloseTo(11 / 6 - 0.5772156649015329, 14);
	});
});

describe('mutual information of S&P 500 returns and their lags 1–5 against scikit-learn (bench/make-mi-fixture.py)', () => {
	const r = returnsOf(sp500Bars(), 'S&P 500').values;
	const lags = fixture.lags;
	const y = scaleToUnitVariance(r.slice(lags));
	const lagged = (j: number) => scaleToUnitVariance(r.slice(lags - j, r.length - j));

	it('matches the same estimator without tie-breaking noise (NumPy brute force) to 1e-12 nats', () => {
		expect(y.length).toBe(fixture.rows);
		for (const k of ['1', '3', '10'] as const)
			fixture.ksg_without_noise[k].forEach((want, j) =>
				expect(
					Math.abs(ksgMutualInformation(lagged(j + 1), y, Number(k)) - want),
					`k ${k} lag ${j + 1}`
				).toBeLessThan(1e-12)
			);
	});

	it('matches sklearn 1.2.1 mutual_info_regression(random_state=0) to 1e-4 nats (it adds 1e-10-relative noise, which moves ties)', () => {
		for (const k of ['1', '3', '10'] as const)
			fixture.mutual_info_regression[k].forEach((want, j) =>
				expect(
					Math.abs(ksgMutualInformation(lagged(j + 1), y, Number(k)) - want),
					`k ${k} lag ${j + 1}`
				).toBeLessThan(1e-4)
			);
	});

	it('matches numpy.histogram’s 20 equal-width bins and their Shannon entropy to 1e-12 bits', () => {
		const h = binnedEntropy(r, fixture.bins);
		expect(Array.from(h.counts)).toEqual(fixture.bin_counts);
		expect(h.bits).toBeCloseTo(fixture.entropy_bits, 12);
	});
});

describe('binned Shannon entropy', () => {
	it('is log2(bins) bits for values spread evenly over the bins and 0 for a constant', () => {
		expect(binnedEntropy(Float64Array.of(0, 1, 2, 3, 4, 5, 6, 7), 4).bits).toBeCloseTo(2, 14);
		expect(binnedEntropy(Float64Array.of(3, 3, 3), 5).bits).toBe(0);
	});
});
