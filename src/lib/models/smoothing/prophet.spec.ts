import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { seriesOf } from '../run-fold';
import { FitCancelledError } from '../types';
import {
	changepointsFor,
	fitProphet,
	prophetForecast,
	prophetValue,
	ridgeSolve,
	type Growth,
	type SeasonalityMode
} from './prophet';

interface FixtureConfig {
	growth: Growth;
	seasonality_mode: SeasonalityMode;
	changepoints: number[];
	trend: number[];
	seasonal: number[];
	capacity: number;
	objective: number;
	rounds: number;
	first_future_index: number;
	future: number[];
}
const fixture = JSON.parse(readFileSync(new URL('./prophet.fixture.json', import.meta.url), 'utf8')) as {
	window: { start: number; length: number; extra: number; horizon: number };
	first_close: number;
	configs: FixtureConfig[];
};
const { start, length, extra, horizon } = fixture.window;
const logClose = seriesOf('log_close', sp500Bars().close);
const train = logClose.slice(start, start + length);

describe('Prophet-style regression by hand', () => {
	it('places changepoints as Prophet does: evenly over the first 80 % of the values, the first dropped', () => {
		// n = 10: ⌊0.8·10⌋ = 8 values, 7 changepoints at indices 1 … 7 of t = i / 9.
		expect([...changepointsFor(10)]).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => i / 9));
		// n = 4: ⌊3.2⌋ = 3 values, 2 changepoints; n = 2: one value, none.
		expect([...changepointsFor(4)]).toEqual([1 / 3, 2 / 3]);
		expect(changepointsFor(2).length).toBe(0);
		// n = 1,260: 25 changepoints from linspace(0, 1,007, 26), rounded.
		const cps = changepointsFor(1260);
		expect(cps.length).toBe(25);
		expect(cps[0] * 1259).toBeCloseTo(40, 9);
		expect(cps[24] * 1259).toBeCloseTo(1007, 9);
	});

	it('solves the penalised normal equations', () => {
		// Two rows of one column: θ = Σ a b / (Σ a² + λ) = 4 / 4.
		expect([...ridgeSolve(Float64Array.of(1, 1), Float64Array.of(1, 3), 2, 1, Float64Array.of(2))]).toEqual([
			1
		]);
		// Two columns, no penalty: the least-squares line through (0, 1), (1, 3), (2, 5).
		const A = Float64Array.of(0, 1, 1, 1, 2, 1);
		const line = ridgeSolve(A, Float64Array.of(1, 3, 5), 3, 2, new Float64Array(2));
		expect(line[0]).toBeCloseTo(2, 12);
		expect(line[1]).toBeCloseTo(1, 12);
	});

	it('follows a kinked line and extrapolates it with the last slope', () => {
		// Up 0.01 a day for 60 days, then down 0.01: the forecast continues the fall.
		const y = Float64Array.from({ length: 100 }, (_, i) => 5 + (i < 60 ? 0.01 * i : 0.6 - 0.01 * (i - 60)));
		const fit = fitProphet(y, { growth: 'linear', seasonalityMode: 'additive' });
		const ahead = prophetValue(fit, 110) - prophetValue(fit, 100);
		expect(ahead).toBeLessThan(-0.08);
		expect(ahead).toBeGreaterThan(-0.12);
	});

	it('saturates logistic growth below 1.1 × the training maximum', () => {
		const fit = fitProphet(train, { growth: 'logistic', seasonalityMode: 'additive' });
		let max = 0;
		for (const v of train) max = Math.max(max, v);
		expect(fit.capacity).toBeCloseTo(1.1 * max, 12);
		expect(prophetValue(fit, 100_000)).toBeLessThan(fit.capacity);
	});
});

describe('Prophet-style regression against the same least squares in NumPy on real S&P 500 log closes', () => {
	it('reads the window the fixture was made from', () => {
		expect(sp500Bars().close[start]).toBe(fixture.first_close);
	});

	it.each(fixture.configs.map((c) => [`${c.growth} growth, ${c.seasonality_mode}`, c] as const))(
		'%s: coefficients within 1e-6, objective within 1e-9 relative, future values within 1e-8',
		(_, ref) => {
			const fit = fitProphet(train, { growth: ref.growth, seasonalityMode: ref.seasonality_mode });
			fit.changepoints.forEach((c, j) => expect(c).toBeCloseTo(ref.changepoints[j], 14));
			expect(fit.trend.length).toBe(ref.trend.length);
			expect(fit.seasonal.length).toBe(ref.seasonal.length);
			fit.trend.forEach((v, j) => expect(Math.abs(v - ref.trend[j])).toBeLessThan(1e-6));
			fit.seasonal.forEach((v, j) => expect(Math.abs(v - ref.seasonal[j])).toBeLessThan(1e-6));
			expect(Math.abs(fit.objective / ref.objective - 1)).toBeLessThan(1e-9);
			expect(fit.capacity).toBeCloseTo(ref.capacity, 12);
			ref.future.forEach((v, k) =>
				expect(Math.abs(prophetValue(fit, ref.first_future_index + k) - v)).toBeLessThan(1e-8)
			);
			const out = prophetForecast(fit, logClose.slice(start, start + length + extra), length, horizon);
			for (let t = 0; t < extra; t++)
				for (let k = 0; k < horizon; k++)
					expect(out[t * horizon + k]).toBe(prophetValue(fit, length + t + 1 + k));
		}
	);
});

describe('Prophet-style regression refuses bad input and stays causal', () => {
	const short = train.slice(0, 300);

	it('names the field of a bad input', () => {
		const spec = { growth: 'linear', seasonalityMode: 'additive' } as const;
		expect(() => fitProphet(short.slice(0, 9), spec)).toThrow(/prophet series: 9 values/);
		const bad = Float64Array.from(short);
		bad[2] = Number.NaN;
		expect(() => fitProphet(bad, spec)).toThrow(/prophet series: value 2 is NaN/);
		expect(() =>
			fitProphet(
				Float64Array.from(short, (v) => v - 7),
				{ ...spec, growth: 'logistic' }
			)
		).toThrow(/logistic growth needs positive values/);
		expect(() => fitProphet(short, { ...spec, growth: 'cubic' as Growth })).toThrow(/prophet growth/);
		expect(() => fitProphet(short, { ...spec, seasonalityMode: 'both' as SeasonalityMode })).toThrow(
			/prophet seasonality_mode/
		);
		const fit = fitProphet(short, spec);
		expect(() => prophetForecast(fit, short, 301, 5)).toThrow(/prophet forecast from/);
		expect(() => prophetForecast(fit, short, 0, 0)).toThrow(/prophet forecast horizon/);
	});

	it('forecasts from the time index alone: later values change no forecast', () => {
		const fit = fitProphet(short, { growth: 'linear', seasonalityMode: 'multiplicative' });
		const series = train.slice(0, 400);
		const changed = Float64Array.from(series, (v, t) => (t >= 350 ? v + 0.5 : v));
		expect([...prophetForecast(fit, changed, 300, 5)]).toEqual([...prophetForecast(fit, series, 300, 5)]);
	});

	it('stops when cancelled, with a coded error', () => {
		for (const seasonalityMode of ['additive', 'multiplicative'] as const)
			expect(() =>
				fitProphet(short, { growth: 'linear', seasonalityMode }, { isCancelled: () => true })
			).toThrow(FitCancelledError);
	});
});
