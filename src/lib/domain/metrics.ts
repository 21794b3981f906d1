/**
 * Every metric the product reports, defined once. Pure functions: Float64Array in, plain numbers out.
 *
 * Conventions shared by all functions here:
 * - Inputs are validated: arrays that must pair up but differ in length, and non-finite values (NaN, ±Infinity),
 *   throw a RangeError. A NaN hidden in the input would otherwise poison a sort or a sum and come out looking
 *   like a number.
 * - A metric that is undefined for its input (empty input, a constant series where a spread is needed, no
 *   qualifying rows) is NaN, never a stand-in such as 0 or Infinity: the UI shows NaN as "not available".
 *
 * The architecture asks for one place for every definition, so regression and strategy metrics share this file.
 */

export interface RegressionMetrics {
	/** Root mean squared error of yPred against yTrue. */
	rmse: number;
	/** Mean absolute error. */
	mae: number;
	/** Coefficient of determination, 1 - SS_res / SS_tot around the mean of yTrue (scikit-learn's r2_score). */
	r2: number;
	/** Directional accuracy over the rows where yTrue != 0; a zero prediction is a miss. */
	hitRate: number;
	/** Information coefficient: Spearman rank correlation of yPred with yTrue. */
	ic: number;
	/** Number of rows scored. */
	n: number;
}

/** Throws unless every value is finite; `name` goes into the message so the caller can find the bad column. */
function assertFinite(name: string, v: Float64Array): void {
	for (let i = 0; i < v.length; i++) {
		if (!Number.isFinite(v[i])) throw new RangeError(`${name}[${i}] is ${v[i]}; metrics need finite numbers`);
	}
}

function assertSameLength(nameA: string, a: Float64Array, nameB: string, b: Float64Array): void {
	if (a.length !== b.length) {
		throw new RangeError(`${nameA} has ${a.length} values but ${nameB} has ${b.length}; they must pair up`);
	}
}

/**
 * True when every value equals the first (and for empty input). Checked exactly rather than through a computed
 * variance: the mean of [0.1, 0.1, 0.1] is not exactly 0.1 in floating point, so a computed spread is a tiny
 * positive number and a ratio over it would be a huge fake value instead of NaN.
 */
function isConstant(v: Float64Array): boolean {
	for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
	return true;
}

function mean(v: Float64Array): number {
	if (v.length === 0) return Number.NaN;
	let s = 0;
	for (let i = 0; i < v.length; i++) s += v[i];
	return s / v.length;
}

/**
 * Sample standard deviation (divides by n - 1, like numpy's std(ddof=1) and pandas' std). NaN below two values;
 * exactly 0 for a constant series.
 */
function sampleStd(v: Float64Array): number {
	if (v.length < 2) return Number.NaN;
	if (isConstant(v)) return 0;
	const m = mean(v);
	let ss = 0;
	for (let i = 0; i < v.length; i++) ss += (v[i] - m) ** 2;
	return Math.sqrt(ss / (v.length - 1));
}

/**
 * 1-based ranks in the original order; tied values share the average of the ranks they span
 * ([10, 30, 20, 30] → [1, 3.5, 2, 3.5]), as scipy.stats.rankdata(method='average').
 */
export function averageRanks(v: Float64Array): Float64Array {
	assertFinite('values', v);
	const order = Array.from({ length: v.length }, (_, i) => i).sort((i, j) => v[i] - v[j]);
	const ranks = new Float64Array(v.length);
	let start = 0;
	while (start < order.length) {
		let end = start + 1;
		while (end < order.length && v[order[end]] === v[order[start]]) end++;
		// Positions start..end-1 hold 1-based ranks start+1..end; their mean is (start + 1 + end) / 2.
		const rank = (start + 1 + end) / 2;
		for (let k = start; k < end; k++) ranks[order[k]] = rank;
		start = end;
	}
	return ranks;
}

