import { StochasticOscillator, WilliamsR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import { candlesOf, CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';
import {
	stochastic,
	stochasticK,
	stochasticPositions,
	williamsR,
	williamsRPositions
} from './range-oscillators';

function barsOf(high: number[], low: number[], close: number[]): Bars {
	const f = (v: number[]): Float64Array => Float64Array.from(v);
	return {
		t: f(close.map((_, i) => i)),
		open: f(close),
		high: f(high),
		low: f(low),
		close: f(close),
		volume: f(close.map(() => 1))
	};
}

// Window 3 over these bars: highest highs −, −, 12, 13, 13; lowest lows −, −, 8, 8, 9.
const b = barsOf([10, 12, 11, 13, 12], [8, 9, 9, 10, 11], [9, 11, 10, 13, 11]);

describe('stochasticK and williamsR', () => {
	it('place the close within the high–low range of the window (hand-computed)', () => {
		// Row 2: (10 − 8)/(12 − 8) = 50 %; row 3: (13 − 8)/(13 − 8) = 100 %; row 4: (11 − 9)/(13 − 9) = 50 %.
		expect(Array.from(stochasticK(b, 3))).toEqual([Number.NaN, Number.NaN, 50, 100, 50]);
		expect(Array.from(williamsR(b, 3))).toEqual([Number.NaN, Number.NaN, -50, 0, -50]);
	});

	it('put the close in the middle when the window has no range', () => {
		const flat = barsOf([5, 5], [5, 5], [5, 5]);
		expect(stochasticK(flat, 2)[1]).toBe(50);
		expect(williamsR(flat, 2)[1]).toBe(-50);
	});

	it('equal trading-signals 8.3.0 WilliamsR and StochasticOscillator on the real S&P 500 bars (≤ 1e-9)', () => {
		// Every S&P 500 window has a range (the definitions differ only when HH = LL), and the %K here is the fast
		// one (kSlowingPeriod 1), %D its SMA over dPeriod. Tolerance 1e-9 absolute on the 0–100 scale.
		const bars = sp500Bars();
		const candles = candlesOf(bars);
		const n = candles.length;
		for (const window of [5, 14, 50]) {
			const ref = new WilliamsR(window).updates(candles, false);
			expect(expectMatches(williamsR(bars, window), ref, 1e-9)).toBe(n - window + 1);
			for (const smooth of [1, 3, 10]) {
				const st = new StochasticOscillator({ kPeriod: window, kSlowingPeriod: 1, dPeriod: smooth });
				const r = st.updates(candles, false);
				const ours = stochastic(bars, window, smooth);
				expect(
					expectMatches(
						ours.k,
						r.map((x) => x?.stochK),
						1e-9
					)
				).toBe(n - window - smooth + 2);
				expect(
					expectMatches(
						ours.d,
						r.map((x) => x?.stochD),
						1e-9
					)
				).toBe(n - window - smooth + 2);
				// Ours shows %K from row window − 1, before %D exists; trading-signals waits for both.
				expect(Number.isNaN(ours.k[window - 1])).toBe(false);
			}
		}
	});

	it('refuse a window below 1 and non-finite prices, naming them', () => {
		expect(() => williamsR(b, 0)).toThrow(/lbp must be a whole number ≥ 1, got 0/);
		expect(() => stochastic(b, 3, 0)).toThrow(/smooth_window must be a whole number ≥ 1, got 0/);
		const bad = barsOf([1, Number.NaN], [1, 1], [1, 1]);
		expect(() => stochasticK(bad, 1)).toThrow(/high\[1\] is NaN/);
	});
});

describe('the range-oscillator rules', () => {
	it('go long when oversold, short when overbought, flat between (hand-computed)', () => {
		// Window 1: the close at the low (−100 / 0 %) is oversold, at the high overbought, mid-range neutral.
		const x = barsOf([10, 10, 10], [8, 8, 8], [8, 10, 9]);
		expect(Array.from(williamsRPositions(x, 1))).toEqual([1, -1, 0]);
		expect(Array.from(stochasticPositions(x, 1, 1))).toEqual([1, -1, 0]);
		// %D over 2 rows: (0 + 100)/2 = 50 → flat; (100 + 50)/2 = 75 → flat.
		expect(Array.from(stochasticPositions(x, 1, 2))).toEqual([Number.NaN, 0, 0]);
	});

	it('take both sides on the real S&P 500 bars', () => {
		for (const pos of [williamsRPositions(sp500Bars(), 14), stochasticPositions(sp500Bars(), 14, 3)]) {
			expect(pos).toContain(1);
			expect(pos).toContain(-1);
			expect(pos).toContain(0);
		}
	});

	it(`never change a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (x) => {
			const s = stochastic(x, 14, 3);
			return [s.k, s.d, williamsR(x, 14), williamsRPositions(x, 14), stochasticPositions(x, 14, 3)];
		});
	});
});
