import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { isoDate, type Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import {
	MIN_FLAG_BARS,
	highTightFlagBreakouts,
	highTightFlagPositions,
	type HighTightFlagParams
} from './high-tight-flag';
import { pathBars, scrambleAfter } from './test-bars';

const CAUSALITY_SEED = 20261208;
const CUT_POINTS = 120;

const DEFAULTS: HighTightFlagParams = {
	flagBars: 10,
	poleHeight: 0.3,
	poleBars: 40,
	flagDepth: 0.4,
	holdBars: 5
};

/** 20 flat bars at 100, a pole of 20 bars to 140 (bar 40), the given flag closes, then the given closes. */
function flagPath(flag: number[], after: number[]): Bars {
	const flat = Array.from({ length: 20 }, () => 100);
	const pole = Array.from({ length: 21 }, (_, i) => 100 + 2 * i);
	return pathBars([...flat, ...pole, ...flag, ...after]);
}
/** A six-bar flag 136.5–139: with the 0.2 % wicks of pathBars its range is about 4, a tenth of the pole's 40. */
const FLAG = [139, 137, 138, 136.5, 137.5, 138.5];

describe('highTightFlagBreakouts', () => {
	it('finds the breakout of a 40 % pole and a shallow six-bar flag', () => {
		// Bars: 0–19 flat, 20–40 the pole (top high 140·1.002 at bar 40), 41–46 the flag, 47 closes at 142.
		const found = highTightFlagBreakouts(flagPath(FLAG, [142, 143]), DEFAULTS);
		expect(found.map((f) => [f.t, f.poleTop, f.poleBase])).toEqual([[47, 40, 0]]);
		expect(found[0].flagLow).toBeCloseTo(136.5 * 0.998, 10);
	});

	it('finds nothing when the pole rises less than pole_height (20 % < 30 %)', () => {
		const flat = Array.from({ length: 20 }, () => 100);
		const pole = Array.from({ length: 21 }, (_, i) => 100 + i);
		const flag = FLAG.map((c) => c - 20);
		expect(highTightFlagBreakouts(pathBars([...flat, ...pole, ...flag, 122]), DEFAULTS)).toEqual([]);
	});

	it('finds nothing when the flag falls too deep (to 120: half the pole’s rise > 40 %)', () => {
		expect(highTightFlagBreakouts(flagPath([135, 128, 120, 126, 133, 138], [142]), DEFAULTS)).toEqual([]);
		// The same flag is tight enough for a flag depth of 0.6.
		expect(
			highTightFlagBreakouts(flagPath([135, 128, 120, 126, 133, 138], [142]), { ...DEFAULTS, flagDepth: 0.6 })
		).toHaveLength(1);
	});

	it('finds nothing when the pause lasts longer than flag_duration or shorter than three bars', () => {
		const long = [...FLAG, ...FLAG]; // 12 bars > 10
		expect(highTightFlagBreakouts(flagPath(long, [142]), DEFAULTS)).toEqual([]);
		expect(highTightFlagBreakouts(flagPath(long, [142]), { ...DEFAULTS, flagBars: 12 })).toHaveLength(1);
		expect(MIN_FLAG_BARS).toBe(3);
		expect(highTightFlagBreakouts(flagPath([139, 138], [142]), DEFAULTS)).toEqual([]);
	});

	it('refuses a flag shorter than the minimum, a non-positive pole and a depth outside (0, 1]', () => {
		const b = flagPath(FLAG, []);
		expect(() => highTightFlagBreakouts(b, { ...DEFAULTS, flagBars: 2 })).toThrow(/flagBars must be/);
		expect(() => highTightFlagBreakouts(b, { ...DEFAULTS, poleHeight: 0 })).toThrow(/poleHeight/);
		expect(() => highTightFlagBreakouts(b, { ...DEFAULTS, flagDepth: 1.5 })).toThrow(/flagDepth/);
	});
});

describe('highTightFlagPositions', () => {
	it('is long from the breakout for hold_bars bars, NaN for the first pole_bars bars, flat otherwise', () => {
		const pos = highTightFlagPositions(flagPath(FLAG, [142, 143, 144, 145, 146, 147, 148]), DEFAULTS);
		expect(Array.from(pos.slice(0, 40)).every(Number.isNaN)).toBe(true);
		expect(Array.from(pos.slice(40))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0]);
	});

	it('ends the position at the first close below the flag’s low (a failed breakout)', () => {
		const pos = highTightFlagPositions(flagPath(FLAG, [142, 139, 135, 137]), DEFAULTS);
		// Breakout at 47; 48 closes at 139 (above the flag low ≈ 136.2): still long; 49 closes at 135: out.
		expect(Array.from(pos.slice(47))).toEqual([1, 1, 0, 0]);
	});

	it('on the real S&P 500 finds the spring 2009 and 2020 rebounds at a 20 % pole, and nothing at 30 %', () => {
		// An index rarely rises 30 % within 40 bars; at the catalog's lowest pole height (20 %) and a looser flag
		// the steepest rebounds of the two decades qualify.
		const bars = sp500Bars();
		const loose = { ...DEFAULTS, poleHeight: 0.2, flagDepth: 0.5, holdBars: 20 };
		const dates = highTightFlagBreakouts(bars, loose).map((f) => isoDate(bars.t[f.t]));
		expect(dates).toEqual(['2002-11-21', '2009-01-02', '2009-04-02', '2009-04-09', '2020-04-06']);
		const pos = highTightFlagPositions(bars, loose);
		expect(pos.filter((v) => v === 1).length).toBeGreaterThan(20);
		expect(highTightFlagBreakouts(bars, DEFAULTS)).toEqual([]);
	});

	it(`never changes a position at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		// A loose setting so that the real bars hold several flags and the scrambles create and destroy others.
		const params = { ...DEFAULTS, poleHeight: 0.2, flagDepth: 0.6, flagBars: 30, holdBars: 20 };
		const bars = sp500Bars();
		const rng = createRng(CAUSALITY_SEED);
		const base = highTightFlagPositions(bars, params);
		let moved = 0;
		for (let k = 0; k < CUT_POINTS; k++) {
			const cut = rng.int(bars.close.length - 1);
			const after = highTightFlagPositions(
				scrambleAfter(bars, cut, () => rng.next()),
				params
			);
			for (let t = 0; t <= cut; t++) {
				if (!Object.is(base[t], after[t]))
					throw new Error(`seed ${CAUSALITY_SEED}, cut ${cut}: position changed at row ${t}`);
			}
			for (let t = cut + 1; t < base.length; t++) if (!Object.is(base[t], after[t])) moved++;
		}
		// Scrambling by ±50 % a bar makes wild "poles": later positions did change, so the check is not vacuous.
		expect(moved).toBeGreaterThan(100);
	});
});
