import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { checkCausal, list } from './rules.testing';
import { TREND_LOOKBACK, trendReversalPositions } from './trend-reversal';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261208;
const CUT_POINTS = 60;

/** 100, 101, …, 120 (a 20-bar rise of 20), then the closes given. */
const afterRise = (tail: number[]) =>
	Float64Array.from([...Array.from({ length: 21 }, (_, i) => 100 + i), ...tail]);

describe('trendReversalPositions', () => {
	it('goes short when an up-trend turns for the confirmation period and gives back enough of its move', () => {
		expect(TREND_LOOKBACK).toBe(20);
		// m = 2, s = 0.5. t22: pivot 20 (close 120), trend 120 − 100 = +20; closes after it 115, 109 are both below
		// 120 and 120 − 109 = 11 ≥ 0.5 · 20 = 10 → −1.
		// t23: pivot 21 (115), trend 115 − 101 = 14; 109, 108 < 115 and 115 − 108 = 7 ≥ 7 → −1 again.
		// t24: pivot 22 (109): 112 > 109, the turn did not persist → hold −1.
		const pos = trendReversalPositions(afterRise([115, 109, 108, 112]), 0.5, 2);
		expect(list(pos).slice(20)).toEqual([NaN, NaN, -1, -1, -1]);
	});

	it('needs more of the move given back at lower sensitivity', () => {
		// s = 0.2 needs 0.8 · 20 = 16 given back at t22; 11 is not enough. t23 needs 0.8 · 14 = 11.2 > 7.
		const pos = trendReversalPositions(afterRise([115, 109, 108]), 0.2, 2);
		expect(list(pos).slice(22)).toEqual([0, 0]);
	});

	it('goes long on the mirror image: a down-trend that turns up', () => {
		const mirrored = afterRise([115, 109, 108, 112]).map((c) => 240 - c);
		expect(list(trendReversalPositions(mirrored, 0.5, 2)).slice(22)).toEqual([1, 1, 1]);
	});

	it('sees no trend, so no reversal, in flat prices', () => {
		const pos = trendReversalPositions(new Float64Array(30).fill(100), 1, 3);
		expect(list(pos).slice(TREND_LOOKBACK + 3)).toEqual(Array(30 - TREND_LOOKBACK - 3).fill(0));
		expect(pos[TREND_LOOKBACK + 2]).toBeNaN();
	});

	it('refuses a sensitivity outside (0, 1] and a fractional confirmation period, naming them', () => {
		expect(() => trendReversalPositions(afterRise([]), 0, 2)).toThrow(/sensitivity must lie in \(0, 1\]/);
		expect(() => trendReversalPositions(afterRise([]), 0.5, 1.5)).toThrow(/confirmation_period/);
	});

	it('takes both sides on real S&P 500 closes at its defaults', () => {
		const pos = trendReversalPositions(sp500Bars().close, 0.5, 3);
		expect(pos).toContain(1);
		expect(pos).toContain(-1);
	});

	it(`never changes a position at t when bars after t change (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const moved = checkCausal(
			sp500Bars(),
			(b) => [trendReversalPositions(b.close, 0.5, 3), trendReversalPositions(b.close, 1, 1)],
			CAUSALITY_SEED,
			CUT_POINTS
		);
		expect(moved).toBeGreaterThan(CUT_POINTS / 2);
	});
});
