/**
 * How each task kind turns a model's output into positions and metrics (ARCHITECTURE §4 "Task kinds"). One
 * function scores a fold and the stitched trial alike, so a fold's numbers and the headline numbers can never
 * be computed two different ways.
 *
 * What `predicted` and `realised` hold, by task:
 * - regression: the predicted target and the realised target (forward log return, or direction ±1);
 * - classification: the probability that the forward return is positive, and the realised forward log return
 *   (the label is realised > 0);
 * - signal: the position the signal took, and the realised target;
 * - forecast: the forecast forward log return over the horizon (the model's forecast of the series h steps ahead,
 *   as a return from the origin's close), and the realised forward log return;
 * - volatility_forecast: the forecast mean daily variance of log returns over the next h days, and the realised
 *   one (mean of the squared daily log returns); `aux` holds the rolling-variance baseline forecast;
 * - regime / clustering: the state (0 … k − 1) assigned causally, and the realised target; `aux` holds the
 *   position the fold's regime rule takes in that state (long in states whose training-window mean return is
 *   positive; short in the others under long_short).
 */
import { classificationMetrics, type ClassificationMetrics } from './classification-metrics';
import {
	performance as scorePerformance,
	regressionMetrics,
	spearman,
	strategyReturns,
	type PerformanceMetrics,
	type PositionMode,
	type RegressionMetrics
} from './metrics';
import {
	DEFAULT_VOL_TARGET,
	forecastMetrics,
	regimeMetrics,
	volatilityMetrics,
	volTargetExposure,
	type ForecastMetrics,
	type RegimeMetrics,
	type VolatilityMetrics
} from './series-metrics';

export {
	annualVol,
	DEFAULT_VOL_TARGET,
	forecastMetrics,
	MAX_VOL_EXPOSURE,
	regimeMetrics,
	VOL_BASELINE_DAYS,
	volatilityMetrics,
	volTargetExposure,
	type ForecastMetrics,
	type RegimeMetrics,
	type RegimeState,
	type VolatilityMetrics
} from './series-metrics';

