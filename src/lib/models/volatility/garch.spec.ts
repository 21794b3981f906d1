import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { logReturns } from '../run-fold';
import { FitCancelledError } from '../types';
import {
	ewmaBackcast,
	fitGarch,
	fromUnconstrained,
	garchForecast,
	garchLogLikelihood,
	garchLogLikelihoodGradient,
	garchVariances,
	toUnconstrained,
	unconditionalVariance,
	type GarchParams
} from './garch';

interface FixtureConfig {
	p: number;
	q: number;
	mu: number;
	omega: number;
	alpha: number[];
	beta: number[];
	backcast: number;
	log_likelihood: number;
	forecasts: number[];
}
const fixture = JSON.parse(readFileSync(new URL('./garch.fixture.json', import.meta.url), 'utf8')) as {
	window: { start: number; length: number; extra: number; horizon: number };
	first_close: number;
	configs: FixtureConfig[];
};
const { start, length, extra, horizon } = fixture.window;
const returns = logReturns(sp500Bars().close);

const params = (omega: number, alpha: number[], beta: number[], mu = 0): GarchParams => ({
	mu,
	omega,
	alpha: Float64Array.from(alpha),
	beta: Float64Array.from(beta)
});

describe('garch by hand', () => {
	it('backcasts with arch’s exponentially weighted mean of the first squared residuals', () => {
		expect(ewmaBackcast(Float64Array.of(2))).toBe(4);
		expect(ewmaBackcast(Float64Array.of(1, 2))).toBeCloseTo((1 + 0.94 * 4) / 1.94, 14);
		// Only the first 75 values count.
		const long = new Float64Array(200).fill(1);
		long.fill(100, 75);
		expect(ewmaBackcast(long)).toBeCloseTo(1, 14);
	});

	it('runs the variance recursion from the backcast', () => {
		const s2 = garchVariances(Float64Array.of(1, 2), params(0.1, [0.2], [0.7]), 1);
		expect([...s2].map((v) => +v.toFixed(12))).toEqual([1, 1, 1.6]);
		// Two ARCH lags reach back to the backcast twice.
		const s2b = garchVariances(Float64Array.of(3), params(0.1, [0.2, 0.1], [0.5]), 2);
		expect(s2b[0]).toBeCloseTo(0.1 + 0.2 * 2 + 0.1 * 2 + 0.5 * 2, 14);
		expect(s2b[1]).toBeCloseTo(0.1 + 0.2 * 9 + 0.1 * 2 + 0.5 * s2b[0], 14);
	});

	it('sums the Gaussian log density of each residual at its conditional variance', () => {
		const y = Float64Array.of(1, 3);
		const at = params(0.1, [0.2], [0.7], 1);
		// e = (0, 2); σ² = (1, 0.1 + 0.2·0 + 0.7·1 = 0.8).
		const expected = -0.5 * (2 * Math.log(2 * Math.PI) + Math.log(1) + 0 + Math.log(0.8) + 4 / 0.8);
		expect(garchLogLikelihood(y, at, 1)).toBeCloseTo(expected, 13);
	});

	it('differentiates the likelihood exactly: the gradient agrees with central differences', () => {
		const y = Float64Array.from(returns.slice(start, start + 300), (r) => r * 100);
		for (const [p, q] of [
			[1, 1],
			[2, 1],
			[2, 3]
		]) {
			const theta = [0.05, 0.03, ...new Array(p).fill(0.08 / p), ...new Array(q).fill(0.85 / q)];
			const at = (t: number[]): GarchParams => params(t[1], t.slice(2, 2 + p), t.slice(2 + p), t[0]);
			const grad = new Float64Array(theta.length);
			garchLogLikelihoodGradient(y, at(theta), 1.3, grad);
			theta.forEach((_, i) => {
				const up = [...theta];
				const down = [...theta];
				up[i] += 1e-6;
				down[i] -= 1e-6;
				const numeric = (garchLogLikelihood(y, at(up), 1.3) - garchLogLikelihood(y, at(down), 1.3)) / 2e-6;
				expect(Math.abs(grad[i] - numeric) / Math.max(1, Math.abs(numeric))).toBeLessThan(1e-6);
			});
		}
	});

	it('keeps every α and β positive and their sum below 1 anywhere in the unconstrained space (short of rounding)', () => {
		for (const x of [
			[0, 0, 0, 0],
			[1, -3, 12, 12],
			[0, 2, -30, 5]
		]) {
			const p = fromUnconstrained(Float64Array.from(x), { p: 1, q: 1 });
			expect(p.alpha[0]).toBeGreaterThan(0);
			expect(p.beta[0]).toBeGreaterThan(0);
			expect(p.alpha[0] + p.beta[0]).toBeLessThan(1);
		}
		const back = fromUnconstrained(toUnconstrained(params(0.3, [0.1, 0.05], [0.8], 0.2)), { p: 2, q: 1 });
		expect(back.omega).toBeCloseTo(0.3, 14);
		expect(back.mu).toBe(0.2);
		expect([...back.alpha, ...back.beta].map((v) => +v.toFixed(12))).toEqual([0.1, 0.05, 0.8]);
	});

	it('forecasts h steps by the closed-form recursion toward the unconditional variance, in raw units', () => {
		const fit = { ...params(0.1, [0.1], [0.8]), backcast: 1 };
		const series = Float64Array.of(0.01, -0.02, 0.03);
		const out = garchForecast(fit, series, 2, 50);
		const e = Float64Array.from(series, (r) => r * 100);
		const next = garchVariances(e, fit, 1)[3];
		const longRun = unconditionalVariance(fit);
		expect(longRun).toBeCloseTo(1, 14);
		for (const k of [0, 1, 5, 49]) {
			expect(out[k] * 1e4).toBeCloseTo(longRun + 0.9 ** k * (next - longRun), 12);
		}
	});
});

