import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { seriesOf } from '../run-fold';
import { FitCancelledError } from '../types';
import { fitKalman, kalmanFilter, kalmanForecast, type KalmanParams } from './kalman-filter';

interface FixtureConfig {
	n_dim_state: number;
	reference: string;
	observation: number;
	state: number[];
	log_likelihood: number;
	forecasts: number[];
}
const fixture = JSON.parse(
	readFileSync(new URL('./kalman-filter.fixture.json', import.meta.url), 'utf8')
) as {
	window: { start: number; length: number; extra: number; horizon: number };
	first_close: number;
	configs: FixtureConfig[];
};
const { start, length, extra, horizon } = fixture.window;
const logClose = seriesOf('log_close', sp500Bars().close);
const train = logClose.slice(start, start + length);
const extended = logClose.slice(start, start + length + extra);
const paramsOf = (c: FixtureConfig): KalmanParams => ({
	observation: c.observation,
	state: Float64Array.from(c.state)
});

describe('Kalman filter by hand', () => {
	it('updates a local level by the Kalman gain from an exact diffuse start, leaving the first value out of the likelihood', () => {
		const params = { observation: 1, state: Float64Array.of(1) };
		const seen: number[] = [];
		const ll = kalmanFilter(Float64Array.of(2, 4), params, (_, x) => seen.push(x[0]));
		// t = 0: the diffuse state is the first value, P = H = 1. Predicted P = 2, F = 3, gain 2/3, v = 2.
		expect(seen).toEqual([2, 2 + (2 / 3) * 2]);
		expect(ll).toBeCloseTo(-0.5 * (Math.log(2 * Math.PI) + Math.log(3) + 4 / 3), 14);
	});

	it('keeps a tenth-order trend finite where a 10⁶ prior would lose every digit', () => {
		const y = train.slice(0, 300);
		const fit = fitKalman(y, 10);
		expect(Number.isFinite(fit.logLikelihood)).toBe(true);
		const out = kalmanForecast(fit, y, 290, 5);
		for (const v of out) expect(Math.abs(v - y[299])).toBeLessThan(1);
	});

	it('forecasts an integrated random walk by the binomial rows of the transition’s powers', () => {
		// Noise-free cubic y = t³ with small variances: after enough values the state is (level, Δ, Δ², Δ³), and the
		// forecast k steps on is Σ C(k, j)·x_j, the cube exactly.
		const y = Float64Array.from({ length: 30 }, (_, t) => t ** 3);
		const params = { observation: 1e-4, state: Float64Array.of(1e-4, 1e-4, 1e-4, 1e-4) };
		const out = kalmanForecast(params, y, 29, 3);
		[30 ** 3, 31 ** 3, 32 ** 3].forEach((v, k) => expect(Math.abs(out[k] / v - 1)).toBeLessThan(1e-6));
	});
});

describe('Kalman filter against statsmodels on real S&P 500 log closes', () => {
	it('reads the window the fixture was made from', () => {
		expect(sp500Bars().close[start]).toBe(fixture.first_close);
	});

	it.each(fixture.configs.map((c) => [`${c.n_dim_state} states (${c.reference})`, c] as const))(
		'%s: the same filter gives statsmodels’ log-likelihood within 1e-5 and its forecasts within 1e-3 at its parameters',
		(_, ref) => {
			const ll = kalmanFilter(train, paramsOf(ref));
			expect(Math.abs(ll / ref.log_likelihood - 1)).toBeLessThan(1e-5);
			const out = kalmanForecast(paramsOf(ref), extended, length, horizon);
			out.forEach((v, i) => expect(Math.abs(v - ref.forecasts[i])).toBeLessThan(1e-3));
		}
	);

	it.each(fixture.configs.map((c) => [`${c.n_dim_state} states`, c] as const))(
		'%s: the fit’s log-likelihood within 0.1 % of statsmodels’ (and no lower by more than 0.01), forecasts within 2.5e-3',
		(_, ref) => {
			const fit = fitKalman(train, ref.n_dim_state);
			expect(fit.converged).toBe(true);
			expect(Math.abs(fit.logLikelihood / ref.log_likelihood - 1)).toBeLessThan(1e-3);
			expect(fit.logLikelihood).toBeGreaterThan(ref.log_likelihood - 0.01);
			const out = kalmanForecast(fit, extended, length, horizon);
			out.forEach((v, i) => expect(Math.abs(v - ref.forecasts[i])).toBeLessThan(2.5e-3));
		}
	);
});

describe('Kalman filter refuses bad input and stays causal', () => {
	const short = train.slice(0, 300);

	it('names the field of a bad input', () => {
		expect(() => fitKalman(short, 0)).toThrow(/kalman_filter n_dim_state/);
		expect(() => fitKalman(short, 11)).toThrow(/kalman_filter n_dim_state/);
		expect(() => fitKalman(short.slice(0, 9), 1)).toThrow(/kalman_filter series: 9 values/);
		const bad = Float64Array.from(short);
		bad[3] = Number.NaN;
		expect(() => fitKalman(bad, 2)).toThrow(/kalman_filter series: value 3 is NaN/);
		expect(() =>
			fitKalman(
				Float64Array.from({ length: 50 }, (_, i) => 2 + i),
				2
			)
		).toThrow(/straight line/);
		const fit = fitKalman(short, 2);
		expect(() => kalmanForecast(fit, short, 301, 5)).toThrow(/forecast from/);
		expect(() => kalmanForecast(fit, short, 0, 0)).toThrow(/forecast horizon/);
	});

	it('forecasts from each origin with values up to it only', () => {
		const fit = fitKalman(short, 2);
		const series = train.slice(0, 400);
		const changed = Float64Array.from(series);
		for (let t = 350; t < changed.length; t++) changed[t] += 0.5;
		const a = kalmanForecast(fit, series, 300, 5);
		const b = kalmanForecast(fit, changed, 300, 5);
		expect([...b.subarray(0, 50 * 5)]).toEqual([...a.subarray(0, 50 * 5)]);
		expect(b[50 * 5]).not.toBe(a[50 * 5]);
	});

	it('stops when cancelled, with a coded error', () => {
		expect(() => fitKalman(short, 2, { isCancelled: () => true })).toThrow(FitCancelledError);
	});
});
