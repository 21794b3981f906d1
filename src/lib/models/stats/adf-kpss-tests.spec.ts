import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { implementation } from './adf-kpss-tests.model';
import fixture from './stats.fixture.json';

const ctx = { rng: createRng(1) };
const data = () => ({ datasets: [{ name: 'S&P 500', bars: sp500Bars() }] });
const value = (r: { numbers: readonly { key: string; value: number }[] }, key: string): number =>
	r.numbers.find((n) => n.key === key)!.value;

describe('the adf_kpss_tests entry', () => {
	it('finds a unit root in the S&P 500 log close, with statsmodels’ ADF and KPSS numbers (defaults: c, AIC)', async () => {
		const r = await implementation.evaluate(data(), {}, ctx);
		const adf = fixture.adf.find(
			(c) => c.series === 'sp500_log_close' && c.regression === 'c' && c.autolag === 'AIC'
		)!;
		const k = fixture.kpss.find((c) => c.series === 'sp500_log_close' && c.regression === 'c')!;
		expect(Math.abs(value(r, 'adf_statistic') - adf.stat) / Math.abs(adf.stat)).toBeLessThan(1e-6);
		expect(Math.abs(value(r, 'kpss_statistic') - k.stat) / k.stat).toBeLessThan(1e-6);
		expect(r.verdict).toMatch(/^Unit root at 5 %/);
		expect(r.numbers.find((n) => n.key === 'kpss_p_value')!.note).toMatch(/below 0\.01/);
	});

	it('finds the S&P 500 log return stationary', async () => {
		const r = await implementation.evaluate(data(), { transform: 'log_return' }, ctx);
		expect(r.verdict).toMatch(/^Stationary at 5 %/);
		expect(value(r, 'adf_p_value')).toBeLessThan(0.01);
	});

	it('tests KPSS around a linear trend when ADF has a quadratic one, and says so', async () => {
		const r = await implementation.evaluate(data(), { regression: 'ctt' }, ctx);
		const k = fixture.kpss.find((c) => c.series === 'sp500_log_close' && c.regression === 'ct')!;
		expect(Math.abs(value(r, 'kpss_statistic') - k.stat) / k.stat).toBeLessThan(1e-6);
		expect(r.notes.join(' ')).toContain('no quadratic-trend version');
	});

	it('refuses a log transform of a series with a non-positive value, naming the fix', async () => {
		const bars = sp500Bars();
		const close = bars.close.slice();
		close[10] = 0;
		await expect(
			implementation.evaluate({ datasets: [{ name: 'x', bars: { ...bars, close } }] }, {}, ctx)
		).rejects.toMatchObject({
			code: 'analysis_input',
			message: expect.stringMatching(/positive values/)
		});
		const r = await implementation.evaluate(
			{ datasets: [{ name: 'x', bars: { ...bars, close } }] },
			{ transform: 'level' },
			ctx
		);
		expect(Number.isFinite(value(r, 'adf_statistic'))).toBe(true);
	});
});
