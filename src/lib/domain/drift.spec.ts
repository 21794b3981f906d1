import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../testing/sp500';
import {
	DRIFT_THRESHOLDS,
	checkDrift,
	differences,
	returnStats,
	returnStatsSchema,
	returnsFor,
	simpleReturns,
	type ReturnStats
} from './drift';

const f = (...v: number[]): Float64Array => Float64Array.from(v);
const list = (v: Float64Array): number[] => Array.from(v);
const times = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => (i + 1) * 1000);

function stats(over: Partial<ReturnStats>): ReturnStats {
	return { n: 250, mean: 0.0005, std: 0.01, skew: -0.3, firstT: 0, lastT: 1, ...over };
}

describe('simpleReturns', () => {
	it('gives v[i+1] / v[i] - 1, one shorter than the values, lined up with their end times', () => {
		const r = simpleReturns(f(100, 110, 99, 99));
		expect(r).toHaveLength(3);
		expect(r[0]).toBeCloseTo(0.1, 15);
		expect(r[1]).toBeCloseTo(-0.1, 15);
		expect(r[2]).toBe(0);
	});

	it('gives NaN for every pair that touches a gap, a zero or a negative value', () => {
		// pairs: (100,NaN) (NaN,110) (110,0) (0,5) (5,10) (10,-2) (-2,4) (4,Inf)
		const r = simpleReturns(f(100, Number.NaN, 110, 0, 5, 10, -2, 4, Number.POSITIVE_INFINITY));
		expect(list(r)).toEqual([
			Number.NaN,
			Number.NaN,
			Number.NaN,
			Number.NaN,
			1,
			Number.NaN,
			Number.NaN,
			Number.NaN
		]);
	});

	it('gives no returns for fewer than two values', () => {
		expect(simpleReturns(f())).toHaveLength(0);
		expect(simpleReturns(f(5))).toHaveLength(0);
	});
});

describe('differences', () => {
	it('gives v[i+1] - v[i], including through zero and negative levels, NaN across gaps', () => {
		expect(list(differences(f(1.5, 0.5, -0.25, Number.NaN, 2)))).toEqual([-1, -0.75, Number.NaN, Number.NaN]);
	});
});

describe('returnsFor', () => {
	it('uses ratios for prices and differences for levels', () => {
		expect(list(returnsFor('price', f(2, 3)))).toEqual([0.5]);
		expect(list(returnsFor('level', f(2, 3)))).toEqual([1]);
		expect(list(returnsFor('level', f(-0.5, 0.25)))).toEqual([0.75]);
	});
});

