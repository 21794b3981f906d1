import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { centredFilter, classicalDecompose } from './classical-decomposition';
import fixture from './seasonal-decomposition.fixture.json';
import { implementation } from './seasonal-decomposition.model';
import { defaultLowPassWindow, defaultTrendWindow, stl } from './stl';

/** Components agree with statsmodels 0.13.5 within this relative error (measured: ≤ 2e-13 absolute). */
const REL_TOL = 1e-6;

const logCloses = (start: number, rows: number): Float64Array =>
	sp500Bars()
		.close.slice(start, start + rows)
		.map(Math.log);

function expectClose(ours: Float64Array, expected: (number | null)[], scale: number, what: string): void {
	expect(ours.length, what).toBe(expected.length);
	expected.forEach((v, i) => {
		if (v === null) expect(ours[i], `${what}[${i}]`).toBeNaN();
		else if (Math.abs(ours[i] - v) > REL_TOL * Math.max(Math.abs(v), scale))
			throw new Error(`${what}[${i}]: ours ${ours[i]}, statsmodels ${v}`);
	});
}

describe('stl', () => {
	it('uses statsmodels’ default windows: trend next odd ≥ 1.5·period/(1 − 1.5/seasonal), low-pass next odd > period', () => {
		// statsmodels STL(period=12, seasonal=7): trend = ceil(18 / (1 − 1.5/7)) = ceil(22.9) = 23; low_pass = 13.
		expect(defaultTrendWindow(12, 7)).toBe(23);
		expect(defaultLowPassWindow(12)).toBe(13);
		expect(defaultTrendWindow(5, 7)).toBe(11); // ceil(9.545…) = 10 → 11
		expect(defaultLowPassWindow(5)).toBe(7);
	});

	it.each(fixture.stl.map((c) => [c.name, c] as const))(
		'matches statsmodels 0.13.5 STL(...).fit() on real S&P 500 log closes (%s)',
		(_name, c) => {
			const y = logCloses(c.start, c.rows);
			const r = stl(y, { period: c.period, seasonal: c.seasonal_window, robust: c.robust });
			expectClose(r.trend, c.trend, 0, 'trend');
			// The seasonal part crosses zero: relative to max(|value|, 1e-4), i.e. at worst 1e-10 absolute.
			expectClose(r.seasonal, c.seasonal, 1e-4, 'seasonal');
			for (let i = 0; i < y.length; i++)
				expect(r.trend[i] + r.seasonal[i] + r.resid[i]).toBeCloseTo(y[i], 12);
			expect(Math.abs(r.weights.reduce((a, b) => a + b, 0) - c.weights_sum)).toBeLessThan(1e-6 * c.rows);
			if (c.robust) expect(Math.min(...r.weights)).toBeLessThan(1);
		}
	);

	it('recovers a pure seasonal pattern plus a line exactly where LOESS is exact', () => {
		// Linear trend + period-4 pattern summing to zero: local-linear fits reproduce a line, so the residual
		// is ~0 and the seasonal part is the pattern.
		const pattern = [1, -2, 0.5, 0.5];
		const y = Float64Array.from({ length: 80 }, (_, t) => 0.1 * t + pattern[t % 4]);
		const r = stl(y, { period: 4 });
		for (let t = 0; t < y.length; t++) {
			expect(r.seasonal[t]).toBeCloseTo(pattern[t % 4], 8);
			expect(r.trend[t]).toBeCloseTo(0.1 * t, 8);
		}
	});

	it('refuses too short a series, even windows and non-finite values, naming them', () => {
		expect(() => stl(new Float64Array(9), { period: 5 })).toThrow(/two full periods \(10 values\)/);
		expect(() => stl(new Float64Array(40), { period: 5, seasonal: 8 })).toThrow(/seasonal must be an odd/);
		expect(() => stl(new Float64Array(40), { period: 5, trend: 5 })).toThrow(
			/trend must be an odd whole number > period/
		);
		expect(() => stl(Float64Array.from([1, 2, Number.NaN, 4, 5, 6]), { period: 2 })).toThrow(
			/values\[2\] is NaN/
		);
	});
});

