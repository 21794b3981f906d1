import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { tbillBars } from '../../testing/tbill';
import { implementation as cirEntry } from './cox-ingersoll-ross-model.model';
import {
	chiSquare3Cdf,
	cirBond,
	cirMoments,
	fitCir,
	fitVasicek,
	observationStep,
	simulateShortRate,
	vasicekBond
} from './short-rate';
import fixture from './short-rate.fixture.json';
import { implementation as vasicekEntry } from './vasicek-model.model';

const rates = () => tbillBars().close.map((v) => v / 100);
const num = (r: { numbers: readonly { key: string; value: number }[] }, key: string): number =>
	r.numbers.find((n) => n.key === key)!.value;
const tbill = () => ({ datasets: [{ name: 'TB3MS', bars: tbillBars() }] });

describe('observationStep', () => {
	it('reads quarterly dates as Δ = 1/4 year', () => {
		expect(observationStep(tbillBars().t)).toEqual({ dt: 0.25, label: 'quarterly' });
	});
});

describe('fitVasicek', () => {
	it('equals the OLS/AR(1) closed form of statsmodels on the real 3-month T-bill rate, 1959–2009', () => {
		// bench/make-finance-fixtures.py: statsmodels 0.13.5 OLS of r[t+1] on (1, r[t]); κ = −ln b/Δ,
		// θ = a/(1 − b), σ² = (SSR/n)·2κ/(1 − b²).
		const fit = fitVasicek(rates(), 0.25);
		expect(fit.kappa).toBeCloseTo(fixture.vasicek.kappa, 10);
		expect(fit.theta).toBeCloseTo(fixture.vasicek.theta, 10);
		expect(fit.sigma).toBeCloseTo(fixture.vasicek.sigma, 10);
		expect(fit.logLik).toBeCloseTo(fixture.vasicek.loglik, 8);
		expect(fit.observations).toBe(202);
		// Standard errors are positive and smaller than the estimates they belong to.
		fit.se.forEach((se) => expect(se).toBeGreaterThan(0));
		expect(fit.se[2]).toBeLessThan(fit.sigma / 5);
	});

	it('recovers known parameters from a long exactly simulated path, within three standard errors (seed 11)', () => {
		const truth = { kappa: 0.5, theta: 0.04, sigma: 0.02 };
		const path = simulateShortRate('vasicek', truth, 0.04, 1 / 12, 6000, 1, createRng(11));
		const fit = fitVasicek(path, 1 / 12);
		expect(Math.abs(fit.kappa - truth.kappa)).toBeLessThan(3 * fit.se[0]);
		expect(Math.abs(fit.theta - truth.theta)).toBeLessThan(3 * fit.se[1]);
		expect(Math.abs(fit.sigma - truth.sigma)).toBeLessThan(3 * fit.se[2]);
	});

	it('refuses a series that is too short or does not revert, with a coded error', () => {
		expect(() => fitVasicek(rates().slice(0, 5), 0.25)).toThrow(/at least 21 observations/);
		const trend = Float64Array.from({ length: 50 }, (_, i) => 0.01 + 0.001 * i * i);
		expect(() => fitVasicek(trend, 0.25)).toThrow(expect.objectContaining({ code: 'analysis_input' }));
	});
});

describe('fitCir', () => {
	it('matches a scipy.optimize quasi-maximum-likelihood fit on the real T-bill rate', () => {
		// bench/make-finance-fixtures.py: SciPy 1.10 Nelder–Mead on the same Gaussian quasi-likelihood (exact CIR
		// conditional moments). κ is weakly identified: 1 % relative; θ and σ: 0.5 %.
		const fit = fitCir(rates(), 0.25);
		expect(Math.abs(fit.kappa / fixture.cir_qml.kappa - 1)).toBeLessThan(0.01);
		expect(Math.abs(fit.theta / fixture.cir_qml.theta - 1)).toBeLessThan(0.005);
		expect(Math.abs(fit.sigma / fixture.cir_qml.sigma - 1)).toBeLessThan(0.005);
		expect(-fit.logLik).toBeLessThanOrEqual(fixture.cir_qml.nll + 1e-6);
		// The exact noncentral-χ² MLE (scipy.stats.ncx2) gives σ within 10 %: the approximation is documented.
		expect(Math.abs(fit.sigma / fixture.cir_exact.sigma - 1)).toBeLessThan(0.1);
	});

	it('has the exact conditional mean and variance of the CIR transition', () => {
		// Checked against the moments of the scaled noncentral χ²: c = 2κ/(σ²(1 − e^(−κΔ))), df = 4κθ/σ²,
		// nc = 2c·r·e^(−κΔ); mean = (df + nc)/(2c), variance = 2(df + 2nc)/(2c)².
		const p = { kappa: 0.7, theta: 0.05, sigma: 0.1 };
		const [r, dt] = [0.03, 0.5];
		const c = (2 * p.kappa) / (p.sigma ** 2 * (1 - Math.exp(-p.kappa * dt)));
		const df = (4 * p.kappa * p.theta) / p.sigma ** 2;
		const nc = 2 * c * r * Math.exp(-p.kappa * dt);
		const m = cirMoments(r, dt, p);
		expect(m.mean).toBeCloseTo((df + nc) / (2 * c), 15);
		expect(m.variance).toBeCloseTo((2 * (df + 2 * nc)) / (2 * c) ** 2, 15);
	});

	it('refuses negative rates, naming the row', () => {
		const r = rates();
		r[7] = -0.001;
		expect(() => fitCir(r, 0.25)).toThrow(/-0.001 at row 7/);
	});
});

