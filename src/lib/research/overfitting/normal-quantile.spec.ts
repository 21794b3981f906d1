import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../models/stats/distributions';
import { normalQuantile } from './normal-quantile';
import fixture from './overfitting.fixture.json';

describe('normalQuantile (Wichura AS 241)', () => {
	it('equals scipy 1.10 norm.ppf to 1e-14 relative from p = 1e-300 to 1 − 1e-10', () => {
		// Reference: scipy.stats.norm.ppf (bench/make-overfitting-fixture.py), every branch of AS 241 covered:
		// central |p − ½| ≤ 0.425, the r ≤ 5 tail and the far tail (p < about 1.4e-11).
		expect(fixture.ppf.length).toBeGreaterThan(20);
		for (const [p, ref] of fixture.ppf) {
			const got = normalQuantile(p);
			expect(Math.abs(got - ref), `p = ${p}`).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(ref)));
		}
	});

	it('is the inverse of the project normal cdf in the body and the tails', () => {
		for (const z of [-8, -5.5, -3, -1.2, -0.1, 0, 0.4, 1.7, 3.3]) {
			expect(normalQuantile(normalCdf(z))).toBeCloseTo(z, 9);
		}
	});

	it('is antisymmetric about one half', () => {
		// 1 − p is exact enough only away from 0: at p = 1e-12 it already moves the quantile by 3e-6.
		for (const p of [0.001, 0.07, 0.2, 0.45])
			expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 10);
	});

	it('gives ±∞ at 0 and 1 and NaN outside [0, 1]', () => {
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1)).toBe(Infinity);
		expect(normalQuantile(-0.1)).toBeNaN();
		expect(normalQuantile(1.1)).toBeNaN();
		expect(normalQuantile(Number.NaN)).toBeNaN();
	});
});
