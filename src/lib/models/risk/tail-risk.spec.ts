import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import { simpleReturnsOver } from './bars-input';
import fixture from './risk.fixture.json';
import {
	cornishFisherTail,
	gaussianTail,
	historicalTail,
	lognormalVar,
	monteCarloTail,
	lognormalTail,
	rollingTail,
	tailRisk
} from './tail-risk';

const daily = simpleReturnsOver(sp500Bars().close, 1);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('value at risk and expected shortfall', () => {
	it('equal hand-computed values on a ten-return sample', () => {
		// Returns −5 … 4 %: sorted, the 10 % quantile sits at position 0.9 between −5 % and −4 % → −4.1 %;
		// only −5 % lies at or below it, so ES = 5 %.
		const r = [-0.05, -0.04, -0.03, -0.02, -0.01, 0, 0.01, 0.02, 0.03, 0.04];
		const hist = historicalTail(r, 0.9);
		expect(hist.valueAtRisk).toBeCloseTo(0.041, 14);
		expect(hist.expectedShortfall).toBeCloseTo(0.05, 14);
		// Hull (RMFI, 4th ed., Example 12.x style): μ = 0, σ = 2 %, 99 %: VaR = 2.326·2 % = 4.653 %, over 10 days
		// ×√10 = 14.71 %; ES = σ·φ(2.326)/0.01 = 2 %·2.665 = 5.330 %.
		const g = gaussianTail(0, 0.02, 0.99, 1);
		expect(g.valueAtRisk).toBeCloseTo(0.02 * 2.3263478740408408, 14);
		expect(g.expectedShortfall).toBeCloseTo(0.0533, 4);
		expect(gaussianTail(0, 0.02, 0.99, 10).valueAtRisk).toBeCloseTo(
			0.02 * 2.3263478740408408 * Math.sqrt(10),
			13
		);
		// With no skew or excess kurtosis Cornish–Fisher is the Gaussian.
		const cf = cornishFisherTail(0.001, 0.02, 0, 0, 0.95, 5);
		const gauss = gaussianTail(0.001, 0.02, 0.95, 5);
		expect(cf.valueAtRisk).toBeCloseTo(gauss.valueAtRisk, 15);
		expect(cf.expectedShortfall).toBeCloseTo(gauss.expectedShortfall, 15);
	});

	it.each(fixture.var.map((c) => [c.confidence, c.holding_period, c] as const))(
		'equal NumPy/SciPy on the real S&P 500 daily returns at confidence %s over %s bars (1e-10 relative)',
		(confidence, h, ref) => {
			const rng = createRng(1);
			for (const method of ['historical', 'parametric', 'cornish_fisher'] as const) {
				const ours = tailRisk(method, daily, confidence, h, rng);
				expect(rel(ours.valueAtRisk, ref[method].var), `${method} VaR`).toBeLessThan(1e-10);
				// The Cornish–Fisher ES is SciPy's quad of the quantile function against our closed form.
				expect(rel(ours.expectedShortfall, ref[method].es), `${method} ES`).toBeLessThan(1e-9);
			}
			const m = tailRisk('monte_carlo', daily, confidence, h, rng);
			expect(rel(lognormalVar(...logMoments(), confidence, h), ref.lognormal_var)).toBeLessThan(1e-10);
			// 100,000 draws: the simulated quantile's standard error is well under 2 % of the VaR here.
			expect(rel(m.valueAtRisk, ref.lognormal_var)).toBeLessThan(0.02);
			// The closed-form lognormal ES against SciPy's quad of the partial expectation.
			expect(
				rel(lognormalTail(...logMoments(), confidence, h).expectedShortfall, ref.lognormal_es)
			).toBeLessThan(1e-9);
			expect(rel(m.expectedShortfall, ref.lognormal_es)).toBeLessThan(0.02);
		}
	);

	it('simulates the same outcomes for the same seed, and converges to the closed form', () => {
		const a = monteCarloTail(0, 0.01, 0.95, 1, createRng(3));
		const b = monteCarloTail(0, 0.01, 0.95, 1, createRng(3));
		expect(a).toEqual(b);
		expect(rel(a.valueAtRisk, lognormalVar(0, 0.01, 0.95))).toBeLessThan(0.01);
	});

	it('backtests one day ahead from the window before each day only', () => {
		const w = 250;
		const rolling = rollingTail('historical', daily, 0.95, w).valueAtRisk;
		expect(rolling[w - 1]).toBeNaN();
		expect(rolling[w]).toBe(historicalTail(daily.subarray(0, w), 0.95).valueAtRisk);
		const changed = daily.slice();
		changed[w] = -0.5;
		expect(rollingTail('historical', changed, 0.95, w).valueAtRisk[w]).toBe(rolling[w]);
	});
});

function logMoments(): [number, number] {
	const l = Array.from(daily, (r) => Math.log1p(r));
	const m = l.reduce((a, b) => a + b, 0) / l.length;
	const v = l.reduce((a, b) => a + (b - m) ** 2, 0) / (l.length - 1);
	return [m, Math.sqrt(v)];
}
