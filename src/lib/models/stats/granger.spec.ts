import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { alignedMonthly } from '../../testing/stocks';
import { grangerTests, GrangerInputError } from './granger';
import { logReturns } from './series-input';
import fixture from './stats.fixture.json';

/**
 * Reference: statsmodels 0.13.5 grangercausalitytests(np.column_stack([subject, cause]), maxlag) — ssr_ftest,
 * ssr_chi2test, lrtest — on real data (bench/make-stats-fixture.py): monthly AAPL log returns (subject) vs S&P 500
 * log returns, lags 1–6; and the daily S&P 500 log return (subject) vs the daily log change of S&P 500 volume (the
 * two daily series the bundled file has), lags 1–5. Tolerances: statistics 1e-8 relative, p-values 1e-9 absolute.
 */
const STAT_REL = 1e-8;
const P_ABS = 1e-9;

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

function check(
	subject: Float64Array,
	cause: Float64Array,
	expected: (typeof fixture.granger)['monthly_aapl_sp500']
) {
	const got = grangerTests(subject, cause, expected.length);
	expected.forEach((e, i) => {
		const g = got[i];
		expect(g.lag).toBe(e.lag);
		expect(g.dfDenom).toBe(e.df_denom);
		expect(g.dfNum).toBe(e.df_num);
		expect(relErr(g.f, e.f), `F lag ${e.lag}`).toBeLessThanOrEqual(STAT_REL);
		expect(relErr(g.chi2, e.chi2), `χ² lag ${e.lag}`).toBeLessThanOrEqual(STAT_REL);
		expect(relErr(g.lr, e.lr), `LR lag ${e.lag}`).toBeLessThanOrEqual(1e-6);
		expect(Math.abs(g.fP - e.f_p), `F p lag ${e.lag}`).toBeLessThanOrEqual(P_ABS);
		expect(Math.abs(g.chi2P - e.chi2_p), `χ² p lag ${e.lag}`).toBeLessThanOrEqual(P_ABS);
		expect(Math.abs(g.lrP - e.lr_p), `LR p lag ${e.lag}`).toBeLessThanOrEqual(1e-7);
	});
}

describe('Granger causality tests', () => {
	it('match statsmodels on monthly AAPL returns with S&P 500 returns as the candidate cause, lags 1–6', () => {
		const [aapl, sp] = alignedMonthly(['AAPL', 'SP500']).map((b) => logReturns(b.close));
		check(aapl, sp, fixture.granger.monthly_aapl_sp500);
	});

	it('match statsmodels on daily S&P 500 returns with volume changes as the candidate cause, lags 1–5', () => {
		const bars = sp500Bars();
		check(logReturns(bars.close), logReturns(bars.volume), fixture.granger.daily_sp500_return_volume_change);
	});

	it('detect a cause that drives the subject with a one-step delay and not the reverse (seed 11)', () => {
		const rng = createRng(11);
		const n = 400;
		const x = Float64Array.from({ length: n }, () => rng.normal());
		const y = new Float64Array(n);
		for (let t = 1; t < n; t++) y[t] = 0.6 * x[t - 1] + 0.5 * rng.normal();
		expect(grangerTests(y, x, 2)[0].fP).toBeLessThan(1e-10);
		expect(grangerTests(x, y, 2)[0].fP).toBeGreaterThan(0.01);
	});

	it('refuses too few rows and a constant candidate cause', () => {
		const y = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i));
		expect(() => grangerTests(y, Float64Array.from(y, Math.cos), 4)).toThrow(GrangerInputError);
		expect(() => grangerTests(y, new Float64Array(12).fill(2), 1)).toThrow(GrangerInputError);
	});
});
