import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { treasuryPanel } from '../../testing/treasury';
import fixture from './nelson-siegel.fixture.json';
import { implementation, maturityOf } from './yield-curve-analysis.model';
import {
	fitNelsonSiegel,
	forwardRate,
	linearAt,
	nelsonSiegelYield,
	smoothingSpline,
	splineAt
} from './yield-curve';

const num = (r: { numbers: readonly { key: string; value: number }[] }, key: string): number =>
	r.numbers.find((n) => n.key === key)!.value;
const tau = fixture.maturities;

describe('fitNelsonSiegel', () => {
	it('recovers known parameters (β 4, −2.5, 3; λ 1.8) from yields generated at the eleven FRED maturities', () => {
		const fit = fitNelsonSiegel(tau, fixture.known.yields);
		expect(fit.beta0).toBeCloseTo(4, 9);
		expect(fit.beta1).toBeCloseTo(-2.5, 9);
		expect(fit.beta2).toBeCloseTo(3, 9);
		expect(fit.lambda).toBeCloseTo(1.8, 9);
	});

	it('matches scipy.optimize.curve_fit on real Treasury curves (Dec 2020 and Jan 2015) within 1e-6', () => {
		// bench/make-finance-fixtures.py, SciPy 1.10: profile least squares then curve_fit from that point.
		for (const f of fixture.fits) {
			const fit = fitNelsonSiegel(tau, f.yields);
			const ref = f.curve_fit;
			[fit.beta0, fit.beta1, fit.beta2, fit.lambda].forEach((v, i) =>
				expect(Math.abs(v - ref[i]), `${f.month} parameter ${i}`).toBeLessThan(
					1e-6 * Math.max(1, Math.abs(ref[i]))
				)
			);
			expect(fit.sse).toBeLessThanOrEqual(f.sse * (1 + 1e-9));
		}
	});

	it('has level β₀ + β₁ at τ → 0 and β₀ at τ → ∞', () => {
		const p = { beta0: 3, beta1: -1, beta2: 2, lambda: 2 };
		expect(nelsonSiegelYield(p, 1e-9)).toBeCloseTo(2, 8);
		expect(nelsonSiegelYield(p, 1e6)).toBeCloseTo(3, 5);
	});
});

describe('smoothingSpline', () => {
	it('equals scipy.interpolate.make_smoothing_spline for α = 0.01, 0.1, 1 within 1e-12 on the Dec 2020 curve', () => {
		const y = fixture.fits[0].yields;
		for (const [alpha, expected] of Object.entries(fixture.smoothing_splines)) {
			const s = smoothingSpline(tau, y, Number(alpha));
			fixture.spline_grid.forEach((t, i) =>
				expect(Math.abs(splineAt(s, t) - expected[i])).toBeLessThan(1e-12)
			);
		}
	});

	it('interpolates with α = 0, as scipy CubicSpline(bc_type="natural")', () => {
		const y = fixture.fits[0].yields;
		const s = smoothingSpline(tau, y, 0);
		fixture.spline_grid.forEach((t, i) =>
			expect(Math.abs(splineAt(s, t) - fixture.natural_cubic[i])).toBeLessThan(1e-12)
		);
		y.forEach((v, i) => expect(splineAt(s, tau[i])).toBeCloseTo(v, 12));
	});

	it('tends to the least-squares line as α grows', () => {
		const x = [1, 2, 4, 7, 11];
		const y = [1, 3, 2, 5, 4];
		const s = smoothingSpline(x, y, 1e9);
		// Least-squares line through the points: slope 0.3333…, intercept 1.5333… (hand-computed).
		const mx = 5;
		const my = 3;
		const slope =
			x.reduce((a, v, i) => a + (v - mx) * (y[i] - my), 0) / x.reduce((a, v) => a + (v - mx) ** 2, 0);
		x.forEach((v) => expect(splineAt(s, v)).toBeCloseTo(my + slope * (v - mx), 5));
	});
});

describe('linearAt and forwardRate', () => {
	it('interpolate linearly, and give f = y for a flat curve and y + τy′ for a linear one', () => {
		expect(linearAt([1, 3], [2, 4], 2)).toBe(3);
		expect(linearAt([1, 3], [2, 4], 5)).toBe(4);
		expect(forwardRate(() => 2.5, 7)).toBeCloseTo(2.5, 12);
		// y = 1 + 0.1τ → f = 1 + 0.2τ.
		expect(forwardRate((t) => 1 + 0.1 * t, 5)).toBeCloseTo(2, 8);
	});
});

describe('the yield_curve_analysis entry', () => {
	it('maps FRED symbols to maturities and refuses any other name, naming it', async () => {
		expect(maturityOf('DGS3MO')).toBe(0.25);
		expect(maturityOf('DGS10 — 10-Year Treasury')).toBe(10);
		expect(maturityOf('dgs1mo')).toBeCloseTo(1 / 12, 15);
		expect(maturityOf('DGS4')).toBeUndefined();
		const data = treasuryPanel(['DGS3MO', 'DGS2', 'DGS10', 'DGS30']);
		const renamed = { datasets: data.datasets.map((d, i) => (i === 1 ? { ...d, name: 'MSFT' } : d)) };
		await expect(implementation.evaluate(renamed, {}, { rng: createRng(1) })).rejects.toThrow(
			/No Treasury maturity for MSFT/
		);
	});

	it('fits the real Dec 2020 curve as scipy does and reports an upward slope and the factors for all 72 months', async () => {
		const r = await implementation.evaluate(
			treasuryPanel(),
			{ interpolation_method: 'nelson_siegel' },
			{ rng: createRng(1) }
		);
		const ref = fixture.fits[0].curve_fit;
		expect(num(r, 'ns_level')).toBeCloseTo(ref[0], 6);
		expect(num(r, 'ns_lambda')).toBeCloseTo(ref[3], 6);
		expect(num(r, 'dates')).toBe(72);
		// Dec 2020: 10-year 0.93 %, 3-month 0.09 %: the NS curve's slope is about +0.8 points.
		expect(num(r, 'slope_10y_3m')).toBeGreaterThan(0.6);
		expect(num(r, 'slope_10y_3m')).toBeLessThan(1);
		expect(r.charts[1].x.length).toBe(72);
	});

	it('uses the smoothing spline by default and gives NaN with a note for a maturity outside the data', async () => {
		const r = await implementation.evaluate(
			treasuryPanel(['DGS1', 'DGS2', 'DGS5', 'DGS7', 'DGS10']),
			{},
			{ rng: createRng(1) }
		);
		const y3m = r.numbers.find((n) => n.key === 'yield_3m')!;
		expect(y3m.value).toBeNaN();
		expect(y3m.note).toMatch(/outside 1.00–10 years/);
		expect(num(r, 'yield_2y')).toBeCloseTo(
			splineAt(smoothingSpline([1, 2, 5, 7, 10], [0.1, 0.13, 0.36, 0.65, 0.93], 0.1), 2),
			12
		);
	});
});
