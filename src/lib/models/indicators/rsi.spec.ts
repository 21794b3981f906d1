import { RSI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';
import { rsi, rsiPositions } from './rsi';

const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('rsi', () => {
	it('seeds with the simple means of the first n changes, then smooths by Wilder (hand-computed)', () => {
		// window 2. Changes +2, −1, +3, −2. Seed at row 2: gain (2 + 0)/2 = 1, loss (0 + 1)/2 = 0.5 → RSI 66.67.
		// Row 3: gain 1 + (3 − 1)/2 = 2, loss 0.5 + (0 − 0.5)/2 = 0.25 → RS 8, RSI 88.89.
		// Row 4: gain 2 + (0 − 2)/2 = 1, loss 0.25 + (2 − 0.25)/2 = 1.125 → RSI 100 − 100/(1 + 8/9) = 47.06.
		const r = rsi(f([10, 12, 11, 14, 12]), 2);
		expect(r[0]).toBeNaN();
		expect(r[1]).toBeNaN();
		expect(r[2]).toBeCloseTo(200 / 3, 12);
		expect(r[3]).toBeCloseTo(800 / 9, 12);
		expect(r[4]).toBeCloseTo(100 - 100 / (1 + 8 / 9), 12);
	});

	it('is 100 with no losses and 50 with no movement at all', () => {
		expect(rsi(f([1, 2, 3]), 2)[2]).toBe(100);
		expect(rsi(f([5, 5, 5]), 2)[2]).toBe(50);
	});

	it('equals trading-signals 8.3.0 RSI (Wilder-smoothed, SMA seed) on the real S&P 500 closes (≤ 1e-9)', () => {
		// Both seed with the SMA of the first n changes; the smoothing is the same recursion written differently,
		// so the two agree to rounding over the whole series (tolerance 1e-9 absolute on a 0–100 scale).
		const close = sp500Bars().close;
		for (const window of [5, 14, 50]) {
			const ref = new RSI(window).updates(Array.from(close), false);
			expect(expectMatches(rsi(close, window), ref, 1e-9)).toBe(close.length - window);
		}
	});

	it('refuses a window below 1 and non-finite closes, naming them', () => {
		expect(() => rsi(f([1, 2]), 0)).toThrow(/window must be a whole number ≥ 1, got 0/);
		expect(() => rsi(f([1, Number.NaN, 2]), 1)).toThrow(/close\[1\] is NaN/);
	});
});

describe('rsiPositions', () => {
	it('is long below 30, short above 70 and flat between', () => {
		// window 1: RSI is 100 on a rise, 0 on a fall, 50 when unchanged.
		expect(Array.from(rsiPositions(f([10, 11, 9, 9]), 1))).toEqual([Number.NaN, -1, 1, 0]);
	});

	it('takes both sides on the real S&P 500 closes at the default window', () => {
		const pos = rsiPositions(sp500Bars().close, 14);
		expect(pos).toContain(1);
		expect(pos).toContain(-1);
		expect(pos).toContain(0);
	});

	it(`never changes a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (b) => [rsi(b.close, 14), rsiPositions(b.close, 14)]);
	});
});
