import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sliceBars, type Bars } from '../../domain/series';
import { alignedMonthly } from '../../testing/stocks';
import { AnalysisInputError, type AnalysisData, type AnalysisResult } from '../analysis';
import type { ErasedAnalysis, Implementation } from '../seam';
import { assetReturns, backtest, windowAt } from './backtest';
import { implementation as riskParityImpl } from './dynamic-risk-parity-model.model';
import { ledoitWolf } from './ledoit-wolf';
import { implementation as markowitzImpl } from './markowitz-mean-variance-optimizer.model';
import { implementation as maxSharpeImpl } from './maximum-sharpe-ratio-optimizer.model';
import { maxSharpe, meanVariance, riskParity, uniformBounds } from './optimisers';
import { autoLookback, autoRebalance, MAX_WEIGHT_ROWS, ratePerBar } from './portfolio-analysis';
import { bestExcess, maxSharpeRule, meanVarianceRule, newLog, riskParityRule } from './rules';

const SYMBOLS = ['MSFT', 'AMZN', 'IBM', 'AAPL'] as const;
/** The real monthly panel (123 rows, Jan 2000 – Mar 2010), optionally from row `from` on. */
const monthly = (from = 0): AnalysisData => {
	const bars = alignedMonthly([...SYMBOLS]);
	return {
		datasets: bars.map((b, i) => ({ name: SYMBOLS[i], bars: sliceBars(b, from, b.t.length) }))
	};
};
const ctx = () => ({ rng: createRng(1) });

function analysis(impl: Implementation): ErasedAnalysis {
	if (impl.kind !== 'analysis') throw new Error(`${impl.id} is not an analysis`);
	return impl;
}
const IMPLS = [markowitzImpl, maxSharpeImpl, riskParityImpl].map(analysis);
/** The entries with weight_bounds. */
const BOUNDED = IMPLS.filter((i) => i.id !== 'dynamic_risk_parity_model');

/** Each entry's params with lookback 36 and a quarterly rebalance (risk parity names them its own way). */
function params(impl: ErasedAnalysis, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return impl.id === 'dynamic_risk_parity_model'
		? { volatility_lookback: 36, rebalance_frequency: 3, ...extra }
		: { lookback: 36, rebalance_every: 3, ...extra };
}

const num = (r: AnalysisResult, key: string) => r.numbers.find((n) => n.key === key)!.value;
const weightsTable = (r: AnalysisResult) => r.tables.find((t) => t.title.includes('weights at each'))!;