describe('returnStats', () => {
	it('computes mean, population sd and g1 skew by hand on four returns', () => {
		// r = [1, 2, 3, 6]: mean 3; deviations -2, -1, 0, 3
		// m2 = (4 + 1 + 0 + 9) / 4 = 3.5 → sd = √3.5 ≈ 1.8708287 (population: divides by n)
		// m3 = (-8 - 1 + 0 + 27) / 4 = 4.5 → g1 = 4.5 / 3.5^1.5 = 4.5 / 6.5479004 ≈ 0.6872432 (scipy.stats.skew)
		const s = returnStats(f(10, 20, 30, 40), f(1, 2, 3, 6));
		expect(s.n).toBe(4);
		expect(s.mean).toBe(3);
		expect(s.std).toBeCloseTo(Math.sqrt(3.5), 14);
		expect(s.skew).toBeCloseTo(4.5 / 3.5 ** 1.5, 14);
		expect(s.skew).toBeCloseTo(0.6872432, 7);
		expect(s.firstT).toBe(10);
		expect(s.lastT).toBe(40);
	});

	it('gives the mirrored series the opposite skew and a symmetric one zero skew', () => {
		expect(returnStats(times(4), f(-1, -2, -3, -6)).skew).toBeCloseTo(-0.6872432, 7);
		// r = [-1, 0, 1]: mean 0, m2 = 2/3, m3 = 0
		const s = returnStats(times(3), f(-1, 0, 1));
		expect(s.std).toBeCloseTo(Math.sqrt(2 / 3), 15);
		expect(s.skew).toBe(0);
	});

	it('skips non-finite returns and takes first and last times from the returns it used', () => {
		const s = returnStats(f(1, 2, 3, 4, 5, 6, 7), f(Number.NaN, 1, Number.NaN, 2, 3, 6, Number.NaN));
		expect(s).toEqual({ n: 4, mean: 3, std: Math.sqrt(3.5), skew: 4.5 / 3.5 ** 1.5, firstT: 2, lastT: 6 });
	});

	it('leaves skew undefined (NaN) below three returns', () => {
		// r = [1, 3]: mean 2, m2 = 1
		expect(returnStats(times(2), f(1, 3))).toEqual({
			n: 2,
			mean: 2,
			std: 1,
			skew: Number.NaN,
			firstT: 1000,
			lastT: 2000
		});
		expect(returnStats(times(1), f(0.02))).toEqual({
			n: 1,
			mean: 0.02,
			std: 0,
			skew: Number.NaN,
			firstT: 1000,
			lastT: 1000
		});
	});

	it('gives NaN everywhere but n for no usable returns', () => {
		const nan = Number.NaN;
		expect(returnStats(f(), f())).toEqual({ n: 0, mean: nan, std: nan, skew: nan, firstT: nan, lastT: nan });
		expect(returnStats(times(2), f(nan, nan)).n).toBe(0);
	});

	it('gives exactly zero spread and no skew for identical returns, whatever rounding the mean would do', () => {
		const s = returnStats(times(7), new Float64Array(7).fill(0.1));
		expect(s).toMatchObject({ n: 7, mean: 0.1, std: 0, skew: Number.NaN });
	});

	it('refuses times and returns that do not pair up', () => {
		expect(() => returnStats(times(3), f(1, 2))).toThrow(RangeError);
	});

	it('produces values the schema accepts (NaN allowed, Infinity not)', () => {
		expect(returnStatsSchema.safeParse(returnStats(times(2), f(1, 3))).success).toBe(true);
		expect(returnStatsSchema.safeParse(stats({ std: Number.POSITIVE_INFINITY })).success).toBe(false);
	});
});

describe('checkDrift', () => {
	it('finds no drift between identical statistics', () => {
		const r = checkDrift(stats({}), stats({}));
		expect(r).toMatchObject({ drifted: false, reasons: [], meanShiftSd: 0, varianceRatio: 1, skewChange: 0 });
	});

	it('measures the mean shift in standard errors of the difference, and does not fire at exactly 2', () => {
		// sd 4 and n 32 on both sides: SE = √(16/32 + 16/32) = 1, so a mean moved by 2 is exactly 2 SE.
		const base = stats({ n: 32, mean: 0, std: 4, skew: 0 });
		const atLimit = checkDrift(base, stats({ n: 32, mean: 2, std: 4, skew: 0 }));
		expect(atLimit.meanShiftSd).toBe(2);
		expect(atLimit.meanShiftBaseSd).toBe(0.5);
		expect(atLimit.drifted).toBe(false);
		const over = checkDrift(base, stats({ n: 32, mean: 2.5, std: 4, skew: 0 }));
		expect(over.drifted).toBe(true);
		expect(over.reasons).toEqual([
			'Mean return moved 2.5 standard errors (limit 2): 0 in the baseline, 2.5 now.'
		]);
	});

	it('fires on a variance ratio just outside 0.5–2 and not just inside', () => {
		const base = stats({ std: 1 });
		expect(checkDrift(base, stats({ std: 1.414 })).drifted).toBe(false); // ratio 1.999396
		expect(checkDrift(base, stats({ std: 1.415 })).drifted).toBe(true); // ratio 2.002225
		expect(checkDrift(base, stats({ std: 0.708 })).drifted).toBe(false); // ratio 0.501264
		const low = checkDrift(base, stats({ std: 0.707 })); // ratio 0.499849
		expect(low.drifted).toBe(true);
		expect(low.reasons).toEqual([
			"Variance of returns is 0.5 times the baseline's (allowed 0.5–2): standard deviation 1 in the baseline, 0.707 now."
		]);
	});

	it('fires on a skew change above 1 and not at exactly 1', () => {
		expect(checkDrift(stats({ skew: 0.25 }), stats({ skew: 1.25 })).drifted).toBe(false);
		expect(checkDrift(stats({ skew: 0.5 }), stats({ skew: -0.5 })).drifted).toBe(false);
		const r = checkDrift(stats({ skew: 0.25 }), stats({ skew: -1 }));
		expect(r.skewChange).toBe(1.25);
		expect(r.reasons).toEqual(['Skewness changed by 1.25 (limit 1): 0.25 in the baseline, -1 now.']);
	});

	it('lists every reason that fired, mean first, then variance, then skew', () => {
		const r = checkDrift(stats({ mean: 0 }), stats({ mean: -0.01, std: 0.03, skew: 2 }));
		expect(r.drifted).toBe(true);
		expect(r.reasons.map((s) => s.split(' ')[0])).toEqual(['Mean', 'Variance', 'Skewness']);
	});

	it('concludes nothing from fewer than 20 new returns, however different they look', () => {
		const wild = stats({ n: 19, mean: 0.05, std: 0.2, skew: 4 });
		const r = checkDrift(stats({}), wild);
		expect(r.drifted).toBe(false);
		expect(r.reasons).toEqual([
			'Not enough new data to check for drift: 19 new returns, at least 20 needed.'
		]);
		expect(checkDrift(stats({}), { ...wild, n: DRIFT_THRESHOLDS.minNewReturns }).drifted).toBe(true);
	});

	it('concludes nothing against a baseline of fewer than 20 returns or one that never varied', () => {
		expect(checkDrift(stats({ n: 5 }), stats({})).reasons[0]).toMatch(/^The baseline has only 5 returns/);
		const flat = checkDrift(stats({ std: 0, skew: Number.NaN }), stats({}));
		expect(flat.drifted).toBe(false);
		expect(flat.reasons[0]).toMatch(/do not vary/);
		expect(flat.varianceRatio).toBeNaN();
		expect(flat.meanShiftSd).toBeNaN();
	});

	it('skips the skew test when a skew is undefined and never reports an infinite number', () => {
		const r = checkDrift(stats({}), stats({ std: 0, skew: Number.NaN }));
		expect(r.skewChange).toBeNaN();
		expect(r.varianceRatio).toBe(0);
		expect(r.reasons).toHaveLength(1);
		for (const v of [r.meanShiftSd, r.meanShiftBaseSd, r.varianceRatio])
			expect(v).not.toBe(Number.POSITIVE_INFINITY);
	});
});

