import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { implementation } from './monte-carlo-simulation.model';
import { logReturnStats, simulateGbm } from './monte-carlo';

const num = (r: { numbers: readonly { key: string; value: number }[] }, key: string): number =>
	r.numbers.find((n) => n.key === key)!.value;
const sp500 = () => ({ datasets: [{ name: 'S&P 500', bars: sp500Bars() }] });

describe('logReturnStats', () => {
	it('gives the mean and sample standard deviation of log returns (hand-computed)', () => {
		// Prices 100, 110, 99, 108.9: log returns ln 1.1, ln 0.9, ln 1.1, then 20 more flat ones.
		const close = Float64Array.from([100, 110, 99, 108.9, ...Array<number>(20).fill(108.9)]);
		const s = logReturnStats(close);
		const r = [Math.log(1.1), Math.log(0.9), Math.log(1.1), ...Array<number>(20).fill(0)];
		const mean = r.reduce((a, b) => a + b) / r.length;
		const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
		expect(s.count).toBe(23);
		expect(s.mean).toBeCloseTo(mean, 15);
		expect(s.sd).toBeCloseTo(sd, 15);
	});

	it('refuses too few or non-positive prices with a coded error', () => {
		expect(() => logReturnStats(Float64Array.from([1, 2, 3]))).toThrow(/at least 21 prices/);
		const bad = Float64Array.from({ length: 30 }, (_, i) => (i === 9 ? 0 : 100));
		expect(() => logReturnStats(bad)).toThrow(expect.objectContaining({ code: 'analysis_input' }));
	});
});

describe('simulateGbm', () => {
	it('has the final log price mean ln S₀ + m·h and variance s²·h within Monte Carlo error (seed 99)', () => {
		const stats = { mean: 0.0004, sd: 0.012, count: 1000 };
		const [h, n] = [252, 50_000];
		const sim = simulateGbm(100, stats, h, n, [0.5], 25, createRng(99));
		let mean = 0;
		for (const v of sim.finalLog) mean += v / n;
		let ss = 0;
		for (const v of sim.finalLog) ss += (v - mean) ** 2;
		const variance = ss / (n - 1);
		const exactVar = stats.sd ** 2 * h;
		// 4 standard errors: of the mean √(σ²h/n), of the variance σ²h·√(2/(n − 1)).
		expect(Math.abs(mean - (Math.log(100) + stats.mean * h))).toBeLessThan(4 * Math.sqrt(exactVar / n));
		expect(Math.abs(variance - exactVar)).toBeLessThan(4 * exactVar * Math.sqrt(2 / (n - 1)));
		expect(sim.checkpoints[sim.checkpoints.length - 1]).toBe(h);
		expect(sim.checkpoints.length).toBe(25);
	});
});

describe('the monte_carlo_simulation entry', () => {
	it('estimates drift and volatility from the real S&P 500 and matches its closed forms within Monte Carlo error', async () => {
		const r = await implementation.evaluate(sp500(), { n_simulations: 20_000 }, { rng: createRng(7) });
		const stats = logReturnStats(sp500Bars().close);
		expect(num(r, 'drift_per_bar')).toBe(stats.mean);
		expect(num(r, 'volatility_per_bar')).toBe(stats.sd);
		const se = Math.sqrt(num(r, 'final_log_price_variance_exact') / 20_000);
		expect(Math.abs(num(r, 'final_log_price_mean') - num(r, 'final_log_price_mean_exact'))).toBeLessThan(
			4 * se
		);
		const p = num(r, 'probability_of_loss_exact');
		expect(Math.abs(num(r, 'probability_of_loss') - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 20_000));
		expect(num(r, 'final_price_p05')).toBeLessThan(num(r, 'final_price_p50'));
		expect(num(r, 'final_price_p50')).toBeLessThan(num(r, 'final_price_p95'));
	});

	it('labels the chart and the notes as simulation, never market data', async () => {
		const r = await implementation.evaluate(sp500(), {}, { rng: createRng(7) });
		expect(r.charts[0].title).toMatch(/^SIMULATION .*not market data/);
		expect(r.notes[0]).toMatch(/^This is a SIMULATION, not market data/);
	});

	it('depends on random_seed as well as the run seed, and repeats exactly for both', async () => {
		const run = async (seed: number, random_seed: number) =>
			num(
				await implementation.evaluate(sp500(), { random_seed }, { rng: createRng(seed) }),
				'final_price_p50'
			);
		expect(await run(7, 42)).toBe(await run(7, 42));
		expect(await run(7, 42)).not.toBe(await run(7, 43));
		expect(await run(7, 42)).not.toBe(await run(8, 42));
	});
});
