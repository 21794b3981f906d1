import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { rollingMax, rollingMean, rollingMin, rollingStd, rollingZScore } from './rolling';
import fixture from './rules.fixture.json';
import { fromJson, list } from './rules.testing';

const f = (v: number[]): Float64Array => Float64Array.from(v);
/** Relative tolerance against pandas: both sum the same doubles, in a different order (pandas keeps running sums). */
const REL_TOL = 1e-10;

function expectClose(ours: Float64Array, expected: (number | null)[], name: string): void {
	const ref = fromJson(expected);
	expect(ours.length, name).toBe(ref.length);
	ref.forEach((v, t) => {
		if (Number.isNaN(v)) expect(ours[t], `${name}[${t}]`).toBeNaN();
		else
			expect(Math.abs(ours[t] - v), `${name}[${t}]`).toBeLessThanOrEqual(REL_TOL * Math.max(1, Math.abs(v)));
	});
}

describe('rolling statistics', () => {
	it('average the trailing window (today in) or the prior window (today out), NaN until it fits', () => {
		// trailing 3 at t = 2: (1 + 2 + 6) / 3 = 3; t = 3: (2 + 6 + 4) / 3 = 4. prior 3 at t = 3: (1 + 2 + 6) / 3 = 3.
		expect(list(rollingMean(f([1, 2, 6, 4]), 3, 'trailing'))).toEqual([NaN, NaN, 3, 4]);
		expect(list(rollingMean(f([1, 2, 6, 4]), 3, 'prior'))).toEqual([NaN, NaN, NaN, 3]);
		expect(list(rollingMax(f([1, 2, 6, 4]), 2, 'prior'))).toEqual([NaN, NaN, 2, 6]);
		expect(list(rollingMin(f([1, 2, 6, 4]), 2, 'trailing'))).toEqual([NaN, 1, 2, 4]);
	});

	it('use the sample standard deviation (ddof 1)', () => {
		// 2, 4, 6: mean 4, squared deviations 4 + 0 + 4 = 8, / (3 − 1) = 4, std 2; z of 6 = (6 − 4) / 2 = 1.
		expect(rollingStd(f([2, 4, 6]), 3, 'trailing')[2]).toBe(2);
		expect(rollingZScore(f([2, 4, 6]), 3, 'trailing')[2]).toBe(1);
		// prior window 2, 4, 6 for today's 10: (10 − 4) / 2 = 3.
		expect(rollingZScore(f([2, 4, 6, 10]), 3, 'prior')[3]).toBe(3);
	});

	it('give a flat series z = 0, and a move out of a flat prior range an infinite z', () => {
		// 0.1 added three times is not exactly 0.3: the flat test compares values, not a rounded mean.
		expect(list(rollingStd(f([0.1, 0.1, 0.1]), 3, 'trailing'))).toEqual([NaN, NaN, 0]);
		expect(list(rollingZScore(f([0.1, 0.1, 0.1, 0.1]), 3, 'trailing'))).toEqual([NaN, NaN, 0, 0]);
		expect(list(rollingZScore(f([5, 5, 5, 6]), 3, 'prior'))).toEqual([NaN, NaN, NaN, Infinity]);
		expect(rollingZScore(f([5, 5, 5, 4]), 3, 'prior')[3]).toBe(-Infinity);
	});

	it('refuse a window that is not a whole number of at least 1 (2 for a standard deviation), naming it', () => {
		expect(() => rollingMean(f([1, 2]), 0, 'trailing')).toThrow(/window must be a whole number ≥ 1, got 0/);
		expect(() => rollingStd(f([1, 2]), 1, 'trailing')).toThrow(/window must be a whole number ≥ 2, got 1/);
		expect(() => rollingMax(f([1, 2]), 2.5, 'prior')).toThrow(/window/);
	});

	it(`equal pandas rolling / shift(1).rolling on the first ${fixture.rows} real S&P 500 bars (within ${REL_TOL} relative)`, () => {
		const all = sp500Bars();
		const cut = (c: Float64Array) => c.slice(0, fixture.rows);
		const [close, high, low, volume] = [all.close, all.high, all.low, all.volume].map(cut);
		expect([close[0], close.at(-1)]).toEqual([fixture.first_close, fixture.last_close]);
		const range = high.map((h, i) => h - low[i]);
		expectClose(rollingMean(close, 20, 'trailing'), fixture.close_mean_trailing_20, 'mean 20');
		expectClose(rollingStd(close, 20, 'trailing'), fixture.close_std_trailing_20, 'std 20');
		expectClose(rollingZScore(close, 20, 'trailing'), fixture.close_z_trailing_20, 'z 20');
		expectClose(rollingZScore(close, 50, 'prior'), fixture.close_z_prior_50, 'prior z 50');
		expectClose(rollingMax(close, 20, 'prior'), fixture.close_max_prior_20, 'prior max close');
		expectClose(rollingMin(close, 20, 'prior'), fixture.close_min_prior_20, 'prior min close');
		expectClose(rollingMax(high, 20, 'prior'), fixture.high_max_prior_20, 'prior max high');
		expectClose(rollingMin(low, 20, 'prior'), fixture.low_min_prior_20, 'prior min low');
		expectClose(rollingMean(volume, 20, 'prior'), fixture.volume_mean_prior_20, 'prior mean volume');
		expectClose(rollingMean(range, 20, 'prior'), fixture.range_mean_prior_20, 'prior mean range');
	});
});
