import { describe, expect, it } from 'vitest';
import { alignedMonthly } from '../../testing/stocks';
import { logReturns } from './series-input';
import { ols, SingularDesignError } from './ols';
import fixture from './stats.fixture.json';

/** Reference: statsmodels 0.13.5 OLS(y, X).fit() on monthly MSFT ~ const + AMZN + IBM + AAPL log returns. */
const REL = 1e-9;

function expectClose(actual: number, expected: number, rel: number, label: string): void {
	expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300), label).toBeLessThanOrEqual(rel);
}

describe('ols', () => {
	it('matches statsmodels OLS on real monthly returns: params, standard errors, t, p, SSR, llf, AIC, BIC', () => {
		const [msft, amzn, ibm, aapl] = alignedMonthly(['MSFT', 'AMZN', 'IBM', 'AAPL']).map((b) =>
			logReturns(b.close)
		);
		const fit = ols(msft, [new Float64Array(msft.length).fill(1), amzn, ibm, aapl]);
		const ref = fixture.ols;
		ref.params.forEach((v, i) => expectClose(fit.params[i], v, REL, `param ${i}`));
		ref.bse.forEach((v, i) => expectClose(fit.bse[i], v, REL, `bse ${i}`));
		ref.tvalues.forEach((v, i) => expectClose(fit.tvalues[i], v, REL, `t ${i}`));
		ref.pvalues.forEach((v, i) => expectClose(fit.pvalues[i], v, 1e-8, `p ${i}`));
		expectClose(fit.ssr, ref.ssr, REL, 'ssr');
		expectClose(fit.llf, ref.llf, REL, 'llf');
		expectClose(fit.aic, ref.aic, REL, 'aic');
		expectClose(fit.bic, ref.bic, REL, 'bic');
		expect(fit.dfResid).toBe(ref.df_resid);
	});

	it('recovers an exact linear relation with zero residuals up to rounding', () => {
		const x = Float64Array.from({ length: 20 }, (_, i) => i * 0.5);
		const y = Float64Array.from(x, (v) => 3 - 2 * v + (v % 1.5) * 1e-3);
		const fit = ols(y, [new Float64Array(20).fill(1), x]);
		expect(fit.params[1]).toBeCloseTo(-2, 2);
	});

	it('refuses a rank-deficient design and one with no residual degrees of freedom', () => {
		const x = Float64Array.from([1, 2, 3, 4, 5]);
		const one = new Float64Array(5).fill(1);
		expect(() => ols(x, [one, x, Float64Array.from(x, (v) => 2 * v)])).toThrow(SingularDesignError);
		expect(() => ols(x.slice(0, 2), [one.slice(0, 2), x.slice(0, 2)])).toThrow(SingularDesignError);
	});
});
