import { AD, OBV, PVT } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import { candlesOf, CAUSALITY_SEED, CUT_POINTS, expectCausal, expectMatches } from './causality.testkit';
import {
	accumulationDistribution,
	lineVsSignalPositions,
	onBalanceVolume,
	volumePriceTrend
} from './volume-lines';

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

// Closes 10, 11, 11, 10, 12 on volumes 100, 200, 300, 400, 500; ranges 9–11, 10–12, 10–12, 9–12, 12–12.
const b = barsOf([11, 12, 12, 12, 12], [9, 10, 10, 9, 12], [10, 11, 11, 10, 12], [100, 200, 300, 400, 500]);

describe('the volume lines', () => {
	it('add and subtract volume as their definitions say (hand-computed)', () => {
		// OBV: 0, +200, unchanged, −400, +500.
		expect(Array.from(onBalanceVolume(b))).toEqual([0, 200, 200, -200, 300]);
		// MFM: (1 − 1)/2 = 0, (1 − 1)/2 = 0, 0, (1 − 2)/3 = −1/3, H = L → 0. ADL: 0, 0, 0, −133.3, −133.3.
		const adl = accumulationDistribution(b);
		expect(Array.from(adl.subarray(0, 3))).toEqual([0, 0, 0]);
		expect(adl[3]).toBeCloseTo(-400 / 3, 10);
		expect(adl[4]).toBeCloseTo(-400 / 3, 10);
		// VPT: 0, 200 · 0.1 = 20, 20, 20 + 400 · (−1/11), + 500 · 0.2.
		const vpt = volumePriceTrend(b);
		expect(vpt[1]).toBeCloseTo(20, 12);
		expect(vpt[2]).toBeCloseTo(20, 12);
		expect(vpt[3]).toBeCloseTo(20 - 400 / 11, 12);
		expect(vpt[4]).toBeCloseTo(20 - 400 / 11 + 100, 12);
	});

	it('equal trading-signals 8.3.0 OBV, AD and PVT on the real S&P 500 bars (≤ 1e-9 relative)', () => {
		// trading-signals' OBV(2) and PVT start at row 1 from 0, as ours (our row 0 is the 0 they start from);
		// AD includes row 0. Relative tolerance: the lines reach ~1e11 (volume is in shares).
		const bars = sp500Bars();
		const candles = candlesOf(bars);
		const n = candles.length;
		expect(expectMatches(onBalanceVolume(bars), new OBV(2).updates(candles, false), 1e-9)).toBe(n - 1);
		expect(expectMatches(accumulationDistribution(bars), new AD().updates(candles, false), 1e-9)).toBe(n);
		expect(expectMatches(volumePriceTrend(bars), new PVT().updates(candles, false), 1e-9)).toBe(n - 1);
	});

	it('refuse non-finite bars and a zero close before a change, naming them', () => {
		const bad = barsOf([1, 1], [1, 1], [1, 1], [1, Number.NaN]);
		expect(() => onBalanceVolume(bad)).toThrow(/volume\[1\] is NaN/);
		expect(() => volumePriceTrend(barsOf([1, 1], [0, 0], [0, 1], [1, 1]))).toThrow(/close\[0\] is 0/);
	});
});

describe('lineVsSignalPositions', () => {
	it('is long above the EMA signal line, short below, NaN or flat (fillna) during its warm-up', () => {
		// Signal window 3 (α = 0.5) over the OBV 0, 200, 200, −200, 300: EMA 0, 100, 150, −25, 137.5.
		const line = onBalanceVolume(b);
		expect(Array.from(lineVsSignalPositions(line, 3, false))).toEqual([Number.NaN, Number.NaN, 1, -1, 1]);
		expect(Array.from(lineVsSignalPositions(line, 3, true))).toEqual([0, 0, 1, -1, 1]);
		expect(() => lineVsSignalPositions(line, 1, false)).toThrow(/signal_window must be a whole number ≥ 2/);
	});

	it('takes both sides for each line on the real S&P 500 bars', () => {
		const bars = sp500Bars();
		for (const line of [onBalanceVolume(bars), accumulationDistribution(bars), volumePriceTrend(bars)]) {
			const pos = lineVsSignalPositions(line, 20, false);
			expect(pos).toContain(1);
			expect(pos).toContain(-1);
		}
	});

	it(`never changes a value at t when any bar after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		expectCausal(sp500Bars(), (x) => {
			const lines = [onBalanceVolume(x), accumulationDistribution(x), volumePriceTrend(x)];
			return [...lines, ...lines.map((l) => lineVsSignalPositions(l, 20, false))];
		});
	});
});
