import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { alignedMonthly } from '../../testing/stocks';
import { backdoorEffect, frontdoorEffect, ivEffect } from './causal';
import { implementation } from './causal-inference-discovery.model';
import { ipwEffect, logisticFit, matchingEffect } from './propensity';
import { logReturns } from './series-input';
import fixture from './stats.fixture.json';

/**
 * Reference: statsmodels 0.13.5 on the real monthly panel (bench/make-stats-fixture.py): outcome MSFT, treatment
 * AMZN, the rest IBM and AAPL, all log returns — OLS(y, [1, T, IBM, AAPL]) for the back-door coefficient,
 * IV2SLS(y, [1, T], [1, IBM, AAPL]) for IV, two OLS fits for the linear front-door product, Logit for the
 * propensity. Tolerances: 1e-9 relative for least-squares quantities, 1e-7 for the Logit fit.
 */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function panel(): Float64Array[] {
	return alignedMonthly(['MSFT', 'AMZN', 'IBM', 'AAPL']).map((b) => logReturns(b.close));
}

/** Simulated linear structural equations: `n` draws of independent standard normals per named variable. */
function normals(seed: number, n: number, count: number): Float64Array[] {
	const rng = createRng(seed);
	return Array.from({ length: count }, () => Float64Array.from({ length: n }, () => rng.normal()));
}

describe('causal effect estimators on real data, against statsmodels', () => {
	it('the back-door coefficient and its standard error match OLS', () => {
		const [y, t, z1, z2] = panel();
		const r = backdoorEffect(y, t, [z1, z2]);
		expect(rel(r.effect, fixture.causal.backdoor.effect)).toBeLessThan(1e-9);
		expect(rel(r.se, fixture.causal.backdoor.se)).toBeLessThan(1e-9);
	});

	it('two-stage least squares matches IV2SLS, first-stage F included', () => {
		const [y, t, z1, z2] = panel();
		const r = ivEffect(y, t, [z1, z2]);
		expect(rel(r.effect, fixture.causal.iv.effect)).toBeLessThan(1e-9);
		expect(rel(r.se, fixture.causal.iv.se)).toBeLessThan(1e-9);
		expect(rel(r.firstStageF, fixture.causal.iv.first_stage_f)).toBeLessThan(1e-9);
	});

	it('the linear front-door product matches the two statsmodels OLS fits', () => {
		const [y, t, z1, z2] = panel();
		expect(rel(frontdoorEffect(y, t, [z1, z2]).effect, fixture.causal.frontdoor.effect)).toBeLessThan(1e-9);
	});

	it('the propensity model matches statsmodels Logit and the weighted effect the same formula in NumPy', () => {
		const [y, t, z1, z2] = panel();
		const d = Float64Array.from(t, (v) => (v > 0 ? 1 : 0));
		const fit = logisticFit(d, [z1, z2]);
		fixture.causal.propensity.logit_params.forEach((v, i) =>
			expect(rel(fit.params[i], v)).toBeLessThan(1e-7)
		);
		expect(rel(ipwEffect(y, d, fit.probabilities), fixture.causal.propensity.ipw_hajek)).toBeLessThan(1e-7);
	});
});