describe('classicalDecompose', () => {
	it('uses a 2×period centred average with half weights at the ends for an even period', () => {
		expect(Array.from(centredFilter(4))).toEqual([0.125, 0.25, 0.25, 0.25, 0.125]);
		expect(Array.from(centredFilter(3))).toEqual([1 / 3, 1 / 3, 1 / 3]);
	});

	it.each(fixture.classical.map((c) => [c.name, c] as const))(
		'matches statsmodels 0.13.5 seasonal_decompose on real S&P 500 closes (%s)',
		(_name, c) => {
			const closes = sp500Bars().close.slice(c.start, c.start + c.rows);
			const x = c.log ? closes.map(Math.log) : closes;
			const r = classicalDecompose(x, c.period, c.model as 'additive' | 'multiplicative');
			expectClose(r.trend, c.trend, 0, 'trend');
			expectClose(r.seasonal.slice(0, c.period), c.seasonal, 0, 'seasonal');
			expectClose(r.resid, c.resid, 0, 'resid');
		}
	);

	it('refuses non-positive values for a multiplicative decomposition', () => {
		const x = Float64Array.from({ length: 20 }, (_, i) => i);
		expect(() => classicalDecompose(x, 4, 'multiplicative')).toThrow(/values\[0\] is 0: a multiplicative/);
		expect(() => classicalDecompose(x.slice(0, 7), 4, 'additive')).toThrow(/two full periods \(8 values\)/);
	});
});

describe('the seasonal_decomposition entry', () => {
	const data = { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };
	const ctx = { rng: createRng(1) };

	it('decomposes the log closes by STL into the four charted parts, trend and seasonal as stl() gives', async () => {
		const r = await implementation.evaluate(data, { model: 'stl', period: 21, robust: true }, ctx);
		const direct = stl(sp500Bars().close.map(Math.log), { period: 21, robust: true });
		expect(r.charts.map((c) => c.title)).toEqual(['Observed (log S&P 500)', 'Trend', 'Seasonal', 'Residual']);
		expect(Array.from(r.charts[1].lines[0].values)).toEqual(Array.from(direct.trend));
		const num = (key: string) => r.numbers.find((n) => n.key === key)!.value;
		expect(num('trend_window')).toBe(41); // ceil(31.5 / (1 − 1.5/7)) = 41
		expect(num('trend_strength')).toBeGreaterThan(0.99); // a price level is almost all trend
		expect(num('seasonal_strength')).toBeGreaterThanOrEqual(0);
		expect(num('seasonal_strength')).toBeLessThan(0.5); // and has no material 21-day season
		expect(r.notes.join(' ')).toMatch(/never a trading signal/);
	});

	it('decomposes the closes themselves when multiplicative, leaving the trend missing at both ends', async () => {
		const r = await implementation.evaluate(data, { model: 'multiplicative', period: 5 }, ctx);
		const trend = r.charts[1].lines[0].values;
		expect(trend[0]).toBeNaN();
		expect(trend[1]).toBeNaN();
		expect(trend[2]).toBeCloseTo(
			sp500Bars()
				.close.slice(0, 5)
				.reduce((a, b) => a + b) / 5,
			9
		);
		expect(trend[trend.length - 1]).toBeNaN();
		expect(r.notes.join(' ')).toMatch(/multiplicative decomposition is of the values themselves/);
	});

	it('refuses an even STL seasonal window, naming the field', async () => {
		await expect(implementation.evaluate(data, { model: 'stl', seasonal: 8 }, ctx)).rejects.toMatchObject({
			code: 'analysis_input',
			message: expect.stringMatching(/seasonal_decomposition\.seasonal/)
		});
	});
});
