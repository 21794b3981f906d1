import { EMA, MACD } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';
import { macd, macdPositions } from './macd';

const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('macd', () => {
	it('is EMA(fast) − EMA(slow) from row slow − 1, with the signal seeded there (hand-computed)', () => {
		// fast 1 (the close), slow 3 (α = 0.5): EMA 10, 10, 10, 11, 9.5 → MACD NaN, NaN, 0, 1, −1.5.
		// sign 2 (α = 2/3), seeded with MACD at row 2 (0), first shown at row 3: 2/3 · 1 = 0.667; row 4:
		// 2/3 · (−1.5) + 1/3 · 0.667 = −0.778.
		const m = macd(f([10, 10, 10, 12, 8]), 1, 3, 2);
		expect(Array.from(m.macd)).toEqual([Number.NaN, Number.NaN, 0, 1, -1.5]);
		expect(m.signal[2]).toBeNaN();
		expect(m.signal[3]).toBeCloseTo(2 / 3, 14);
		expect(m.signal[4]).toBeCloseTo(-1 + 2 / 9, 14);
		expect(Array.from(macdPositions(f([10, 10, 10, 12, 8]), 1, 3, 2))).toEqual([
			Number.NaN,
			Number.NaN,
			Number.NaN,
			1,
			-1
		]);
	});

	it('equals trading-signals 8.3.0 MACD(EMA 12, EMA 26, EMA 9) on the real S&P 500 closes (≤ 1e-9)', () => {
		// trading-signals starts the MACD at row 25 and seeds the signal EMA with it, as we do; it shows the signal
		// at once, we from row 33 (pandas min_periods), so the signal is compared from there. Tolerance 1e-9
		// absolute-or-relative (MACD is a few index points; the EMAs are the same recursion).
		const close = sp500Bars().close;
		const ref = new MACD(new EMA(12), new EMA(26), new EMA(9)).updates(Array.from(close), false);
		const ours = macd(close, 12, 26, 9);
		const n = close.length;
		expect(
			expectMatches(
				ours.macd,
				ref.map((r) => r?.macd),
				1e-9
			)
		).toBe(n - 25);
		expect(
			expectMatches(
				ours.signal,
				ref.map((r) => r?.signal),
				1e-9,
				33
			)
		).toBe(n - 33);
		for (let t = 0; t < 33; t++) expect(ours.signal[t]).toBeNaN();
	});

	it('refuses fast ≥ slow, naming both', () => {
		expect(() => macd(f([1, 2, 3]), 26, 12, 9)).toThrow(
			/window_fast \(26\) must be less than window_slow \(12\)/
		);
		expect(() => macd(f([1, 2, 3]), 12, 26, 0)).toThrow(/window_sign must be a whole number/);
	});
});

describe('macdPositions', () => {
	it('takes both sides on the real S&P 500 closes', () => {
		const pos = macdPositions(sp500Bars().close, 12, 26, 9);
		expect(pos).toContain(1);
		expect(pos).toContain(-1);
	});

	it(`never changes a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (b) => {
			const m = macd(b.close, 12, 26, 9);
			return [m.macd, m.signal, macdPositions(b.close, 12, 26, 9)];
		});
	});
});
