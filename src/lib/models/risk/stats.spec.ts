import { describe, expect, it } from 'vitest';
import {
	mean,
	normalCdf,
	normalPdf,
	normalQuantile,
	quantileSorted,
	sampleStd,
	shapeMoments,
	sorted
} from './stats';

describe('risk statistics', () => {
	it('matches SciPy 1.10 norm.ppf to 1e-15 relative (Wichura AS 241)', () => {
		// scipy.stats.norm.ppf values.
		const cases: [number, number][] = [
			[0.05, -1.6448536269514729],
			[0.01, -2.3263478740408408],
			[0.975, 1.959963984540054],
			[0.5, 0],
			[1e-10, -6.361340902404056],
			[0.3, -0.5244005127080409]
		];
		for (const [p, z] of cases)
			expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(z)));
		expect(normalQuantile(0)).toBe(-Infinity);
		expect(normalQuantile(1.5)).toBeNaN();
		expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
		// scipy.stats.norm.cdf values (West 2005 / Hart: absolute error < 1e-14).
		const cdf: [number, number][] = [
			[-1.6448536269514729, 0.049999999999999975],
			[-3.1, 0.0009676032132183563],
			[0.4, 0.6554217416103242],
			[-8, 6.22096057427174e-16],
			[2.5, 0.9937903346742238]
		];
		for (const [x, p] of cdf) expect(Math.abs(normalCdf(x) - p)).toBeLessThan(1e-14);
	});

	it('takes quantiles by NumPy’s linear interpolation and hand-computed moments', () => {
		// np.quantile([1, 2, 3, 4, 10], 0.1) = 1.4; 0.5 → 3; 0.95 → 8.8.
		const s = sorted([10, 3, 1, 4, 2]);
		expect(quantileSorted(s, 0.1)).toBeCloseTo(1.4, 14);
		expect(quantileSorted(s, 0.5)).toBe(3);
		expect(quantileSorted(s, 0.95)).toBeCloseTo(8.8, 14);
		// mean 4, ddof-1 variance (36 + 1 + 9 + 0 + 4) / 4 = 12.5.
		expect(mean([10, 3, 1, 4, 2])).toBe(4);
		expect(sampleStd([10, 3, 1, 4, 2])).toBeCloseTo(Math.sqrt(12.5), 14);
		// scipy.stats.skew([1, 2, 3, 4, 10]) = 1.1384199576606167, kurtosis(...) = -0.21199999999999974.
		const m = shapeMoments([1, 2, 3, 4, 10]);
		expect(m.skew).toBeCloseTo(1.1384199576606167, 13);
		expect(m.excessKurtosis).toBeCloseTo(-0.21199999999999974, 13);
	});
});
