import { describe, expect, it } from 'vitest';
import {
	brentRoot,
	integrate,
	invert,
	normCdf,
	normPdf,
	normQuantile,
	numericalHessian,
	quantileSorted
} from './math';
import fixture from './normal.fixture.json';

describe('normCdf', () => {
	it('agrees with scipy.special.ndtr (SciPy 1.10) within 1e-15 absolute and 1e-13 relative in the tails', () => {
		for (const [x, expected] of fixture.cdf) {
			const ours = normCdf(x);
			expect(Math.abs(ours - expected), `x = ${x}`).toBeLessThanOrEqual(1e-15);
			if (expected > 0 && expected < 1e-3)
				expect(Math.abs(ours / expected - 1), `x = ${x}`).toBeLessThanOrEqual(1e-13);
		}
	});

	it('is symmetric, ½ at zero and NaN for NaN', () => {
		expect(normCdf(0)).toBe(0.5);
		for (const x of [0.1, 1.3, 4.9, 5.2, 9])
			expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThanOrEqual(2e-16);
		expect(normCdf(Number.NaN)).toBeNaN();
		expect(normCdf(-Infinity)).toBe(0);
		expect(normCdf(Infinity)).toBe(1);
	});

	it('has the standard normal density as its derivative', () => {
		for (const x of [-3, -0.7, 0, 1.1, 4.2]) {
			const h = 1e-5;
			expect((normCdf(x + h) - normCdf(x - h)) / (2 * h)).toBeCloseTo(normPdf(x), 9);
		}
	});
});

describe('normQuantile', () => {
	it('agrees with scipy.special.ndtri within 1e-13 relative, down to p = 1e-300', () => {
		for (const [p, expected] of fixture.quantile)
			expect(Math.abs(normQuantile(p) - expected), `p = ${p}`).toBeLessThanOrEqual(
				1e-13 * Math.max(1, Math.abs(expected))
			);
	});

	it('inverts normCdf and refuses p outside [0, 1]', () => {
		for (const x of [-6, -1.5, 0.3, 2.7]) expect(normQuantile(normCdf(x))).toBeCloseTo(x, 12);
		expect(normQuantile(0)).toBe(-Infinity);
		expect(normQuantile(1)).toBe(Infinity);
		expect(() => normQuantile(1.5)).toThrow(/p must lie in \[0, 1\], got 1.5/);
	});
});

describe('integrate', () => {
	it('is exact for polynomials up to degree 23 on one panel (the Kronrod rule) and its weights sum to 2', () => {
		expect(integrate((x) => x ** 22, 0, 1, { maxPanels: 1 }).value).toBeCloseTo(1 / 23, 15);
		expect(integrate(() => 1, -1, 1, { maxPanels: 1 }).value).toBeCloseTo(2, 15);
	});

	it('reaches the requested accuracy on smooth and peaked integrands', () => {
		const e = integrate(Math.exp, 0, 3);
		expect(Math.abs(e.value - (Math.exp(3) - 1))).toBeLessThan(1e-11);
		// ∫₀¹ 1/(1e-4 + (x − 0.3)²) dx = 100·(atan(70) + atan(30)), a sharp peak.
		const peak = integrate((x) => 1 / (1e-4 + (x - 0.3) ** 2), 0, 1);
		expect(Math.abs(peak.value - 100 * (Math.atan(70) + Math.atan(30)))).toBeLessThan(1e-9);
		expect(peak.panels).toBeGreaterThan(1);
	});

	it('refuses infinite limits and an integrand that is not finite', () => {
		expect(() => integrate(Math.exp, 0, Infinity)).toThrow(/finite limits/);
		expect(() => integrate(() => Number.NaN, 0, 1)).toThrow(/not finite/);
	});
});

describe('brentRoot', () => {
	it('finds roots to the tolerance and refuses a bracket without a sign change', () => {
		expect(brentRoot((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 14);
		expect(brentRoot((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 14);
		expect(brentRoot((x) => x - 3, 3, 5)).toBe(3);
		expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(/same sign/);
	});
});

describe('numericalHessian and invert', () => {
	it('recover the Hessian of a quadratic form and its inverse', () => {
		// f = ½ xᵀ A x with A = [[4, 1], [1, 3]].
		const f = (x: Float64Array) => 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]);
		const H = numericalHessian(f, [0.5, -2]);
		[4, 1, 1, 3].forEach((v, i) => expect(H[i]).toBeCloseTo(v, 6));
		const inv = invert(Float64Array.from([4, 1, 1, 3]), 2)!;
		[3 / 11, -1 / 11, -1 / 11, 4 / 11].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 15));
		expect(invert(Float64Array.from([1, 2, 2, 4]), 2)).toBeNull();
	});
});

describe('quantileSorted', () => {
	it('interpolates linearly between order statistics as numpy.quantile does', () => {
		const v = [1, 2, 3, 4];
		expect(quantileSorted(v, 0)).toBe(1);
		expect(quantileSorted(v, 0.5)).toBe(2.5);
		expect(quantileSorted(v, 0.1)).toBeCloseTo(1.3, 15);
		expect(quantileSorted(v, 1)).toBe(4);
		expect(quantileSorted([], 0.5)).toBeNaN();
	});
});
