/**
 * (S)ARIMA by exact maximum likelihood against statsmodels 0.13.5 on the real S&P 500 log closes of the fixture
 * window (bench/make-timeseries-fixture.ts), plus hand-computable forecasts, bad inputs and causality.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { FitCancelledError } from '../types';
import { filterArma, logLikelihood } from './arma-filter';
import { difference, differencingOperator, expandAr, expandMa } from './arma-params';
import { implementation as arima } from './arima.model';
import { implementation as sarima } from './sarima.model';
import { FIXTURE_WINDOW, fixtureLogCloses } from '../../testing/timeseries-window';
import { fitSarima, forecastSarima, sarimaOrder, startingValues } from './sarima';
import fixture from './timeseries.fixture.json';

interface Case {
	kind: string;
	order: number[];
	seasonal_order: number[];
	param_names: string[];
	params: number[];
	start_params: number[];
	llf: number;
	nobs_effective: number;
	probe_params: number[];
	probe_llf: number;
	tight_params: number[];
	tight_llf: number;
	forecasts: Record<string, number[]>;
}

const cases = Object.entries(fixture.arima as Record<string, Case>);
const series = fixtureLogCloses();
const train = series.slice(0, FIXTURE_WINDOW.train);
const H = FIXTURE_WINDOW.horizon;
const origins = FIXTURE_WINDOW.origins;

/** Our log-likelihood at statsmodels' parameter vector (names as statsmodels orders them, σ² last). */
function logLikelihoodAt(c: Case, params: number[]): number {
	const [p, d, q] = c.order;
	const [P, D, Q, s] = c.seasonal_order;
	let i = 0;
	const mean = c.param_names[0] === 'const' ? params[i++] : 0;
	const take = (n: number) => params.slice(i, (i += n));
	const [ar, ma, sar, sma] = [take(p), take(q), take(P), take(Q)];
	const w = difference(train, differencingOperator(d, D, s));
	const sums = filterArma(w, mean, { phi: expandAr(ar, sar, s), theta: expandMa(ma, sma, s) })!;
	return logLikelihood(sums, params[i]);
}

describe.each(cases)('(S)ARIMA against statsmodels, %s', (_, c) => {
	const params = { order: c.order, seasonal_order: c.seasonal_order };
	const fit = fitSarima(train, params, c.kind === 'arima' ? 'auto' : 'none');
	const ours = [
		...(fit.mean === null ? [] : [fit.mean]),
		...fit.ar,
		...fit.ma,
		...fit.seasonalAr,
		...fit.seasonalMa
	];

	it('computes statsmodels’ log-likelihood at its parameters and at a probe point (within 1e-6 relative)', () => {
		// statsmodels starts the differenced states approximately diffuse (variance 1e6): that is the difference.
		expect(Math.abs(logLikelihoodAt(c, c.params) - c.llf)).toBeLessThan(1e-6 * Math.abs(c.llf));
		expect(Math.abs(logLikelihoodAt(c, c.probe_params) - c.probe_llf)).toBeLessThan(
			1e-6 * Math.abs(c.probe_llf)
		);
		expect(fit.nobs).toBe(c.nobs_effective);
	});

	it('starts the search where statsmodels starts it (within 1e-9)', () => {
		const order = sarimaOrder(params);
		const w = difference(train, differencingOperator(order.d, order.D, order.s));
		const start = startingValues(w, order, fit.mean !== null);
		const flat = [
			...(fit.mean === null ? [] : [start.mean]),
			...start.ar,
			...start.ma,
			...start.seasonalAr,
			...start.seasonalMa
		];
		flat.forEach((v, i) => expect(Math.abs(v - c.start_params[i]), c.param_names[i]).toBeLessThan(1e-9));
	});

	it('reaches statsmodels’ converged maximum: parameters within 1e-3, log-likelihood within 0.1 % and never below its default fit', () => {
		ours.forEach((v, i) => expect(Math.abs(v - c.tight_params[i]), c.param_names[i]).toBeLessThan(1e-3));
		expect(Math.abs(fit.sigma2 / c.tight_params.at(-1)! - 1)).toBeLessThan(1e-3);
		expect(Math.abs(fit.logLikelihood - c.tight_llf)).toBeLessThan(1e-3 * Math.abs(c.tight_llf));
		// statsmodels' default L-BFGS stops early on these returns; our search goes on to at least its likelihood.
		expect(fit.logLikelihood).toBeGreaterThanOrEqual(c.llf - 1e-6);
		expect(fit.converged).toBe(true);
	});

	it('forecasts the log close h days ahead from every origin as statsmodels does (within 1e-5)', () => {
		const out = fit.forecast(series, origins[0], H);
		expect(out.length).toBe((series.length - origins[0]) * H);
		for (const t of origins) {
			const ref = c.forecasts[String(t)];
			for (let k = 0; k < H; k++)
				expect(Math.abs(out[(t - origins[0]) * H + k] - ref[k]), `origin ${t} step ${k + 1}`).toBeLessThan(
					1e-5
				);
		}
	});
});

describe('(S)ARIMA forecasts by hand', () => {
	it('ARIMA(1, 1, 0) without a mean extrapolates the last change, shrinking by φ each step', () => {
		const y = Float64Array.from([1, 1.5, 1.7, 2.2]);
		const out = forecastSarima(y, 3, 3, differencingOperator(1, 0, 0), 0, { phi: [0.5], theta: [] });
		// Δ₃ = 0.5: the next changes are 0.25, 0.125, 0.0625.
		expect([...out].map((v) => +v.toFixed(12))).toEqual([2.45, 2.575, 2.6375]);
	});

	it('ARMA(1, 0) with a mean decays towards the mean: μ + φᵏ(yₜ − μ)', () => {
		const y = Float64Array.from([3, 2, 4]);
		const out = forecastSarima(y, 2, 2, new Float64Array(0), 1, { phi: [0.5], theta: [] });
		expect([...out]).toEqual([1 + 0.5 * 3, 1 + 0.25 * 3]);
	});

	it('forecasts from the origin before the first differenced value with the stationary mean', () => {
		const y = Float64Array.from([5, 6]);
		const out = forecastSarima(y, 0, 2, differencingOperator(1, 0, 0), 0.1, { phi: [], theta: [] });
		expect([...out.subarray(0, 2)].map((v) => +v.toFixed(12))).toEqual([5.1, 5.2]);
	});
});