export const TASK_KINDS = [
	'regression',
	'classification',
	'signal',
	'forecast',
	'volatility_forecast',
	'regime',
	'clustering'
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** How a classifier's probability becomes a position: its side only, or its side sized by its confidence. */
export const SIZING_MODES = ['sign', 'confidence'] as const;
export type Sizing = (typeof SIZING_MODES)[number];

export interface StrategySettings {
	readonly mode: PositionMode;
	readonly costBps: number;
	readonly sizing: Sizing;
	/** Annualised volatility a volatility-targeting strategy aims for (volatility_forecast); default 15 %. */
	readonly volTarget?: number;
}

/** Did the model call the direction, and does its score rank the outcomes? Defined for every task. */
export interface DirectionMetrics {
	/** Share of rows with a non-zero outcome and a non-zero call whose signs agree; a zero call is a miss. */
	hitRate: number;
	/** Spearman rank correlation of the model's score with the realised outcome. */
	ic: number;
	n: number;
}

/** How a signal sat in the market over the scored rows. */
export interface SignalMetrics {
	/** Mean |position|: 1 is always fully invested. */
	exposure: number;
	/** Share of rows long, and short. */
	longShare: number;
	shortShare: number;
	/** Number of changes of position (entries, exits and flips). */
	trades: number;
	n: number;
}

export interface TaskMetrics {
	readonly task: TaskKind;
	readonly direction: DirectionMetrics;
	readonly regression: RegressionMetrics | null;
	readonly classification: ClassificationMetrics | null;
	readonly signal: SignalMetrics | null;
	readonly forecast: ForecastMetrics | null;
	readonly volatility: VolatilityMetrics | null;
	readonly regime: RegimeMetrics | null;
	readonly strategy: PerformanceMetrics;
	readonly buyHold: PerformanceMetrics;
}

/** Probability 1/2 means "no view": the classifier's score is p − 1/2. */
const NO_VIEW = 0.5;

/** The model's directional score: positive means up. */
export function scoreOf(task: TaskKind, predicted: Float64Array): Float64Array {
	if (task !== 'classification') return predicted;
	return Float64Array.from(predicted, (p) => p - NO_VIEW);
}

/** Tasks whose rows carry a second, task-specific value (`aux`): the volatility baseline, the regime position. */
export function taskNeedsAux(task: TaskKind): boolean {
	return task === 'volatility_forecast' || task === 'regime' || task === 'clustering';
}

function clampPosition(x: number, mode: PositionMode): number {
	const lo = mode === 'long_short' ? -1 : 0;
	return Math.min(1, Math.max(lo, x)) + 0;
}

/**
 * Positions held from each row's close to the next. Regression trades the sign of the prediction; a classifier
 * the side of p − 1/2, or 2p − 1 with confidence sizing; a signal its own position. long_flat never shorts.
 */
export function positionsFor(
	task: TaskKind,
	predicted: Float64Array,
	s: StrategySettings,
	aux: Float64Array | null = null
): Float64Array {
	if (taskNeedsAux(task) && (!aux || aux.length !== predicted.length)) {
		throw new RangeError(
			`${task} needs one aux value per prediction (${predicted.length}), got ${aux?.length ?? 0}`
		);
	}
	const out = new Float64Array(predicted.length);
	const volTarget = s.volTarget ?? DEFAULT_VOL_TARGET;
	for (let i = 0; i < predicted.length; i++) {
		const v = predicted[i];
		if (!Number.isFinite(v)) throw new RangeError(`prediction ${i} is ${v}; positions need finite values`);
		let x: number;
		if (task === 'signal') x = v;
		else if (task === 'classification') x = s.sizing === 'confidence' ? 2 * v - 1 : Math.sign(v - NO_VIEW);
		else if (task === 'volatility_forecast') x = volTargetExposure(v, volTarget);
		else if (task === 'regime' || task === 'clustering') x = aux![i];
		else x = Math.sign(v);
		out[i] = clampPosition(x, s.mode);
	}
	return out;
}

export function directionMetrics(realised: Float64Array, score: Float64Array): DirectionMetrics {
	const n = realised.length;
	let called = 0;
	let hits = 0;
	for (let i = 0; i < n; i++) {
		if (realised[i] === 0) continue;
		called++;
		if (score[i] !== 0 && score[i] > 0 === realised[i] > 0) hits++;
	}
	return {
		hitRate: called === 0 ? Number.NaN : hits / called,
		ic: n < 2 ? Number.NaN : spearman(realised, score),
		n
	};
}

export function signalMetrics(positions: Float64Array): SignalMetrics {
	const n = positions.length;
	if (n === 0) return { exposure: Number.NaN, longShare: Number.NaN, shortShare: Number.NaN, trades: 0, n };
	let abs = 0;
	let long = 0;
	let short = 0;
	let trades = 0;
	let prev = 0;
	for (let i = 0; i < n; i++) {
		const p = positions[i];
		abs += Math.abs(p);
		if (p > 0) long++;
		else if (p < 0) short++;
		if (p !== prev) trades++;
		prev = p;
	}
	return { exposure: abs / n, longShare: long / n, shortShare: short / n, trades, n };
}

/** Labels of a classifier's outcome: 1 when the realised forward return is positive. */
export function upLabels(realised: Float64Array): Float64Array {
	return Float64Array.from(realised, (r) => (r > 0 ? 1 : 0));
}

/** Every metric of one scored stretch of test rows (a fold, or the stitched trial). */
export function scoreTask(
	task: TaskKind,
	realised: Float64Array,
	predicted: Float64Array,
	nextReturn: Float64Array,
	s: StrategySettings,
	aux: Float64Array | null = null
): TaskMetrics {
	const positions = positionsFor(task, predicted, s, aux);
	const strat = strategyReturns(positions, nextReturn, s.costBps);
	const regime = task === 'regime' || task === 'clustering';
	let direction: DirectionMetrics;
	if (task === 'volatility_forecast') {
		// Did the forecast call the move of volatility away from the rolling baseline, and rank it?
		const b = aux!;
		direction = directionMetrics(
			Float64Array.from(realised, (v, i) => v - b[i]),
			Float64Array.from(predicted, (v, i) => v - b[i])
		);
	} else {
		direction = directionMetrics(
			realised,
			task === 'signal' || regime ? positions : scoreOf(task, predicted)
		);
	}
	return {
		task,
		direction,
		regression: task === 'regression' || task === 'forecast' ? regressionMetrics(realised, predicted) : null,
		classification: task === 'classification' ? classificationMetrics(upLabels(realised), predicted) : null,
		signal: task === 'signal' || regime ? signalMetrics(positions) : null,
		forecast: task === 'forecast' ? forecastMetrics(realised, predicted) : null,
		volatility:
			task === 'volatility_forecast'
				? volatilityMetrics(realised, predicted, aux!, s.volTarget ?? DEFAULT_VOL_TARGET)
				: null,
		regime: regime ? regimeMetrics(predicted, nextReturn) : null,
		strategy: scorePerformance(strat.net, { turnover: strat.turnover }),
		buyHold: scorePerformance(nextReturn)
	};
}