describe('bond prices', () => {
	it('match Hull’s closed forms at hand-checked points and tend to e^(−rτ) as τ → 0', () => {
		const p = { kappa: 0.1, theta: 0.1, sigma: 0.02 };
		// Vasicek by hand (Hull, Options, Futures, and Other Derivatives, chapter on equilibrium short-rate models):
		// ln A = (B − τ)(a²b − σ²/2)/a² − σ²B²/(4a), B = (1 − e^(−aτ))/a, with a 0.1, b 0.1, σ 0.02, r 0.1, τ 10.
		const B = (1 - Math.exp(-1)) / 0.1;
		const lnA = ((B - 10) * (0.001 - 0.0002)) / 0.01 - (0.0004 * B * B) / 0.4;
		expect(vasicekBond(p, 0.1, 10)).toBeCloseTo(Math.exp(lnA - B * 0.1), 14);
		expect(vasicekBond(p, 0.05, 1e-6)).toBeCloseTo(Math.exp(-0.05e-6), 12);
		expect(cirBond(p, 0.05, 1e-6)).toBeCloseTo(Math.exp(-0.05e-6), 12);
		// With σ → 0 both models are deterministic: the yield is the average of r(t) = θ + (r − θ)e^(−κt)
		// (σ = 1e-4 leaves a convexity term below 1e-7).
		const flat = { kappa: 0.3, theta: 0.04, sigma: 1e-4 };
		const avg = 0.04 + ((0.02 - 0.04) * (1 - Math.exp(-0.3 * 5))) / (0.3 * 5);
		expect(-Math.log(vasicekBond(flat, 0.02, 5)) / 5).toBeCloseTo(avg, 6);
		expect(-Math.log(cirBond(flat, 0.02, 5)) / 5).toBeCloseTo(avg, 6);
	});
});

describe('simulateShortRate', () => {
	it('matches the exact conditional mean of both models within Monte Carlo error (20,000 paths, seed 5)', () => {
		const p = { kappa: 0.4, theta: 0.05, sigma: 0.08 };
		const [r0, dt, steps, n] = [0.01, 0.25, 8, 20_000];
		for (const model of ['vasicek', 'cir'] as const) {
			const paths = simulateShortRate(model, p, r0, dt, steps, n, createRng(5));
			let sum = 0;
			for (let k = 0; k < n; k++) sum += paths[k * (steps + 1) + steps];
			const horizon = cirMoments(r0, dt * steps, p);
			const e = Math.exp(-p.kappa * dt * steps);
			const sd =
				model === 'cir' ? Math.sqrt(horizon.variance) : p.sigma * Math.sqrt((1 - e * e) / (2 * p.kappa));
			// Same exact mean for both models; 4 standard errors of the sample mean (plus Euler bias for CIR).
			expect(Math.abs(sum / n - horizon.mean), model).toBeLessThan((4 * sd) / Math.sqrt(n) + 2e-4);
		}
	});
});

describe('chiSquare3Cdf', () => {
	it('gives the χ² distribution with 3 degrees of freedom (scipy.stats.chi2.cdf(7.814728, 3) = 0.95)', () => {
		expect(chiSquare3Cdf(7.814727903251178)).toBeCloseTo(0.95, 12);
		expect(chiSquare3Cdf(0)).toBe(0);
	});
});

describe('the vasicek_model and cox_ingersoll_ross_model entries', () => {
	it('estimate κ, θ, σ with standard errors on the real T-bill rate and label the fan as simulation', async () => {
		const r = await vasicekEntry.evaluate(tbill(), {}, { rng: createRng(3) });
		expect(num(r, 'kappa')).toBeCloseTo(fixture.vasicek.kappa, 10);
		expect(num(r, 'theta_se')).toBeGreaterThan(0);
		expect(num(r, 'last_rate')).toBeCloseTo(0.0012, 10);
		const fan = r.charts[1];
		expect(fan.title).toMatch(/^SIMULATION/);
		expect(r.notes.join(' ')).toMatch(/never market data/);
		// The default hypothesis (κ 0.1, θ 5 %, σ 1 %) is rejected: σ 1 % is far below the estimated 1.76 %.
		expect(num(r, 'likelihood_ratio_p_value')).toBeLessThan(0.01);
	});

	it('simulate a CIR fan that never goes negative, from the QML estimates', async () => {
		const r = await cirEntry.evaluate(tbill(), {}, { rng: createRng(3) });
		const fan = r.charts[1];
		const p5 = fan.lines.find((l) => l.name === 'simulated 5th percentile')!.values;
		const p95 = fan.lines.find((l) => l.name === 'simulated 95th percentile')!.values;
		for (const v of p5) if (!Number.isNaN(v)) expect(v).toBeGreaterThanOrEqual(0);
		expect(p95[p95.length - 1]).toBeGreaterThan(num(r, 'last_rate') * 100);
		expect(num(r, 'sigma')).toBeCloseTo(fixture.cir_qml.sigma, 3);
		expect(r.charts[1].title).toMatch(/^SIMULATION/);
	});
});
