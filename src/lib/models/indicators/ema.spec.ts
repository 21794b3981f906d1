import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { ema, emaAlpha, emaCrossoverPositions } from './ema';
import fixture from './ema.fixture.json';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261204;
const CUT_POINTS = 150;

const f = (v: number[]): Float64Array => Float64Array.from(v);
const fromJson = (v: (number | null)[]): number[] => v.map((x) => (x === null ? Number.NaN : x));

describe('ema', () => {
	it('follows the hand-computed recursion seeded with the first value, NaN during the warm-up', () => {
		// span 3 → α = 0.5: states 1, 1.5, 2.25, 3.125; the first span − 1 = 2 rows are warm-up.
		expect(emaAlpha(3)).toBe(0.5);
		expect(Array.from(ema(f([1, 2, 3, 4]), 3))).toEqual([Number.NaN, Number.NaN, 2.25, 3.125]);
		// span 4 → α = 0.4: states 10, 10, 10 + 0.4·10 = 14, 14 + 0.4·(−4) = 12.4.
		const e = ema(f([10, 10, 20, 10]), 4);
		expect(e[2]).toBeNaN();
		expect(e[3]).toBeCloseTo(12.4, 14);
	});

	it('with span 1 returns the values themselves', () => {
		expect(Array.from(ema(f([3, 1, 4, 1, 5]), 1))).toEqual([3, 1, 4, 1, 5]);
	});

	it('refuses a span below 1 or fractional, and non-finite values, naming them', () => {
		expect(() => ema(f([1, 2]), 0)).toThrow(/span must be a whole number ≥ 1, got 0/);
		expect(() => ema(f([1, 2]), 2.5)).toThrow(/span/);
		expect(() => ema(f([1, Number.NaN, 3]), 2)).toThrow(/values\[1\] is NaN/);
	});

	it('equals pandas ewm(span, adjust=False, min_periods=span) on the first 300 real S&P 500 closes', () => {
		const close = sp500Bars().close.slice(0, fixture.close.length);
		expect(Array.from(close)).toEqual(fixture.close);
		for (const [span, expected] of Object.entries(fixture.ema)) {
			const ours = ema(close, Number(span));
			fromJson(expected).forEach((v, t) => {
				if (Number.isNaN(v)) expect(ours[t]).toBeNaN();
				else expect(Math.abs(ours[t] - v)).toBeLessThanOrEqual(1e-12 * Math.abs(v));
			});
		}
	});
});

describe('emaCrossoverPositions', () => {
	it('is long above, short below and flat on a tie, NaN until the slow EMA exists', () => {
		// fast 1 = the close itself; slow 3 (α = 0.5): 10, 10, 10, 11, 9.5.
		const pos = emaCrossoverPositions(f([10, 10, 10, 12, 8]), 1, 3);
		expect(Array.from(pos)).toEqual([Number.NaN, Number.NaN, 0, 1, -1]);
	});

	it('refuses fast ≥ slow, naming both', () => {
		expect(() => emaCrossoverPositions(f([1, 2, 3]), 26, 12)).toThrow(
			/fast \(26\) must be less than slow \(12\)/
		);
		expect(() => emaCrossoverPositions(f([1, 2, 3]), 5, 5)).toThrow(
			/fast \(5\) must be less than slow \(5\)/
		);
		expect(() => emaCrossoverPositions(f([1, 2, 3]), 0, 5)).toThrow(/fast must be a whole number/);
	});

	it('equals the sign of the pandas EMA(12) − EMA(26) on real closes', () => {
		const { fast, slow, positions } = fixture.crossover;
		const pos = emaCrossoverPositions(sp500Bars().close.slice(0, fixture.close.length), fast, slow);
		expect(Array.from(pos)).toEqual(fromJson(positions));
		// Real data crosses both ways in these 300 days (the test is not all one sign).
		expect(pos).toContain(1);
		expect(pos).toContain(-1);
	});

	it(`never changes a value at t when any close after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const close = sp500Bars().close;
		const rng = createRng(CAUSALITY_SEED);
		const outputs = (c: Float64Array): Float64Array[] => [
			ema(c, 12),
			ema(c, 50),
			emaCrossoverPositions(c, 12, 26)
		];
		const base = outputs(close);
		for (let k = 0; k < CUT_POINTS; k++) {
			const cut = rng.int(close.length - 1);
			const changed = close.slice();
			for (let i = cut + 1; i < close.length; i++) changed[i] *= 0.5 + rng.next();
			const after = outputs(changed);
			base.forEach((b, s) => {
				for (let t = 0; t <= cut; t++) {
					if (!Object.is(b[t], after[s][t])) {
						throw new Error(`seed ${CAUSALITY_SEED}, cut ${cut}: output ${s} changed at row ${t}`);
					}
				}
			});
			// The perturbation did move the EMA(50) after the cut once it exists, so the check is not vacuous.
			if (cut + 1 >= 49) expect(after[1][cut + 1]).not.toBe(base[1][cut + 1]);
		}
	});
});
