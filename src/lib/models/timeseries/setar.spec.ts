/**
 * SETAR(2; 1, 1) against the NumPy least-squares implementation in bench/make-timeseries-fixture.py on the real S&P 500
 * daily log returns of the fixture window, plus hand cases, bad inputs and causality.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { FIXTURE_WINDOW, fixtureLogReturns } from '../../testing/timeseries-window';
import { implementation } from './threshold-autoregressive.model';
import { fitSetar, forecastSetar } from './setar';
import fixture from './timeseries.fixture.json';

interface Case {
	threshold: number;
	delay: number;
	coefficients: number[][];
	counts: number[];
	pooled: number[];
	forecasts: Record<string, number[]>;
}

const returns = fixtureLogReturns();
const train = returns.slice(0, FIXTURE_WINDOW.train);
const H = FIXTURE_WINDOW.horizon;
const origins = FIXTURE_WINDOW.origins;

describe.each(Object.entries(fixture.setar as Record<string, Case>))('SETAR against NumPy, %s', (_, c) => {
	const fit = fitSetar(train, { threshold: c.threshold, delay: c.delay });

	it('fits each regime’s intercept and AR(1) coefficient as np.linalg.lstsq does (within 1e-9)', () => {
		expect([...fit.counts]).toEqual(c.counts);
		fit.coefficients.forEach((coef, regime) =>
			coef.forEach((v, i) => expect(Math.abs(v - c.coefficients[regime][i])).toBeLessThan(1e-9))
		);
	});

	it('forecasts the skeleton from every origin as NumPy does (within 1e-12)', () => {
		const out = fit.forecast(returns, origins[0], H);
		for (const t of origins)
			for (let k = 0; k < H; k++)
				expect(Math.abs(out[(t - origins[0]) * H + k] - c.forecasts[String(t)][k])).toBeLessThan(1e-12);
	});
});

describe('SETAR by hand', () => {
	it('iterates the fitted map from the origin, the regime read from the value one step back', () => {
		const fit = fitSetar(train, { threshold: 0, delay: 1 });
		const [lo, hi] = fit.coefficients;
		const step = (r: number) => (r <= 0 ? lo[0] + lo[1] * r : hi[0] + hi[1] * r);
		const t = 700;
		const out = fit.forecast(train, t, 3);
		const one = step(train[t]);
		const two = step(one);
		expect([...out.subarray(0, 3)]).toEqual([one, two, step(two)]);
	});

	it('fits regimes by least squares: one regime, three points on a line', () => {
		// Lagged values 1, 2, 3 all above the threshold −10 → upper regime r = 1 + 2 r₋₁ exactly; lower takes the pooled fit.
		const fit = fitSetar(Float64Array.from([1, 3, 7, 15]), { threshold: -10, delay: 1 });
		expect([...fit.counts]).toEqual([0, 3]);
		expect([...fit.pooled]).toEqual([true, false]);
		expect(fit.coefficients[1][0]).toBeCloseTo(1, 12);
		expect(fit.coefficients[1][1]).toBeCloseTo(2, 12);
		expect([...fit.coefficients[0]]).toEqual([...fit.coefficients[1]]);
	});

	it('chooses the regime of a multi-step forecast from forecast values once the delay runs past the origin', () => {
		const coefficients = [Float64Array.from([1, 0]), Float64Array.from([-1, 0])] as const;
		// Regime from r[t + 1 − 2]: step 1 reads the known r[t − 1] = −5 (lower → 1), step 2 the known r[t] = 5
		// (upper → −1), step 3 the forecast 1 (upper → −1), step 4 the forecast −1 (lower → 1).
		const out = forecastSetar({ threshold: 0, delay: 2, coefficients }, Float64Array.from([-5, 5]), 1, 4);
		expect([...out]).toEqual([1, -1, -1, 1]);
	});
});

describe('SETAR causality and bad inputs', () => {
	it('forecasts from origin t use returns up to t only', () => {
		const fit = fitSetar(train, { threshold: 0, delay: 3 });
		const rng = createRng(11);
		const cut = 1270;
		const changed = Float64Array.from(returns, (v, i) => (i > cut ? rng.next() - 0.5 : v));
		const a = fit.forecast(returns, 1200, H);
		const b = fit.forecast(changed, 1200, H);
		const upTo = (cut - 1200 + 1) * H;
		expect([...b.subarray(0, upTo)]).toEqual([...a.subarray(0, upTo)]);
		expect(b[upTo]).not.toBe(a[upTo]);
	});

	it('refuses bad parameters, a short or non-finite series and bad forecast arguments, naming the field', () => {
		expect(() => fitSetar(train, { threshold: Number.NaN, delay: 1 })).toThrow(/threshold must be a finite/);
		expect(() => fitSetar(train, { threshold: 0, delay: 0 })).toThrow(/delay must be an integer ≥ 1/);
		expect(() => fitSetar(train, { threshold: 0, delay: 1.5 })).toThrow(/delay must be an integer ≥ 1/);
		expect(() => fitSetar(train.slice(0, 4), { threshold: 0, delay: 2 })).toThrow(/train has 4 values/);
		const holed = train.slice(0, 50);
		holed[7] = Number.NaN;
		expect(() => fitSetar(holed, { threshold: 0, delay: 1 })).toThrow(/train\[7\] is NaN/);
		expect(() => fitSetar(new Float64Array(10).fill(0.01), { threshold: 0, delay: 1 })).toThrow(
			/train: the lagged returns are all equal/
		);
		const fit = fitSetar(train, { threshold: 0, delay: 3 });
		expect(() => fit.forecast(returns, 1, 5)).toThrow(/from must be an integer in \[2,/);
		expect(() => fit.forecast(returns, 10, 0)).toThrow(/horizon must be an integer ≥ 1/);
	});
});

describe('the threshold_autoregressive entry', () => {
	it('records both regimes, says the threshold is not searched and the forecast is the skeleton', async () => {
		const fitted = await implementation.fitSeries(train, {}, { rng: createRng(1) });
		const ref = (fixture.setar as Record<string, Case>).thr0_d1;
		expect(fitted.info?.['lower.ar.L1']).toBeCloseTo(ref.coefficients[0][1], 9);
		expect(fitted.info?.['upper.const']).toBeCloseTo(ref.coefficients[1][0], 9);
		expect(fitted.info?.thresholdSearch).toMatch(/none/);
		expect(fitted.info?.forecast).toMatch(/skeleton/);
		expect(fitted.info?.pooledRegimes).toBe('none');
	});
});
