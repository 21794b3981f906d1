import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { logReturns } from '../run-fold';
import { ewmaInitialVariance, ewmaModel, ewmaVariances } from './ewma';
import fixture from './risk.fixture.json';

const f = (v: number[]) => Float64Array.from(v);

describe('RiskMetrics EWMA variance', () => {
	it('follows the hand-computed recursion σ²ₜ₊₁ = λσ²ₜ + (1 − λ)r²ₜ', () => {
		// λ = 0.9, σ²₀ = 1e-4: 0.9e-4 + 0.1·4e-4 = 1.3e-4; 0.9·1.3e-4 + 0.1·1e-4 = 1.27e-4.
		const v = ewmaVariances(f([0.02, -0.01]), 0.9, 1e-4);
		expect(v[1]).toBeCloseTo(1.3e-4, 18);
		expect(v[2]).toBeCloseTo(1.27e-4, 18);
	});

	it.each(['0.94', '0.97'])(
		'equals pandas ewm(alpha = 1 − λ, adjust=False) of squared real S&P 500 log returns at λ = %s (1e-12 relative)',
		(lambda) => {
			const r = logReturns(sp500Bars().close).slice(1, 1 + fixture.ewma.rows);
			// pandas starts from y₀ = r₀², i.e. our σ²₁ when σ²₀ = r₀² (σ²₁ = λr₀² + (1 − λ)r₀²).
			const ours = ewmaVariances(r, Number(lambda), r[0] * r[0]);
			const ref = fixture.ewma.variance[lambda as '0.94' | '0.97'];
			// NumPy takes log c₁ − log c₀, we take log(c₁ / c₀): the returns differ in the last bits (≈ 3e-14 here).
			ref.forEach((y, t) => expect(Math.abs(ours[t + 1] / y - 1)).toBeLessThan(1e-12));
		}
	);

	it('forecasts flat from each origin with returns up to the origin only', () => {
		const r = f([0.01, -0.02, 0.03, 0.0, 0.01]);
		const model = ewmaModel(0.94, 1e-4);
		const out = model.forecast(r, 2, 3);
		const v = ewmaVariances(r, 0.94, 1e-4);
		expect(Array.from(out)).toEqual([v[3], v[3], v[3], v[4], v[4], v[4], v[5], v[5], v[5]]);
		const changed = r.slice();
		changed[4] = 0.5;
		expect(model.forecast(changed, 2, 3).slice(0, 6)).toEqual(out.slice(0, 6));
	});

	it('starts from the training window’s mean square and refuses too few or non-finite returns', () => {
		expect(ewmaInitialVariance(f(Array.from({ length: 20 }, (_, i) => (i % 2 ? 0.01 : -0.01))))).toBeCloseTo(
			1e-4,
			18
		);
		expect(() => ewmaInitialVariance(f([0.01, 0.02]))).toThrow(/2 values; at least 20/);
		expect(() => ewmaInitialVariance(f([...Array(25).fill(0.01), Number.NaN]))).toThrow(/value 25 is NaN/);
		expect(() => ewmaModel(1, 1)).toThrow(/lambda_decay must be in \(0, 1\)/);
	});
});
