import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { checkCausal, list, makeBars } from './rules.testing';
import { clusterLevels, MIN_TOUCHES, SWING_BARS, supportResistancePositions } from './support-resistance';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261209;
const CUT_POINTS = 40;

describe('clusterLevels', () => {
	it('groups prices within the tolerance of their neighbour and keeps groups of two or more', () => {
		expect(MIN_TOUCHES).toBe(2);
		// 1 %: 100 and 100.5 group (100.5 ≤ 101) → 100.25; 103 stands alone (dropped); 110, 110.9 → 110.45.
		expect(clusterLevels([110.9, 100, 103, 100.5, 110], 0.01)).toEqual([100.25, 110.45]);
		expect(clusterLevels([], 0.01)).toEqual([]);
	});
});

describe('supportResistancePositions', () => {
	// high = low = close. Swing highs (two bars either side): t2 (105), t6 (105.2); swing lows: t4 (100), t8 (100).
	const closes = [100, 102, 105, 102, 100, 102, 105.2, 102, 100, 101, 103, 104.5, 106.5, 100.5, 98.5];

	it('signals rests on and breaks of the levels, by hand', () => {
		expect(SWING_BARS).toBe(2);
		// window 10, tolerance 0.01.
		// t10: swings j ∈ [0, 7]: 105, 100, 105.2 → levels {105, 105.2} → 105.1 (the lone 100 is no level).
		//      103 is not within 1 % under 105.1 (104.049) → 0.
		// t11: j ∈ [1, 8] adds the low at t8 → levels 100 and 105.1; 104.049 ≤ 104.5 < 105.1 → −1 (resistance).
		// t12: 104.5 ≤ 105.1 · 1.01 = 106.151 < 106.5 → +1 (break up).
		// t13: j ∈ [3, 10]: the high at t2 has left the window → levels {100, 100} → 100 only;
		//      100 ≤ 100.5 ≤ 101 → +1 (support).
		// t14: 100.5 ≥ 99 > 98.5 → −1 (break down).
		const pos = supportResistancePositions(makeBars({ close: closes }), 10, 0.01);
		expect(list(pos).slice(9)).toEqual([NaN, 0, -1, 1, 1, -1]);
	});

	it('finds no levels, so stays flat, in flat prices', () => {
		const pos = supportResistancePositions(makeBars({ close: Array(30).fill(50) }), 20, 0.01);
		expect(list(pos).slice(20)).toEqual(Array(10).fill(0));
	});

	it('refuses a tolerance outside (0, 1) and a window too short for a swing, naming them', () => {
		const bars = makeBars({ close: closes });
		expect(() => supportResistancePositions(bars, 10, 0)).toThrow(/tolerance must lie in \(0, 1\)/);
		expect(() => supportResistancePositions(bars, 3, 0.01)).toThrow(/window must be a whole number ≥ 6/);
	});

	it('takes both sides on real S&P 500 bars at its defaults', () => {
		const pos = supportResistancePositions(sp500Bars(), 50, 0.01);
		expect(pos).toContain(1);
		expect(pos).toContain(-1);
	});

	it(`never changes a position at t when bars after t change (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const moved = checkCausal(
			sp500Bars(),
			(b) => [supportResistancePositions(b, 50, 0.01)],
			CAUSALITY_SEED,
			CUT_POINTS
		);
		expect(moved).toBeGreaterThan(CUT_POINTS / 2);
	});
});
