import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import type { Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import {
	DEGREE_THRESHOLD,
	FIB_TOLERANCE,
	elliottCount,
	elliottPositions,
	type ElliottParams
} from './elliott';
import { pathBars, scrambleAfter } from './test-bars';

const CAUSALITY_SEED = 20261210;
const CUT_POINTS = 120;

/** Closes along straight legs of 10 bars between the turning points (pathBars adds 0.2 % wicks). */
function legs(points: number[]): Bars {
	const closes = [points[0]];
	for (let k = 1; k < points.length; k++)
		for (let i = 1; i <= 10; i++) closes.push(points[k - 1] + ((points[k] - points[k - 1]) * i) / 10);
	return pathBars(closes);
}

/** The runs of consecutive equal values, e.g. none, 3, 4, … */
function runs<T>(values: readonly T[]): T[] {
	return values.filter((v, i) => i === 0 || v !== values[i - 1]);
}

const PRIMARY: ElliottParams = { degree: 'primary', fibRatios: [0.382, 0.618, 1.618], minWaveBars: 5 };

/**
 * A textbook impulse and correction (8 % swings, 10 bars a wave): wave 1 100 → 130; wave 2 to 112 (retraces
 * 18/30 = 0.60, within 15 % of 0.618); wave 3 to 162 (above 130, the longest); wave 4 to 143 (retraces
 * 19/50 = 0.38 of wave 3, ≈ 0.382, and stays above wave 1's top 130); wave 5 to 173 (above 162); A to 150; B to
 * 165 (below 173); C to 140; then a rise that confirms C's end.
 */
const IMPULSE = [100, 130, 112, 162, 143, 173, 150, 165, 140, 160];

describe('elliottCount on hand-built swings', () => {
	it('counts a textbook upward impulse through waves 3, 4, 5 and the correction A, B, C', () => {
		const count = elliottCount(legs(IMPULSE), PRIMARY);
		expect(runs(count.stage)).toEqual(['none', '3', '4', '5', 'A', 'B', 'C', 'none']);
		expect(count.impulses).toHaveLength(1);
		// Wave 3 is known once the low at 112 (bar 20) is confirmed: the first close 8 % above its low 111.78 is
		// bar 22 (122 with a high of 122.24 ≥ 120.72).
		const stage3 = count.stage.indexOf('3');
		expect(stage3).toBe(22);
		const pos = elliottPositions(legs(IMPULSE), PRIMARY);
		expect(pos[stage3]).toBe(1);
		expect(pos[count.stage.indexOf('4')]).toBe(0);
		expect(pos[count.stage.indexOf('5')]).toBe(1);
		expect(pos[count.stage.indexOf('A')]).toBe(-1);
		expect(pos[count.stage.indexOf('B')]).toBe(0);
		expect(pos[count.stage.indexOf('C')]).toBe(-1);
	});

	it('counts the mirrored downward impulse with every position negated', () => {
		const down = IMPULSE.map((v) => 300 - v); // 200, 170, 188, 138, 157, 127, 150, 135, 160, 140
		const count = elliottCount(legs(down), PRIMARY);
		expect(runs(count.stage)).toEqual(['none', '3', '4', '5', 'A', 'B', 'C', 'none']);
		const pos = elliottPositions(legs(down), PRIMARY);
		expect(pos[count.stage.indexOf('3')]).toBe(-1);
		expect(pos[count.stage.indexOf('A')]).toBe(1);
	});

	it('starts no upward count when wave 2 falls below the start of wave 1 (rule 1)', () => {
		const count = elliottCount(legs([100, 130, 95, 160, 143, 173, 150]), PRIMARY);
		expect(count.stage.includes('3')).toBe(false);
	});

	it('drops the count when wave 4 falls into wave 1’s range (rule 3)', () => {
		// Wave 4 to 125, below wave 1's top 130.
		const count = elliottCount(legs([100, 130, 112, 162, 125, 173, 150]), PRIMARY);
		expect(runs(count.stage).slice(0, 4)).toEqual(['none', '3', '4', 'none']);
	});

	it('needs wave 2’s retracement near one of the given ratios: 0.45 is near none of 0.382, 0.618, 1.618', () => {
		// Wave 2 to 116.5 retraces 13.5/30 = 0.45 (0.46 with the wicks), outside 0.382·(1 ± 0.15) = 0.32–0.44 and
		// 0.618·(1 ± 0.15) = 0.53–0.71. The path stops after wave 3 so that no later swings can start a count.
		expect(FIB_TOLERANCE).toBe(0.15);
		const path = [100, 130, 116.5, 162, 140];
		expect(elliottCount(legs(path), PRIMARY).stage.includes('3')).toBe(false);
		// With 0.5 among the ratios the same swings start a count.
		expect(elliottCount(legs(path), { ...PRIMARY, fibRatios: [0.5] }).stage.includes('3')).toBe(true);
	});

	it('needs every wave to span at least minimum_wave_length bars (these waves take 10)', () => {
		expect(elliottCount(legs(IMPULSE), { ...PRIMARY, minWaveBars: 11 }).stage.includes('3')).toBe(false);
		expect(elliottCount(legs(IMPULSE), { ...PRIMARY, minWaveBars: 10 }).impulses).toHaveLength(1);
	});

	it('reads the degree as the zig-zag’s swing size: at cycle degree (16 %) these swings are too small to count', () => {
		expect(DEGREE_THRESHOLD.cycle).toBe(0.16);
		expect(elliottCount(legs(IMPULSE), { ...PRIMARY, degree: 'cycle' }).stage.includes('3')).toBe(false);
	});

	it('is NaN until the first swing point is confirmed, and refuses empty or non-positive ratios', () => {
		const pos = elliottPositions(legs(IMPULSE), PRIMARY);
		// The low at bar 0 (99.8) is confirmed when a high reaches 99.8·1.08 = 107.78: bar 3 (109·1.002).
		expect(Array.from(pos.slice(0, 4)).map(Number.isNaN)).toEqual([true, true, true, false]);
		expect(() => elliottCount(legs(IMPULSE), { ...PRIMARY, fibRatios: [] })).toThrow(/fibRatios/);
		expect(() => elliottCount(legs(IMPULSE), { ...PRIMARY, fibRatios: [0] })).toThrow(/positive/);
	});
});

describe('elliottPositions on the real S&P 500 bars', () => {
	it('with the catalog defaults counts some impulses and is long and short at times', () => {
		const bars = sp500Bars();
		const count = elliottCount(bars, PRIMARY);
		expect(count.impulses.length).toBeGreaterThanOrEqual(1);
		const pos = elliottPositions(bars, PRIMARY);
		expect(pos.filter((v) => v === 1).length).toBeGreaterThan(200);
		expect(pos.filter((v) => v === -1).length).toBeGreaterThan(50);
		expect(pos.filter((v) => v === 0).length).toBeGreaterThan(1000);
	});

	it(`never changes a position at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const bars = sp500Bars();
		const p: ElliottParams = { ...PRIMARY, degree: 'intermediate', minWaveBars: 3 };
		const rng = createRng(CAUSALITY_SEED);
		const base = elliottPositions(bars, p);
		let moved = 0;
		for (let k = 0; k < CUT_POINTS; k++) {
			const cut = rng.int(bars.close.length - 1);
			const after = elliottPositions(
				scrambleAfter(bars, cut, () => rng.next()),
				p
			);
			for (let t = 0; t <= cut; t++) {
				if (!Object.is(base[t], after[t]))
					throw new Error(`seed ${CAUSALITY_SEED}, cut ${cut}: position changed at row ${t}`);
			}
			for (let t = cut + 1; t < base.length; t++) if (!Object.is(base[t], after[t])) moved++;
		}
		expect(moved).toBeGreaterThan(1000);
	});
});
