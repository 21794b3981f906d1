import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { blackScholes, type OptionInputs } from './black-scholes';
import { crrTree, riskNeutralProb, treePrice } from './binomial';
import { implementation } from './binomial-tree-model.model';

const hull211: OptionInputs = {
	spot: 50,
	strike: 50,
	expiry: 5 / 12,
	rate: 0.1,
	dividendYield: 0,
	volatility: 0.4
};
const hull156: OptionInputs = {
	spot: 42,
	strike: 40,
	expiry: 0.5,
	rate: 0.1,
	dividendYield: 0,
	volatility: 0.2
};

const num = (r: { numbers: readonly { key: string; value: number }[] }, key: string): number =>
	r.numbers.find((n) => n.key === key)!.value;

describe('treePrice', () => {
	it("gives Hull's Example 21.1 American put: 4.49 with 5 steps, 4.263 / 4.272 / 4.278 / 4.283 with 30 / 50 / 100 / 500", () => {
		// Hull, Options, Futures, and Other Derivatives, 9th ed., Example 21.1 and the text after Figure 21.3:
		// S = K = 50, r = 10 %, σ = 40 %, T = 5 months.
		const american = (n: number) => treePrice(hull211, 'put', crrTree(hull211, n), true);
		expect(american(5)).toBeCloseTo(4.49, 2);
		expect(american(30)).toBeCloseTo(4.263, 3);
		expect(american(50)).toBeCloseTo(4.272, 3);
		expect(american(100)).toBeCloseTo(4.278, 3);
		expect(american(500)).toBeCloseTo(4.283, 3);
	});

	it('uses the CRR up factor e^(σ√Δt) and the risk-neutral probability (e^(rΔt) − d)/(u − d)', () => {
		// Hull Example 21.1: Δt = 1/12, u = 1.1224, d = 0.8909, p = 0.5073.
		const t = crrTree(hull211, 5);
		expect(t.up).toBeCloseTo(1.1224, 4);
		expect(1 / t.up).toBeCloseTo(0.8909, 4);
		expect(t.prob).toBeCloseTo(0.5073, 4);
		expect(riskNeutralProb(hull211, 5, t.up)).toBe(t.prob);
	});

	it('converges to Black–Scholes for a European option with an error that shrinks about as 1/n', () => {
		const bs = blackScholes(hull156).call.price;
		const worst = (from: number, to: number, step: number): number => {
			let m = 0;
			for (let n = from; n <= to; n += step)
				m = Math.max(m, Math.abs(treePrice(hull156, 'call', crrTree(hull156, n), false) - bs));
			return m;
		};
		const coarse = worst(25, 50, 1);
		const fine = worst(400, 800, 25);
		// n grows 16×: an O(1/n) envelope shrinks ~16×; O(1/√n) would shrink only 4×.
		expect(coarse / fine).toBeGreaterThan(8);
		// And n·|error| stays bounded (CRR's odd–even oscillation has constant 0.3–0.4 here).
		expect(fine * 400).toBeLessThan(0.5);
		expect(coarse * 25).toBeLessThan(0.5);
	});

	it('prices an American put above the European one, and an American call without dividends equal to the European', () => {
		const t = crrTree(hull211, 200);
		expect(treePrice(hull211, 'put', t, true)).toBeGreaterThan(treePrice(hull211, 'put', t, false) + 0.1);
		expect(treePrice(hull211, 'call', t, true)).toBeCloseTo(treePrice(hull211, 'call', t, false), 12);
		// With a dividend yield early exercise of a deep call can pay.
		const q = { ...hull211, spot: 80, dividendYield: 0.15 };
		const tq = crrTree(q, 200);
		expect(treePrice(q, 'call', tq, true)).toBeGreaterThan(treePrice(q, 'call', tq, false));
	});

	it('satisfies the tree’s own put–call parity for European options on random inputs (seed 20261206)', () => {
		const rng = createRng(20261206);
		for (let i = 0; i < 50; i++) {
			const o: OptionInputs = {
				spot: 10 + 200 * rng.next(),
				strike: 10 + 200 * rng.next(),
				expiry: 0.05 + 3 * rng.next(),
				rate: 0.1 * rng.next(),
				dividendYield: 0.05 * rng.next(),
				volatility: 0.05 + 0.8 * rng.next()
			};
			const t = crrTree(o, 60);
			const parity = o.spot * Math.exp(-o.dividendYield * o.expiry) - o.strike * Math.exp(-o.rate * o.expiry);
			const gap = treePrice(o, 'call', t, false) - treePrice(o, 'put', t, false) - parity;
			expect(Math.abs(gap)).toBeLessThan(1e-9 * (o.spot + o.strike));
		}
	});

	it('refuses a probability outside (0, 1) or an up factor ≤ 1, naming it', () => {
		expect(() => treePrice(hull211, 'put', { up: 1.1, prob: 1.2, steps: 5 }, true)).toThrow(
			/prob must lie in \(0, 1\)/
		);
		expect(() => treePrice(hull211, 'put', { up: 0.9, prob: 0.5, steps: 5 }, true)).toThrow(
			/up must exceed 1/
		);
		expect(() => crrTree(hull211, 0)).toThrow(/steps must be a whole number ≥ 1, got 0/);
	});
});