/** Pearson correlation; NaN for fewer than two pairs or when either side is constant. */
export function pearson(a: Float64Array, b: Float64Array): number {
	assertSameLength('a', a, 'b', b);
	assertFinite('a', a);
	assertFinite('b', b);
	if (a.length < 2 || isConstant(a) || isConstant(b)) return Number.NaN;
	const ma = mean(a);
	const mb = mean(b);
	let sab = 0;
	let saa = 0;
	let sbb = 0;
	for (let i = 0; i < a.length; i++) {
		const da = a[i] - ma;
		const db = b[i] - mb;
		sab += da * db;
		saa += da * da;
		sbb += db * db;
	}
	// Rounding can push a perfect correlation a hair past ±1; the true value cannot exceed it.
	return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * Spearman rank correlation: Pearson on average ranks, which stays correct with ties (the textbook
 * 1 - 6Σd²/(n(n²-1)) shortcut does not). NaN for fewer than two pairs or when either side is constant.
 */
export function spearman(a: Float64Array, b: Float64Array): number {
	assertSameLength('a', a, 'b', b);
	return pearson(averageRanks(a), averageRanks(b));
}

export function regressionMetrics(yTrue: Float64Array, yPred: Float64Array): RegressionMetrics {
	assertSameLength('yTrue', yTrue, 'yPred', yPred);
	assertFinite('yTrue', yTrue);
	assertFinite('yPred', yPred);
	const n = yTrue.length;
	if (n === 0) {
		return { rmse: Number.NaN, mae: Number.NaN, r2: Number.NaN, hitRate: Number.NaN, ic: Number.NaN, n };
	}
	let ssRes = 0;
	let absSum = 0;
	let directional = 0;
	let hits = 0;
	for (let i = 0; i < n; i++) {
		const e = yPred[i] - yTrue[i];
		ssRes += e * e;
		absSum += Math.abs(e);
		// A zero target has no direction to get right, so it is left out; a zero prediction has no direction
		// either, so it can never be a hit.
		if (yTrue[i] !== 0) {
			directional++;
			if (yPred[i] !== 0 && yPred[i] > 0 === yTrue[i] > 0) hits++;
		}
	}
	let r2 = Number.NaN;
	if (!isConstant(yTrue)) {
		const m = mean(yTrue);
		let ssTot = 0;
		for (let i = 0; i < n; i++) ssTot += (yTrue[i] - m) ** 2;
		r2 = 1 - ssRes / ssTot;
	}
	return {
		rmse: Math.sqrt(ssRes / n),
		mae: absSum / n,
		r2,
		hitRate: directional === 0 ? Number.NaN : hits / directional,
		ic: spearman(yTrue, yPred),
		n
	};
}

export type PositionMode = 'long_short' | 'long_flat';

/**
 * Positions that trade the sign of a prediction. long_short: +1 above zero, -1 below, 0 at zero.
 * long_flat: 1 above zero, otherwise 0 (for accounts that cannot short).
 */
export function positionsFromPredictions(pred: Float64Array, mode: PositionMode): Float64Array {
	assertFinite('pred', pred);
	const out = new Float64Array(pred.length);
	for (let i = 0; i < pred.length; i++) {
		if (pred[i] > 0) out[i] = 1;
		else if (pred[i] < 0 && mode === 'long_short') out[i] = -1;
	}
	return out;
}

export interface StrategyReturns {
	/** positions[i] * assetReturns[i], before costs. */
	gross: Float64Array;
	/** gross - costs: the series every performance number is reported on. */
	net: Float64Array;
	/** turnover[i] * costBps / 10 000, as a fraction of capital. */
	costs: Float64Array;
	/** |positions[i] - previous position|, so a flip from -1 to +1 counts 2. */
	turnover: Float64Array;
}

const BPS_PER_UNIT = 10_000;

/**
 * Per-period returns of holding `positions` against `assetReturns`. The caller aligns the two: positions[i] is
 * decided at close t and held over period i, whose simple return is close t → close t+1.
 * Costs are charged on every change of position, including the first entry from `initialPosition` (default
 * flat): a backtest that enters for free flatters short holding periods.
 */
export function strategyReturns(
	positions: Float64Array,
	assetReturns: Float64Array,
	costBps: number,
	initialPosition = 0
): StrategyReturns {
	assertSameLength('positions', positions, 'assetReturns', assetReturns);
	assertFinite('positions', positions);
	assertFinite('assetReturns', assetReturns);
	if (!Number.isFinite(costBps) || costBps < 0) {
		throw new RangeError(`costBps must be a finite number >= 0, got ${costBps}`);
	}
	if (!Number.isFinite(initialPosition)) {
		throw new RangeError(`initialPosition must be finite, got ${initialPosition}`);
	}
	const n = positions.length;
	const gross = new Float64Array(n);
	const net = new Float64Array(n);
	const costs = new Float64Array(n);
	const turnover = new Float64Array(n);
	let prev = initialPosition;
	for (let i = 0; i < n; i++) {
		// + 0 turns the -0 of a short over a flat period into 0, so no display shows "-0.00%".
		gross[i] = positions[i] * assetReturns[i] + 0;
		turnover[i] = Math.abs(positions[i] - prev);
		costs[i] = (turnover[i] * costBps) / BPS_PER_UNIT;
		net[i] = gross[i] - costs[i];
		prev = positions[i];
	}
	return { gross, net, costs, turnover };
}

/** Periods per year for daily bars: the usual count of US exchange trading days, used to annualise. */
export const TRADING_DAYS_PER_YEAR = 252;

export interface PerformanceMetrics {
	/** prod(1 + r) - 1. */
	totalReturn: number;
	/** (1 + totalReturn)^(periodsPerYear / n) - 1; NaN once the strategy has lost everything. */
	annualReturn: number;
	/** Sample standard deviation (n - 1) * sqrt(periodsPerYear); NaN below two periods. */
	volatility: number;
	/** mean / sample std * sqrt(periodsPerYear), risk-free rate 0; NaN when the std is 0 or undefined. */
	sharpe: number;
	/** mean / sqrt(mean(min(r, 0)^2) over all periods) * sqrt(periodsPerYear); NaN with no losing period. */
	sortino: number;
	/** Most negative equity / running peak - 1, equity starting at 1 before the first period; <= 0. */
	maxDrawdown: number;
	/** annualReturn / |maxDrawdown|; NaN when there was no drawdown. */
	calmar: number;
	/** sum(turnover) per year: sum / (n / periodsPerYear); NaN when no turnover series is given. */
	turnover: number;
	/** n, the number of periods. */
	periods: number;
}

/**
 * Equity after each period, starting from 1: the cumulative product of (1 + r). A period that loses 100% or
 * more (possible for a short) ruins the strategy, so equity stays at 0 from then on; multiplying on would let
 * two negative factors resurrect it.
 */
export function equityCurve(returns: Float64Array): Float64Array {
	assertFinite('returns', returns);
	const out = new Float64Array(returns.length);
	let equity = 1;
	for (let i = 0; i < returns.length; i++) {
		equity = Math.max(0, equity * (1 + returns[i]));
		out[i] = equity;
	}
	return out;
}

/** equity / running peak - 1 after each period; the peak includes the starting equity of 1. */
export function drawdownCurve(returns: Float64Array): Float64Array {
	const equity = equityCurve(returns);
	const out = new Float64Array(equity.length);
	let peak = 1;
	for (let i = 0; i < equity.length; i++) {
		peak = Math.max(peak, equity[i]);
		out[i] = equity[i] / peak - 1;
	}
	return out;
}

/** Performance of a per-period return series (normally StrategyReturns.net). Empty input gives NaN fields. */
export function performance(
	returns: Float64Array,
	options: { periodsPerYear?: number; turnover?: Float64Array } = {}
): PerformanceMetrics {
	const periodsPerYear = options.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
	if (!Number.isFinite(periodsPerYear) || periodsPerYear <= 0) {
		throw new RangeError(`periodsPerYear must be a finite number > 0, got ${periodsPerYear}`);
	}
	assertFinite('returns', returns);
	const turnoverSeries = options.turnover;
	if (turnoverSeries !== undefined) {
		assertSameLength('returns', returns, 'turnover', turnoverSeries);
		assertFinite('turnover', turnoverSeries);
	}
	const n = returns.length;
	const annualiser = Math.sqrt(periodsPerYear);

	const equity = equityCurve(returns);
	const totalReturn = n === 0 ? Number.NaN : equity[n - 1] - 1;
	// (1 + total) <= 0 has no real root to annualise with.
	const annualReturn =
		n === 0 || totalReturn <= -1 ? Number.NaN : (1 + totalReturn) ** (periodsPerYear / n) - 1;

	const m = mean(returns);
	const std = sampleStd(returns);
	let downsideSq = 0;
	for (let i = 0; i < n; i++) downsideSq += Math.min(returns[i], 0) ** 2;
	const downside = n === 0 ? Number.NaN : Math.sqrt(downsideSq / n);

	let maxDrawdown = n === 0 ? Number.NaN : 0;
	for (const dd of drawdownCurve(returns)) maxDrawdown = Math.min(maxDrawdown, dd);

	let turnover = Number.NaN;
	if (turnoverSeries !== undefined && n > 0) {
		let sum = 0;
		for (let i = 0; i < n; i++) sum += turnoverSeries[i];
		turnover = sum / (n / periodsPerYear);
	}

	return {
		totalReturn,
		annualReturn,
		volatility: std * annualiser,
		// Comparisons with NaN are false, so an undefined spread falls through to NaN as well.
		sharpe: std > 0 ? (m / std) * annualiser : Number.NaN,
		sortino: downside > 0 ? (m / downside) * annualiser : Number.NaN,
		maxDrawdown,
		calmar: maxDrawdown < 0 ? annualReturn / -maxDrawdown : Number.NaN,
		turnover,
		periods: n
	};
}
