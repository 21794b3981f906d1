import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { implementation } from './expected-shortfall-model.model';
import fixture from './risk.fixture.json';

const data = { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };
type Result = Awaited<ReturnType<typeof implementation.evaluate>>;
const value = (r: Result, key: string) => r.numbers.find((n) => n.key === key)!.value;

describe('expected_shortfall_model', () => {
	it.each(fixture.es.map((c) => [c.confidence, c] as const))(
		'equals NumPy/SciPy on the last 252 real S&P 500 returns at confidence %s, every closed-form method (1e-9 relative)',
		async (confidence, ref) => {
			expect(fixture.es_lookback).toBe(252);
			for (const method of ['historical', 'parametric', 'cornish_fisher'] as const) {
				const r = await implementation.evaluate(
					data,
					{ confidence_level: confidence, method, lookback_window: 252 },
					{ rng: createRng(1) }
				);
				expect(Math.abs(value(r, 'expected_shortfall') / ref[method].es - 1), method).toBeLessThan(1e-9);
				expect(Math.abs(value(r, 'value_at_risk') / ref[method].var - 1), method).toBeLessThan(1e-9);
			}
			const mc = await implementation.evaluate(
				data,
				{ confidence_level: confidence, method: 'monte_carlo', lookback_window: 252 },
				{ rng: createRng(1) }
			);
			// 100,000 simulated outcomes: within 3 % of the lognormal closed form SciPy integrates.
			expect(Math.abs(value(mc, 'expected_shortfall') / ref.lognormal_es - 1)).toBeLessThan(0.03);
		}
	);

	it('uses only the lookback window: changing older prices leaves the estimate unchanged', async () => {
		const bars = sp500Bars();
		const older = { ...bars, close: bars.close.slice() };
		for (let i = 0; i < older.close.length - 300; i++) older.close[i] *= 1.1 + (i % 7) / 10;
		const params = { lookback_window: 252, method: 'historical' as const };
		const a = await implementation.evaluate(data, params, { rng: createRng(1) });
		const b = await implementation.evaluate({ datasets: [{ name: 'x', bars: older }] }, params, {
			rng: createRng(1)
		});
		expect(value(b, 'expected_shortfall')).toBe(value(a, 'expected_shortfall'));
	});

	it('refuses fewer returns than the lookback window, naming it', async () => {
		const bars = sp500Bars();
		const short = { ...bars, t: bars.t.slice(0, 200), close: bars.close.slice(0, 200) };
		await expect(
			implementation.evaluate({ datasets: [{ name: 'x', bars: short }] }, {}, { rng: createRng(1) })
		).rejects.toThrow(/at least 252 returns \(the lookback window\)/);
	});
});
