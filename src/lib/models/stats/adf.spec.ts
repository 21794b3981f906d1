import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { alignedMonthly } from '../../testing/stocks';
import { adfMaxLag, adfuller, type AdfAutolag } from './adf';
import { kpss, type KpssRegression } from './kpss';
import { mackinnonCritical, mackinnonP, type AdfRegression } from './mackinnon';
import { transformSeries } from './series-input';
import fixture from './stats.fixture.json';

/**
 * Reference: statsmodels 0.13.5 adfuller(x, regression, autolag) with the default maxlag, and kpss(x, regression,
 * nlags='auto'), on the real bundled S&P 500 daily log close and log return and on monthly AAPL / S&P 500
 * (bench/make-stats-fixture.py). Tolerances: statistics and critical values 1e-6 relative, p-values 1e-4 absolute;
 * lags exactly.
 */
const STAT_REL = 1e-6;
const P_ABS = 1e-4;

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

function series(name: string): Float64Array {
	const daily = sp500Bars().close;
	const [aapl, sp] = alignedMonthly(['AAPL', 'SP500']);
	switch (name) {
		case 'sp500_log_close':
			return transformSeries(daily, 'log_level');
		case 'sp500_log_return':
			return transformSeries(daily, 'log_return');
		case 'aapl_monthly_log_close':
			return transformSeries(aapl.close, 'log_level');
		case 'aapl_monthly_log_return':
			return transformSeries(aapl.close, 'log_return');
		case 'sp500_monthly_log_close':
			return transformSeries(sp.close, 'log_level');
	}
	throw new Error(`unknown fixture series ${name}`);
}

describe('augmented Dickey–Fuller', () => {
	it.each(
		fixture.adf.map((c) => [`${c.series}, regression ${c.regression}, autolag ${c.autolag}`, c] as const)
	)('matches statsmodels adfuller on the S&P 500 %s', (_name, c) => {
		const r = adfuller(series(c.series), c.regression as AdfRegression, c.autolag as AdfAutolag);
		expect(r.usedLag).toBe(c.usedlag);
		expect(r.nobs).toBe(c.nobs);
		expect(relErr(r.stat, c.stat)).toBeLessThanOrEqual(STAT_REL);
		expect(Math.abs(r.pvalue - c.pvalue)).toBeLessThanOrEqual(P_ABS);
		r.critical.forEach((v, i) => expect(relErr(v, c.crit[i])).toBeLessThanOrEqual(STAT_REL));
		if (c.icbest === null) expect(r.icBest).toBeNaN();
		else expect(relErr(r.icBest, c.icbest)).toBeLessThanOrEqual(STAT_REL);
	});

	it('uses Schwert’s maximum lag, capped by half the sample', () => {
		expect(adfMaxLag(5104, 'c')).toBe(33);
		expect(adfMaxLag(20, 'ct')).toBe(7);
		expect(adfMaxLag(3, 'c')).toBeLessThan(0);
	});

	it('gives MacKinnon’s asymptotic critical values for an infinite sample and p = Φ(γ₀ + γ₁τ + γ₂τ²) left of τ*', () => {
		// MacKinnon (2010) Table 2, N = 1, constant: −3.43035, −2.86154, −2.56677.
		expect(mackinnonCritical('c', Infinity)).toEqual([-3.43035, -2.86154, -2.56677]);
		// Hand check at τ = −3: small-p polynomial 2.1659 + 1.4412·(−3) + 0.038269·9 = −1.813279 → Φ = 0.0348944…
		expect(mackinnonP(-3, 'c')).toBeCloseTo(0.0348944, 6);
		expect(mackinnonP(-30, 'c')).toBe(0);
		expect(mackinnonP(3, 'c')).toBe(1);
	});
});

describe('KPSS', () => {
	it.each(fixture.kpss.map((c) => [`${c.series}, regression ${c.regression}`, c] as const))(
		'matches statsmodels kpss (nlags auto) on %s, boundary warning included',
		(_name, c) => {
			const r = kpss(series(c.series), c.regression as KpssRegression);
			expect(r.lags).toBe(c.lags);
			expect(relErr(r.stat, c.stat)).toBeLessThanOrEqual(STAT_REL);
			expect(Math.abs(r.pvalue - c.pvalue)).toBeLessThanOrEqual(P_ABS);
			expect(r.boundary !== null).toBe(c.boundary_warning);
		}
	);

	it('reports the p-value beyond the table as a bound in the right direction', () => {
		const closes = series('sp500_log_close');
		expect(kpss(closes, 'c').boundary).toBe('smaller');
		expect(kpss(series('sp500_log_return'), 'c').boundary).toBe('greater');
	});
});
