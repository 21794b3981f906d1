import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { blackScholes } from './black-scholes';
import { hestonCharacteristic, hestonPrice, meanVariance, type HestonParams } from './heston';
import { implementation, impliedVolatility } from './heston-model.model';
import fixture from './heston.fixture.json';

/** The parameter set of Albrecher et al., "The little Heston trap" (Wilmott 2007), used by Fang & Oosterlee. */
const TRAP: HestonParams = { v0: 0.0175, kappa: 1.5768, theta: 0.0398, sigma: 0.5751, rho: -0.5711 };
const ATM = { spot: 100, strike: 100, rate: 0, dividendYield: 0 };

const num = (r: { numbers: readonly { key: string; value: number }[] }, key: string): number =>
	r.numbers.find((n) => n.key === key)!.value;

describe('hestonPrice', () => {
	it('reproduces the published reference price 5.785155450 (Fang & Oosterlee 2008, COS paper, Table 4; T = 1)', () => {
		// F. Fang and C. W. Oosterlee, "A novel pricing method for European options based on Fourier-cosine series
		// expansions", SIAM J. Sci. Comput. 31(2), 2008, §5.3: S = K = 100, r = q = 0, T = 1, the trap parameters;
		// reference 5.785155450 (printed to 9 decimals; 5.78515543437619 to 15 digits by the same authors' method).
		const { call } = hestonPrice(TRAP, { ...ATM, expiry: 1 });
		expect(Math.abs(call - 5.78515545)).toBeLessThan(5e-8);
	});

	it('reproduces the long-expiry reference 22.318945791474590 (Fang & Oosterlee 2008, T = 10), where the original Heston form breaks', () => {
		const { call } = hestonPrice(TRAP, { ...ATM, expiry: 10 });
		expect(Math.abs(call - 22.31894579147459)).toBeLessThan(1e-9);
	});

	it('agrees with scipy.integrate.quad of the same characteristic function within 1e-10 on six cases', () => {
		// bench/make-finance-fixtures.py (SciPy 1.10, quad on [0, ∞), epsabs = epsrel = 1e-13): in, at and out of the
		// money, dividends, ρ > 0, Feller condition violated.
		for (const c of fixture.cases) {
			const price = hestonPrice(c, { spot: c.S, strike: c.K, expiry: c.T, rate: c.r, dividendYield: c.q });
			expect(Math.abs(price.call - c.call), JSON.stringify(c)).toBeLessThan(1e-10);
			expect(Math.abs(price.put - c.put), JSON.stringify(c)).toBeLessThan(1e-10);
		}
	});

	it('recovers Black–Scholes at the expected average variance as σ → 0, the gap shrinking as σ²', () => {
		const market = { spot: 100, strike: 110, expiry: 1, rate: 0.03, dividendYield: 0.01 };
		const gap = (sigma: number): number => {
			const p = { v0: 0.04, kappa: 2, theta: 0.09, sigma, rho: 0 };
			const bs = blackScholes({ ...market, volatility: Math.sqrt(meanVariance(p, market.expiry)) });
			return Math.abs(hestonPrice(p, market).call - bs.call.price);
		};
		expect(gap(1e-4)).toBeLessThan(1e-7);
		// σ² scaling: 10× smaller σ, ~100× smaller gap.
		expect(gap(0.01) / gap(0.001)).toBeGreaterThan(80);
		expect(gap(0.01) / gap(0.001)).toBeLessThan(120);
	});

	it('recovers Black–Scholes with volatility √θ as κ grows (v₀ = θ), the gap shrinking as 1/κ', () => {
		const market = { spot: 100, strike: 110, expiry: 1, rate: 0.03, dividendYield: 0.01 };
		const bs = blackScholes({ ...market, volatility: 0.2 }).call.price;
		const gap = (kappa: number) =>
			Math.abs(hestonPrice({ v0: 0.04, kappa, theta: 0.04, sigma: 0.3, rho: -0.5 }, market).call - bs);
		expect(gap(10_000)).toBeLessThan(2e-4);
		expect(gap(100) / gap(1000)).toBeGreaterThan(8);
	});

	it('has a characteristic function equal to 1 at u = 0 and a martingale forward: φ(−i) = 1', () => {
		const m = { spot: 100, strike: 100, expiry: 2, rate: 0.04, dividendYield: 0.01 };
		const at0 = hestonCharacteristic([0, 0], TRAP, m);
		const atMinusI = hestonCharacteristic([0, -1], TRAP, m);
		expect(at0[0]).toBeCloseTo(1, 14);
		expect(atMinusI[0]).toBeCloseTo(1, 14);
		expect(Math.abs(atMinusI[1])).toBeLessThan(1e-14);
	});

	it('refuses non-positive variance parameters and ρ outside [−1, 1], naming them', () => {
		expect(() => hestonPrice({ ...TRAP, sigma: 0 }, { ...ATM, expiry: 1 })).toThrow(
			/sigma must be a positive number/
		);
		expect(() => hestonPrice({ ...TRAP, rho: -1.5 }, { ...ATM, expiry: 1 })).toThrow(
			/rho must lie in \[−1, 1\]/
		);
	});
});

describe('the heston_model entry', () => {
	it('prices the Fang–Oosterlee case, reports a downward smile for ρ < 0 and says it does not calibrate', async () => {
		const r = await implementation.evaluate(
			{ datasets: [] },
			{
				...TRAP,
				underlying_price: 100,
				strike: 100,
				time_to_expiry: 1,
				risk_free_rate: 0,
				dividend_yield: 0
			},
			{ rng: createRng(1) }
		);
		expect(Math.abs(num(r, 'call_price') - 5.78515545)).toBeLessThan(5e-8);
		expect(num(r, 'implied_volatility')).toBeCloseTo(
			impliedVolatility(num(r, 'call_price'), { ...ATM, expiry: 1 }),
			12
		);
		expect(num(r, 'feller_margin')).toBeLessThan(0);
		const smile = r.charts[0].lines[0].values;
		// Negative correlation: implied volatility falls with the strike (the equity skew).
		expect(smile[0]).toBeGreaterThan(smile[20]);
		expect(smile[20]).toBeGreaterThan(smile[40]);
		expect(r.notes.join(' ')).toMatch(/does not calibrate/);
		expect(r.notes.join(' ')).toMatch(/Feller condition fails/);
	});
});
