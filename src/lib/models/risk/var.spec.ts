import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import fixture from './risk.fixture.json';
import { implementation } from './var.model';

const data = { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };
const value = (r: Awaited<ReturnType<typeof implementation.evaluate>>, key: string) =>
	r.numbers.find((n) => n.key === key)!.value;

describe('var', () => {
	it('reports the NumPy historical 10-day 99 % VaR of the real S&P 500 from overlapping returns', async () => {
		const ref = fixture.var.find((c) => c.confidence === 0.99 && c.holding_period === 10)!;
		const r = await implementation.evaluate(
			data,
			{ confidence_level: 0.99, holding_period: 10, method: 'historical' },
			{ rng: createRng(1) }
		);
		expect(Math.abs(value(r, 'value_at_risk') / ref.historical.var - 1)).toBeLessThan(1e-10);
		expect(Math.abs(value(r, 'expected_shortfall') / ref.historical.es - 1)).toBeLessThan(1e-10);
		expect(r.charts.map((c) => c.title)).toContain('10-bar returns (overlapping) with the tail beyond VaR');
	});

	it('backtests to a breach rate near 1 − confidence on 20 years of real returns', async () => {
		const r = await implementation.evaluate(data, { method: 'parametric' }, { rng: createRng(1) });
		// Gaussian VaR is known to under-cover fat-tailed equity returns a little; it stays within 3–8 % here.
		const rate = value(r, 'backtest_breach_rate');
		expect(rate).toBeGreaterThan(0.03);
		expect(rate).toBeLessThan(0.08);
	});

	it('orders the Cornish–Fisher 99 % VaR above the Gaussian one on fat-tailed returns', async () => {
		const g = await implementation.evaluate(
			data,
			{ method: 'parametric', confidence_level: 0.99 },
			{ rng: createRng(1) }
		);
		const cf = await implementation.evaluate(
			data,
			{ method: 'cornish_fisher', confidence_level: 0.99 },
			{ rng: createRng(1) }
		);
		expect(value(cf, 'value_at_risk')).toBeGreaterThan(value(g, 'value_at_risk'));
	});
});
