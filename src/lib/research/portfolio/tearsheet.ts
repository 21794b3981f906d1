/**
 * The numbers of a QuantStats-style tear sheet (issue 12) from a daily return series with its dates: for any
 * trial's out-of-sample returns, a study's best trial or the paper portfolio's equity curve. Pure numbers; the
 * charts and the HTML export belong to the page layers.
 *
 * Definitions (each checked against pandas in bench/make-portfolio-metrics-fixture.py):
 * - cumulative return Π(1 + r) − 1 and drawdown E_t / max_{s≤t} E_s − 1 with E starting at 1 BEFORE the first
 *   return (domain/metrics.ts; empyrical's convention). QuantStats starts its peak at the first day's value,
 *   so a loss on day one is no drawdown there; here it is.
 * - drawdown periods as QuantStats drawdown_details: a period is a maximal run of days with drawdown < 0;
 *   start = its first day, trough = its lowest day (the first if tied), end = its last day, recovery = the
 *   next day (back at the peak) or null while still under water; length in trading days (end − start + 1)
 *   and calendar days ((end − start) + 1, as QuantStats). The top N are the deepest, ties by start.
 * - monthly returns: each calendar month's returns compounded, Π(1 + r) − 1 (QuantStats monthly_returns);
 *   the year's total compounds all of its returns; a month without returns is null.
 * - rolling Sharpe mean / std(ddof 1) · √252 and volatility std · √252 over the trailing `window` returns
 *   (QuantStats rolling_sharpe / rolling_volatility; pandas rolling), NaN before a full window.
 * - histogram: numpy.histogram(returns, bins): equal-width bins from min to max, the last one closed.
 */
import { drawdownCurve, equityCurve, performance, type PerformanceMetrics } from '../../domain/metrics';
import { dayStart } from '../../domain/splits';
import { dailyReturns, type CurvePoint } from './metrics';

export const ROLLING_WINDOW_DAYS = 63; // a quarter of trading days
export const HISTOGRAM_BINS = 20;
export const TOP_DRAWDOWNS = 5;

const ANNUALISER = Math.sqrt(252);
const DAY_MS = 86_400_000;

export interface DrawdownPeriod {
	readonly start: string;
	readonly trough: string;
	readonly end: string;
	readonly recovery: string | null;
	/** The drawdown at the trough, < 0. */
	readonly depth: number;
	readonly tradingDays: number;
	readonly calendarDays: number;
}

export interface MonthlyRow {
	readonly year: number;
	/** January … December; null for a month without returns. */
	readonly months: readonly (number | null)[];
	readonly total: number;
}

export interface Histogram {
	/** bins + 1 edges, ascending. */
	readonly edges: readonly number[];
	readonly counts: readonly number[];
}

export interface TearSheet {
	readonly dates: readonly string[];
	readonly returns: Float64Array;
	readonly cumulative: Float64Array;
	readonly drawdown: Float64Array;
	readonly drawdownPeriods: readonly DrawdownPeriod[];
	readonly monthly: readonly MonthlyRow[];
	readonly rollingWindow: number;
	readonly rollingSharpe: Float64Array;
	readonly rollingVolatility: Float64Array;
	readonly histogram: Histogram;
	readonly summary: PerformanceMetrics;
}

export function drawdownPeriods(
	dates: readonly string[],
	drawdown: Float64Array,
	top = TOP_DRAWDOWNS
): DrawdownPeriod[] {
	const periods: DrawdownPeriod[] = [];
	let i = 0;
	while (i < drawdown.length) {
		if (!(drawdown[i] < 0)) {
			i++;
			continue;
		}
		let end = i;
		let trough = i;
		while (end + 1 < drawdown.length && drawdown[end + 1] < 0) {
			end++;
			if (drawdown[end] < drawdown[trough]) trough = end;
		}
		periods.push({
			start: dates[i],
			trough: dates[trough],
			end: dates[end],
			recovery: end + 1 < drawdown.length ? dates[end + 1] : null,
			depth: drawdown[trough],
			tradingDays: end - i + 1,
			calendarDays: Math.round((dayStart(dates[end]) - dayStart(dates[i])) / DAY_MS) + 1
		});
		i = end + 1;
	}
	// Array.prototype.sort is stable, so equal depths keep their order by start.
	return periods.sort((a, b) => a.depth - b.depth).slice(0, top);
}

