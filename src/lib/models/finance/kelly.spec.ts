import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { growth, kelly, simpleReturns } from './kelly';
import { implementation } from './kelly-criterion-bayesian.model';
import { normQuantile } from './math';

const num = (r: { numbers: readonly { key: string; value: number }[] }, key: string): number =>
	r.numbers.find((n) => n.key === key)!.value;

/** n returns alternating μ + d and μ − d: mean μ, sample variance d²·n/(n − 1). */
const alternating = (n: number, mu: number, d: number) =>
	Float64Array.from({ length: n }, (_, i) => mu + (i % 2 === 0 ? d : -d));

describe('kelly', () => {
	it('gives the hand-computed fractions for 100 returns of ±2 % around a 1 % mean', () => {
		// μ̂ = 0.01, s² = 0.0004·100/99, se = s/10, z(0.95) = 1.6449.
		const k = kelly(alternating(100, 0.01, 0.02), 0.95, 0.5);
		const s2 = (0.0004 * 100) / 99;
		const se = Math.sqrt(s2) / 10;
		expect(k.mean).toBeCloseTo(0.01, 15);
		expect(k.naive).toBeCloseTo(0.01 / s2, 10);
		expect(k.bayesian).toBeCloseTo(0.01 / (s2 + se * se), 10);
		expect(k.edgeBound).toBeCloseTo(0.01 - 1.6448536269514722 * se, 12);
		expect(k.conservative).toBeCloseTo((0.01 - 1.6448536269514722 * se) / s2, 10);
		// 24.6 of capital by the bound: capped at 0.5.
		expect(k.position).toBe(0.5);
		expect(k.capped).toBe(true);
	});

	it('returns a zero position when the credible bound of the mean crosses zero', () => {
		// μ̂ = 0.001, se = 0.02/√40 ≈ 0.0032: the 90 % bound is negative.
		const k = kelly(alternating(40, 0.001, 0.02), 0.9, 0.25);
		expect(k.naive).toBeGreaterThan(0);
		expect(k.edgeBound).toBeLessThan(0);
		expect(k.conservative).toBe(0);
		expect(k.position).toBe(0);
	});

	it('goes short, symmetrically, when the mean is reliably negative', () => {
		const long = kelly(alternating(400, 0.004, 0.01), 0.95, 0.25);
		const short = kelly(alternating(400, -0.004, 0.01), 0.95, 0.25);
		expect(short.conservative).toBeCloseTo(-long.conservative, 12);
		expect(short.position).toBe(-0.25);
	});

	it('honours the confidence level: a higher level gives a smaller conservative fraction', () => {
		const r = alternating(200, 0.003, 0.01);
		expect(kelly(r, 0.99, 0.5).conservative).toBeLessThan(kelly(r, 0.8, 0.5).conservative);
		expect(kelly(r, 0.8, 0.5).edgeBound).toBeCloseTo(
			0.003 - normQuantile(0.8) * kelly(r, 0.8, 0.5).standardError,
			15
		);
	});

	it('maximises the growth approximation at μ/σ²', () => {
		const [mu, v] = [0.001, 0.0001];
		expect(growth(mu / v, mu, v)).toBeGreaterThan(growth(mu / v + 0.5, mu, v));
		expect(growth(mu / v, mu, v)).toBeGreaterThan(growth(mu / v - 0.5, mu, v));
		expect(growth(mu / v, mu, v)).toBeCloseTo((mu * mu) / (2 * v), 15);
	});

	it('refuses constant returns and too few prices with coded errors', () => {
		expect(() => kelly(new Float64Array(30).fill(0.01), 0.95, 0.25)).toThrow(/do not vary/);
		expect(() => simpleReturns(Float64Array.from([1, 2, 3]))).toThrow(
			expect.objectContaining({ code: 'analysis_input' })
		);
	});
});

describe('the kelly_criterion_bayesian entry', () => {
	it('on the real S&P 500 2000–2010 finds no established edge at 95 % and holds nothing', async () => {
		const r = await implementation.evaluate(
			{ datasets: [{ name: 'S&P 500', bars: sp500Bars() }] },
			{},
			{ rng: createRng(1) }
		);
		// The index fell over the decade; its mean daily return is within one standard error of 0.
		expect(Math.abs(num(r, 'mean_return'))).toBeLessThan(2 * num(r, 'mean_standard_error'));
		expect(num(r, 'position')).toBe(0);
		expect(r.notes.join(' ')).toMatch(/not established at 95 %/);
		expect(Math.abs(num(r, 'bayesian_kelly'))).toBeLessThan(Math.abs(num(r, 'naive_kelly')));
	});
});
