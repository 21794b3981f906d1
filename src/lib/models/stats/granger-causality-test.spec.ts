import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { alignedMonthly } from '../../testing/stocks';
import { implementation } from './granger-causality-test.model';
import fixture from './stats.fixture.json';

const ctx = { rng: createRng(1) };

describe('the granger_causality_test entry', () => {
	it('tabulates statsmodels’ F, χ² and LR tests by lag for monthly AAPL vs S&P 500 and reads the verdict from them', async () => {
		const [aapl, sp] = alignedMonthly(['AAPL', 'SP500']);
		const r = await implementation.evaluate(
			{
				datasets: [
					{ name: 'AAPL', bars: aapl },
					{ name: 'S&P 500', bars: sp }
				]
			},
			{ max_lag: 6 },
			ctx
		);
		const rows = r.tables[0].rows;
		expect(rows.length).toBe(6);
		fixture.granger.monthly_aapl_sp500.forEach((e, i) => {
			expect(Math.abs((rows[i][2] as number) - e.f) / e.f).toBeLessThan(1e-8);
			expect(Math.abs((rows[i][4] as number) - e.f_p)).toBeLessThan(1e-9);
		});
		const significant = fixture.granger.monthly_aapl_sp500.filter((e) => e.f_p < 0.05).map((e) => e.lag);
		if (significant.length === 0) expect(r.verdict).toMatch(/^No Granger causality from S&P 500 to AAPL/);
		else expect(r.verdict).toContain(`lag${significant.length > 1 ? 's' : ''} ${significant.join(', ')}`);
	});

	it('refuses a lag the data cannot support, with a coded error', async () => {
		const [aapl, sp] = alignedMonthly(['AAPL', 'SP500']).map((b) => ({
			...b,
			t: b.t.slice(0, 40),
			close: b.close.slice(0, 40)
		}));
		await expect(
			implementation.evaluate(
				{
					datasets: [
						{ name: 'AAPL', bars: aapl },
						{ name: 'S&P 500', bars: sp }
					]
				},
				{ max_lag: 20 },
				ctx
			)
		).rejects.toMatchObject({ code: 'analysis_input' });
	});
});
