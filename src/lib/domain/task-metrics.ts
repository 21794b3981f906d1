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
	type RegressionMetrics,
	TRADING_DAYS_PER_YEAR
} from './metrics';

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

/** Volatility targeting aims for this annualised volatility unless the trial says otherwise. */
export const DEFAULT_VOL_TARGET = 0.15;
/** Volatility targeting never leverages: exposure is capped at fully invested. */
export const MAX_VOL_EXPOSURE = 1;
/** The volatility baseline: the mean squared daily log return over this many past days. */
export const VOL_BASELINE_DAYS = 21;

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

/** A forecaster against the naive (random-walk) forecast, which predicts no change. */
export interface ForecastMetrics {
	/** MAE of the forecast over the MAE of the naive forecast on the same rows: below 1 beats the random walk. */
	mase: number;
	/** Symmetric MAPE of the forecast price h days ahead, in percent, and the naive forecast's. */
	smape: number;
	naiveSmape: number;
	n: number;
}

/** A volatility forecast against the realised variance and against the rolling-variance baseline. */
export interface VolatilityMetrics {
	/** QLIKE loss (realised/forecast − log(realised/forecast) − 1, averaged): 0 is perfect, lower is better. */
	qlike: number;
	baselineQlike: number;
	/** Mean squared error of the daily variance forecast, and the baseline's. */
	mse: number;
	baselineMse: number;
	/** Annualised volatility: mean forecast, mean realised. */
	forecastVol: number;
	realisedVol: number;
	/** Mean exposure of the volatility-targeting strategy. */
	exposure: number;
	n: number;
}

/** Out-of-sample statistics of one state, from the next-day returns of the rows assigned to it. */
export interface RegimeState {
	state: number;
	n: number;
	/** Share of scored rows in this state. */
	share: number;
	/** Mean next-day simple return, annualised volatility and annualised Sharpe of those rows. */
	meanReturn: number;
	vol: number;
	sharpe: number;
	/** Mean length in days of an unbroken run of this state. */
	avgDuration: number;
}

