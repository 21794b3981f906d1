/**
 * The paper portfolio's numbers (issue 12), computed from its DAILY equity curve (one value per trading day)
 * and its closed trades. The original (§6.6) annualised a Sharpe of per-trade returns with √252, as if every
 * trade lasted one day; here Sharpe and Sortino are on daily returns of the equity curve, as empyrical does:
 * - returns r_t = E_t / E_{t−1} − 1 between consecutive curve points (the first point is the starting capital);
 * - total = Π(1 + r) − 1; annual = (1 + total)^(252 / n) − 1 (geometric; empyrical annual_return);
 * - Sharpe = mean(r) / std(r, ddof 1) · √252 (empyrical sharpe_ratio, risk-free 0);
 * - Sortino = mean(r) / sqrt(mean over ALL n days of min(r, 0)²) · √252 (empyrical sortino_ratio with
 *   downside_risk, required_return 0): days with gains count as zeros in the downside mean;
 * - max drawdown = min(E_t / max_{s≤t} E_s − 1), the peak including the starting capital.
 * These are domain/metrics.ts `performance`, reused; this file adds dates, exposure, trades and a benchmark.
 */
import { performance } from '../../domain/metrics';
import { HORIZONS, type Horizon } from './settings';
import type { ClosedTrade } from './state';

/** One day of an equity curve; `held` (positions carrying risk that day) is needed only for exposure. */
export interface CurvePoint {
	readonly date: string;
	readonly equity: number;
	readonly held?: number;
}

export interface TradeStats {
	readonly trades: number;
	readonly wins: number;
	readonly losses: number;
	/** Share of trades with pnl > 0 (a break-even trade is not a win); NaN without trades. */
	readonly winRate: number;
	/** Mean tradeReturn of the winners / of the losers (pnl < 0), fractions; NaN when there are none. */
	readonly avgWin: number;
	readonly avgLoss: number;
	/** Σ winners' pnl / |Σ losers' pnl|; NaN with no losing trade. */
	readonly profitFactor: number;
	readonly totalPnl: number;
	/** Mean, best and worst tradeReturn; NaN without trades. */
	readonly avgReturn: number;
	readonly best: number;
	readonly worst: number;
}

export interface BenchmarkComparison {
	readonly totalReturn: number;
	readonly annualReturn: number;
	readonly sharpe: number;
	readonly maxDrawdown: number;
	/** Portfolio minus benchmark: total returns, and annual returns. */
	readonly excessReturn: number;
	readonly excessAnnualReturn: number;
}

export interface PortfolioMetrics {
	/** Daily returns measured: curve points − 1. */
	readonly days: number;
	readonly startDate: string;
	readonly endDate: string;
	readonly totalReturn: number;
	readonly annualReturn: number;
	readonly volatility: number;
	readonly sharpe: number;
	readonly sortino: number;
	/** <= 0; 0 when equity never fell below a previous high (the dates are then null). */
	readonly maxDrawdown: number;
	readonly maxDrawdownPeak: string | null;
	readonly maxDrawdownTrough: string | null;
	/** First day back at the peak's equity; null while still under water. */
	readonly maxDrawdownRecovery: string | null;
	/** Share of the measured days on which at least one position was held; NaN when `held` is missing. */
	readonly exposure: number;
	readonly trades: TradeStats;
	readonly byHorizon: Readonly<Record<Horizon, TradeStats>>;
	readonly byModel: Readonly<Record<string, TradeStats>>;
	readonly benchmark: BenchmarkComparison | null;
}

type TradeOutcome = Pick<ClosedTrade, 'pnl' | 'tradeReturn'>;

const meanOf = (v: readonly number[]) =>
	v.length === 0 ? Number.NaN : v.reduce((s, x) => s + x, 0) / v.length;

export function tradeStats(trades: readonly TradeOutcome[]): TradeStats {
	const wins = trades.filter((t) => t.pnl > 0);
	const losses = trades.filter((t) => t.pnl < 0);
	const gain = wins.reduce((s, t) => s + t.pnl, 0);
	const loss = losses.reduce((s, t) => s + t.pnl, 0);
	const returns = trades.map((t) => t.tradeReturn);
	return {
		trades: trades.length,
		wins: wins.length,
		losses: losses.length,
		winRate: trades.length === 0 ? Number.NaN : wins.length / trades.length,
		avgWin: meanOf(wins.map((t) => t.tradeReturn)),
		avgLoss: meanOf(losses.map((t) => t.tradeReturn)),
		profitFactor: losses.length === 0 ? Number.NaN : gain / -loss,
		totalPnl: trades.reduce((s, t) => s + t.pnl, 0),
		avgReturn: meanOf(returns),
		best: returns.length === 0 ? Number.NaN : Math.max(...returns),
		worst: returns.length === 0 ? Number.NaN : Math.min(...returns)
	};
}