describe('the portfolio backtest entries', () => {
	it('rebalance about monthly when the interval is left empty: every bar of monthly data, every 21 of daily', async () => {
		for (const impl of BOUNDED) {
			const r = await impl.evaluate(monthly(), { lookback: 36, rebalance_every: null }, ctx());
			// 123 rows, first rebalance at row 36, then every bar up to row 121: 86 rebalances.
			expect(num(r, 'rebalances'), impl.id).toBe(86);
			expect(r.notes.join(' ')).toMatch(
				/Rebalance interval chosen automatically: about a month of bars, here every 1\./
			);
		}
		expect(autoRebalance(252)).toBe(21);
		expect(autoRebalance(52)).toBe(4);
		expect(autoRebalance(12)).toBe(1);
		expect(autoRebalance(4)).toBe(1);
	});

	it.each(IMPLS.map((i) => [i.id, i] as const))(
		'%s completes on the real monthly MSFT/AMZN/IBM/AAPL panel (lookback 36, rebalance 3) with finite figures',
		async (_id, impl) => {
			const r = await impl.evaluate(monthly(), params(impl), ctx());
			for (const prefix of ['portfolio', 'equal_weight'])
				for (const what of [
					'annual_return',
					'volatility',
					'sharpe',
					'max_drawdown',
					'turnover_per_year',
					'total_costs'
				])
					expect(Number.isFinite(num(r, `${prefix}_${what}`)), `${prefix}_${what}`).toBe(true);
			// 123 rows, first rebalance at row 36, then every 3 bars up to row 121: 29 rebalances.
			expect(num(r, 'rebalances')).toBe(29);
			expect(weightsTable(r).rows).toHaveLength(29);
			expect(weightsTable(r).rows[0][0]).toBe('2003-01-01');
			expect(r.charts[0].x).toHaveLength(123 - 36);
			expect(r.tables[0].rows.map((row) => row[0])).toEqual([...SYMBOLS]);
		}
	);

	it.each(IMPLS.map((i) => [i.id, i] as const))(
		'%s gives weights within the bounds and summing to 1 at every rebalance',
		async (_id, impl) => {
			const bounded = impl.id !== 'dynamic_risk_parity_model';
			const r = await impl.evaluate(
				monthly(),
				params(impl, bounded ? { weight_bounds: [0.1, 0.4] } : {}),
				ctx()
			);
			const [lo, hi] = bounded ? [0.1, 0.4] : [0, 1];
			for (const row of weightsTable(r).rows) {
				const w = row.slice(1, 1 + SYMBOLS.length) as number[];
				expect(w.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
				for (const v of w) {
					expect(v).toBeGreaterThanOrEqual(lo - 1e-12);
					expect(v).toBeLessThanOrEqual(hi + 1e-12);
				}
			}
		}
	);

	it.each(IMPLS.map((i) => [i.id, i] as const))(
		'%s gives equal weights when every asset is the same series',
		async (_id, impl) => {
			const bars = alignedMonthly(['MSFT']);
			const same: AnalysisData = {
				datasets: ['A', 'B', 'C'].map((name) => ({ name, bars: bars[0] }))
			};
			const r = await impl.evaluate(same, params(impl), ctx());
			for (const row of weightsTable(r).rows)
				for (const v of row.slice(1, 4) as number[]) expect(v).toBeCloseTo(1 / 3, 9);
		}
	);

	it('agrees at the first rebalance with the optimisers called directly on the window computed from the closes', async () => {
		// From July 2002, so that the first window (to July 2005) has assets beating the risk-free rate and the
		// tangency portfolio exists. The window of the first rebalance: the 36 returns of closes 0 … 36.
		const data = monthly(30);
		const n = SYMBOLS.length;
		const X = new Float64Array(36 * n);
		const mu = new Float64Array(n);
		data.datasets.forEach((d, i) => {
			const c = d.bars.close;
			for (let t = 1; t <= 36; t++) {
				X[(t - 1) * n + i] = c[t] / c[t - 1] - 1;
				mu[i] += X[(t - 1) * n + i] / 36;
			}
		});
		const cov = ledoitWolf(X, 36, n).covariance;
		const bounds = uniformBounds(n, 0.05, 0.6);
		const expected: Record<string, Float64Array> = {
			markowitz_mean_variance_optimizer: meanVariance(mu, cov, 2, bounds),
			maximum_sharpe_ratio_optimizer: maxSharpe(mu, cov, ratePerBar(0.03, 12), bounds),
			dynamic_risk_parity_model: riskParity(cov)
		};
		const extra: Record<string, Record<string, unknown>> = {
			markowitz_mean_variance_optimizer: { risk_aversion: 2, weight_bounds: [0.05, 0.6] },
			maximum_sharpe_ratio_optimizer: { risk_free_rate: 0.03, weight_bounds: [0.05, 0.6] },
			dynamic_risk_parity_model: {}
		};
		for (const impl of IMPLS) {
			const r = await impl.evaluate(data, params(impl, extra[impl.id]), ctx());
			const first = weightsTable(r).rows[0].slice(1, 1 + n) as number[];
			first.forEach((v, i) => expect(v, `${impl.id} asset ${i}`).toBeCloseTo(expected[impl.id][i], 12));
		}
	});

	it('refuses data shorter than lookback + 2 rows, saying how many it needs', async () => {
		const cut: AnalysisData = {
			datasets: monthly().datasets.map((d) => ({ ...d, bars: sliceBars(d.bars, 0, 37) }))
		};
		for (const impl of IMPLS) {
			const run = impl.evaluate(cut, params(impl), ctx());
			await expect(run).rejects.toBeInstanceOf(AnalysisInputError);
			await expect(impl.evaluate(cut, params(impl), ctx())).rejects.toThrow(/at least 38 aligned rows/);
		}
	});

	it.each(BOUNDED.map((i) => [i.id, i] as const))(
		'%s refuses weight bounds upside down or too tight for the assets, naming weight_bounds',
		async (id, impl) => {
			await expect(
				impl.evaluate(monthly(), params(impl, { weight_bounds: [0.6, 0.2] }), ctx())
			).rejects.toThrow(
				new RegExp(`${id}\\.weight_bounds: the lower bound 0.6 is above the upper bound 0.2`)
			);
			await expect(
				impl.evaluate(monthly(), params(impl, { weight_bounds: [0, 0.2] }), ctx())
			).rejects.toThrow(new RegExp(`${id}\\.weight_bounds \\[0, 0\\.2\\] cannot hold 4 assets`));
		}
	);

	it.each(IMPLS.map((i) => [i.id, i] as const))(
		'%s caps the weights table at 60 rows and says so in a note',
		async (_id, impl) => {
			const r = await impl.evaluate(
				monthly(),
				impl.id === 'dynamic_risk_parity_model'
					? { volatility_lookback: 20, rebalance_frequency: 1 }
					: { lookback: 20, rebalance_every: 1 },
				ctx()
			);
			expect(num(r, 'rebalances')).toBe(123 - 20 - 1);
			expect(weightsTable(r).rows).toHaveLength(MAX_WEIGHT_ROWS);
			expect(r.notes.some((s) => s.includes(`${MAX_WEIGHT_ROWS} of ${123 - 21} rebalances`))).toBe(true);
			expect(r.charts[1].lines).toHaveLength(SYMBOLS.length);
		}
	);
	it('reports progress as rebalances complete and stops with a coded error when cancelled', async () => {
		const impl = IMPLS[0];
		const seen: number[] = [];
		await impl.evaluate(monthly(), params(impl), { rng: createRng(1), onProgress: (f) => seen.push(f) });
		expect(seen.length).toBe(29);
		expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f > seen[i - 1]))).toBe(true);
		let calls = 0;
		await expect(
			impl.evaluate(monthly(), params(impl), { rng: createRng(1), isCancelled: () => ++calls > 3 })
		).rejects.toMatchObject({ code: 'fit_cancelled' });
	});
});

