import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import type { Bars } from '../../domain/series';
import type { AnalysisResult } from '../analysis';
import { impact, logVolatility } from './impact';
import { implementation } from './market-impact-models.model';

const DAY = 86_400_000;
const ctx = { rng: createRng(1) };
const value = (r: AnalysisResult, key: string) => r.numbers.find((n) => n.key === key)!.value;

/** Closes alternating 100, 102 with constant volume 1,000,000 shares. */
function zigzag(n: number): Bars {
	const c = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 102 : 100));
	return {
		t: Float64Array.from(c, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
		open: c,
		high: c,
		low: c,
		close: c,
		volume: new Float64Array(n).fill(1e6)
	};
}

describe('market impact', () => {
	it('follows impact = Y·σ·√(Q/ADV), hand-computed', () => {
		// σ = 2 %, 1 % of ADV, Y = 1: 2 % · 0.1 = 0.2 %; linear: 2 % · 0.01 = 0.02 %.
		expect(impact('square_root', 1, 0.02, 0.01)).toBeCloseTo(0.002, 16);
		expect(impact('linear', 1, 0.02, 0.01)).toBeCloseTo(0.0002, 16);
		expect(impact('square_root', 0.5, 0.02, 1)).toBeCloseTo(0.01, 16);
		// Log returns ±ln(1.02): 20 of them alternate, mean 0, ddof-1 std = ln(1.02) · √(20/19).
		expect(logVolatility(zigzag(21).close, 0, 21)).toBeCloseTo(Math.log(1.02) * Math.sqrt(20 / 19), 14);
	});

	it('reports the order’s impact on the data’s volume, in shares or in dollars', async () => {
		const bars = zigzag(60);
		const sigma = Math.log(1.02) * Math.sqrt(20 / 19);
		// 10,000 shares of 1,000,000 a day: √0.01 = 0.1.
		const r = await implementation.evaluate(
			{ datasets: [{ name: 'x', bars }] },
			{ order_size: 10_000, window: 20 },
			ctx
		);
		expect(value(r, 'participation')).toBeCloseTo(0.01, 15);
		expect(value(r, 'impact')).toBeCloseTo(sigma * 0.1, 14);
		// Last close 102: notional 1,020,000 $.
		expect(value(r, 'impact_cost')).toBeCloseTo(sigma * 0.1 * 1_020_000, 6);
		// In dollars: ADV$ = 1e6 · mean close of the last 20 bars (101): an order of 1,010,000 $ is again 1 %.
		const d = await implementation.evaluate(
			{ datasets: [{ name: 'x', bars }] },
			{
				order_size: 1_010_000,
				window: 20,
				liquidity_measure: 'dollar_volume',
				impact_function: 'linear',
				impact_coefficient: 2
			},
			ctx
		);
		expect(value(d, 'participation')).toBeCloseTo(0.01, 14);
		expect(value(d, 'impact')).toBeCloseTo(2 * sigma * 0.01, 14);
	});

	it('refuses a series without volume', async () => {
		const bars = { ...zigzag(60), volume: new Float64Array(60) };
		await expect(implementation.evaluate({ datasets: [{ name: 'x', bars }] }, {}, ctx)).rejects.toThrow(
			/needs traded volume/
		);
	});
});