describe('causal effect estimators on simulated linear structural equations with a known effect', () => {
	const n = 5000;

	it('back-door adjustment recovers 0.5 where the unadjusted slope is confounded (seed 21)', () => {
		const [z, et, ey] = normals(21, n, 3);
		const t = Float64Array.from(z, (v, i) => 0.8 * v + et[i]);
		const y = Float64Array.from(t, (v, i) => 0.5 * v + 1.2 * z[i] + ey[i]);
		const r = backdoorEffect(y, t, [z]);
		expect(Math.abs(r.effect - 0.5)).toBeLessThan(4 * r.se);
		expect(backdoorEffect(y, t, []).effect).toBeGreaterThan(0.9);
	});

	it('instrumental variables recover 0.5 under an unobserved confounder (seed 22)', () => {
		const [z, u, et, ey] = normals(22, n, 4);
		const t = Float64Array.from(z, (v, i) => v + u[i] + et[i]);
		const y = Float64Array.from(t, (v, i) => 0.5 * v + u[i] + ey[i]);
		const r = ivEffect(y, t, [z]);
		expect(Math.abs(r.effect - 0.5)).toBeLessThan(4 * r.se);
		expect(backdoorEffect(y, t, []).effect).toBeGreaterThan(0.7);
	});

	it('the front-door product recovers 0.8 × 0.6 = 0.48 under an unobserved confounder (seed 23)', () => {
		const [u, et, em, ey] = normals(23, n, 4);
		const t = Float64Array.from(u, (v, i) => v + et[i]);
		const m = Float64Array.from(t, (v, i) => 0.8 * v + em[i]);
		const y = Float64Array.from(m, (v, i) => 0.6 * v + u[i] + ey[i]);
		expect(Math.abs(frontdoorEffect(y, t, [m]).effect - 0.48)).toBeLessThan(0.05);
	});

	it('weighting and matching on the propensity recover a binary effect of 1 (seed 24)', () => {
		const [z, ey] = normals(24, n, 2);
		// Treated with probability sigmoid(1.5 z): z confounds treatment and outcome.
		const coin = createRng(25);
		const d = Float64Array.from(z, (v) => (coin.next() < 1 / (1 + Math.exp(-1.5 * v)) ? 1 : 0));
		const y = Float64Array.from(d, (v, i) => v + 2 * z[i] + ey[i]);
		const e = logisticFit(d, [z]).probabilities;
		expect(Math.abs(ipwEffect(y, d, e) - 1)).toBeLessThan(0.15);
		expect(Math.abs(matchingEffect(y, d, e) - 1)).toBeLessThan(0.15);
		// Without adjustment the difference in means is far off (z raises both).
		let s1 = 0;
		let n1 = 0;
		let s0 = 0;
		for (let i = 0; i < n; i++)
			if (d[i] === 1) {
				s1 += y[i];
				n1++;
			} else s0 += y[i];
		expect(s1 / n1 - s0 / (n - n1)).toBeGreaterThan(2);
	});
});

describe('the causal_inference_discovery entry', () => {
	const data = () => ({
		datasets: alignedMonthly(['MSFT', 'AMZN', 'IBM', 'AAPL']).map((bars, i) => ({
			name: ['MSFT', 'AMZN', 'IBM', 'AAPL'][i],
			bars
		}))
	});

	it('reports the statsmodels back-door coefficient with a seeded bootstrap interval around it', async () => {
		const r = await implementation.evaluate(data(), {}, { rng: createRng(5) });
		const get = (k: string) => r.numbers.find((x) => x.key === k)!.value;
		expect(rel(get('effect'), fixture.causal.backdoor.effect)).toBeLessThan(1e-9);
		expect(get('ci_low')).toBeLessThan(get('effect'));
		expect(get('ci_high')).toBeGreaterThan(get('effect'));
		expect(r.notes.join(' ')).toContain('Adjustment set (assumed to block every back-door path): IBM, AAPL');
	});

	it('runs every identification with its estimators, and refuses a mismatched pair naming both fields', async () => {
		for (const [identification_method, estimation_method] of [
			['iv', 'instrumental_variable'],
			['frontdoor', 'linear_regression'],
			['backdoor', 'propensity_score_matching'],
			['backdoor', 'propensity_score_weighting']
		]) {
			const r = await implementation.evaluate(
				data(),
				{ identification_method, estimation_method },
				{ rng: createRng(5) }
			);
			expect(Number.isFinite(r.numbers.find((x) => x.key === 'effect')!.value)).toBe(true);
		}
		await expect(
			implementation.evaluate(
				data(),
				{ identification_method: 'iv', estimation_method: 'linear_regression' },
				{ rng: createRng(5) }
			)
		).rejects.toThrow(
			/causal_inference_discovery\.estimation_method.*causal_inference_discovery\.identification_method/
		);
	});
});