describe('(S)ARIMA causality', () => {
	it('forecasts from origin t use values up to t only: changing later values changes no earlier forecast', () => {
		const fit = fitSarima(train, { order: [1, 1, 1], seasonal_order: [1, 0, 1, 5] }, 'auto');
		const rng = createRng(7);
		const cut = 1270;
		const changed = Float64Array.from(series, (v, i) => (i > cut ? v + rng.next() - 0.5 : v));
		const a = fit.forecast(series, 1200, H);
		const b = fit.forecast(changed, 1200, H);
		const upTo = (cut - 1200 + 1) * H;
		expect([...b.subarray(0, upTo)]).toEqual([...a.subarray(0, upTo)]);
		expect(b[upTo]).not.toBe(a[upTo]);
	});
});

describe('(S)ARIMA bad inputs', () => {
	const base = { order: [1, 1, 1], seasonal_order: [0, 0, 0, 0] };
	it('refuses a malformed order or seasonal order, naming the field', () => {
		expect(() => sarimaOrder({ ...base, order: [1, 1] })).toThrow(/order must be three/);
		expect(() => sarimaOrder({ ...base, order: [1, -1, 0] })).toThrow(
			/order must be three non-negative integers/
		);
		expect(() => sarimaOrder({ ...base, seasonal_order: [1, 0, 0] })).toThrow(/seasonal_order must be four/);
		expect(() => sarimaOrder({ ...base, seasonal_order: [1, 0, 0, 1] })).toThrow(
			/seasonal_order: .* season length s ≥ 2/
		);
		expect(() => sarimaOrder({ order: [5, 0, 0], seasonal_order: [1, 0, 0, 5] })).toThrow(/order: AR lag 5/);
		expect(() => sarimaOrder({ order: [0, 0, 2], seasonal_order: [0, 0, 1, 2] })).toThrow(/order: MA lag 2/);
		expect(sarimaOrder({ ...base, seasonal_order: [0, 0, 0, 12] }).s).toBe(0);
		expect(() => sarimaOrder({ ...base, seasonal_order: [3, 0, 0, 52] })).toThrow(
			/seasonal_order: .* state of dimension 157; at most 150/
		);
	});

	it('refuses a non-finite or too-short training series', () => {
		const bad = train.slice(0, 100);
		bad[10] = Number.NaN;
		expect(() => fitSarima(bad, base, 'auto')).toThrow(/train\[10\] is NaN/);
		expect(() => fitSarima(train.slice(0, 4), base, 'auto')).toThrow(/train has 4 values/);
	});

	it('refuses forecasts from before the differencing can start, a bad horizon or a non-finite series', () => {
		const fit = fitSarima(train.slice(0, 300), { order: [0, 1, 1], seasonal_order: [0, 1, 0, 5] }, 'auto');
		expect(() => fit.forecast(series, 4, 5)).toThrow(/from must be an integer in \[5,/);
		expect(() => fit.forecast(series, 10, 0)).toThrow(/horizon must be an integer ≥ 1/);
		const holed = series.slice(0, 50);
		holed[20] = Number.POSITIVE_INFINITY;
		expect(() => fit.forecast(holed, 10, 2)).toThrow(/series\[20\] is Infinity/);
	});

	it('stops when cancelled, with a coded error', () => {
		expect(() => fitSarima(train, base, 'auto', { isCancelled: () => true })).toThrow(FitCancelledError);
	});
});

describe('the arima entry', () => {
	it('adds a constant only when nothing is differenced, as statsmodels’ ARIMA does, and records the fit', async () => {
		const ctx = { rng: createRng(1) };
		const level = await arima.fitSeries(
			train.slice(0, 400),
			{ order: [1, 0, 0], seasonal_order: [0, 0, 0, 0] },
			ctx
		);
		expect(level.info?.trend).toBe('c');
		expect(typeof level.info?.const).toBe('number');
		const diffed = await arima.fitSeries(train.slice(0, 400), {}, ctx);
		expect(diffed.info?.trend).toBe('n');
		expect(diffed.info?.const).toBeUndefined();
		expect(diffed.info?.order).toBe('(1, 1, 1)');
		expect(Object.keys(diffed.info ?? {})).toEqual(
			expect.arrayContaining(['ar.L1', 'ma.L1', 'sigma2', 'logLikelihood'])
		);
	});
});

describe('the sarima entry', () => {
	it('adds no trend, as statsmodels’ SARIMAX does, and fits its default seasonal model', async () => {
		const ctx = { rng: createRng(1) };
		const level = await sarima.fitSeries(
			train.slice(0, 400),
			{ order: [1, 0, 0], seasonal_order: [1, 0, 0, 5] },
			ctx
		);
		expect(level.info?.trend).toBe('n');
		expect(level.info?.const).toBeUndefined();
		const seasonal = await sarima.fitSeries(train.slice(0, 400), {}, ctx);
		expect(seasonal.info?.seasonalOrder).toBe('(1, 1, 1, 12)');
		expect(Object.keys(seasonal.info ?? {})).toEqual(expect.arrayContaining(['ar.S.L12', 'ma.S.L12']));
	});
});
