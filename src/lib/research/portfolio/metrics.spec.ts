import { describe, expect, it } from 'vitest';
import { markToMarket, openPosition } from './ledger';
import {
	dailyReturns,
	portfolioMetrics,
	tradeBreakdown,
	tradeStats,
	type CurvePoint,
	type TradeStats
} from './metrics';
import fixture from './portfolio-metrics.fixture.json';
import { horizonSchema } from './settings';
import { createPortfolio } from './state';

/** Relative closeness; the fixture's numbers come from NumPy / pandas reductions summed in another order. */
function close(actual: number, expected: number | null, tol = 1e-12): void {
	if (expected === null) throw new Error('expected a number');
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

function closeStats(actual: TradeStats, expected: Record<string, number>): void {
	for (const [k, v] of Object.entries(expected)) close(actual[k as keyof TradeStats], v);
}

const curve = (equity: number[], held?: number[]): CurvePoint[] =>
	equity.map((e, i) => ({ date: `2024-01-${String(i + 2).padStart(2, '0')}`, equity: e, held: held?.[i] }));

describe('portfolio metrics by hand', () => {
	// Equity 100 → 110 → 99 → 110 → 121: returns 0.1, −0.1, 1/9, 0.1. Tolerance 1e-12.
	const m = portfolioMetrics(curve([100, 110, 99, 110, 121], [0, 1, 0, 2, 0]), [], [400, 400, 440, 440, 420]);
	const r = [0.1, -0.1, 1 / 9, 0.1];
	const mean = r.reduce((s, x) => s + x, 0) / 4;

	it('total and geometric annual return over 252 days', () => {
		close(m.totalReturn, 0.21);
		close(m.annualReturn, 1.21 ** (252 / 4) - 1);
		expect(m.days).toBe(4);
	});

	it('Sortino divides by the root mean square of min(r, 0) over ALL days (empyrical), not only the losing ones', () => {
		// sqrt(0.1² / 4) = 0.05; over the losing day alone it would be 0.1 and the ratio half as large.
		close(m.sortino, (mean / 0.05) * Math.sqrt(252));
	});

	it('Sharpe is the mean over the sample standard deviation of DAILY returns, times √252', () => {
		const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
		close(m.sharpe, (mean / sd) * Math.sqrt(252));
	});

	it('max drawdown with the last day at the peak, the trough and the first day back at the peak', () => {
		close(m.maxDrawdown, -0.1);
		expect([m.maxDrawdownPeak, m.maxDrawdownTrough, m.maxDrawdownRecovery]).toEqual([
			'2024-01-03',
			'2024-01-04',
			'2024-01-05'
		]);
	});

	it('exposure is the share of measured days with a position held', () => {
		close(m.exposure, 0.5);
	});

	it('compares with a benchmark over the same dates', () => {
		close(m.benchmark?.totalReturn ?? Number.NaN, 0.05);
		close(m.benchmark?.excessReturn ?? Number.NaN, 0.16);
	});

	it('a curve that never fell has a zero drawdown and no drawdown dates', () => {
		const up = portfolioMetrics(curve([100, 101, 102]), []);
		expect([up.maxDrawdown, up.maxDrawdownPeak, up.exposure]).toEqual([0, null, Number.NaN]);
	});

	it('refuses an unordered curve, a non-positive value or a benchmark of another length, naming it', () => {
		expect(() => portfolioMetrics([...curve([100, 101]).reverse()], [])).toThrow(/curve\[1\]\.date/);
		expect(() => portfolioMetrics(curve([100, 0]), [])).toThrow(/equity\[1\]/);
		expect(() => portfolioMetrics(curve([100, 101]), [], [1])).toThrow(/benchmark/);
		expect(() => dailyReturns([1, Number.NaN])).toThrow(/equity\[1\]/);
	});
});

describe('trade statistics by hand', () => {
	const trades = [
		{ pnl: 100, tradeReturn: 0.02, horizon: 'short' as const, modelId: 'a' },
		{ pnl: -50, tradeReturn: -0.01, horizon: 'long' as const, modelId: 'a' },
		{ pnl: 0, tradeReturn: 0, horizon: 'short' as const, modelId: 'b' },
		{ pnl: 200, tradeReturn: 0.04, horizon: 'short' as const, modelId: 'b' },
		{ pnl: -150, tradeReturn: -0.03, horizon: 'long' as const, modelId: 'b' }
	];

	it('win rate counts pnl > 0 over all trades; a break-even trade is neither a win nor a loss', () => {
		const s = tradeStats(trades);
		expect([s.trades, s.wins, s.losses, s.winRate]).toEqual([5, 2, 2, 0.4]);
		close(s.avgWin, 0.03);
		close(s.avgLoss, -0.02);
		close(s.profitFactor, 1.5);
		expect([s.best, s.worst, s.totalPnl]).toEqual([0.04, -0.03, 100]);
	});

	it('breaks down per model and per horizon', () => {
		expect(Object.keys(tradeBreakdown(trades, 'modelId'))).toEqual(['a', 'b']);
		expect(tradeBreakdown(trades, 'modelId').b.trades).toBe(3);
		const m = portfolioMetrics(curve([1, 1]), trades);
		expect([m.byHorizon.short.trades, m.byHorizon.long.winRate]).toEqual([3, 0]);
		expect(tradeStats([]).winRate).toBeNaN();
	});
});

describe('against the NumPy / pandas reference (bench/make-portfolio-metrics-fixture.py, empyrical 0.5.5 formulas)', () => {
	const points = fixture.dates.map((date, i) => ({ date, equity: fixture.equity[i], held: fixture.held[i] }));
	const m = portfolioMetrics(
		points,
		fixture.trades.map((t) => ({ ...t, horizon: horizonSchema.parse(t.horizon) })),
		fixture.benchmark
	);

	it('returns, volatility, Sharpe, Sortino, max drawdown and its dates, exposure (tolerance 1e-12 relative)', () => {
		const p = fixture.portfolio;
		for (const k of [
			'totalReturn',
			'annualReturn',
			'volatility',
			'sharpe',
			'sortino',
			'maxDrawdown',
			'exposure'
		] as const) {
			close(m[k], p[k]);
		}
		expect([m.days, m.maxDrawdownPeak, m.maxDrawdownTrough, m.maxDrawdownRecovery]).toEqual([
			p.days,
			p.maxDrawdownPeak,
			p.maxDrawdownTrough,
			p.maxDrawdownRecovery
		]);
	});

	it('the benchmark line and the excess return', () => {
		const b = fixture.benchmarkSummary;
		close(m.benchmark?.totalReturn ?? Number.NaN, b.totalReturn);
		close(m.benchmark?.annualReturn ?? Number.NaN, b.annualReturn);
		close(m.benchmark?.sharpe ?? Number.NaN, b.sharpe);
		close(m.benchmark?.maxDrawdown ?? Number.NaN, b.maxDrawdown);
		close(m.benchmark?.excessReturn ?? Number.NaN, fixture.portfolio.totalReturn - b.totalReturn);
	});

	it('trade statistics overall, per horizon and per model (pandas groupby)', () => {
		closeStats(m.trades, fixture.tradeStats);
		closeStats(m.byHorizon.short, fixture.byHorizon.short);
		closeStats(m.byHorizon.long, fixture.byHorizon.long);
		expect(Object.keys(m.byModel)).toEqual(Object.keys(fixture.byModel));
		for (const [k, v] of Object.entries(fixture.byModel)) closeStats(m.byModel[k], v);
	});
});

describe('metrics of a ledger', () => {
	it('reads the ledger curve and closed trades as they are stored', () => {
		let s = createPortfolio({ costBps: 0, slippageBps: 0 }, '2024-01-02');
		s = openPosition(s, {
			symbol: 'A',
			horizon: 'long',
			modelId: 'm',
			date: '2024-01-02',
			price: 100,
			target: 108,
			stop: 96
		}).state;
		s = markToMarket(s, '2024-01-03', {
			A: { date: '2024-01-03', open: 101, high: 109, low: 100, close: 108.5 }
		}).state;
		s = markToMarket(s, '2024-01-04', {}).state;
		const m = portfolioMetrics(s.curve, s.closed);
		// 50 shares · (108 − 100) = 400 on 100,000; exposed on the first measured day only.
		close(m.totalReturn, 0.004);
		close(m.exposure, 0.5);
		expect(m.byHorizon.long).toMatchObject({ trades: 1, wins: 1 });
	});
});
