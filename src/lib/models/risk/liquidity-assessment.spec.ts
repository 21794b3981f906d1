import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { alignedMonthly } from '../../testing/stocks';
import type { AnalysisResult } from '../analysis';
import { implementation } from './liquidity-assessment.model';
import fixture from './risk.fixture.json';

const ctx = { rng: createRng(1) };
const value = (r: AnalysisResult, key: string) => r.numbers.find((n) => n.key === key)!.value;
const sp = { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };

describe('liquidity_assessment', () => {
	it('reports Amihud, Amivest, dollar volume and zero-return days equal to pandas on the real S&P 500 (1e-12 relative)', async () => {
		const r = await implementation.evaluate(
			sp,
			{ liquidity_metrics: ['amihud', 'amivest', 'dollar_volume', 'zero_returns'] },
			ctx
		);
		expect(Math.abs(value(r, 'amihud_illiquidity') / fixture.amihud.illiquidity - 1)).toBeLessThan(1e-12);
		expect(Math.abs(value(r, 'amivest_ratio') / fixture.amihud.amivest - 1)).toBeLessThan(1e-12);
		expect(Math.abs(value(r, 'mean_dollar_volume') / fixture.amihud.mean_dollar_volume - 1)).toBeLessThan(
			1e-12
		);
		expect(value(r, 'zero_return_share')).toBeCloseTo(fixture.amihud.zero_return_share, 15);
		// 2000–2020: 21 calendar years in the table.
		expect(r.tables[0].rows).toHaveLength(21);
	});

	it('refuses a series without volume, saying so', async () => {
		const [aapl] = alignedMonthly(['AAPL']);
		await expect(
			implementation.evaluate({ datasets: [{ name: 'AAPL', bars: aapl }] }, {}, ctx)
		).rejects.toThrow(/needs traded volume/);
	});
});
