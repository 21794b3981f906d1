import { VWMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import { CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';
import { priceVolumeCorrelation, priceVolumePositions, vwapBands, vwapPositions } from './volume-price';
import fixture from './volume-price.fixture.json';

const f = (v: number[]): Float64Array => Float64Array.from(v);

function barsOf(high: number[], low: number[], close: number[], volume: number[]): Bars {
	return {
		t: f(close.map((_, i) => i)),
		open: f(close),
		high: f(high),
		low: f(low),
		close: f(close),
		volume: f(volume)
	};
}

/** Two-pass Pearson correlation of returns and volume over rows t − w + 1 … t: the definition, written plainly. */
function naiveCorrelation(bars: Bars, t: number, w: number): number {
	const x: number[] = [];
	const y: number[] = [];
	for (let i = t - w + 1; i <= t; i++) {
		x.push(bars.close[i] / bars.close[i - 1] - 1);
		y.push(bars.volume[i]);
	}
	const mx = x.reduce((a, b) => a + b) / w;
	const my = y.reduce((a, b) => a + b) / w;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < w; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) ** 2;
		syy += (y[i] - my) ** 2;
	}
	return sxy / Math.sqrt(sxx * syy);
}

describe('priceVolumeCorrelation', () => {
	it('is the Pearson correlation of returns with volume over the window (hand-computed)', () => {
		// Closes 100, 110, 99, 108.9: returns +10 %, −10 %, +10 %. Volumes −, 300, 100, 300 → correlation +1;
		// volumes −, 100, 300, 100 → −1. Window 3 ends at row 3; rows 0–2 are NaN.
		const close = [100, 110, 99, 108.9];
		const up = barsOf(close, close, close, [0, 300, 100, 300]);
		const c = priceVolumeCorrelation(up, 3);
		expect(Array.from(c.subarray(0, 3))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
		expect(c[3]).toBeCloseTo(1, 12);
		expect(priceVolumeCorrelation(barsOf(close, close, close, [0, 100, 300, 100]), 3)[3]).toBeCloseTo(-1, 12);
		// Window 2 over returns +10 %, −10 % with volumes 1, 2: r and V move oppositely → −1.
		expect(priceVolumeCorrelation(barsOf(close, close, close, [0, 1, 2, 0]), 2)[2]).toBeCloseTo(-1, 12);
	});

	it('matches a two-pass recomputation of every window on the real S&P 500 bars (≤ 1e-9)', () => {
		// No library has this indicator; the reference is the definition computed plainly, window by window.
		const bars = sp500Bars();
		for (const w of [10, 20, 50]) {
			const ours = priceVolumeCorrelation(bars, w);
			const ref = Array.from(ours, (_, t) => (t < w ? null : naiveCorrelation(bars, t, w)));
			expect(expectMatches(ours, ref, 1e-9)).toBe(bars.close.length - w);
		}
	});

	it('equals pandas 1.5.3 pct_change().rolling(20).corr(volume) on the first 300 real S&P 500 bars (≤ 1e-9)', () => {
		// bench/make-volume-price-fixture.py; pandas' rolling corr also uses running sums, a different order of
		// rounding, hence 1e-9 absolute on a −1…1 scale.
		const bars = sliceBars(sp500Bars(), 0, fixture.corr.length);
		const ours = priceVolumeCorrelation(bars, fixture.window);
		expect(expectMatches(ours, fixture.corr, 1e-9)).toBe(fixture.corr.length - fixture.window);
		for (let t = 0; t < fixture.window; t++) expect(ours[t]).toBeNaN();
	});

	it('is NaN (and the position flat) when volume is constant in the window', () => {
		const close = [100, 110, 99, 108.9];
		const flat = barsOf(close, close, close, [5, 5, 5, 5]);
		expect(priceVolumeCorrelation(flat, 2)[3]).toBeNaN();
		expect(Array.from(priceVolumePositions(flat, 2))).toEqual([Number.NaN, Number.NaN, 0, 0]);
	});

	it('refuses a window below 2 and non-finite bars, naming them', () => {
		const x = barsOf([1, 2], [1, 2], [1, 2], [1, Number.NaN]);
		expect(() => priceVolumeCorrelation(x, 1)).toThrow(/correlation_window must be a whole number ≥ 2/);
		expect(() => priceVolumeCorrelation(x, 2)).toThrow(/volume\[1\] is NaN/);
	});
});

describe('vwapBands', () => {
	it('are the rolling volume-weighted mean of the typical price ± k weighted standard deviations (hand-computed)', () => {
		// Window 2, k = 1. Typical prices (H = L = C) 10, 20, 20 with volumes 1, 3, 1.
		// Rows 0–1: VWAP (10 + 60)/4 = 17.5, σ² = (1 · 56.25 + 3 · 6.25)/4 = 18.75. Rows 1–2: VWAP 20, σ 0.
		const x = barsOf([10, 20, 20], [10, 20, 20], [10, 20, 20], [1, 3, 1]);
		const b = vwapBands(x, 2, 1);
		expect(b.middle[0]).toBeNaN();
		expect(b.middle[1]).toBeCloseTo(17.5, 12);
		expect(b.upper[1]).toBeCloseTo(17.5 + Math.sqrt(18.75), 12);
		expect(b.lower[1]).toBeCloseTo(17.5 - Math.sqrt(18.75), 12);
		expect(b.middle[2]).toBeCloseTo(20, 12);
		expect(b.upper[2]).toBeCloseTo(20, 12);
		// Typical price is (H + L + C)/3: H 12, L 6, C 9 → 9.
		expect(vwapBands(barsOf([12], [6], [9], [1]), 1, 1).middle[0]).toBe(9);
	});

	it('have the VWAP of trading-signals 8.3.0 VWMA fed the typical price, on the real S&P 500 bars (≤ 1e-9 relative)', () => {
		// trading-signals' VWMA is the rolling Σ V·C / Σ V; given candles whose close is the typical price it is
		// the rolling VWAP. (Its VWAP class is the cumulative, session VWAP, a different indicator.)
		const bars = sp500Bars();
		const candles = Array.from(bars.close, (c, i) => ({
			high: bars.high[i],
			low: bars.low[i],
			close: (bars.high[i] + bars.low[i] + c) / 3,
			volume: bars.volume[i]
		}));
		for (const w of [10, 20, 100]) {
			const ref = new VWMA(w).updates(candles, false);
			expect(expectMatches(vwapBands(bars, w, 2).middle, ref, 1e-9)).toBe(candles.length - w + 1);
		}
	});

	it('equal a numpy two-pass computation on the first 300 real S&P 500 bars (≤ 1e-9 relative)', () => {
		// bench/make-volume-price-fixture.py: each window's weighted mean and standard deviation from scratch.
		const bars = sliceBars(sp500Bars(), 0, fixture.vwap.length);
		const ours = vwapBands(bars, fixture.window, fixture.band_width);
		const rows = fixture.vwap.length - fixture.window + 1;
		expect(expectMatches(ours.middle, fixture.vwap, 1e-9)).toBe(rows);
		expect(expectMatches(ours.upper, fixture.upper, 1e-9)).toBe(rows);
		expect(expectMatches(ours.lower, fixture.lower, 1e-9)).toBe(rows);
	});

	it('are NaN where the window has no volume, and refuse bad settings, naming them', () => {
		const x = barsOf([1, 2, 3], [1, 2, 3], [1, 2, 3], [0, 0, 4]);
		expect(vwapBands(x, 2, 1).middle[1]).toBeNaN();
		expect(vwapBands(x, 2, 1).middle[2]).toBe(3);
		expect(() => vwapBands(x, 2, 0)).toThrow(/band_width must be positive, got 0/);
		expect(() => vwapBands(barsOf([1], [1], [1], [-1]), 1, 1)).toThrow(/volume\[0\] is -1/);
	});
});

describe('the volume–price rules', () => {
	it('read positive correlation long, negative short; below the lower VWAP band long, above the upper short', () => {
		const close = [100, 110, 99, 108.9];
		expect(priceVolumePositions(barsOf(close, close, close, [0, 300, 100, 300]), 3)[3]).toBe(1);
		expect(priceVolumePositions(barsOf(close, close, close, [0, 100, 300, 100]), 3)[3]).toBe(-1);
		// Window 2, k = 0.5, H = L = C, volumes 1: bands mid ± 0.5 · |Δ|/2. Closes 10, 20 → mid 15, σ 5,
		// bands 12.5 and 17.5, close 20 above → −1; then 20, 10 → close 10 below 12.5 → +1; 10, 10 → inside, 0.
		const p = [10, 20, 10, 10];
		expect(Array.from(vwapPositions(barsOf(p, p, p, [1, 1, 1, 1]), 2, 0.5))).toEqual([Number.NaN, -1, 1, 0]);
	});

	it('take both sides on the real S&P 500 bars', () => {
		for (const pos of [priceVolumePositions(sp500Bars(), 20), vwapPositions(sp500Bars(), 20, 2)]) {
			expect(pos).toContain(1);
			expect(pos).toContain(-1);
		}
	});

	it(`never change a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (x) => {
			const b = vwapBands(x, 20, 2);
			return [
				priceVolumeCorrelation(x, 20),
				priceVolumePositions(x, 20),
				b.middle,
				b.upper,
				b.lower,
				vwapPositions(x, 20, 2)
			];
		});
	});
});
