import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import fixture from './risk.fixture.json';
import {
	corwinSchultzTwoDay,
	rollAutocovariance,
	rollingMean,
	rollingRollAutocovariance,
	rollSpreadOf
} from './spreads';

const bars = sp500Bars();
const f = (v: number[]) => Float64Array.from(v);
const near = (a: number, b: number | null, tol: number) => {
	if (b === null) expect(a).toBeNaN();
	else expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.abs(b));
};

describe('spread estimators', () => {
	it('Roll: recovers the spread of a constant value traded at random at the bid or the ask (seed 11)', () => {
		// Roll's model: log price = m ± S/2, bid or ask with probability ½ each, independently: cov(Δp_t, Δp_{t−1})
		// = −S²/4. S = 1 %, 20,000 days: the estimate's sampling error is about 1 %.
		const rng = createRng(11);
		const close = f(Array.from({ length: 20_000 }, () => 100 * Math.exp(rng.next() < 0.5 ? -0.005 : 0.005)));
		expect(Math.abs(rollSpreadOf(rollAutocovariance(close)) / 0.01 - 1)).toBeLessThan(0.03);
		expect(rollSpreadOf(1e-6)).toBeNaN();
	});

	it('Roll: equals pandas Series.cov of the real S&P 500 log changes with their lag (1e-10 relative)', () => {
		near(rollAutocovariance(bars.close), fixture.roll.autocovariance, 1e-10);
		near(rollSpreadOf(rollAutocovariance(bars.close)), fixture.roll.spread, 1e-10);
		const rolling = rollingRollAutocovariance(bars.close, fixture.roll.window);
		for (const [i, v] of Object.entries(fixture.roll.rolling_autocovariance))
			near(rolling[Number(i)], v, 1e-8);
	});

	it('Corwin–Schultz: hand-computed two-day estimate with no overnight gap', () => {
		// H/L 101/99 both days, close 100: β = 2 ln(101/99)², γ = ln(101/99)² → α = (√(2β) − √β)/k − √(γ/k).
		const b = 2 * Math.log(101 / 99) ** 2;
		const k = 3 - 2 * Math.SQRT2;
		const a = (Math.sqrt(2 * b) - Math.sqrt(b)) / k - Math.sqrt(b / 2 / k);
		const s = corwinSchultzTwoDay(f([101, 101]), f([99, 99]), f([100, 100]));
		expect(s[0]).toBeCloseTo(Math.max(0, (2 * (Math.exp(a) - 1)) / (1 + Math.exp(a))), 15);
		expect(s[0]).toBeGreaterThan(0);
		// A gap up: day 2 trades 105–107 above the 100 close; shifted down by 5 it equals the range 100–102.
		const gapped = corwinSchultzTwoDay(f([101, 107]), f([99, 105]), f([100, 106]));
		const shifted = corwinSchultzTwoDay(f([101, 102]), f([99, 100]), f([100, 101]));
		expect(gapped[0]).toBeCloseTo(shifted[0], 15);
	});

	it('Corwin–Schultz: equals the paper’s formulas in NumPy on the real S&P 500 bars (1e-10 relative)', () => {
		const s = corwinSchultzTwoDay(bars.high, bars.low, bars.close);
		expect(s.length).toBe(fixture.corwin_schultz.two_day_count);
		near(s.reduce((a, b) => a + b, 0) / s.length, fixture.corwin_schultz.mean, 1e-10);
		near(s.filter((v) => v === 0).length / s.length, fixture.corwin_schultz.zero_share, 1e-12);
		for (const [i, v] of Object.entries(fixture.corwin_schultz.two_day)) near(s[Number(i)], v, 1e-10);
		const m = rollingMean(s, fixture.roll.window);
		for (const [i, v] of Object.entries(fixture.corwin_schultz.rolling_mean)) near(m[Number(i)], v, 1e-9);
	});
});
