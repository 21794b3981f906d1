/**
 * RiskMetrics exponentially weighted variance (J.P. Morgan/Reuters, RiskMetrics — Technical Document, 4th ed.,
 * 1996, §5.2.1, eq. 5.3): with zero mean daily returns r,
 *   σ²_{t+1} = λ σ²_t + (1 − λ) r²_t
 * λ = 0.94 for daily data in the document. Nothing is estimated but the starting variance: σ²_0, the variance before
 * the first return, is the mean squared return of the training window (zero mean, as RiskMetrics assumes). The
 * k-step forecast is flat: under the model E σ²_{t+k} = σ²_{t+1} (the square-root-of-time rule for the h-day
 * variance, §5.3).
 */
import type { FittedSeriesModel } from '../types';

/** Too few returns give no starting variance worth the name. */
export const MIN_RETURNS = 20;

function checkLambda(lambda: number): void {
	if (!(lambda > 0 && lambda < 1)) throw new RangeError(`ewma lambda_decay must be in (0, 1); got ${lambda}`);
}

/** σ²_0 … σ²_n from the starting variance: σ²_n is the forecast after the last return. */
export function ewmaVariances(returns: Float64Array, lambda: number, initial: number): Float64Array {
	checkLambda(lambda);
	const out = new Float64Array(returns.length + 1);
	out[0] = initial;
	for (let t = 0; t < returns.length; t++)
		out[t + 1] = lambda * out[t] + (1 - lambda) * returns[t] * returns[t];
	return out;
}

/** The starting variance from the training returns: their mean square. */
export function ewmaInitialVariance(train: Float64Array): number {
	if (train.length < MIN_RETURNS)
		throw new RangeError(`ewma returns: ${train.length} values; at least ${MIN_RETURNS} are needed`);
	let s = 0;
	for (let i = 0; i < train.length; i++) {
		if (!Number.isFinite(train[i]))
			throw new RangeError(`ewma returns: value ${i} is ${train[i]}; returns must be finite`);
		s += train[i] * train[i];
	}
	return s / train.length;
}

/** The fitted model: filters through the series from σ²_0 and forecasts flat from every origin. */
export function ewmaModel(lambda: number, initial: number): FittedSeriesModel {
	checkLambda(lambda);
	return {
		forecast(series, from, horizon) {
			const v = ewmaVariances(series, lambda, initial);
			const out = new Float64Array((series.length - from) * horizon);
			// Origin t has seen returns 0 … t: its next variance is σ²_{t+1}.
			for (let t = from; t < series.length; t++)
				out.fill(v[t + 1], (t - from) * horizon, (t - from + 1) * horizon);
			return out;
		},
		info: { lambda, initialVariance: initial }
	};
}
