import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { fgnAutocovariance, fractionalGaussianNoise } from './fgn';
import fixture from './hurst.fixture.json';
import {
	anisLloydExpectedRs,
	fitHurst,
	MAX_WINDOW_FRACTION,
	rescaledRange,
	windowSizes,
	type HurstMethod
} from './hurst';
import { returnsOf } from './returns';

const N = 8192;
const SEEDS = [1, 2, 3, 4, 5];
const METHODS: HurstMethod[] = ['rs', 'dfa', 'aggregated_variance'];

function estimate(x: Float64Array, method: HurstMethod) {
	return fitHurst(x, method, windowSizes(10, Math.floor(x.length * MAX_WINDOW_FRACTION[method])));
}

/** Mean over the seeds of an estimate on a fresh series per seed. */
function meanOver(make: (seed: number) => Float64Array, read: (x: Float64Array) => number): number {
	return SEEDS.reduce((s, seed) => s + read(make(seed)), 0) / SEEDS.length;
}

const whiteNoise = (seed: number) => {
	const rng = createRng(seed);
	return Float64Array.from({ length: N }, () => rng.normal());
};
const cumsum = (x: Float64Array) => {
	let c = 0;
	return Float64Array.from(x, (v) => (c += v));
};

describe('Hurst exponent on simulated series (means over 5 seeded series of 8,192 values)', () => {
	it('reads white noise as H ≈ 0.5: DFA and Anis–Lloyd R/S within 0.03, aggregated variance within 0.05', () => {
		expect(Math.abs(meanOver(whiteNoise, (x) => estimate(x, 'dfa').hurst) - 0.5)).toBeLessThan(0.03);
		expect(Math.abs(meanOver(whiteNoise, (x) => estimate(x, 'rs').hurstAnisLloyd!) - 0.5)).toBeLessThan(0.03);
		expect(
			Math.abs(meanOver(whiteNoise, (x) => estimate(x, 'aggregated_variance').hurst) - 0.5)
		).toBeLessThan(0.05);
	});

	it('shows raw R/S biased above 0.5 on white noise, which the Anis–Lloyd correction removes', () => {
		const raw = meanOver(whiteNoise, (x) => estimate(x, 'rs').hurst);
		const corrected = meanOver(whiteNoise, (x) => estimate(x, 'rs').hurstAnisLloyd!);
		expect(raw).toBeGreaterThan(0.52);
		expect(raw).toBeGreaterThan(corrected + 0.03);
	});

	it('gives a random walk DFA α ≈ 1.5 on its levels and ≈ 0.5 on its increments (within 0.05)', () => {
		expect(Math.abs(meanOver(whiteNoise, (x) => estimate(cumsum(x), 'dfa').hurst) - 1.5)).toBeLessThan(0.05);
		expect(Math.abs(meanOver(whiteNoise, (x) => estimate(x, 'dfa').hurst) - 0.5)).toBeLessThan(0.05);
	});

	it('recovers H = 0.7 from Davies–Harte fractional Gaussian noise: DFA and Anis–Lloyd R/S within 0.05, aggregated variance within 0.07', () => {
		const fgn = (seed: number) => fractionalGaussianNoise(N, 0.7, createRng(seed));
		expect(Math.abs(meanOver(fgn, (x) => estimate(x, 'dfa').hurst) - 0.7)).toBeLessThan(0.05);
		expect(Math.abs(meanOver(fgn, (x) => estimate(x, 'rs').hurstAnisLloyd!) - 0.7)).toBeLessThan(0.05);
		expect(Math.abs(meanOver(fgn, (x) => estimate(x, 'aggregated_variance').hurst) - 0.7)).toBeLessThan(0.07);
	});
});

describe('the Davies–Harte generator used above', () => {
	it('draws noise whose sample autocovariance at lags 0–2 matches γ(k) within 0.03 (2^16 values, H = 0.7)', () => {
		const x = fractionalGaussianNoise(1 << 16, 0.7, createRng(3));
		for (const k of [0, 1, 2]) {
			let s = 0;
			for (let i = k; i < x.length; i++) s += x[i] * x[i - k];
			expect(Math.abs(s / x.length - fgnAutocovariance(k, 0.7)), `lag ${k}`).toBeLessThan(0.03);
		}
	});
});

describe('Hurst estimators on the real S&P 500 returns against NumPy (bench/make-hurst-fixture.py)', () => {
	const r = returnsOf(sp500Bars(), 'S&P 500').values;

	it('uses the same 5,104 returns and window sizes', () => {
		expect(r.length).toBe(fixture.n);
		for (const method of METHODS)
			expect(windowSizes(10, Math.floor(r.length * MAX_WINDOW_FRACTION[method]))).toEqual(
				fixture[method].sizes
			);
	});

	it('matches each window’s statistic and each fitted slope to 1e-9 relative', () => {
		for (const method of METHODS) {
			const fit = estimate(r, method);
			const ref = fixture[method];
			fit.statistic.forEach((v, i) =>
				expect(Math.abs(v / ref.statistic[i] - 1), `${method} n=${ref.sizes[i]}`).toBeLessThan(1e-9)
			);
			expect(fit.slope).toBeCloseTo(ref.slope, 9);
		}
	});

	it('matches the Anis–Lloyd–Peters expected R/S (SciPy gammaln) and H_AL to 1e-9', () => {
		const fit = estimate(r, 'rs');
		fit.expected!.forEach((v, i) => expect(Math.abs(v / fixture.rs.expected[i] - 1)).toBeLessThan(1e-9));
		expect(fit.hurstAnisLloyd!).toBeCloseTo(fixture.rs.hurst_anis_lloyd, 9);
	});
});

describe('Hurst building blocks', () => {
	it('computes R/S of a hand-worked window: 1, 2, 3, 4 has range 2 and deviation √1.25, so R/S = 1.7889', () => {
		// Deviations −1.5, −0.5, 0.5, 1.5; cumulative −1.5, −2, −1.5, 0: R = 0 − (−2) = 2; S = √(5/4).
		expect(rescaledRange([1, 2, 3, 4], 4)).toBeCloseTo(2 / Math.sqrt(1.25), 12);
	});

	it('gives E[R/S] of two values as (1.5/2)·(√π/√π)·1 = 0.75 and of three as (2.5/3)·(2/π)·(√2 + √½)', () => {
		expect(anisLloydExpectedRs(2)).toBeCloseTo(0.75, 12);
		expect(anisLloydExpectedRs(3)).toBeCloseTo((2.5 / 3) * (2 / Math.PI) * (Math.SQRT2 + Math.SQRT1_2), 12);
	});

	it('spaces window sizes about logarithmically without duplicates, from min to max', () => {
		const s = windowSizes(10, 40);
		expect(s[0]).toBe(10);
		expect(s[s.length - 1]).toBe(40);
		expect(new Set(s).size).toBe(s.length);
	});
});
