import { describe, expect, it } from 'vitest';
import {
	annualVol,
	forecastMetrics,
	positionsFor,
	regimeMetrics,
	scoreTask,
	volatilityMetrics,
	volTargetExposure
} from './task-metrics';

const f = (...v: number[]): Float64Array => Float64Array.from(v);
const settings = { mode: 'long_short' as const, sizing: 'sign' as const, costBps: 0 };

describe('forecastMetrics', () => {
	it('scales the forecast error by the naive forecast’s: MASE 1 is the random walk, 0 is perfect', () => {
		const realised = f(0.02, -0.01, 0.03);
		expect(forecastMetrics(realised, f(0, 0, 0)).mase).toBe(1);
		expect(forecastMetrics(realised, realised).mase).toBe(0);
		// |0.01−0.02| + |0−(−0.01)| + |0.03−0.03| = 0.02 against 0.06.
		expect(forecastMetrics(realised, f(0.01, 0, 0.03)).mase).toBeCloseTo(1 / 3, 12);
	});

	it('computes sMAPE on the implied prices, the naive one on a flat forecast', () => {
		const m = forecastMetrics(f(Math.log(1.1)), f(0));
		// forecast price 1, actual 1.1: 200 × 0.1 / 2.1.
		expect(m.smape).toBeCloseTo(200 * (0.1 / 2.1), 10);
		expect(m.naiveSmape).toBeCloseTo(m.smape, 12);
		expect(forecastMetrics(f(), f()).mase).toBeNaN();
	});
});

describe('volatilityMetrics', () => {
	it('scores a perfect variance forecast 0 in QLIKE and MSE, and a doubled one log 2 − ½ per row', () => {
		const realised = f(1e-4, 4e-4);
		const perfect = volatilityMetrics(realised, realised, f(2e-4, 2e-4), 0.15);
		expect(perfect.qlike).toBeCloseTo(0, 14);
		expect(perfect.mse).toBe(0);
		// ratio ½ each row: ½ − log ½ − 1 = log 2 − ½.
		const doubled = volatilityMetrics(realised, f(2e-4, 8e-4), realised, 0.15);
		expect(doubled.qlike).toBeCloseTo(Math.log(2) - 0.5, 12);
		expect(doubled.baselineQlike).toBeCloseTo(0, 14);
		expect(doubled.realisedVol).toBeCloseTo(annualVol(2.5e-4), 12);
	});

	it('targets volatility without leverage: exposure is target/forecast vol, at most 1', () => {
		// 0.3 annualised forecast vol against a 0.15 target: half invested.
		const v = 0.09 / 252;
		expect(volTargetExposure(v, 0.15)).toBeCloseTo(0.5, 12);
		expect(volTargetExposure(v / 100, 0.15)).toBe(1);
		expect(volTargetExposure(0, 0.15)).toBe(1);
		const p = positionsFor('volatility_forecast', f(v, v / 100), { ...settings, volTarget: 0.15 }, f(0, 0));
		expect([...p].map((x) => +x.toFixed(12))).toEqual([0.5, 1]);
	});
});

describe('regimeMetrics', () => {
	it('counts shares, run lengths, switches and transition frequencies of a hand-made path', () => {
		const states = f(0, 0, 1, 1, 1, 0);
		const next = f(0.01, 0.03, -0.02, 0, -0.01, 0.02);
		const m = regimeMetrics(states, next);
		expect(m.states).toBe(2);
		expect(m.switches).toBe(2);
		expect(m.perState[0]).toMatchObject({ n: 3, share: 0.5, avgDuration: 1.5 });
		expect(m.perState[0].meanReturn).toBeCloseTo(0.02, 12);
		expect(m.perState[1]).toMatchObject({ n: 3, share: 0.5, avgDuration: 3 });
		expect(m.perState[1].meanReturn).toBeCloseTo(-0.01, 12);
		// From 0: 0→0 once, 0→1 once. From 1: 1→1 twice, 1→0 once.
		expect(m.transitions[0]).toEqual([0.5, 0.5]);
		expect(m.transitions[1].map((v) => +v.toFixed(12))).toEqual([+(1 / 3).toFixed(12), +(2 / 3).toFixed(12)]);
	});

	it('refuses a state that is not a whole number ≥ 0', () => {
		expect(() => regimeMetrics(f(0, 1.5), f(0, 0))).toThrow(/state 1 is 1.5/);
	});

	it('trades the position the regime rule gave each row, and demands one per row', () => {
		const m = scoreTask('regime', f(0.01, -0.01), f(1, 0), f(0.01, -0.01), settings, f(1, 0));
		expect(m.strategy.totalReturn).toBeCloseTo(0.01, 12);
		expect(m.signal?.exposure).toBe(0.5);
		expect(m.regime?.perState).toHaveLength(2);
		expect(() => scoreTask('regime', f(0), f(0), f(0), settings, null)).toThrow(/needs one aux value/);
	});
});
