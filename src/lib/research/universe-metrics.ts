/**
 * Metrics of one trial spec run across a universe (issue 12): one sub-trial per symbol, shared settings (so one
 * task kind and one strategy), each scored on its own stitched out-of-sample rows, and three pooled views:
 *
 * 1. Per symbol: `scoreTask` over that symbol's stitched out-of-sample rows — the same numbers as its
 *    sub-trial's summary (domain/aggregate.ts aggregateFolds scores the same series the same way).
 * 2. Pooled task metrics, for prediction tasks only (regression, classification, forecast,
 *    volatility_forecast): `scoreTask` over all symbols' out-of-sample rows concatenated (symbols in the order
 *    given, each in time order). Only the prediction blocks are kept (direction, regression, classification,
 *    forecast, volatility): a strategy run over a concatenation of different series is not a strategy, so its
 *    strategy and buy-and-hold blocks are dropped. Forecast MASE scales by the naive error of the concatenated
 *    series, so the few steps that cross from one symbol to the next enter its scale. Signal, regime and
 *    clustering have no pooled task block (null): their calls are positions, pooled below.
 * 3. For every task, the equal-weight portfolio: on each calendar day (UTC date of the bar time) on which at
 *    least one symbol has an out-of-sample row, the mean of the net strategy returns (positions from
 *    `positionsFor`, costs from `strategyReturns`, per symbol as in its own trial) of the symbols with a row
 *    that day — rebalanced daily to equal weights over the symbols trading. Its Sharpe ratio (annualised with
 *    √252, sample standard deviation), total return (compounded) and maximum drawdown come from
 *    domain/metrics.ts `performance`, the same definitions as every trial's.
 * 4. The spread of the per-symbol Sharpe ratios: their mean, sample standard deviation (n − 1; NaN below two
 *    symbols), minimum and maximum over the symbols whose Sharpe ratio is finite.
 */
import { strategyOf, type StitchedSeries } from '../domain/aggregate';
import { performance, type PerformanceMetrics } from '../domain/metrics';
import { isoDate } from '../domain/series';
import { scoreTask, type StrategySettings, type TaskKind, type TaskMetrics } from '../domain/task-metrics';

/** Tasks whose pooled rows are scored as predictions (see the module comment). */
export const POOLED_PREDICTION_TASKS: readonly TaskKind[] = [
	'regression',
	'classification',
	'forecast',
	'volatility_forecast'
];

export interface SymbolSeries {
	readonly symbol: string;
	/** The symbol's stitched out-of-sample rows (domain/aggregate.ts stitchFolds). */
	readonly series: StitchedSeries;
}

export interface SymbolMetrics {
	readonly symbol: string;
	readonly rows: number;
	readonly metrics: TaskMetrics;
}

export type PooledTaskMetrics = Pick<
	TaskMetrics,
	'task' | 'direction' | 'regression' | 'classification' | 'forecast' | 'volatility'
> & { readonly rows: number };

export interface EqualWeightPortfolio {
	/** Calendar days (YYYY-MM-DD, UTC date of the bar time), ascending. */
	readonly days: readonly string[];
	/** Mean net strategy return of the symbols with a row that day. */
	readonly returns: Float64Array;
	/** How many symbols traded that day. */
	readonly symbols: Int32Array;
	readonly performance: PerformanceMetrics;
}

export interface SharpeSpread {
	readonly n: number;
	readonly mean: number;
	/** Sample standard deviation (n − 1). */
	readonly sd: number;
	readonly min: number;
	readonly max: number;
}

export interface UniverseMetrics {
	readonly task: TaskKind;
	readonly perSymbol: readonly SymbolMetrics[];
	/** Null for signal, regime and clustering tasks, or when no symbol has a row. */
	readonly pooled: PooledTaskMetrics | null;
	readonly portfolio: EqualWeightPortfolio;
	readonly sharpe: SharpeSpread;
}

function concat(parts: readonly Float64Array[]): Float64Array {
	const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

function pooledTask(
	task: TaskKind,
	symbols: readonly SymbolSeries[],
	strategy: StrategySettings
): PooledTaskMetrics | null {
	if (!POOLED_PREDICTION_TASKS.includes(task)) return null;
	const withRows = symbols.filter((s) => s.series.t.length > 0);
	if (withRows.length === 0) return null;
	const aux = withRows.every((s) => s.series.aux !== null)
		? concat(withRows.map((s) => s.series.aux!))
		: null;
	const m = scoreTask(
		task,
		concat(withRows.map((s) => s.series.realised)),
		concat(withRows.map((s) => s.series.predicted)),
		concat(withRows.map((s) => s.series.nextReturn)),
		strategy,
		aux
	);
	return {
		task,
		rows: m.direction.n,
		direction: m.direction,
		regression: m.regression,
		classification: m.classification,
		forecast: m.forecast,
		volatility: m.volatility
	};
}

/** The equal-weight, daily-rebalanced portfolio of the symbols' net strategy returns (module comment, 3). */
export function equalWeightPortfolio(
	nets: readonly { readonly t: Float64Array; readonly net: Float64Array }[]
): EqualWeightPortfolio {
	const byDay = new Map<string, { sum: number; n: number }>();
	for (const { t, net } of nets) {
		if (t.length !== net.length) throw new RangeError(`t has ${t.length} rows but net has ${net.length}`);
		for (let i = 0; i < t.length; i++) {
			const day = isoDate(t[i]);
			const cell = byDay.get(day) ?? { sum: 0, n: 0 };
			cell.sum += net[i];
			cell.n += 1;
			byDay.set(day, cell);
		}
	}
	const days = [...byDay.keys()].sort();
	const returns = Float64Array.from(days, (d) => byDay.get(d)!.sum / byDay.get(d)!.n);
	const symbols = Int32Array.from(days, (d) => byDay.get(d)!.n);
	return { days, returns, symbols, performance: performance(returns) };
}

/** Mean, sample standard deviation, minimum and maximum of the finite values (module comment, 4). */
export function sharpeSpread(values: readonly number[]): SharpeSpread {
	const xs = values.filter((v) => Number.isFinite(v));
	const n = xs.length;
	if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, min: Number.NaN, max: Number.NaN };
	const mean = xs.reduce((a, b) => a + b, 0) / n;
	const sd = n < 2 ? Number.NaN : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
	return { n, mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

/** Every metric of a universe run (module comment); symbols must be distinct. */
export function universeMetrics(
	task: TaskKind,
	strategy: StrategySettings,
	symbols: readonly SymbolSeries[]
): UniverseMetrics {
	const seen = new Set<string>();
	for (const s of symbols) {
		if (seen.has(s.symbol)) throw new RangeError(`symbol ${s.symbol} appears twice`);
		seen.add(s.symbol);
	}
	const perSymbol = symbols.map((s) => ({
		symbol: s.symbol,
		rows: s.series.t.length,
		metrics: scoreTask(
			task,
			s.series.realised,
			s.series.predicted,
			s.series.nextReturn,
			strategy,
			s.series.aux
		)
	}));
	return {
		task,
		perSymbol,
		pooled: pooledTask(task, symbols, strategy),
		portfolio: equalWeightPortfolio(
			symbols.map((s) => ({ t: s.series.t, net: strategyOf(s.series, task, strategy).net }))
		),
		sharpe: sharpeSpread(perSymbol.map((s) => s.metrics.strategy.sharpe))
	};
}
