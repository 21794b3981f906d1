import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { RecommendError } from './errors';
import {
	DEFAULT_REGIME_SETTINGS,
	REGIME_WEIGHTS,
	blendHorizons,
	causalPercentiles,
	regimeAt,
	regimeSeries,
	rollingVol,
	type RegimeSettings
} from './regime';
import fixture from './regime.fixture.json';

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof RecommendError) return `${e.code}:${e.field}`;
		throw e;
	}
	return undefined;
}

/** Short windows so that every number below can be checked by hand. */
const TINY: RegimeSettings = { ...DEFAULT_REGIME_SETTINGS, fast: 2, slow: 4, volWindow: 3, minVolHistory: 2 };

function randomWalk(n: number, seed: number): Float64Array {
	const rng = createRng(seed);
	const closes = new Float64Array(n);
	closes[0] = 100;
	for (let i = 1; i < n; i++) closes[i] = closes[i - 1] * (1 + 0.0003 + 0.012 * rng.normal());
	return closes;
}

describe('the §6.7 regime', () => {
	it('states the original’s rules and weights as defaults', () => {
		expect(DEFAULT_REGIME_SETTINGS).toMatchObject({
			fast: 50,
			slow: 200,
			volWindow: 60,
			trendThreshold: 0.02,
			trendingMaxPercentile: 0.5,
			choppyMinPercentile: 0.7
		});
		expect(REGIME_WEIGHTS.trending).toEqual({ short: 0.3, long: 0.7 });
		expect(REGIME_WEIGHTS.choppy).toEqual({ short: 0.7, long: 0.3 });
		expect(REGIME_WEIGHTS.neutral).toEqual({ short: 0.5, long: 0.5 });
		expect(blendHorizons(REGIME_WEIGHTS.trending, 0.6, 0.8)).toBeCloseTo(0.3 * 0.6 + 0.7 * 0.8, 15);
	});

	it('computes the vol as the sample standard deviation of simple returns, annualised by √252', () => {
		const r = [104 / 100 - 1, 98 / 104 - 1, 105 / 98 - 1];
		const m = (r[0] + r[1] + r[2]) / 3;
		const sd = Math.sqrt(((r[0] - m) ** 2 + (r[1] - m) ** 2 + (r[2] - m) ** 2) / 2);
		const vol = rollingVol([100, 104, 98, 105], 3);
		expect(vol[2]).toBeNaN();
		expect(vol[3]).toBeCloseTo(sd * Math.sqrt(252), 14);
	});

	it('ranks the vol against earlier values only: the share strictly below, ties not counted', () => {
		const p = causalPercentiles([Number.NaN, 3, 1, 2, 5, 2], 2);
		// Index 2 has one defined earlier value (3), fewer than the 2 asked for.
		expect(Array.from(p.subarray(0, 3))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
		expect(p[3]).toBe(1 / 2); // 2 against [3, 1]: only 1 below
		expect(p[4]).toBe(1); // 5 against [3, 1, 2]: all below
		expect(p[5]).toBe(1 / 4); // 2 against [3, 1, 2, 5]: only 1 below, the tie not counted
	});

	it('is trending with a rising SMA spread and the calmest vol so far, neutral when the spread is ≤ 2 %', () => {
		const closes = [100, 104, 98, 105, 107, 109, 111.5, 114];
		const series = regimeSeries(closes, TINY);
		// t = 7: SMA2 = 112.75, SMA4 = 110.375; vol at t falls below both earlier vols (0 of 4 below it).
		expect(series[7].trend).toBeCloseTo(112.75 / 110.375 - 1, 14);
		expect(series[7].volPercentile).toBe(0);
		expect(series[7].state).toBe('trending');
		expect(series[7].weights).toEqual({ short: 0.3, long: 0.7 });
		// t = 6: SMA2 = 110.25, SMA4 = 108.125 → spread 1.97 %, not above 2 %; vol still the calmest → neutral.
		expect(series[6].trend).toBeCloseTo(110.25 / 108.125 - 1, 14);
		expect(series[6].state).toBe('neutral');
	});

	it('is choppy when the vol is above the 0.7 percentile of its own history', () => {
		const series = regimeSeries([100, 101, 100, 101, 100, 103, 99, 104], TINY);
		expect(series[7].volPercentile).toBe(1);
		expect(series[7].state).toBe('choppy');
		expect(series[7].weights).toEqual({ short: 0.7, long: 0.3 });
	});

	it('says insufficient, with neutral weights, before 200 closes or without 60 earlier vol values', () => {
		const closes = randomWalk(400, 1);
		const series = regimeSeries(closes);
		expect(series[198].state).toBe('insufficient');
		expect(series[198].trend).toBeNaN();
		// Vol starts at bar 60; 60 earlier values exist from bar 120 on.
		expect(series[119].volPercentile).toBeNaN();
		expect(series[120].volPercentile).not.toBeNaN();
		expect(series[199].state).not.toBe('insufficient');
		expect(series[198].weights).toEqual({ short: 0.5, long: 0.5 });
	});

	it('is causal: changing every close after t leaves the regime at t unchanged (seed 2)', () => {
		const closes = randomWalk(700, 2);
		const t = 450;
		const before = regimeAt(closes, t);
		const rng = createRng(3);
		const changed = closes.map((c, i) => (i > t ? c * (0.5 + rng.next()) : c));
		expect(regimeAt(changed, t)).toEqual(before);
		expect(regimeSeries(changed)[t]).toEqual(before);
		// …while the future itself did change.
		expect(regimeSeries(changed)[600].vol).not.toBe(regimeSeries(closes)[600].vol);
	});

	it('visits all three states on a long random walk', () => {
		const states = new Set(regimeSeries(randomWalk(1500, 4)).map((r) => r.state));
		expect([...states].sort()).toEqual(['choppy', 'insufficient', 'neutral', 'trending']);
	});

	it('refuses bad settings, non-positive closes and out-of-range bars, naming the field', () => {
		expect(codeOf(() => regimeSeries([100, 101], { ...TINY, fast: 4 }))).toBe('invalid:fast');
		expect(codeOf(() => regimeSeries([100, 0], TINY))).toBe('invalid:closes');
		expect(codeOf(() => regimeSeries([100], { ...TINY, choppyMinPercentile: 1.2 }))).toBe(
			'invalid:choppyMinPercentile'
		);
		expect(codeOf(() => regimeAt([100, 101], 2, TINY))).toBe('invalid:t');
	});

	it('matches pandas on the real S&P 500 closes 2000–2020 (every 20th bar, and the state counts of all bars)', () => {
		// bench/make-regime-fixture.py: pandas rolling mean / std (ddof 1) and a causal percentile loop.
		const closes = sp500Bars().close;
		const t0 = performance.now();
		const series = regimeSeries(closes);
		const ms = performance.now() - t0;
		expect(series.length).toBe(fixture.bars);
		for (const ref of fixture.rows) {
			const r = series[ref.index];
			const at = `bar ${ref.index}`;
			if (ref.trend === null) expect(r.trend, at).toBeNaN();
			else expect(Math.abs(r.trend - ref.trend), at).toBeLessThanOrEqual(1e-12);
			if (ref.vol === null) expect(r.vol, at).toBeNaN();
			else expect(Math.abs(r.vol - ref.vol), at).toBeLessThanOrEqual(1e-12);
			if (ref.volPercentile === null) expect(r.volPercentile, at).toBeNaN();
			else expect(r.volPercentile, at).toBe(ref.volPercentile);
			expect(r.state, at).toBe(ref.state);
		}
		const counts = { trending: 0, choppy: 0, neutral: 0, insufficient: 0 };
		for (const r of series) counts[r.state]++;
		expect(counts).toEqual(fixture.counts);
		expect(ms).toBeLessThan(2000); // O(n²) percentiles: 5,105 bars take tens of ms here
	});
});
