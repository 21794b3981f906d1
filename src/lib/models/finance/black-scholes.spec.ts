import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { blackScholes, finiteDifferenceGreeks, payoff, type OptionInputs } from './black-scholes';
import { implementation as bsEntry } from './black-scholes.model';
import { implementation as greeksEntry } from './black-scholes-greeks-model.model';
import fixture from './black-scholes.fixture.json';

const inputs = (S: number, K: number, T: number, r: number, vol: number, q = 0): OptionInputs => ({
	spot: S,
	strike: K,
	expiry: T,
	rate: r,
	dividendYield: q,
	volatility: vol
});

const ctx = { rng: createRng(1) };
const num = (r: { numbers: readonly { key: string; value: number }[] }, key: string): number =>
	r.numbers.find((n) => n.key === key)!.value;

describe('blackScholes', () => {
	it("gives Hull's Example 15.6 prices: S 42, K 40, r 10 %, σ 20 %, T 0.5 → call 4.76, put 0.81", () => {
		// Hull, Options, Futures, and Other Derivatives, 9th ed., Example 15.6 (d1 = 0.7693, d2 = 0.6278).
		const bs = blackScholes(inputs(42, 40, 0.5, 0.1, 0.2));
		expect(bs.call.price).toBeCloseTo(4.76, 2);
		expect(bs.put.price).toBeCloseTo(0.81, 2);
		expect(bs.d1).toBeCloseTo(0.7693, 4);
		expect(bs.d2).toBeCloseTo(0.6278, 4);
	});

	it("gives Hull's greeks of the ch. 19 example: S 49, K 50, r 5 %, σ 20 %, T 20 weeks (0.3846)", () => {
		// Hull, 9th ed., Examples 19.1 (delta 0.522), 19.4 (theta −4.31 per year), 19.6 (gamma 0.066),
		// 19.7 (vega 12.1), 19.8 (rho 8.91); price 2.40 (§19.1).
		const c = blackScholes(inputs(49, 50, 0.3846, 0.05, 0.2)).call;
		expect(c.price).toBeCloseTo(2.4, 2);
		expect(c.delta).toBeCloseTo(0.522, 3);
		expect(c.gamma).toBeCloseTo(0.066, 3);
		expect(c.theta).toBeCloseTo(-4.31, 2);
		expect(c.vega).toBeCloseTo(12.1, 1);
		expect(c.rho).toBeCloseTo(8.91, 2);
	});

	it('agrees with an independent scipy.stats.norm implementation within 1e-12 relative on six cases', () => {
		// bench/make-finance-fixtures.py, SciPy 1.10: dividends, deep in/out of the money, long and short expiries.
		for (const c of fixture.cases) {
			const bs = blackScholes(inputs(c.S, c.K, c.T, c.r, c.vol, c.q));
			const pairs: [number, number][] = [
				[bs.call.price, c.call],
				[bs.put.price, c.put],
				[bs.call.delta, c.call_delta],
				[bs.put.delta, c.put_delta],
				[bs.call.gamma, c.gamma],
				[bs.call.vega, c.vega],
				[bs.call.theta, c.call_theta],
				[bs.put.theta, c.put_theta],
				[bs.call.rho, c.call_rho],
				[bs.put.rho, c.put_rho]
			];
			for (const [ours, ref] of pairs)
				expect(Math.abs(ours - ref), JSON.stringify(c)).toBeLessThanOrEqual(
					1e-12 * Math.max(1, Math.abs(ref))
				);
		}
	});

	it('satisfies put–call parity C − P = S·e^(−qT) − K·e^(−rT) on random inputs (seed 20261205)', () => {
		const rng = createRng(20261205);
		for (let i = 0; i < 200; i++) {
			const o = inputs(
				1 + 500 * rng.next(),
				1 + 500 * rng.next(),
				0.01 + 5 * rng.next(),
				0.2 * rng.next(),
				0.02 + rng.next(),
				0.1 * rng.next()
			);
			const bs = blackScholes(o);
			const forward =
				o.spot * Math.exp(-o.dividendYield * o.expiry) - o.strike * Math.exp(-o.rate * o.expiry);
			expect(Math.abs(bs.call.price - bs.put.price - forward)).toBeLessThan(1e-10 * (o.spot + o.strike));
		}
	});

	it('has closed-form greeks that match central finite differences of the price to 1e-5 relative', () => {
		for (const o of [inputs(49, 50, 0.3846, 0.05, 0.2), inputs(100, 130, 2, 0.03, 0.35, 0.02)])
			for (const type of ['call', 'put'] as const) {
				const g = blackScholes(o)[type];
				const fd = finiteDifferenceGreeks(o, type);
				for (const k of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const)
					expect(Math.abs(g[k] - fd[k]), `${type} ${k}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(g[k])));
			}
	});

	it('refuses a non-positive spot, strike, expiry or volatility, naming it', () => {
		expect(() => blackScholes(inputs(0, 40, 0.5, 0.1, 0.2))).toThrow(/spot must be a positive number, got 0/);
		expect(() => blackScholes(inputs(42, 40, 0.5, 0.1, -1))).toThrow(/volatility/);
		expect(() => blackScholes(inputs(42, 40, 0, 0.1, 0.2))).toThrow(/expiry/);
	});

	it('pays max(S − K, 0) for a call and max(K − S, 0) for a put at expiry', () => {
		expect(payoff('call', 45, 40)).toBe(5);
		expect(payoff('call', 35, 40)).toBe(0);
		expect(payoff('put', 35, 40)).toBe(5);
	});
});

describe('the black_scholes entry', () => {
	it("reports Hull's Example 15.6 call and put, a zero parity gap and the price-against-spot chart", async () => {
		const r = await bsEntry.evaluate(
			{ datasets: [] },
			{
				underlying_price: 42,
				strike: 40,
				time_to_expiry: 0.5,
				risk_free_rate: 0.1,
				volatility: 0.2,
				option_type: 'put'
			},
			ctx
		);
		expect(num(r, 'call_price')).toBeCloseTo(4.76, 2);
		expect(num(r, 'put_price')).toBeCloseTo(0.81, 2);
		expect(num(r, 'price')).toBe(num(r, 'put_price'));
		expect(Math.abs(num(r, 'parity_gap'))).toBeLessThan(1e-12);
		expect(num(r, 'intrinsic_value')).toBe(0);
		const chart = r.charts[0];
		expect(chart.lines.map((l) => l.name)).toEqual([
			'call price now',
			'put price now',
			'put payoff at expiry'
		]);
		// The call price rises with the spot and never falls below its lower bound S − K·e^(−rT).
		const call = chart.lines[0].values;
		for (let i = 1; i < call.length; i++) {
			expect(call[i]).toBeGreaterThan(call[i - 1]);
			expect(call[i]).toBeGreaterThanOrEqual(chart.x[i] - 40 * Math.exp(-0.05) - 1e-12);
		}
	});
});

describe('the black_scholes_greeks_model entry', () => {
	it("reports Hull's ch. 19 greeks and a finite-difference table that agrees with them", async () => {
		const r = await greeksEntry.evaluate(
			{ datasets: [] },
			{ underlying_price: 49, strike: 50, time_to_expiry: 0.3846, risk_free_rate: 0.05, volatility: 0.2 },
			ctx
		);
		expect(num(r, 'call_delta')).toBeCloseTo(0.522, 3);
		expect(num(r, 'call_gamma')).toBeCloseTo(0.066, 3);
		expect(num(r, 'call_theta')).toBeCloseTo(-4.31, 2);
		expect(num(r, 'call_theta_per_day')).toBeCloseTo(-4.31 / 365, 4);
		expect(num(r, 'call_vega')).toBeCloseTo(12.1, 1);
		expect(num(r, 'call_rho')).toBeCloseTo(8.91, 2);
		for (const row of r.tables[0].rows)
			expect(Math.abs(row[3] as number)).toBeLessThan(1e-5 * Math.max(1, Math.abs(row[1] as number)));
	});
});