/** Trade statistics per value of `key` (per model: modelId; per horizon: use `byHorizon`). */
export function tradeBreakdown<K extends 'horizon' | 'modelId'>(
	trades: readonly (TradeOutcome & Pick<ClosedTrade, K>)[],
	key: K
): Record<string, TradeStats> {
	const groups = new Map<string, (TradeOutcome & Pick<ClosedTrade, K>)[]>();
	for (const t of trades) {
		const k = String(t[key]);
		groups.set(k, [...(groups.get(k) ?? []), t]);
	}
	return Object.fromEntries([...groups.keys()].sort().map((k) => [k, tradeStats(groups.get(k) ?? [])]));
}

/** r_t = v_t / v_{t−1} − 1; throws unless every value is finite and > 0. */
export function dailyReturns(values: readonly number[], field = 'equity'): Float64Array {
	values.forEach((v, i) => {
		if (!Number.isFinite(v) || v <= 0)
			throw new RangeError(`${field}[${i}] must be a positive number, got ${v}`);
	});
	return Float64Array.from(
		{ length: Math.max(0, values.length - 1) },
		(_, i) => values[i + 1] / values[i] - 1
	);
}

interface DrawdownSpan {
	readonly depth: number;
	readonly peak: number;
	readonly trough: number;
	readonly recovery: number;
}

/** The deepest drawdown of `values` as indices (peak, trough, first index back at the peak or −1). */
export function deepestDrawdown(values: readonly number[]): DrawdownSpan | null {
	let peak = 0;
	let best: DrawdownSpan | null = null;
	for (let i = 1; i < values.length; i++) {
		if (values[i] >= values[peak]) {
			peak = i;
			continue;
		}
		const depth = values[i] / values[peak] - 1;
		if (best === null || depth < best.depth) best = { depth, peak, trough: i, recovery: -1 };
	}
	if (best === null) return null;
	const top = values[best.peak];
	const back = values.findIndex((v, i) => i > best.trough && v >= top);
	return { ...best, recovery: back };
}

/** Every number of the portfolio's report. `benchmark`: the benchmark's value on each curve date. */
export function portfolioMetrics(
	curve: readonly CurvePoint[],
	trades: readonly (TradeOutcome & Pick<ClosedTrade, 'horizon' | 'modelId'>)[],
	benchmark?: readonly number[]
): PortfolioMetrics {
	if (curve.length < 1) throw new RangeError('curve needs at least its starting point');
	for (let i = 1; i < curve.length; i++) {
		if (!(curve[i].date > curve[i - 1].date)) {
			throw new RangeError(`curve[${i}].date ${curve[i].date} must come after ${curve[i - 1].date}`);
		}
	}
	const equity = curve.map((p) => p.equity);
	const perf = performance(dailyReturns(equity));
	const dd = deepestDrawdown(equity);
	const measured = curve.slice(1);
	const exposure =
		measured.length === 0 || measured.some((p) => p.held === undefined)
			? Number.NaN
			: measured.filter((p) => (p.held ?? 0) > 0).length / measured.length;
	const byHorizon = Object.fromEntries(
		HORIZONS.map((h) => [h, tradeStats(trades.filter((t) => t.horizon === h))])
	) as Record<Horizon, TradeStats>;
	let bench: BenchmarkComparison | null = null;
	if (benchmark !== undefined) {
		if (benchmark.length !== curve.length) {
			throw new RangeError(`benchmark has ${benchmark.length} values but the curve has ${curve.length} days`);
		}
		const b = performance(dailyReturns(benchmark, 'benchmark'));
		bench = {
			totalReturn: b.totalReturn,
			annualReturn: b.annualReturn,
			sharpe: b.sharpe,
			maxDrawdown: b.maxDrawdown,
			excessReturn: perf.totalReturn - b.totalReturn,
			excessAnnualReturn: perf.annualReturn - b.annualReturn
		};
	}
	return {
		days: perf.periods,
		startDate: curve[0].date,
		endDate: curve[curve.length - 1].date,
		totalReturn: perf.totalReturn,
		annualReturn: perf.annualReturn,
		volatility: perf.volatility,
		sharpe: perf.sharpe,
		sortino: perf.sortino,
		maxDrawdown: dd?.depth ?? (perf.periods === 0 ? Number.NaN : 0),
		maxDrawdownPeak: dd ? curve[dd.peak].date : null,
		maxDrawdownTrough: dd ? curve[dd.trough].date : null,
		maxDrawdownRecovery: dd && dd.recovery >= 0 ? curve[dd.recovery].date : null,
		exposure,
		trades: tradeStats(trades),
		byHorizon,
		byModel: tradeBreakdown(trades, 'modelId'),
		benchmark: bench
	};
}