export function monthlyReturns(dates: readonly string[], returns: Float64Array): MonthlyRow[] {
	const rows = new Map<number, { growth: (number | null)[]; total: number }>();
	for (let i = 0; i < returns.length; i++) {
		const year = Number(dates[i].slice(0, 4));
		const month = Number(dates[i].slice(5, 7)) - 1;
		const row = rows.get(year) ?? { growth: Array<number | null>(12).fill(null), total: 1 };
		row.growth[month] = (row.growth[month] ?? 1) * (1 + returns[i]);
		row.total *= 1 + returns[i];
		rows.set(year, row);
	}
	return [...rows.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([year, r]) => ({
			year,
			months: r.growth.map((g) => (g === null ? null : g - 1)),
			total: r.total - 1
		}));
}

export function rollingSharpeAndVolatility(
	returns: Float64Array,
	window = ROLLING_WINDOW_DAYS
): { sharpe: Float64Array; volatility: Float64Array } {
	if (!Number.isInteger(window) || window < 2)
		throw new RangeError(`window must be a whole number >= 2, got ${window}`);
	const sharpe = new Float64Array(returns.length).fill(Number.NaN);
	const volatility = new Float64Array(returns.length).fill(Number.NaN);
	for (let i = window - 1; i < returns.length; i++) {
		let sum = 0;
		for (let k = i - window + 1; k <= i; k++) sum += returns[k];
		const m = sum / window;
		let ss = 0;
		for (let k = i - window + 1; k <= i; k++) ss += (returns[k] - m) ** 2;
		const std = Math.sqrt(ss / (window - 1));
		volatility[i] = std * ANNUALISER;
		sharpe[i] = std > 0 ? (m / std) * ANNUALISER : Number.NaN;
	}
	return { sharpe, volatility };
}

/** numpy.histogram(values, bins) with numpy 1.24's edges (linspace) and bin assignment. */
export function histogram(values: Float64Array, bins = HISTOGRAM_BINS): Histogram {
	if (!Number.isInteger(bins) || bins < 1)
		throw new RangeError(`bins must be a whole number >= 1, got ${bins}`);
	if (values.length === 0) return { edges: [], counts: [] };
	let lo = Number.POSITIVE_INFINITY;
	let hi = Number.NEGATIVE_INFINITY;
	values.forEach((v, i) => {
		if (!Number.isFinite(v)) throw new RangeError(`values[${i}] is ${v}; a histogram needs finite numbers`);
		[lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
	});
	if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5]; // numpy widens an empty range the same way
	const step = (hi - lo) / bins;
	const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : i * step + lo));
	const counts = new Array<number>(bins).fill(0);
	for (const v of values) {
		let k = Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins));
		// numpy's correction for rounding in (v − lo) · norm: the edges themselves decide.
		if (v < edges[k]) k--;
		else if (k !== bins - 1 && v >= edges[k + 1]) k++;
		counts[k]++;
	}
	return { edges, counts };
}

export function tearSheet(
	dates: readonly string[],
	returns: Float64Array,
	options: { rollingWindow?: number; bins?: number; topDrawdowns?: number } = {}
): TearSheet {
	if (dates.length !== returns.length) {
		throw new RangeError(
			`dates has ${dates.length} values but returns has ${returns.length}; they must pair up`
		);
	}
	dates.forEach((d, i) => {
		if (!Number.isFinite(dayStart(d)))
			throw new RangeError(`dates[${i}] must be a date (yyyy-mm-dd), got ${d}`);
		if (i > 0 && !(d > dates[i - 1]))
			throw new RangeError(`dates[${i}] ${d} must come after ${dates[i - 1]}`);
	});
	const summary = performance(returns); // also rejects non-finite returns
	const rollingWindow = options.rollingWindow ?? ROLLING_WINDOW_DAYS;
	const rolling = rollingSharpeAndVolatility(returns, rollingWindow);
	const drawdown = drawdownCurve(returns);
	return {
		dates,
		returns,
		cumulative: equityCurve(returns).map((e) => e - 1),
		drawdown,
		drawdownPeriods: drawdownPeriods(dates, drawdown, options.topDrawdowns ?? TOP_DRAWDOWNS),
		monthly: monthlyReturns(dates, returns),
		rollingWindow,
		rollingSharpe: rolling.sharpe,
		rollingVolatility: rolling.volatility,
		histogram: histogram(returns, options.bins ?? HISTOGRAM_BINS),
		summary
	};
}

/** The tear sheet of an equity curve (e.g. the paper portfolio's): its daily returns dated by their day. */
export function tearSheetFromCurve(
	curve: readonly CurvePoint[],
	options: Parameters<typeof tearSheet>[2] = {}
): TearSheet {
	const returns = dailyReturns(curve.map((p) => p.equity));
	return tearSheet(
		curve.slice(1).map((p) => p.date),
		returns,
		options
	);
}
