import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import {
	channelBreakoutPositions,
	momentumBreakoutPositions,
	volumeConfirmedBreakoutPositions
} from './breakouts';
import { checkCausal, list, makeBars } from './rules.testing';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261206;
const CUT_POINTS = 60;
const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('momentumBreakoutPositions', () => {
	it('goes long on a close above the prior closes’ high by the threshold and holds until a break down', () => {
		// lookback 3, threshold 0.1. t3: prior max(100, 102, 101) = 102, 1.1 · 102 = 112.2 < 113 → +1.
		// t4, t5: 105 and 100 stay inside (prior min 101 → 90.9) → hold +1.
		// t6: prior min(113, 105, 100) = 100, 0.9 · 100 = 90 > 89 → −1. t7: 95 inside (80.1 … 115.5) → hold −1.
		const pos = momentumBreakoutPositions(f([100, 102, 101, 113, 105, 100, 89, 95]), 3, 0.1);
		expect(list(pos)).toEqual([NaN, NaN, NaN, 1, 1, 1, -1, -1]);
	});

	it('needs strictly more than the margin: a close exactly at (1 − threshold) · prior low is no break', () => {
		// prior min(100, 100) = 100, 0.9 · 100 = 90: a close of 90 is not below it.
		expect(list(momentumBreakoutPositions(f([100, 100, 90]), 2, 0.1))).toEqual([NaN, NaN, 0]);
	});

	it('stays flat on flat prices', () => {
		expect(list(momentumBreakoutPositions(f([5, 5, 5, 5]), 2, 0.01))).toEqual([NaN, NaN, 0, 0]);
	});

	it('refuses a threshold outside [0, 1), naming it', () => {
		expect(() => momentumBreakoutPositions(f([1, 2, 3]), 2, 1)).toThrow(/threshold must be a fraction/);
	});
});

describe('channelBreakoutPositions', () => {
	it('measures the break against prior highs and lows, not prior closes', () => {
		// lookback 2, threshold 0.01. t2: prior closes max 101 → 102.01 < 103, so the closing-price rule breaks,
		// but prior highs max(101, 102) = 102 → 103.02 > 103, so the channel rule does not.
		const bars = makeBars({ close: [100, 101, 103], high: [101, 102, 104], low: [99, 100, 102] });
		expect(momentumBreakoutPositions(bars.close, 2, 0.01)[2]).toBe(1);
		expect(channelBreakoutPositions(bars.close, bars.high, bars.low, 2, 0.01)[2]).toBe(0);
	});

	it('goes long above the prior channel and reverses below it', () => {
		// t2: 103.5 > 1.01 · 102 = 103.02 → +1. t3: 100 inside (prior lows min 100 → 99; highs 104 → 105.04) → +1.
		// t4: prior lows min(102, 99) = 99, 0.99 · 99 = 98.01 > 97 → −1.
		const bars = makeBars({
			close: [100, 101, 103.5, 100, 97],
			high: [101, 102, 104, 101, 98],
			low: [99, 100, 102, 99, 96]
		});
		expect(list(channelBreakoutPositions(bars.close, bars.high, bars.low, 2, 0.01))).toEqual([
			NaN,
			NaN,
			1,
			1,
			-1
		]);
	});
});

describe('volumeConfirmedBreakoutPositions', () => {
	const prices = {
		close: [100, 101, 103.5, 100, 97],
		high: [101, 102, 104, 101, 98],
		low: [99, 100, 102, 99, 96]
	};

	it('counts a break only on volume above the threshold times the prior mean volume', () => {
		// lookback 2, price 0.01, volume 1.5. t2: the channel break of the test above, but prior mean volume
		// (1000 + 1000) / 2 = 1000 and 1400 < 1.5 · 1000 → not confirmed → 0.
		// t3: no break. t4: break down; prior mean (1400 + 3000) / 2 = 2200, 1.5 · 2200 = 3300 < 3400 → −1.
		const bars = makeBars({ ...prices, volume: [1000, 1000, 1400, 3000, 3400] });
		expect(list(volumeConfirmedBreakoutPositions(bars, 2, 0.01, 1.5))).toEqual([NaN, NaN, 0, 0, -1]);
	});

	it('confirms nothing when no volume is recorded', () => {
		const bars = makeBars({ ...prices, volume: [0, 0, 0, 0, 0] });
		expect(list(volumeConfirmedBreakoutPositions(bars, 2, 0.01, 1.5))).toEqual([NaN, NaN, 0, 0, 0]);
	});
});

describe('the breakout rules on real S&P 500 bars', () => {
	it('take both sides at their defaults', () => {
		const bars = sp500Bars();
		for (const pos of [
			momentumBreakoutPositions(bars.close, 20, 0.02),
			channelBreakoutPositions(bars.close, bars.high, bars.low, 20, 0.02),
			volumeConfirmedBreakoutPositions(bars, 20, 0.02, 1.5)
		]) {
			expect(pos).toContain(1);
			expect(pos).toContain(-1);
		}
	});

	it(`never change a position at t when bars after t change (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const moved = checkCausal(
			sp500Bars(),
			(b) => [
				momentumBreakoutPositions(b.close, 20, 0.02),
				channelBreakoutPositions(b.close, b.high, b.low, 20, 0.02),
				volumeConfirmedBreakoutPositions(b, 20, 0.02, 1.5)
			],
			CAUSALITY_SEED,
			CUT_POINTS
		);
		expect(moved).toBeGreaterThan(CUT_POINTS / 2);
	});
});
