import { PSAR } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import { CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';
import { parabolicSar, psarPositions } from './psar';

const f = (v: number[]): Float64Array => Float64Array.from(v);

function barsOf(high: number[], low: number[]): Bars {
	const close = high.map((h, i) => (h + low[i]) / 2);
	return {
		t: f(close.map((_, i) => i)),
		open: f(close),
		high: f(high),
		low: f(low),
		close: f(close),
		volume: f(close.map(() => 1))
	};
}

describe('parabolicSar', () => {
	it('trails the trend, accelerates on new extremes and reverses to the old extreme (hand-computed)', () => {
		// step 0.1, max 0.2. Start long: SAR 9, EP 10, AF 0.1.
		// Bar 1 (H 12, L 10): SAR 9 + 0.1 · (10 − 9) = 9.1, min with lows 9, 9 → 9; new EP 12, AF 0.2.
		// Bar 2 (H 13, L 11): 9 + 0.2 · 3 = 9.6, min with lows 9 (bar 0), 10 → 9; EP 13, AF stays 0.2.
		// Bar 3 (H 10, L 8): 9 + 0.2 · 4 = 9.8, min with 10, 11 → 9.8; low 8 < 9.8 → reverse: SAR 13 (old EP),
		// EP 8, AF 0.1, short from here.
		// Bar 4 (H 9, L 7): 13 + 0.1 · (8 − 13) = 12.5, max with highs 13, 10 → 13; new EP 7, AF 0.2.
		const p = parabolicSar(barsOf([10, 12, 13, 10, 9], [9, 10, 11, 8, 7]), 0.1, 0.2);
		expect(Array.from(p.sar)).toEqual([9, 9, 9, 13, 13]);
		expect(Array.from(p.trend)).toEqual([Number.NaN, Number.NaN, Number.NaN, -1, -1]);
	});

	it('equals technicalindicators 3.1.0 PSAR on the real S&P 500 bars (≤ 1e-9 relative)', () => {
		// Same start (long, SAR = first low, EP = first high) and the same update order, so the whole series
		// matches to rounding. (trading-signals 8.3.0's PSAR starts from the first two bars' midpoints and nudges
		// a reversal SAR by 0.01, so it is not the reference here.)
		const bars = sp500Bars();
		for (const [step, max] of [
			[0.02, 0.2],
			[0.05, 0.5],
			[0.01, 0.1]
		]) {
			const ref = new PSAR({ high: Array.from(bars.high), low: Array.from(bars.low), step, max }).getResult();
			expect(ref.length).toBe(bars.close.length);
			expect(expectMatches(parabolicSar(bars, step, max).sar, ref, 1e-9)).toBe(ref.length);
		}
	});

	it('refuses a non-positive step and a max_step below it, naming them', () => {
		const x = barsOf([2, 3], [1, 2]);
		expect(() => parabolicSar(x, 0, 0.2)).toThrow(/step must be positive, got 0/);
		expect(() => parabolicSar(x, 0.2, 0.1)).toThrow(/max_step \(0.1\) must be at least step \(0.2\)/);
	});
});

describe('psarPositions', () => {
	it('takes both sides on the real S&P 500 bars, NaN only before the first reversal', () => {
		const pos = psarPositions(sp500Bars(), 0.02, 0.2);
		const first = pos.findIndex((v) => !Number.isNaN(v));
		expect(first).toBeGreaterThan(0);
		expect(first).toBeLessThan(60);
		for (let t = first; t < pos.length; t++) expect(Math.abs(pos[t])).toBe(1);
		expect(pos).toContain(1);
		expect(pos).toContain(-1);
	});

	it(`never changes a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (x) => {
			const p = parabolicSar(x, 0.02, 0.2);
			return [p.sar, p.trend];
		});
	});
});