describe('the weight rules', () => {
	it('max Sharpe holds the minimum-variance portfolio when no portfolio in the bounds beats the risk-free rate', () => {
		// Three assets that only fall: every window mean is negative, below rf = 0.
		const rng = createRng(5);
		const closes = [0, 1, 2].map((i) => {
			const c = new Float64Array(60);
			c[0] = 100;
			for (let t = 1; t < 60; t++) c[t] = c[t - 1] * (1 - 0.01 - 0.005 * i - 0.002 * rng.next());
			return c;
		});
		const returns = assetReturns(closes);
		const bounds = uniformBounds(3);
		const log = newLog();
		const b = backtest(returns, maxSharpeRule(0, bounds, log), {
			lookback: 20,
			rebalanceEvery: 10,
			costBps: 0
		});
		expect(log.fallbacks).toBe(b.rebalanceBars.length);
		const cov = ledoitWolf(windowAt(returns, 20, 20), 20, 3).covariance;
		const minVar = meanVariance(new Float64Array(3), cov, 1, bounds);
		b.targets[0].forEach((v, i) => expect(v).toBeCloseTo(minVar[i], 12));
	});

	it('finds the best excess return within the bounds by filling the best assets first', () => {
		// Bounds [0.1, 0.5] on three assets: 0.1 each, leaving 0.7; 0.4 more to the best (0.03), the last 0.3 to
		// the next (0.01): 0.1 · (0.01 + 0.03 − 0.02) + 0.4 · 0.03 + 0.3 · 0.01 = 0.017.
		const best = bestExcess(Float64Array.from([0.01, 0.03, -0.02]), uniformBounds(3, 0.1, 0.5));
		expect(best).toBeCloseTo(0.017, 15);
	});

	it('mean–variance and risk parity log one shrinkage intensity in [0, 1] per rebalance', () => {
		const returns = assetReturns(monthly().datasets.map((d: { bars: Bars }) => d.bars.close));
		for (const make of [
			(l: ReturnType<typeof newLog>) => meanVarianceRule(1, uniformBounds(4), l),
			riskParityRule
		]) {
			const log = newLog();
			const b = backtest(returns, make(log), { lookback: 36, rebalanceEvery: 12, costBps: 5 });
			expect(log.shrinkage).toHaveLength(b.rebalanceBars.length);
			for (const s of log.shrinkage) expect(s >= 0 && s <= 1).toBe(true);
		}
	});

	it('converts an annual rate to bars geometrically and picks an automatic lookback that fits the frequency', () => {
		expect(ratePerBar(0.02, 12)).toBeCloseTo(1.02 ** (1 / 12) - 1, 15);
		expect((1 + ratePerBar(0.05, 252)) ** 252).toBeCloseTo(1.05, 12);
		expect([252, 52, 12, 4].map(autoLookback)).toEqual([252, 156, 36, 36]);
	});
});
