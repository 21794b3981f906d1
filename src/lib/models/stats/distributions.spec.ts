import { describe, expect, it } from 'vitest';
import {
	chiSquaredCdf,
	chiSquaredSf,
	fCdf,
	fSf,
	incompleteBeta,
	incompleteGamma,
	logGamma,
	normalCdf,
	tCdf,
	tTwoSidedP
} from './distributions';
import fixture from './stats.fixture.json';

/** Reference: scipy 1.10 (scipy.special.gammaln, scipy.stats norm / chi2 / t / f), bench/make-stats-fixture.py. */
const REL = 1e-10;

function expectClose(actual: number, expected: number, rel = REL, label = ''): void {
	const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
	expect(Math.abs(actual - expected) / scale, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}

describe('distribution functions', () => {
	it('log-gamma matches scipy.special.gammaln within 1e-10 relative (absolute near its zeros)', () => {
		for (const [x, expected] of fixture.distributions.gammaln) {
			const err = Math.abs(logGamma(x) - expected);
			expect(err, `x=${x}`).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(expected)));
		}
	});

	it('the normal cdf matches scipy.stats.norm.cdf within 1e-10 relative, deep tails included', () => {
		for (const [z, expected] of fixture.distributions.norm_cdf)
			expectClose(normalCdf(z), expected, REL, `z=${z}`);
	});

	it('χ² tails and cdf match scipy.stats.chi2 within 1e-10 relative', () => {
		for (const [x, df, sf, cdf] of fixture.distributions.chi2) {
			expectClose(chiSquaredSf(x, df), sf, REL, `sf x=${x} df=${df}`);
			expectClose(chiSquaredCdf(x, df), cdf, REL, `cdf x=${x} df=${df}`);
		}
	});

	it('the Student t cdf matches scipy.stats.t.cdf within 1e-10 relative', () => {
		for (const [t, df, cdf] of fixture.distributions.t_cdf)
			expectClose(tCdf(t, df), cdf, REL, `t=${t} df=${df}`);
	});

	it('F tails and cdf match scipy.stats.f within 1e-10 relative', () => {
		for (const [f, d1, d2, sf, cdf] of fixture.distributions.f) {
			expectClose(fSf(f, d1, d2), sf, REL, `sf f=${f} (${d1}, ${d2})`);
			expectClose(fCdf(f, d1, d2), cdf, REL, `cdf f=${f} (${d1}, ${d2})`);
		}
	});

	it('the two-sided t p-value is twice the lower tail at −|t|', () => {
		for (const [t, df] of [
			[2.1, 7],
			[-0.4, 118],
			[9, 3]
		])
			expectClose(tTwoSidedP(t, df), 2 * tCdf(-Math.abs(t), df), 1e-12, `t=${t}`);
	});

	it('known closed forms hold: P(1, x) = 1 − e^{−x}, I_x(1, 1) = x, I_x(a, 1) = x^a', () => {
		expectClose(incompleteGamma(1, 0.7).p, 1 - Math.exp(-0.7), 1e-14, 'P(1, 0.7)');
		expectClose(incompleteGamma(1, 30).q, Math.exp(-30), 1e-13, 'Q(1, 30)');
		expectClose(incompleteBeta(1, 1, 0.3).p, 0.3, 1e-14, 'I(1,1)');
		expectClose(incompleteBeta(2.5, 1, 0.6).p, 0.6 ** 2.5, 1e-13, 'I(2.5,1)');
	});

	it('rejects non-positive degrees of freedom with a RangeError', () => {
		expect(() => chiSquaredSf(1, 0)).toThrow(RangeError);
		expect(() => fSf(1, 2, -1)).toThrow(RangeError);
		expect(() => tCdf(1, 0)).toThrow(RangeError);
	});
});