describe('garch against the SciPy maximum-likelihood reference on real S&P 500 returns', () => {
	it('reads the window the fixture was made from', () => {
		expect(sp500Bars().close[start]).toBe(fixture.first_close);
	});

	it.each(fixture.configs.map((c) => [`GARCH(${c.p}, ${c.q})`, c] as const))(
		'%s: parameters within 1e-3, log-likelihood within 0.1 %, forecasts within 0.1 %',
		(_, ref) => {
			const fit = fitGarch(returns.slice(start, start + length), { p: ref.p, q: ref.q });
			expect(fit.converged).toBe(true);
			expect(fit.backcast).toBeCloseTo(ref.backcast, 10);
			expect(Math.abs(fit.mu - ref.mu)).toBeLessThan(1e-3);
			expect(Math.abs(fit.omega - ref.omega)).toBeLessThan(1e-3);
			fit.alpha.forEach((a, i) => expect(Math.abs(a - ref.alpha[i])).toBeLessThan(1e-3));
			fit.beta.forEach((b, j) => expect(Math.abs(b - ref.beta[j])).toBeLessThan(1e-3));
			// Both are maxima of the same likelihood: ours may not be lower than SciPy's by more than rounding.
			expect(Math.abs(fit.logLikelihood / ref.log_likelihood - 1)).toBeLessThan(1e-3);
			expect(fit.logLikelihood).toBeGreaterThan(ref.log_likelihood - 1e-6);
			const forecasts = garchForecast(fit, returns.slice(start, start + length + extra), length, horizon);
			expect(forecasts.length).toBe(ref.forecasts.length);
			forecasts.forEach((v, i) => expect(Math.abs(v / ref.forecasts[i] - 1)).toBeLessThan(1e-3));
		}
	);
});

describe('garch refuses bad input and stays causal', () => {
	const train = returns.slice(start, start + 300);

	it('names the field of a bad input', () => {
		expect(() => fitGarch(train.slice(0, 10), { p: 1, q: 1 })).toThrow(/garch returns: 10 values/);
		const bad = Float64Array.from(train);
		bad[7] = Number.NaN;
		expect(() => fitGarch(bad, { p: 1, q: 1 })).toThrow(/garch returns: value 7 is NaN/);
		expect(() => fitGarch(new Float64Array(100).fill(0.01), { p: 1, q: 1 })).toThrow(/constant/);
		expect(() => fitGarch(train, { p: 0, q: 1 })).toThrow(/garch p/);
		expect(() => fitGarch(train, { p: 1, q: 1.5 })).toThrow(/garch q/);
		const fit = fitGarch(train, { p: 1, q: 1 });
		expect(() => garchForecast(fit, train, 301, 5)).toThrow(/garch forecast from/);
		expect(() => garchForecast(fit, train, 0, 0)).toThrow(/garch forecast horizon/);
	});

	it('forecasts from each origin with returns up to it only', () => {
		const fit = fitGarch(train, { p: 2, q: 1 });
		const series = returns.slice(start, start + 400);
		const changed = Float64Array.from(series);
		for (let t = 350; t < changed.length; t++) changed[t] *= -3;
		const a = garchForecast(fit, series, 300, 5);
		const b = garchForecast(fit, changed, 300, 5);
		// Origins 300 … 349 see only unchanged returns; origin 350 sees the first changed one.
		expect([...b.subarray(0, 50 * 5)]).toEqual([...a.subarray(0, 50 * 5)]);
		expect(b[50 * 5]).not.toBe(a[50 * 5]);
	});

	it('stops when cancelled, with a coded error', () => {
		expect(() => fitGarch(train, { p: 1, q: 1 }, { isCancelled: () => true })).toThrow(FitCancelledError);
	});
});
