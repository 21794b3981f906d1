import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import type { Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import {
	CHART_PATTERNS,
	chartBreakouts,
	chartPatternPositions,
	type ChartPattern,
	type ChartPatternParams
} from './chart-patterns';
import { pathBars, scrambleAfter } from './test-bars';

const CAUSALITY_SEED = 20261209;
const CUT_POINTS = 120;

/** Closes along straight legs between the given turning points, `steps` bars per leg (pathBars adds 0.2 % wicks). */
function legs(points: number[], steps: number | number[] = 5): Bars {
	const closes = [points[0]];
	for (let k = 1; k < points.length; k++) {
		const m = Array.isArray(steps) ? steps[k - 1] : steps;
		for (let i = 1; i <= m; i++) closes.push(points[k - 1] + ((points[k] - points[k - 1]) * i) / m);
	}
	return pathBars(closes);
}

const params = (patterns: ChartPattern[]): ChartPatternParams => ({
	patterns,
	threshold: 0.05,
	tolerance: 0.03,
	holdBars: 3
});
const found = (bars: Bars, patterns: ChartPattern[]) =>
	chartBreakouts(bars, params(patterns)).breakouts.map((b) => `${b.name}:${b.direction}@${b.t}`);

describe('chart patterns on hand-built swings (5 % zig-zag, 3 % tolerance)', () => {
	it('double top: two equal peaks, bearish when a close breaks the low between them', () => {
		// Turning points 100, 120 (bar 5), 105 (bar 10), 120 (bar 15), 95 (bar 20). The second top is confirmed at
		// bar 17 (low 109.8 ≤ 120.24·0.95); the neckline is bar 10's low 104.79; bar 18 closes at 105 (above), bar
		// 19 at 100 (below): the breakout.
		const bars = legs([100, 120, 105, 120, 95]);
		expect(found(bars, ['double_top'])).toEqual(['double_top:-1@19']);
		const pos = Array.from(chartPatternPositions(bars, params(['double_top'])));
		expect(pos.slice(17)).toEqual([0, 0, -1, -1]);
		// Peaks at 120 and 110 differ by 8 % > 3 %: no double top.
		expect(found(legs([100, 120, 105, 110, 95]), ['double_top'])).toEqual([]);
	});

	it('double bottom: two equal troughs, bullish when a close breaks the high between them', () => {
		expect(found(legs([120, 100, 115, 100, 125]), ['double_bottom'])).toEqual(['double_bottom:1@19']);
		expect(found(legs([120, 100, 115, 108, 125]), ['double_bottom'])).toEqual([]);
	});

	it('head and shoulders: a head above two equal shoulders, bearish through the neckline; the inverse bullish', () => {
		// Shoulders 120, head 130 (> 120·1.03), neckline at the two 108 lows; the last leg falls through it.
		const hs = legs([100, 120, 108, 130, 108, 120, 95]);
		expect(found(hs, ['head_shoulders'])).toEqual([expect.stringMatching(/^head_shoulders:-1@/)]);
		// A "head" of 121 is not above the shoulders by the tolerance: no pattern.
		expect(found(legs([100, 120, 108, 121, 108, 120, 95]), ['head_shoulders'])).toEqual([]);
		const inverse = legs([130, 110, 122, 100, 122, 110, 135]);
		expect(found(inverse, ['head_shoulders'])).toEqual([expect.stringMatching(/^inverse_head_shoulders:1@/)]);
	});

	it('triangles: flat highs over rising lows break up, flat lows under falling highs break down', () => {
		// Highs 120, 120; lows 108, 112 (rising by more than 3 %): ascending; then the path rises through 120.
		const up = found(legs([100, 120, 108, 120, 112, 130]), ['triangle']);
		expect(up).toEqual([expect.stringMatching(/^ascending_triangle:1@/)]);
		const down = found(legs([120, 100, 112, 100, 108, 90]), ['triangle']);
		expect(down).toEqual([expect.stringMatching(/^descending_triangle:-1@/)]);
		// Highs 120 (bar 10) then 116 (bar 20): falling; lows 95 (bar 0) then 100 (bar 15): rising. The path dips to
		// 109 at bar 25, above the lower line (≈ 103 there), then closes above the falling upper line at bar 27.
		const sym = found(legs([95, 120, 100, 116, 109, 130], [10, 5, 5, 5, 5]), ['triangle']);
		expect(sym).toEqual(['symmetric_triangle:1@27']);
		// Rising highs and rising lows are no triangle.
		expect(found(legs([100, 115, 106, 120, 113, 130]), ['triangle'])).toEqual([]);
	});

	it('wedges: a rising wedge (lows rising faster than highs) breaks down; a parallel channel is no wedge', () => {
		// Highs 115 → 120 (+0.5 a bar), lows 106 → 113 (+0.7 a bar): converging. After the low at 113 is confirmed
		// the path turns down through the rising lower line at bar 26.
		const wedge = legs([100, 115, 106, 120, 113, 119, 100]);
		expect(found(wedge, ['wedge'])).toEqual(['rising_wedge:-1@26']);
		expect(found(legs([100, 115, 105, 120, 110, 119, 100]), ['wedge'])).toEqual([]);
		const falling = legs([130, 115, 124, 110, 117, 111, 130]);
		expect(found(falling, ['wedge'])).toEqual([expect.stringMatching(/^falling_wedge:1@/)]);
	});

	it('flags: a shallow, quick pullback after a strong pole breaks out in the pole’s direction', () => {
		// Pole 100 → 125 in 5 bars, pullback to 118 (28 % of the pole) in 3 bars, then 130. The low is confirmed at
		// bar 10; bar 11 closes at 127 above the pole's top 125.25.
		const bull = legs([100, 125, 118, 130], [5, 3, 4]);
		expect(found(bull, ['flag'])).toEqual(['bull_flag:1@11']);
		// A pullback to 108 retraces 68 % of the pole: no flag.
		expect(found(legs([100, 125, 108, 130], [5, 3, 4]), ['flag'])).toEqual([]);
		expect(found(legs([125, 100, 107, 90], [5, 3, 4]), ['flag'])).toEqual([
			expect.stringMatching(/^bear_flag:-1@/)
		]);
	});

	it('a pattern left unbroken until the next swing point is confirmed gives no position', () => {
		// Double top at 120/120, but the path turns up again before any close below the neckline at 104.79.
		const bars = legs([100, 120, 105, 120, 108, 125]);
		expect(found(bars, ['double_top'])).toEqual([]);
		expect(
			Array.from(chartPatternPositions(bars, params(['double_top']))).filter(
				(v) => v !== 0 && !Number.isNaN(v)
			)
		).toEqual([]);
	});

	it('is NaN until the first swing point is confirmed, and refuses an empty library or a bad tolerance', () => {
		const pos = chartPatternPositions(legs([100, 120, 105, 120, 95]), params(['double_top']));
		// The low at bar 0 (99.8) is confirmed at bar 2 (high 108·1.002 ≥ 99.8·1.05 = 104.79).
		expect(Array.from(pos.slice(0, 5)).map(Number.isNaN)).toEqual([true, true, false, false, false]);
		expect(() => chartBreakouts(legs([1, 2]), { ...params([]) })).toThrow(/patterns must name at least one/);
		expect(() => chartBreakouts(legs([1, 2]), { ...params(['flag']), tolerance: 1 })).toThrow(/tolerance/);
	});
});

describe('chart patterns on the real S&P 500 bars', () => {
	it('with the catalog defaults finds several kinds of breakout, long and short', () => {
		const bars = sp500Bars();
		const p: ChartPatternParams = {
			patterns: ['head_shoulders', 'triangle', 'wedge'],
			threshold: 0.05,
			tolerance: 0.03,
			holdBars: 10
		};
		const kinds = new Set(chartBreakouts(bars, p).breakouts.map((b) => b.name));
		expect(kinds.size).toBeGreaterThanOrEqual(4);
		const pos = chartPatternPositions(bars, p);
		expect(pos.filter((v) => v === 1).length).toBeGreaterThan(50);
		expect(pos.filter((v) => v === -1).length).toBeGreaterThan(50);
		// Every pattern of the library shows up at least once over the two decades (3 % swings).
		const all = chartBreakouts(bars, { ...p, patterns: CHART_PATTERNS, threshold: 0.03 }).breakouts;
		for (const name of [
			'double_top',
			'double_bottom',
			'head_shoulders',
			'inverse_head_shoulders',
			'bull_flag',
			'bear_flag',
			'rising_wedge',
			'falling_wedge',
			'ascending_triangle',
			'descending_triangle',
			'symmetric_triangle'
		])
			expect(
				all.some((b) => b.name === name),
				name
			).toBe(true);
	});

	it('breaks out only after the pattern’s last swing point is confirmed', () => {
		const bars = sp500Bars();
		const { breakouts, pivots } = chartBreakouts(bars, {
			patterns: CHART_PATTERNS,
			threshold: 0.03,
			tolerance: 0.03,
			holdBars: 10
		});
		for (const b of breakouts) expect(b.t).toBeGreaterThanOrEqual(pivots[b.lastPivot].confirmedAt);
	});

	it(`never changes a position at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const bars = sp500Bars();
		const p: ChartPatternParams = {
			patterns: CHART_PATTERNS,
			threshold: 0.03,
			tolerance: 0.03,
			holdBars: 10
		};
		const rng = createRng(CAUSALITY_SEED);
		const base = chartPatternPositions(bars, p);
		let moved = 0;
		for (let k = 0; k < CUT_POINTS; k++) {
			const cut = rng.int(bars.close.length - 1);
			const after = chartPatternPositions(
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
