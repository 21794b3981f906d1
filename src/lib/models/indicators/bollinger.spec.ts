import { BollingerBands } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { bollingerBands, bollingerBreakoutPositions } from './bollinger';
import { CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';

const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('bollingerBands', () => {
	it('are the rolling mean ± k population standard deviations (hand-computed)', () => {
		// window 4 over 2, 4, 4, 6: mean 4, population σ = √(8/4) = √2; k = 2.
		const b = bollingerBands(f([2, 4, 4, 6, 10]), 4, 2);
		expect(b.middle[2]).toBeNaN();
		expect(b.middle[3]).toBeCloseTo(4, 14);
		expect(b.upper[3]).toBeCloseTo(4 + 2 * Math.SQRT2, 12);
		expect(b.lower[3]).toBeCloseTo(4 - 2 * Math.SQRT2, 12);
		// Next window 4, 4, 6, 10: mean 6, σ = √((4 + 4 + 0 + 16)/4) = √6.
		expect(b.middle[4]).toBeCloseTo(6, 12);
		expect(b.upper[4]).toBeCloseTo(6 + 2 * Math.sqrt(6), 12);
	});

	it('equal trading-signals 8.3.0 BollingerBands on the real S&P 500 closes (≤ 1e-9 relative)', () => {
		// trading-signals recomputes each window from scratch (two-pass σ); our one-pass rolling update agrees to
		// 1e-9 relative over all 5 000+ rows, which bounds its drift.
		const close = sp500Bars().close;
		for (const [window, dev] of [
			[20, 2],
			[10, 1],
			[50, 3]
		]) {
			const ref = new BollingerBands(window, dev).updates(Array.from(close), false);
			const ours = bollingerBands(close, window, dev);
			const n = close.length - window + 1;
			expect(
				expectMatches(
					ours.middle,
					ref.map((r) => r?.middle),
					1e-9
				)
			).toBe(n);
			expect(
				expectMatches(
					ours.upper,
					ref.map((r) => r?.upper),
					1e-9
				)
			).toBe(n);
			expect(
				expectMatches(
					ours.lower,
					ref.map((r) => r?.lower),
					1e-9
				)
			).toBe(n);
		}
	});

	it('refuses a window below 2, a non-positive width and non-finite closes, naming them', () => {
		expect(() => bollingerBands(f([1, 2]), 1, 2)).toThrow(/window must be a whole number ≥ 2, got 1/);
		expect(() => bollingerBands(f([1, 2]), 2, 0)).toThrow(/window_dev must be positive, got 0/);
		expect(() => bollingerBands(f([1, Number.POSITIVE_INFINITY]), 2, 2)).toThrow(/close\[1\] is Infinity/);
	});
});

describe('bollingerBreakoutPositions', () => {
	it('is long above the upper band, short below the lower, flat inside', () => {
		// window 2, k = 0.5: window (10, 10) σ 0, close 10 on the band → 0; (10, 12) mean 11 σ 1, bands 10.5 and
		// 11.5, close 12 above → +1; (12, 8) mean 10 σ 2, bands 9 and 11, close 8 below → −1.
		expect(Array.from(bollingerBreakoutPositions(f([10, 10, 12, 8]), 2, 0.5))).toEqual([
			Number.NaN,
			0,
			1,
			-1
		]);
	});

	it('takes both sides on the real S&P 500 closes', () => {
		const pos = bollingerBreakoutPositions(sp500Bars().close, 20, 2);
		expect(pos).toContain(1);
		expect(pos).toContain(-1);
		expect(pos).toContain(0);
	});

	it(`never changes a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (b) => {
			const bands = bollingerBands(b.close, 20, 2);
			return [bands.middle, bands.upper, bands.lower, bollingerBreakoutPositions(b.close, 20, 2)];
		});
	});
});
