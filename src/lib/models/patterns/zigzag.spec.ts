import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { confirmedCounts, lineAt, zigzag, type Pivot } from './zigzag';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261206;
const CUT_POINTS = 120;

/** Bars whose high and low are both the given path (a line chart): pivots are then easy to read by eye. */
function line(path: number[]): { high: Float64Array; low: Float64Array } {
	return { high: Float64Array.from(path), low: Float64Array.from(path) };
}

describe('zigzag', () => {
	it('confirms a swing only once price has reversed from it by the threshold', () => {
		// Path 100, 105, 110, 105, 104, 110, 112, 106, 99 at 5 %. Bar 0's 100 is confirmed as a low at bar 1
		// (105 ≥ 100·1.05). The high 110 (bar 2) is not confirmed by bar 3 (105 > 110·0.95 = 104.5) but by bar 4
		// (104 ≤ 104.5). The low 104 by bar 5 (110 ≥ 104·1.05 = 109.2). The high 112 (bar 6) by bar 7
		// (106 ≤ 106.4). The last low 99 is still unconfirmed: nothing after it has risen 5 %.
		const { high, low } = line([100, 105, 110, 105, 104, 110, 112, 106, 99]);
		const pivots = zigzag(high, low, 0.05);
		expect(pivots).toEqual<Pivot[]>([
			{ index: 0, price: 100, kind: 'low', confirmedAt: 1 },
			{ index: 2, price: 110, kind: 'high', confirmedAt: 4 },
			{ index: 4, price: 104, kind: 'low', confirmedAt: 5 },
			{ index: 6, price: 112, kind: 'high', confirmedAt: 7 }
		]);
	});

	it('ignores reversals smaller than the threshold (a 3 % wiggle is not a swing at 5 %)', () => {
		const { high, low } = line([100, 103, 100, 103, 100, 103, 100]);
		expect(zigzag(high, low, 0.05)).toEqual([]);
		expect(zigzag(high, low, 0.02).length).toBe(6);
	});

	it('uses the bar highs for swing highs and the lows for swing lows', () => {
		const high = Float64Array.from([101, 111, 102, 112]);
		const low = Float64Array.from([99, 108, 98, 109]);
		const pivots = zigzag(high, low, 0.05);
		// Bar 1's high 111 is confirmed by bar 2's low 98 ≤ 105.45; bar 2's low 98 by bar 3's high 112 ≥ 102.9.
		expect(pivots.map((p) => [p.index, p.price, p.kind, p.confirmedAt])).toEqual([
			[0, 99, 'low', 1],
			[1, 111, 'high', 2],
			[2, 98, 'low', 3]
		]);
	});

	it('alternates high and low, each confirmed after its own bar, on the real S&P 500 bars', () => {
		const bars = sp500Bars();
		const pivots = zigzag(bars.high, bars.low, 0.05);
		expect(pivots.length).toBeGreaterThan(50);
		for (let k = 0; k < pivots.length; k++) {
			const p = pivots[k];
			expect(p.confirmedAt).toBeGreaterThan(p.index);
			if (k === 0) continue;
			const q = pivots[k - 1];
			expect(p.kind).not.toBe(q.kind);
			expect(p.index).toBeGreaterThan(q.index);
			expect(p.confirmedAt).toBeGreaterThan(q.confirmedAt);
			// Each swing is at least the threshold (measured from the swing's start).
			const move = p.kind === 'high' ? p.price / q.price - 1 : 1 - p.price / q.price;
			expect(move).toBeGreaterThanOrEqual(0.05 / 1.05 - 1e-12);
		}
	});

	it('refuses mismatched columns, a threshold outside (0, 1) and bad prices, naming them', () => {
		const { high, low } = line([1, 2, 3]);
		expect(() => zigzag(high, low.slice(0, 2), 0.05)).toThrow(/high has 3 rows but low has 2/);
		expect(() => zigzag(high, low, 0)).toThrow(/threshold must lie in \(0, 1\), got 0/);
		expect(() => zigzag(high, Float64Array.from([1, 4, 3]), 0.05)).toThrow(/bar 1: high 2 and low 4/);
	});

	it(`never changes a pivot confirmed at or before t when bars after t change (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const bars = sp500Bars();
		const rng = createRng(CAUSALITY_SEED);
		const base = zigzag(bars.high, bars.low, 0.04);
		let differed = 0;
		for (let k = 0; k < CUT_POINTS; k++) {
			const cut = rng.int(bars.close.length - 1);
			const high = bars.high.slice();
			const low = bars.low.slice();
			for (let i = cut + 1; i < high.length; i++) {
				const m = 0.5 + rng.next();
				high[i] *= m;
				low[i] *= m;
			}
			const after = zigzag(high, low, 0.04);
			const known = (ps: Pivot[]) => ps.filter((p) => p.confirmedAt <= cut);
			expect(known(after), `seed ${CAUSALITY_SEED}, cut ${cut}`).toEqual(known(base));
			if (after.length !== base.length || after.at(-1)?.index !== base.at(-1)?.index) differed++;
		}
		// The scrambles did change the later pivots, so the check is not vacuous.
		expect(differed).toBeGreaterThan(CUT_POINTS / 2);
	});
});

describe('confirmedCounts and lineAt', () => {
	it('count the pivots known at each bar and extend the line through two pivots', () => {
		const a: Pivot = { index: 2, price: 10, kind: 'low', confirmedAt: 4 };
		const b: Pivot = { index: 6, price: 14, kind: 'low', confirmedAt: 7 };
		expect(Array.from(confirmedCounts([a, b], 9))).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2]);
		expect(lineAt(a, b, 10)).toBe(18);
		expect(lineAt(a, b, 4)).toBe(12);
	});
});
