import { describe, expect, it } from 'vitest';
import { normCdf } from '../../../models/finance/math';
import { createRng } from '../../../domain/random';
import { CDF_MEMO_MAX, cdfMemoSize, logNormalMass, memoNormCdf, numericParzen } from './parzen';

describe('Φ remembered by its argument', () => {
	it('returns bitwise what normCdf returns, first asked and asked again, in the series and in both tails', () => {
		const rng = createRng(11);
		const xs = [
			0,
			-0,
			1e-300,
			2.9999,
			3,
			3.0001,
			-7.5,
			12,
			-40,
			40,
			...Array.from({ length: 200 }, () => 8 * rng.normal())
		];
		for (const x of xs) {
			const want = normCdf(x);
			expect(Object.is(memoNormCdf(x), want)).toBe(true);
			expect(Object.is(memoNormCdf(x), want)).toBe(true);
		}
		expect(Number.isNaN(memoNormCdf(Number.NaN))).toBe(true);
	});

	it('gives estimators bitwise equal to those built from normCdf directly', () => {
		const rng = createRng(12);
		const mus = Array.from({ length: 60 }, () => rng.next());
		const weights = mus.map(() => 0.1 + rng.next());
		const p = numericParzen(mus, weights);
		p.mus.forEach((mu, k) => {
			const a = -mu / p.sigmas[k];
			const b = (1 - mu) / p.sigmas[k];
			const direct = Math.log(1 - normCdf(a) - normCdf(-b));
			expect(Object.is(p.logMass[k], direct)).toBe(true);
			expect(Object.is(logNormalMass(a, b), direct)).toBe(true);
		});
	});

	it('stays bounded: it empties itself once it holds CDF_MEMO_MAX arguments', () => {
		for (let i = 0; i < CDF_MEMO_MAX + 10; i++) memoNormCdf(1 + i * 1e-9);
		expect(cdfMemoSize()).toBeLessThanOrEqual(CDF_MEMO_MAX);
		expect(cdfMemoSize()).toBeGreaterThan(0);
	});
});
