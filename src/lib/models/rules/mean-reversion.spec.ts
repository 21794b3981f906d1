import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { meanReversionPositions, zScoreRegimePositions } from './mean-reversion';
import { checkCausal, list } from './rules.testing';

/** Seed of the causality property tests; printed in their names so a failure can be replayed. */
const CAUSALITY_SEED = 20261205;
const CUT_POINTS = 60;
const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('meanReversionPositions', () => {
	it('goes short above +threshold, holds until z is back to 0, and goes long below −threshold', () => {
		// window 3, threshold 1 (trailing windows, ddof 1):
		// t2 [10,10,10] flat → z 0 → 0.  t3 [10,10,13] mean 11, std √3 → z 2/√3 = 1.155 > 1 → −1.
		// t4 [10,13,12] mean 11.667, std 1.528 → z 0.218: still above the mean → hold −1.
		// t5 [13,12,11] mean 12, std 1 → z −1 (not < −1) but ≤ 0 → the short ends → 0.
		// t6 [12,11,8] mean 10.333, std 2.082 → z −1.121 < −1 → +1.  t7 [11,8,9] z −0.218 → hold +1.
		// t8 [8,9,10] mean 9, std 1 → z 1 (not > 1) but ≥ 0 → the long ends → 0.
		const pos = meanReversionPositions(f([10, 10, 10, 13, 12, 11, 8, 9, 10]), 3, 1);
		expect(list(pos)).toEqual([NaN, NaN, 0, -1, -1, 0, 1, 1, 0]);
	});

	it('stays flat on flat prices', () => {
		expect(list(meanReversionPositions(f(Array(8).fill(50)), 5, 2))).toEqual([
			NaN,
			NaN,
			NaN,
			NaN,
			0,
			0,
			0,
			0
		]);
	});

	it('refuses a non-positive threshold and a window below 2, naming them', () => {
		expect(() => meanReversionPositions(f([1, 2, 3]), 3, 0)).toThrow(/threshold must be a positive number/);
		expect(() => meanReversionPositions(f([1, 2, 3]), 1, 2)).toThrow(/window must be a whole number ≥ 2/);
	});
});

describe('zScoreRegimePositions', () => {
	it('follows the regime a close flags against the window before it', () => {
		// window 3, threshold 1 (prior windows): t3 prior [10,11,12] mean 11, std 1 → z 3 → +1 (high regime).
		// t4 prior [11,12,14] mean 12.333, std 1.528 → z (12.5 − 12.333) / 1.528 = 0.109 → 0 (normal).
		// t5 prior [12,14,12.5] mean 12.833, std 1.041 → z (9 − 12.833) / 1.041 = −3.68 → −1 (low regime).
		const pos = zScoreRegimePositions(f([10, 11, 12, 14, 12.5, 9]), 3, 1);
		expect(list(pos)).toEqual([NaN, NaN, NaN, 1, 0, -1]);
	});

	it('is flat on flat prices and takes a move out of a flat range as a regime', () => {
		expect(list(zScoreRegimePositions(f([7, 7, 7, 7, 7]), 3, 2))).toEqual([NaN, NaN, NaN, 0, 0]);
		expect(list(zScoreRegimePositions(f([7, 7, 7, 7.01]), 3, 2))).toEqual([NaN, NaN, NaN, 1]);
	});
});

describe('the z-score rules on real S&P 500 bars', () => {
	it('take both sides at their defaults', () => {
		const close = sp500Bars().close;
		for (const pos of [meanReversionPositions(close, 20, 2), zScoreRegimePositions(close, 50, 2)]) {
			expect(pos).toContain(1);
			expect(pos).toContain(-1);
		}
	});

	it(`never change a position at t when bars after t change (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const bars = sp500Bars();
		const moved = checkCausal(
			bars,
			(b) => [meanReversionPositions(b.close, 20, 2), zScoreRegimePositions(b.close, 50, 2)],
			CAUSALITY_SEED,
			CUT_POINTS
		);
		expect(moved).toBeGreaterThan(CUT_POINTS / 2);
	});
});
