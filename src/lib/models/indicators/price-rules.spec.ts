import { EMA, ROC } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';
import { ema } from './ema';
import { emaTrendPositions, rateOfChange, rocPositions } from './price-rules';

const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('emaTrendPositions', () => {
	it('is long above the EMA, short below, flat on it, NaN during the warm-up (hand-computed)', () => {
		// span 3 (α = 0.5): EMA 10, 10, 10, 11, 9.5 → closes 10, 12, 8 against 10, 11, 9.5.
		expect(Array.from(emaTrendPositions(f([10, 10, 10, 12, 8]), 3))).toEqual([
			Number.NaN,
			Number.NaN,
			0,
			1,
			-1
		]);
	});

	it('uses the EMA that equals trading-signals 8.3.0 EMA on the real S&P 500 closes (≤ 1e-12 relative)', () => {
		// trading-signals' EMA is seeded with the first price like ours (pandas adjust=False); it reports a value
		// from row 0, ours from row span − 1 on, so the comparison starts there.
		const close = sp500Bars().close;
		const ref = new EMA(12).updates(Array.from(close), false);
		expect(expectMatches(ema(close, 12), ref, 1e-12, 11)).toBe(close.length - 11);
	});
});

describe('rateOfChange', () => {
	it('is 100 · (C_t − C_{t−n}) / C_{t−n}, NaN for the first n rows (hand-computed)', () => {
		const roc = rateOfChange(f([100, 110, 99, 121]), 2);
		expect(roc[0]).toBeNaN();
		expect(roc[1]).toBeNaN();
		expect(roc[2]).toBeCloseTo(-1, 12);
		expect(roc[3]).toBeCloseTo(10, 12);
		expect(Array.from(rocPositions(f([100, 110, 99, 121, 99]), 2))).toEqual([
			Number.NaN,
			Number.NaN,
			-1,
			1,
			0
		]);
	});

	it('equals 100 × trading-signals 8.3.0 ROC on the real S&P 500 closes (≤ 1e-12 relative)', () => {
		// trading-signals returns the fraction (C_t − C_{t−n}) / C_{t−n}; the catalog's ROC is in percent.
		const close = sp500Bars().close;
		const ref = new ROC(12).updates(Array.from(close), false).map((v) => (v === null ? null : 100 * v));
		expect(expectMatches(rateOfChange(close, 12), ref, 1e-12)).toBe(close.length - 12);
	});

	it('refuses a window below 1 and a zero base price, naming them', () => {
		expect(() => rateOfChange(f([1, 2]), 0)).toThrow(/window must be a whole number ≥ 1, got 0/);
		expect(() => rateOfChange(f([0, 2]), 1)).toThrow(/close\[0\] is 0/);
		expect(() => rateOfChange(f([1, Number.NaN]), 1)).toThrow(/close\[1\] is NaN/);
	});
});

describe('the close-only trend rules', () => {
	it(`never change a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (b) => [
			emaTrendPositions(b.close, 12),
			rateOfChange(b.close, 12),
			rocPositions(b.close, 30)
		]);
	});
});
