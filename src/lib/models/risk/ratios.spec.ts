import { describe, expect, it } from 'vitest';
import {
	activeReturns,
	annualisedReturn,
	informationRatio,
	omegaRatio,
	sterlingRatio,
	yearlyDrawdowns
} from './ratios';

describe('performance ratios', () => {
	it('Omega: gains above the threshold per unit of losses below it, hand-computed', () => {
		const r = [0.02, -0.01, 0.03, -0.02, 0.01];
		// L = 0: (0.02 + 0.03 + 0.01) / (0.01 + 0.02) = 2.
		expect(omegaRatio(r, 0)).toBeCloseTo(2, 15);
		// L = 0.01: (0.01 + 0.02 + 0) / (0.02 + 0.03) = 0.6.
		expect(omegaRatio(r, 0.01)).toBeCloseTo(0.6, 15);
		// At the mean return Ω = 1 (Keating & Shadwick 2002).
		expect(omegaRatio(r, 0.006)).toBeCloseTo(1, 14);
		expect(omegaRatio([0.01, 0.02], 0)).toBeNaN();
	});

	it('Sterling: compound annual return over the mean yearly maximum drawdown, hand-computed', () => {
		// Two "years" of 4 periods. Year 1: 1 → 1.1 → 0.99 → 1.089 → 1.1979, max drawdown 0.99/1.1 − 1 = 10 %.
		// Year 2: 1 → 0.8 → 0.88 → 0.968 → 1.0648, max drawdown 20 %. Mean 15 %.
		const r = [0.1, -0.1, 0.1, 0.1, -0.2, 0.1, 0.1, 0.1];
		const years = yearlyDrawdowns(r, 4);
		expect(years.map((y) => +y.depth.toFixed(12))).toEqual([0.1, 0.2]);
		// Growth 1.1979 · 1.0648 = 1.27552392 over two years: √ − 1 = 12.9391 %.
		const s = sterlingRatio(r, 4);
		expect(s.annualReturn).toBeCloseTo(Math.sqrt(1.1979 * 1.0648) - 1, 13);
		expect(s.averageDrawdown).toBeCloseTo(0.15, 13);
		expect(s.ratio).toBeCloseTo((Math.sqrt(1.1979 * 1.0648) - 1) / 0.15, 12);
		expect(s.ratioPlus10).toBeCloseTo((Math.sqrt(1.1979 * 1.0648) - 1) / 0.25, 12);
		// An incomplete oldest block is left out: 9 returns hold the same two full years (the last 8).
		expect(yearlyDrawdowns([0.5, ...r], 4).map((y) => y.start)).toEqual([1, 5]);
		expect(annualisedReturn([0.1, 0.1], 1)).toBeCloseTo(0.1, 15);
	});

	it('Information ratio: mean active return over tracking error, hand-computed', () => {
		const subject = [0.03, 0.01, 0.02, 0.0];
		const bench = [0.01, 0.02, 0.0, 0.01];
		const a = activeReturns(subject, bench, 'arithmetic');
		expect(Array.from(a).map((x) => +x.toFixed(12))).toEqual([0.02, -0.01, 0.02, -0.01]);
		// Mean 0.005; ddof-1 variance 4 · 0.015² / 3 = 0.0003 → TE 0.017320508; IR 0.288675.
		const ir = informationRatio(a, 12);
		expect(ir.meanActive).toBeCloseTo(0.005, 15);
		expect(ir.trackingError).toBeCloseTo(Math.sqrt(0.0003), 15);
		expect(ir.ratio).toBeCloseTo(0.005 / Math.sqrt(0.0003), 13);
		expect(ir.annualisedRatio).toBeCloseTo((0.005 / Math.sqrt(0.0003)) * Math.sqrt(12), 13);
		// Geometric active return (Bacon §2.4): 1.03 / 1.01 − 1.
		expect(activeReturns([0.03], [0.01], 'geometric')[0]).toBeCloseTo(1.03 / 1.01 - 1, 15);
	});
});
