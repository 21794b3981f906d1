import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/random';
import {
	DEFAULT_PARZEN_OPTIONS,
	categoricalParzen,
	numericParzen,
	parzenLogCellMass,
	parzenLogPdf,
	parzenLogScore,
	parzenSample,
	parzenSigmas
} from './parzen';
import fixture from './samplers.fixture.json';

const ref = fixture.parzen;

describe('the numeric Parzen estimator (Optuna 3.x univariate rules)', () => {
	it('σ of two observations: the larger neighbour gap, the outer ones by their inner gap, then the magic clip', () => {
		// Sorted with the prior's centre and the ends: 0 | 0.2, 0.5, 0.6 | 1. Without endpoints the outer σ are
		// the inner gaps: 0.2 → 0.5 − 0.2 = 0.3, 0.6 → 0.6 − 0.5 = 0.1, clipped up to 1 / min(100, 2 + 2) = 0.25.
		expect(Array.from(parzenSigmas([0.2, 0.6], DEFAULT_PARZEN_OPTIONS))).toEqual([0.3, 0.25]);
		expect(ref.sigmas).toEqual([0.3, 0.25]);
		// With endpoints: 0.2 → max(0.2, 0.3) = 0.3; 0.6 → max(0.1, 0.4) = 0.4.
		const withEnds = parzenSigmas([0.6, 0.2], { ...DEFAULT_PARZEN_OPTIONS, considerEndpoints: true });
		expect(withEnds[0]).toBeCloseTo(0.4, 15);
		expect(withEnds[1]).toBeCloseTo(0.3, 15);
		// No clip: the raw gaps stand.
		const raw = parzenSigmas([0.2, 0.6], { ...DEFAULT_PARZEN_OPTIONS, considerMagicClip: false });
		expect(raw[1]).toBeCloseTo(0.1, 15);
	});

	it('the density of two observations and the prior is the truncated-normal mixture scipy computes (rel 1e-12)', () => {
		// Reference: bench/make-samplers-fixture.py, Σ_k ⅓ scipy.stats.truncnorm(μ_k, σ_k on [0, 1]).pdf(x) with
		// (μ, σ) = (0.2, 0.3), (0.6, 0.25), (0.5, 1).
		const p = numericParzen(ref.observations, [1, 1]);
		ref.xs.forEach((x, i) =>
			expect(Math.abs(Math.exp(parzenLogPdf(p, x)) / ref.pdf[i] - 1)).toBeLessThan(1e-12)
		);
		// By hand at x = 0.2 (normal tables, 6 digits): ⅓ [φ(0)/0.3 / (Φ(2.6667) − Φ(−0.6667))
		// + φ(−1.6)/0.25 / (Φ(1.6) − Φ(−2.4)) + φ(−0.3)/1 / (Φ(0.5) − Φ(−0.5))]
		// = ⅓ [1.329808 / 0.743677 + 0.443683 / 0.937003 + 0.381388 / 0.382925] = 1.085884.
		expect(Math.exp(parzenLogPdf(p, 0.2))).toBeCloseTo(1.085884, 5);
	});

	it('a discrete estimator scores a value by its cell mass, as scipy truncnorm cdf differences (abs 1e-12)', () => {
		const p = numericParzen(ref.observations, [1, 1], DEFAULT_PARZEN_OPTIONS, 4);
		ref.cells.forEach(([a, b], i) => {
			expect(Math.exp(parzenLogCellMass(p, a, b))).toBeCloseTo(ref.cellMass[i], 12);
			expect(Math.exp(parzenLogScore(p, (a + b) / 2))).toBeCloseTo(ref.cellMass[i], 12);
		});
		expect(ref.cellMass.reduce((s, m) => s + m, 0)).toBeCloseTo(1, 12);
	});

	it('the density integrates to 1 on [0, 1] with narrow components (midpoint rule, 1e-6)', () => {
		const mus = [0.01, 0.02, 0.5, 0.51, 0.99];
		const p = numericParzen(mus, [1, 2, 1, 0.5, 1]);
		const steps = 20_000;
		let total = 0;
		for (let i = 0; i < steps; i++) total += Math.exp(parzenLogPdf(p, (i + 0.5) / steps)) / steps;
		expect(total).toBeCloseTo(1, 6);
	});

	it('with no observation the estimator is the prior alone, N(0.5, 1) truncated to [0, 1]', () => {
		const p = numericParzen([], []);
		expect(Array.from(p.weights)).toEqual([1]);
		// φ(0) / (Φ(0.5) − Φ(−0.5)) = 0.3989423 / 0.3829249 = 1.041829.
		expect(Math.exp(parzenLogPdf(p, 0.5))).toBeCloseTo(1.041829, 6);
	});

	it('draws stay in [0, 1] and fall in each quarter as often as its mass (20,000 draws, within 0.01)', () => {
		const p = numericParzen(ref.observations, [1, 1], DEFAULT_PARZEN_OPTIONS, 4);
		const rng = createRng(7);
		const counts = [0, 0, 0, 0];
		const n = 20_000;
		let [min, max] = [Infinity, -Infinity];
		for (let i = 0; i < n; i++) {
			const u = parzenSample(p, rng);
			[min, max] = [Math.min(min, u), Math.max(max, u)];
			counts[Math.min(3, Math.floor(u * 4))]++;
		}
		expect(min).toBeGreaterThanOrEqual(0);
		expect(max).toBeLessThanOrEqual(1);
		counts.forEach((c, i) => expect(Math.abs(c / n - ref.cellMass[i])).toBeLessThan(0.01));
	});
});

describe('the categorical Parzen estimator', () => {
	it('three observations of three choices: weighted rows plus the uniform prior, by hand', () => {
		// n = 3, prior weight 1: each row puts 1/(n+1) = ¼ on every choice and 1 on its own, over 7/4; the
		// mixture weighs the three rows and the uniform prior ¼ each.
		const probs = categoricalParzen([0, 0, 2], [1, 1, 1], 3);
		const base = 1 / 12 + 3 / 28;
		expect(probs[0]).toBeCloseTo(base + 2 / 7, 15);
		expect(probs[1]).toBeCloseTo(base, 15);
		expect(probs[2]).toBeCloseTo(base + 1 / 7, 15);
	});

	it('no observation gives the uniform distribution', () => {
		expect(Array.from(categoricalParzen([], [], 4))).toEqual([0.25, 0.25, 0.25, 0.25]);
	});
});
