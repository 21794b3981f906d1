import { describe, expect, it } from 'vitest';
import { aggregateFolds, type StitchedSeries } from '../domain/aggregate';
import type { StrategySettings } from '../domain/task-metrics';
import { equalWeightPortfolio, sharpeSpread, universeMetrics } from './universe-metrics';

const DAY = 86_400_000;
/** New York midnight of 2020-01-02 … (05:00 UTC), as Polygon stamps daily bars. */
const d = (i: number) => Date.UTC(2020, 0, 2, 5) + i * DAY;
const f64 = (xs: number[]) => Float64Array.from(xs);
const LONG_SHORT: StrategySettings = { mode: 'long_short', costBps: 0, sizing: 'sign' };

function series(t: number[], predicted: number[], nextReturn: number[]): StitchedSeries {
	// The realised target is the row's forward return itself: enough for hand-checked pooled numbers.
	return {
		t: f64(t),
		predicted: f64(predicted),
		realised: f64(nextReturn),
		nextReturn: f64(nextReturn),
		aux: null
	};
}

/*
 * Worked example (computed by hand; tolerance 1e-12).
 * A trades days 0, 1, 2: positions sign(1, −1, 1) on returns (0.01, 0.02, −0.01) → net (0.01, −0.02, −0.01).
 * B trades days 1, 2, 3: positions (1, 1, 1) on returns (0.03, −0.01, 0.02) → net (0.03, −0.01, 0.02).
 * Equal weight by day: day 0 A alone 0.01; day 1 (−0.02 + 0.03)/2 = 0.005; day 2 (−0.01 − 0.01)/2 = −0.01;
 * day 3 B alone 0.02. Mean 0.00625, deviations (0.00375, −0.00125, −0.01625, 0.01375), sum of squares
 * 0.00046875, sample sd √(0.00046875/3) = 0.0125, so Sharpe = 0.5·√252. Total 1.01·1.005·0.99·1.02 − 1 =
 * 0.02499749; max drawdown −1 % (day 2's −0.01 from the peak after day 1).
 * Sharpe of A: net in units of 1/300 is (3, −6, −3): mean −2, sd √21 → −2/√21·√252 = −4√3.
 * Sharpe of B: net in units of 1/100 is (3, −1, 2): mean 4/3, sd √(13/3) → (4/3)·√(3/13)·√252.
 * Pooled regression over the 6 rows: predictions (1, −1, 1, 1, 1, 1) against (0.01, 0.02, −0.01, 0.03, −0.01,
 * 0.02): 3 of 6 signs agree (hit rate 0.5); absolute errors (0.99, 1.02, 1.01, 0.97, 1.01, 0.98), MAE 5.98/6.
 */
const A = series([d(0), d(1), d(2)], [1, -1, 1], [0.01, 0.02, -0.01]);
const B = series([d(1), d(2), d(3)], [1, 1, 1], [0.03, -0.01, 0.02]);
const SHARPE_A = -4 * Math.sqrt(3);
const SHARPE_B = (4 / 3) * Math.sqrt(3 / 13) * Math.sqrt(252);

describe('metrics of a spec run across a universe', () => {
	const m = universeMetrics('regression', LONG_SHORT, [
		{ symbol: 'AAA', series: A },
		{ symbol: 'BBB', series: B }
	]);

	it('scores each symbol on its own rows, as its sub-trial summary does', () => {
		expect(m.perSymbol.map((s) => [s.symbol, s.rows])).toEqual([
			['AAA', 3],
			['BBB', 3]
		]);
		expect(m.perSymbol[0].metrics.strategy.sharpe).toBeCloseTo(SHARPE_A, 12);
		expect(m.perSymbol[1].metrics.strategy.sharpe).toBeCloseTo(SHARPE_B, 12);
		const summary = aggregateFolds([{ fold: 0, row: f64([0, 1, 2]), ...A }], 'regression', LONG_SHORT);
		expect(m.perSymbol[0].metrics.strategy).toEqual(summary.strategy);
		expect(m.perSymbol[0].metrics.direction).toEqual(summary.direction);
	});

	it('builds the equal-weight portfolio by day over the symbols trading that day', () => {
		expect(m.portfolio.days).toEqual(['2020-01-02', '2020-01-03', '2020-01-04', '2020-01-05']);
		expect(Array.from(m.portfolio.symbols)).toEqual([1, 2, 2, 1]);
		const expected = [0.01, 0.005, -0.01, 0.02];
		Array.from(m.portfolio.returns).forEach((r, i) => expect(r).toBeCloseTo(expected[i], 12));
		expect(m.portfolio.performance.sharpe).toBeCloseTo(0.5 * Math.sqrt(252), 12);
		expect(m.portfolio.performance.totalReturn).toBeCloseTo(0.02499749, 12);
		expect(m.portfolio.performance.maxDrawdown).toBeCloseTo(-0.01, 12);
	});

	it('pools the prediction metrics over all rows concatenated', () => {
		expect(m.pooled?.rows).toBe(6);
		expect(m.pooled?.direction.hitRate).toBeCloseTo(0.5, 12);
		expect(m.pooled?.regression?.mae).toBeCloseTo(5.98 / 6, 12);
		expect(m.pooled?.regression?.n).toBe(6);
		expect(m.pooled).not.toHaveProperty('strategy');
	});

	it('reports the mean and sample spread of the per-symbol Sharpe ratios', () => {
		expect(m.sharpe.n).toBe(2);
		expect(m.sharpe.mean).toBeCloseTo((SHARPE_A + SHARPE_B) / 2, 12);
		// Two values: the sample sd is |a − b|/√2.
		expect(m.sharpe.sd).toBeCloseTo(Math.abs(SHARPE_A - SHARPE_B) / Math.SQRT2, 12);
		expect([m.sharpe.min, m.sharpe.max]).toEqual([SHARPE_A, SHARPE_B].map((x) => expect.closeTo(x, 12)));
	});

	it('has no pooled task block for a signal, whose calls are positions, but still a portfolio', () => {
		const s = universeMetrics('signal', LONG_SHORT, [
			{ symbol: 'AAA', series: A },
			{ symbol: 'BBB', series: B }
		]);
		expect(s.pooled).toBeNull();
		expect(s.portfolio.performance.sharpe).toBeCloseTo(0.5 * Math.sqrt(252), 12);
	});

	it('charges costs per symbol as its own trial does', () => {
		// 10 bps on B's entry (turnover 1 on its first row): day 1's B return is 0.03 − 0.001.
		const p = universeMetrics('regression', { ...LONG_SHORT, costBps: 10 }, [{ symbol: 'BBB', series: B }]);
		expect(p.portfolio.returns[0]).toBeCloseTo(0.029, 12);
	});

	it('refuses a symbol given twice, and a net series of the wrong length', () => {
		expect(() =>
			universeMetrics('regression', LONG_SHORT, [
				{ symbol: 'AAA', series: A },
				{ symbol: 'AAA', series: B }
			])
		).toThrow(/symbol AAA appears twice/);
		expect(() => equalWeightPortfolio([{ t: f64([d(0)]), net: f64([]) }])).toThrow(RangeError);
	});

	it('leaves the spread undefined below two finite Sharpe ratios', () => {
		expect(sharpeSpread([1.5, Number.NaN])).toEqual({ n: 1, mean: 1.5, sd: Number.NaN, min: 1.5, max: 1.5 });
		expect(sharpeSpread([]).n).toBe(0);
	});
});