export interface RegimeMetrics {
	/** Number of states the model has (some may never occur out of sample). */
	states: number;
	perState: RegimeState[];
	/** Out-of-sample transition frequencies: transitions[i][j] = P(state j tomorrow | state i today); NaN rows for
	 * states never left from. */
	transitions: number[][];
	/** Number of state changes. */
	switches: number;
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

/** Annualised volatility of a mean daily variance of log returns. */
export function annualVol(dailyVariance: number): number {
	return Math.sqrt(TRADING_DAYS_PER_YEAR * Math.max(0, dailyVariance));
}

/** Volatility targeting: exposure = target / forecast volatility, never short and never above fully invested. */
export function volTargetExposure(forecastDailyVariance: number, volTarget: number): number {
	const vol = annualVol(forecastDailyVariance);
	if (!(vol > 0)) return MAX_VOL_EXPOSURE;
	return Math.min(MAX_VOL_EXPOSURE, volTarget / vol);
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

/** MASE against the naive forecast and sMAPE of the implied price, from forecast and realised log returns. */
export function forecastMetrics(realised: Float64Array, predicted: Float64Array): ForecastMetrics {
	const n = realised.length;
	let err = 0;
	let naiveErr = 0;
	let smape = 0;
	let naiveSmape = 0;
	for (let i = 0; i < n; i++) {
		const r = realised[i];
		const p = predicted[i];
		err += Math.abs(p - r);
		naiveErr += Math.abs(r);
		// Prices relative to the origin's close: forecast e^p, naive 1, actual e^r.
		const actual = Math.exp(r);
		const forecast = Math.exp(p);
		smape += (200 * Math.abs(forecast - actual)) / (forecast + actual);
		naiveSmape += (200 * Math.abs(1 - actual)) / (1 + actual);
	}
	if (n === 0) return { mase: Number.NaN, smape: Number.NaN, naiveSmape: Number.NaN, n };
	return {
		mase: naiveErr > 0 ? err / naiveErr : Number.NaN,
		smape: smape / n,
		naiveSmape: naiveSmape / n,
		n
	};
}

/** Realised variance is floored here for QLIKE, whose log is undefined at 0 (a perfectly flat stretch). */
const MIN_REALISED_VARIANCE = 1e-12;

/** QLIKE of one variance forecast (Patton 2011): 0 when forecast = realised, growing fastest for forecasts too low. */
function qlike(realised: number, forecast: number): number {
	const ratio = Math.max(realised, MIN_REALISED_VARIANCE) / Math.max(forecast, Number.MIN_VALUE);
	return ratio - Math.log(ratio) - 1;
}

export function volatilityMetrics(
	realised: Float64Array,
	predicted: Float64Array,
	baseline: Float64Array,
	volTarget: number
): VolatilityMetrics {
	const n = realised.length;
	if (n === 0) {
		const nan = Number.NaN;
		return {
			qlike: nan,
			baselineQlike: nan,
			mse: nan,
			baselineMse: nan,
			forecastVol: nan,
			realisedVol: nan,
			exposure: nan,
			n
		};
	}
	let q = 0;
	let qb = 0;
	let se = 0;
	let seb = 0;
	let f = 0;
	let rv = 0;
	let exposure = 0;
	for (let i = 0; i < n; i++) {
		q += qlike(realised[i], predicted[i]);
		qb += qlike(realised[i], baseline[i]);
		se += (predicted[i] - realised[i]) ** 2;
		seb += (baseline[i] - realised[i]) ** 2;
		f += predicted[i];
		rv += realised[i];
		exposure += volTargetExposure(predicted[i], volTarget);
	}
	return {
		qlike: q / n,
		baselineQlike: qb / n,
		mse: se / n,
		baselineMse: seb / n,
		forecastVol: annualVol(f / n),
		realisedVol: annualVol(rv / n),
		exposure: exposure / n,
		n
	};
}

/** Per-state return statistics and the transition frequencies of a sequence of states. */
export function regimeMetrics(states: Float64Array, nextReturn: Float64Array): RegimeMetrics {
	const n = states.length;
	let k = 0;
	for (let i = 0; i < n; i++) {
		const s = states[i];
		if (!Number.isInteger(s) || s < 0)
			throw new RangeError(`state ${i} is ${s}; states are whole numbers ≥ 0`);
		k = Math.max(k, s + 1);
	}
	const count = new Float64Array(k);
	const sum = new Float64Array(k);
	const sumSq = new Float64Array(k);
	const runs = new Float64Array(k);
	const moves = Array.from({ length: k }, () => new Float64Array(k));
	let switches = 0;
	for (let i = 0; i < n; i++) {
		const s = states[i];
		count[s]++;
		sum[s] += nextReturn[i];
		sumSq[s] += nextReturn[i] ** 2;
		if (i === 0 || states[i - 1] !== s) runs[s]++;
		if (i > 0) {
			moves[states[i - 1]][s]++;
			if (states[i - 1] !== s) switches++;
		}
	}
	const perState: RegimeState[] = [];
	for (let s = 0; s < k; s++) {
		const m = count[s] > 0 ? sum[s] / count[s] : Number.NaN;
		const variance = count[s] > 1 ? (sumSq[s] - count[s] * m * m) / (count[s] - 1) : Number.NaN;
		const sd = Math.sqrt(Math.max(0, variance));
		perState.push({
			state: s,
			n: count[s],
			share: n > 0 ? count[s] / n : Number.NaN,
			meanReturn: m,
			vol: sd * Math.sqrt(TRADING_DAYS_PER_YEAR),
			sharpe: sd > 0 ? (m / sd) * Math.sqrt(TRADING_DAYS_PER_YEAR) : Number.NaN,
			avgDuration: runs[s] > 0 ? count[s] / runs[s] : Number.NaN
		});
	}
	const transitions = moves.map((row) => {
		const total = row.reduce((a, b) => a + b, 0);
		return [...row].map((c) => (total > 0 ? c / total : Number.NaN));
	});
	return { states: k, perState, transitions, switches, n };
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