describe('checkDrift on the real S&P 500 (why standard errors, not the baseline sd)', () => {
	const bars = sp500Bars();
	const r = simpleReturns(bars.close);
	const t = bars.t.subarray(1);
	const window = (from: string, to: string): ReturnStats => {
		const lo = Date.parse(from);
		const hi = Date.parse(to);
		const idx: number[] = [];
		for (let i = 0; i < t.length; i++) if (t[i] >= lo && t[i] <= hi) idx.push(i);
		return returnStats(
			Float64Array.from(idx, (i) => t[i]),
			Float64Array.from(idx, (i) => r[i])
		);
	};

	it('sees the 2003 recovery after the 2000–2002 bear market, which the original measure misses by 15×', () => {
		// Baseline: 751 returns, mean -0.056 %/day, sd 1.47 %. Now: the year from the 2003 low, 253 returns,
		// mean +0.132 %/day. The means differ by 0.19 %/day: 2.4 standard errors, but only 0.13 baseline sds.
		const report = checkDrift(window('2000-01-01', '2002-12-31'), window('2003-03-12', '2004-03-11'));
		expect(report.meanShiftSd).toBeGreaterThan(2.3);
		expect(report.meanShiftBaseSd).toBeLessThan(0.13);
		expect(report.reasons[0]).toMatch(/^Mean return moved 2\.37 standard errors/);
	});

	it('would not flag even the crash of autumn 2008 by the original measure', () => {
		// Sep–Nov 2008 averaged -0.48 %/day, the worst quarter in the file: 0.68 baseline sds, far below 2.
		// It drifts all the same, on variance (about 30× the 2003–2007 baseline's).
		const report = checkDrift(window('2003-01-01', '2007-06-30'), window('2008-09-01', '2008-11-30'));
		expect(report.meanShiftBaseSd).toBeLessThan(0.7);
		expect(report.varianceRatio).toBeGreaterThan(25);
		expect(report.drifted).toBe(true);
	});

	it('raises no alarm for an ordinary year against the years before it', () => {
		const report = checkDrift(window('2010-01-01', '2015-12-31'), window('2016-01-01', '2016-12-31'));
		expect(report.drifted).toBe(false);
		expect(report.meanShiftSd).toBeLessThan(0.5);
	});
});
