import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { alignedMonthly } from '../../testing/stocks';
import type { AnalysisResult } from '../analysis';
import { implementation } from './bid-ask-spread-analysis.model';
import fixture from './risk.fixture.json';

const ctx = { rng: createRng(1) };
const value = (r: AnalysisResult, key: string) => r.numbers.find((n) => n.key === key)!.value;
const sp = { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };

describe('bid_ask_spread_analysis', () => {
	it('reports both estimators, equal to the pandas/NumPy reference on the real S&P 500 bars (1e-10 relative)', async () => {
		const r = await implementation.evaluate(sp, {}, ctx);
		expect(Math.abs(value(r, 'roll_spread') / fixture.roll.spread! - 1)).toBeLessThan(1e-10);
		expect(Math.abs(value(r, 'corwin_schultz_spread') / fixture.corwin_schultz.mean - 1)).toBeLessThan(1e-10);
		expect(r.charts[0].lines.map((l) => l.name)).toEqual(['Roll', 'Corwin–Schultz']);
		// The rolling Corwin–Schultz line at bar i + 1 is pandas' 21-day mean of two-day estimates ending at pair i.
		const line = r.charts[0].lines[1].values;
		for (const [i, v] of Object.entries(fixture.corwin_schultz.rolling_mean))
			if (v !== null) expect(Math.abs(line[Number(i)] / v - 1)).toBeLessThan(1e-9);
	});

	it('runs one estimator when asked', async () => {
		const r = await implementation.evaluate(sp, { spread_measure: 'roll' }, ctx);
		expect(r.numbers.map((n) => n.key)).toEqual(['roll_spread', 'roll_autocovariance', 'roll_defined_share']);
	});

	it('says Corwin–Schultz needs highs and lows on close-only data', async () => {
		const [aapl] = alignedMonthly(['AAPL']);
		const r = await implementation.evaluate(
			{ datasets: [{ name: 'AAPL', bars: aapl }] },
			{ spread_measure: 'corwin_schultz' },
			ctx
		);
		expect(value(r, 'corwin_schultz_spread')).toBeNaN();
		expect(r.numbers[0].note).toMatch(/needs highs and lows/);
	});
});
