import { CCI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import { candlesOf, CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';
import { cci, cciEnsemblePositions, cciPositions } from './cci';

/** Bars whose high, low and close are all `tp`, so the typical price is `tp`. */
function flatBars(tp: number[]): Bars {
	const f = Float64Array.from(tp);
	return { t: f.map((_, i) => i), open: f, high: f, low: f, close: f, volume: f.map(() => 1) };
}

describe('cci', () => {
	it('is (TP − SMA) / (0.015 · mean deviation) (hand-computed)', () => {
		// Window 3 over TP 1, 2, 6: mean 3, mean deviation (2 + 1 + 3)/3 = 2 → (6 − 3)/(0.015 · 2) = 100.
		// Then 2, 6, 1: mean 3, MD (1 + 3 + 2)/3 = 2 → (1 − 3)/0.03 = −66.67.
		const c = cci(flatBars([1, 2, 6, 1]), 3);
		expect(c[1]).toBeNaN();
		expect(c[2]).toBeCloseTo(100, 10);
		expect(c[3]).toBeCloseTo(-200 / 3, 10);
		// The typical price is (H + L + C)/3: H 9, L 3, C 6 → 6.
		const b = flatBars([1, 2, 6]);
		const hlc = { ...b, high: Float64Array.from([1, 2, 9]), low: Float64Array.from([1, 2, 3]) };
		expect(cci(hlc, 3)[2]).toBeCloseTo(100, 10);
	});

	it('is 0 when the window has no deviation, and scales as 1 / constant', () => {
		expect(cci(flatBars([5, 5, 5]), 3)[2]).toBe(0);
		expect(cci(flatBars([1, 2, 6]), 3, 0.03)[2]).toBeCloseTo(50, 10);
	});

	it('equals trading-signals 8.3.0 CCI on the real S&P 500 bars (≤ 1e-9 relative)', () => {
		// trading-signals fixes Lambert's 0.015; both compute the mean deviation about the window's own mean.
		const bars = sp500Bars();
		const candles = candlesOf(bars);
		for (const window of [10, 20, 50]) {
			const ref = new CCI(window).updates(candles, false);
			expect(expectMatches(cci(bars, window), ref, 1e-9)).toBe(candles.length - window + 1);
		}
	});

	it('refuses a window below 1, a non-positive constant and an empty period list, naming them', () => {
		expect(() => cci(flatBars([1, 2]), 0)).toThrow(/window must be a whole number ≥ 1, got 0/);
		expect(() => cci(flatBars([1, 2]), 2, 0)).toThrow(/constant must be positive, got 0/);
		expect(() => cciEnsemblePositions(flatBars([1, 2]), [])).toThrow(/n_periods must list at least one/);
	});
});

describe('the CCI rules', () => {
	it('vote +1 above +100, −1 below −100, 0 between, and the ensemble averages the votes (hand-computed)', () => {
		// Constant 0.01, window 3 on TP 1, 2, 6, 1, 30: CCI +150, −100 (on the threshold: flat), +150.
		const x = flatBars([1, 2, 6, 1, 30]);
		expect(Array.from(cciPositions(x, 3, 0.01))).toEqual([Number.NaN, Number.NaN, 1, 0, 1]);
		// Periods 3 and 4 on TP 0, 0, 0, ±1: CCI(3) over 0, 0, ±1 is ±100 (flat vote); CCI(4) is
		// ±0.75/(0.015 · 0.375) = ±133 (vote ±1); the mean vote is ±0.5, NaN until CCI(4) exists.
		expect(Array.from(cciEnsemblePositions(flatBars([0, 0, 0, 1]), [3, 4]))).toEqual([
			Number.NaN,
			Number.NaN,
			Number.NaN,
			0.5
		]);
		expect(cciEnsemblePositions(flatBars([0, 0, 0, -1]), [3, 4])[3]).toBe(-0.5);
	});

	it('take both sides, and the ensemble takes fractional positions, on the real S&P 500 bars', () => {
		const single = cciPositions(sp500Bars(), 20, 0.015);
		expect(single).toContain(1);
		expect(single).toContain(-1);
		const ens = cciEnsemblePositions(sp500Bars(), [14, 20, 50]);
		expect(ens.some((v) => Math.abs(v) > 0 && Math.abs(v) < 1)).toBe(true);
		for (let t = 0; t < 49; t++) expect(ens[t]).toBeNaN();
		expect(ens[49]).not.toBeNaN();
	});

	it(`never change a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (x) => [
			cci(x, 20),
			cciPositions(x, 20, 0.015),
			cciEnsemblePositions(x, [14, 20, 50])
		]);
	});
});
