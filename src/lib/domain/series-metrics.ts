/**
 * The metrics of the series and state tasks (task-metrics.ts scores every task through them):
 * - forecast: MASE against the naive (random-walk) forecast and sMAPE of the implied price;
 * - volatility_forecast: QLIKE and MSE against realised variance and against the rolling-variance baseline, and
 *   the exposure of volatility targeting;
 * - regime / clustering: per-state return statistics and the out-of-sample transition frequencies.
 */
import { TRADING_DAYS_PER_YEAR } from './metrics';

/** Volatility targeting aims for this annualised volatility unless the trial says otherwise. */
export const DEFAULT_VOL_TARGET = 0.15;
/** Volatility targeting never leverages: exposure is capped at fully invested. */
export const MAX_VOL_EXPOSURE = 1;
/** The volatility baseline: the mean squared daily log return over this many past days. */
export const VOL_BASELINE_DAYS = 21;

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
