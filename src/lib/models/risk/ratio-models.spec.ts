import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import type { Bars } from '../../domain/series';
import { alignedMonthly } from '../../testing/stocks';
import type { AnalysisResult } from '../analysis';
import { implementation as information } from './information-ratio.model';
import { implementation as omega } from './omega-ratio.model';
import { implementation as sterling } from './sterling-ratio.model';

const DAY = 86_400_000;
/** Bars whose closes compound the given returns from 100, one per day. */
function fromReturns(returns: number[]): Bars {
	const c = new Float64Array(returns.length + 1);
	c[0] = 100;
	returns.forEach((r, i) => (c[i + 1] = c[i] * (1 + r)));
	return {
		t: Float64Array.from(c, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
		open: c,
		high: c,
		low: c,
		close: c,
		volume: new Float64Array(c.length)
	};
}
const one = (bars: Bars) => ({ datasets: [{ name: 'x', bars }] });
const ctx = { rng: createRng(1) };
const value = (r: AnalysisResult, key: string) => r.numbers.find((n) => n.key === key)!.value;

describe('omega_ratio', () => {
	it('gives the hand-computed Ω from the closes’ returns', async () => {
		// Four copies of (2 %, −1 %, 3 %, −2 %, 1 %): Ω(0) = 0.06 / 0.03 = 2, Ω(1 %) = 0.03 / 0.05 = 0.6.
		const r = Array.from({ length: 4 }, () => [0.02, -0.01, 0.03, -0.02, 0.01]).flat();
		expect(
			value(await omega.evaluate(one(fromReturns(r)), { threshold: 0 }, ctx), 'omega_ratio')
		).toBeCloseTo(2, 12);
		expect(
			value(await omega.evaluate(one(fromReturns(r)), { threshold: 0.01 }, ctx), 'omega_ratio')
		).toBeCloseTo(0.6, 12);
	});
});

describe('sterling_ratio', () => {
	it('gives the hand-computed ratio over full years of `periods` bars', async () => {
		// 100 periods per year, two years: year 1 one −10 % bar after a +10 % one, the rest flat; year 2 one −20 %.
		const y1 = [0.1, -0.1, ...Array(98).fill(0)];
		const y2 = [-0.2, 0.25, ...Array(98).fill(0)];
		const r = await sterling.evaluate(one(fromReturns([...y1, ...y2])), { periods: 100 }, ctx);
		// Growth 1.1 · 0.9 · 0.8 · 1.25 = 0.99 over two years: √0.99 − 1; drawdowns 10 % and 20 %.
		const cagr = Math.sqrt(0.99) - 1;
		expect(value(r, 'annual_return')).toBeCloseTo(cagr, 12);
		expect(value(r, 'average_yearly_drawdown')).toBeCloseTo(0.15, 12);
		expect(value(r, 'sterling_ratio')).toBeCloseTo(cagr / 0.15, 11);
		expect(value(r, 'sterling_ratio_plus_10')).toBeCloseTo(cagr / 0.25, 11);
		expect(r.tables[0].rows).toHaveLength(2);
	});
});

describe('information_ratio', () => {
	it('gives the hand-computed ratio, annualised by the bars per year the dates imply', async () => {
		// Daily dates → 252 bars per year. Active returns alternate +2 %, −1 %: mean 0.5 %, TE over 20 bars
		// √(20 · 0.015² / 19).
		const bench = Array.from({ length: 20 }, (_, i) => (i % 3) * 0.01);
		const subj = bench.map((b, i) => b + (i % 2 ? -0.01 : 0.02));
		const r = await information.evaluate(
			{
				datasets: [
					{ name: 's', bars: fromReturns(subj) },
					{ name: 'b', bars: fromReturns(bench) }
				]
			},
			{ active_return: 'arithmetic' },
			ctx
		);
		const te = Math.sqrt((20 * 0.015 ** 2) / 19);
		expect(value(r, 'periods_per_year')).toBe(252);
		expect(value(r, 'information_ratio_per_period')).toBeCloseTo(0.005 / te, 10);
		expect(value(r, 'information_ratio')).toBeCloseTo((0.005 / te) * Math.sqrt(252), 9);
	});

	it('reads monthly AAPL against the S&P 500 as 12 bars per year', async () => {
		const [aapl, sp] = alignedMonthly(['AAPL', 'SP500']);
		const r = await information.evaluate(
			{
				datasets: [
					{ name: 'AAPL', bars: aapl },
					{ name: 'S&P 500', bars: sp }
				]
			},
			{},
			ctx
		);
		expect(value(r, 'periods_per_year')).toBe(12);
		// AAPL beat the index by far over 2000–2010: a positive IR.
		expect(value(r, 'information_ratio')).toBeGreaterThan(0);
	});
});