describe('the binomial_tree_model entry', () => {
	it("reports Hull's Example 21.1 with 500 CRR steps and says the manual parameters are unused", async () => {
		const r = await implementation.evaluate(
			{ datasets: [] },
			{
				tree: 'crr',
				n_steps: 500,
				underlying_price: 50,
				strike: 50,
				time_to_expiry: 5 / 12,
				risk_free_rate: 0.1,
				volatility: 0.4
			},
			{ rng: createRng(1) }
		);
		expect(num(r, 'american_price')).toBeCloseTo(4.283, 3);
		expect(num(r, 'early_exercise_premium')).toBeGreaterThan(0.2);
		expect(Math.abs(num(r, 'european_error_vs_black_scholes'))).toBeLessThan(0.01);
		expect(num(r, 'tree_volatility')).toBeCloseTo(0.4, 12);
		expect(r.notes.join(' ')).toMatch(/up_factor and risk_neutral_prob parameters are not used/);
		const conv = r.charts[0];
		expect(conv.x[0]).toBe(10);
		expect(conv.x[conv.x.length - 1]).toBe(500);
	});

	it('uses the entered up factor and probability when tree = manual and says when they are not risk-neutral', async () => {
		const r = await implementation.evaluate(
			{ datasets: [] },
			{ tree: 'manual', up_factor: 1.1, risk_neutral_prob: 0.5, n_steps: 10 },
			{ rng: createRng(1) }
		);
		expect(num(r, 'up_factor_used')).toBe(1.1);
		expect(num(r, 'up_probability_used')).toBe(0.5);
		expect(r.notes.join(' ')).toMatch(/differs from the risk-neutral probability/);
		// The entry prices the entered tree (defaults S 100, K 100, r 5 %, T 0.25).
		const one = await implementation.evaluate(
			{ datasets: [] },
			{ tree: 'manual', up_factor: 1.1, risk_neutral_prob: 0.5, n_steps: 10, option_type: 'call' },
			{ rng: createRng(1) }
		);
		expect(num(one, 'european_price')).toBe(
			treePrice(
				{ spot: 100, strike: 100, expiry: 0.25, rate: 0.05, dividendYield: 0, volatility: 0.2 },
				'call',
				{ up: 1.1, prob: 0.5, steps: 10 },
				false
			)
		);
	});

	it('refuses a CRR tree whose probability leaves (0, 1), saying what to change', async () => {
		await expect(
			implementation.evaluate(
				{ datasets: [] },
				{ n_steps: 10, risk_free_rate: 0.3, volatility: 0.01, time_to_expiry: 5 },
				{ rng: createRng(1) }
			)
		).rejects.toMatchObject({ code: 'analysis_input', message: expect.stringMatching(/Increase n_steps/) });
	});

	it('prices a one-step manual tree as the hand-computed discounted expectation', () => {
		// S 100, K 100, u 1.1, d 1/1.1, p 0.5, r 5 %, T 0.25: call = e^(−0.0125)·0.5·10.
		const o: OptionInputs = {
			spot: 100,
			strike: 100,
			expiry: 0.25,
			rate: 0.05,
			dividendYield: 0,
			volatility: 0.2
		};
		expect(treePrice(o, 'call', { up: 1.1, prob: 0.5, steps: 1 }, false)).toBeCloseTo(
			Math.exp(-0.0125) * 5,
			13
		);
		// Put: payoff 100 − 100/1.1 on the down branch.
		expect(treePrice(o, 'put', { up: 1.1, prob: 0.5, steps: 1 }, false)).toBeCloseTo(
			Math.exp(-0.0125) * 0.5 * (100 - 100 / 1.1),
			13
		);
	});

	it('finishes within the 60 s floor deadline with 1000 steps (about 130 trees; ~0.8 s measured)', async () => {
		const start = performance.now();
		await implementation.evaluate({ datasets: [] }, { n_steps: 1000 }, { rng: createRng(1) });
		// Generous bound: the shared 2-core test box is often busy; the measured time is ~0.8 s idle.
		expect(performance.now() - start).toBeLessThan(10_000);
	});
});
