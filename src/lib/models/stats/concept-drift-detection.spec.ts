import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import type { Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import { baselineErrors, implementation } from './concept-drift-detection.model';

/** Price bars whose daily log returns are `returns` (close starts at 100). */
function barsFromReturns(returns: Float64Array): Bars {
	const n = returns.length + 1;
	const close = new Float64Array(n);
	close[0] = 100;
	for (let i = 1; i < n; i++) close[i] = close[i - 1] * Math.exp(returns[i - 1]);
	const t = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000);
	return { t, open: close, high: close, low: close, close, volume: new Float64Array(n) };
}

const ctx = { rng: createRng(3) };

describe('concept drift detection on forecast errors', () => {
	it('monitors |r_t − mean of the previous 20 returns|, computed by hand', () => {
		const r = Float64Array.from({ length: 23 }, (_, i) => (i % 2 === 0 ? 0.01 : -0.01));
		const e = baselineErrors(r);
		expect(e.length).toBe(3);
		// The previous 20 alternate ±0.01 and average 0, so the error is |r_t| = 0.01.
		e.forEach((v) => expect(v).toBeCloseTo(0.01, 15));
		const step = Float64Array.from({ length: 21 }, (_, i) => (i < 20 ? 0.002 : 0.05));
		expect(baselineErrors(step)[0]).toBeCloseTo(0.048, 15);
	});

	it('finds a volatility jump built into the returns, near where it was built (seed 5)', async () => {
		const rng = createRng(5);
		const returns = Float64Array.from({ length: 1500 }, (_, t) => (t < 800 ? 0.005 : 0.02) * rng.normal());
		const result = await implementation.evaluate(
			{ datasets: [{ name: 'synthetic', bars: barsFromReturns(returns) }] },
			{},
			ctx
		);
		const count = result.numbers.find((n) => n.key === 'changes_detected')!.value;
		expect(count).toBe(1);
		const [detected, from] = result.tables[0].rows[0] as string[];
		const day = (iso: string): number => (Date.parse(iso) - Date.UTC(2020, 0, 1)) / 86_400_000;
		// Return t belongs to bar t + 1; the change is at bar 801.
		expect(day(detected)).toBeGreaterThanOrEqual(801);
		expect(day(detected) - 801).toBeLessThan(60);
		expect(Math.abs(day(from) - 801)).toBeLessThan(40);
	});

	it('flags nothing on returns of constant volatility at the default δ (seeds 1–3)', async () => {
		for (let seed = 1; seed <= 3; seed++) {
			const rng = createRng(seed);
			const returns = Float64Array.from({ length: 1500 }, () => 0.01 * rng.normal());
			const result = await implementation.evaluate(
				{ datasets: [{ name: 'synthetic', bars: barsFromReturns(returns) }] },
				{},
				ctx
			);
			expect(result.numbers.find((n) => n.key === 'changes_detected')!.value, `seed ${seed}`).toBe(0);
			expect(result.verdict).toMatch(/^No change/);
		}
	});

	it('detects the 2008 crisis in the real S&P 500 errors', async () => {
		const result = await implementation.evaluate(
			{ datasets: [{ name: 'S&P 500', bars: sp500Bars() }] },
			{},
			ctx
		);
		const years = result.tables[0].rows.map((r) => String(r[0]).slice(0, 4));
		expect(years).toContain('2008');
	});
});
