/**
 * Classical moving-average decomposition, as statsmodels 0.13.5 `statsmodels.tsa.seasonal.seasonal_decompose`
 * with its defaults (two-sided filter, no trend extrapolation): the trend is the centred moving average over one
 * period (a 2×period average with half weights at the ends when the period is even), NaN for the first and last
 * ⌊period/2⌋ values; the seasonal part is the mean of the detrended values at each position in the period,
 * centred to sum to zero (additive) or to average one (multiplicative), repeated; the residual is what is left.
 */

export type ClassicalModel = 'additive' | 'multiplicative';

export interface ClassicalResult {
	readonly trend: Float64Array;
	readonly seasonal: Float64Array;
	readonly resid: Float64Array;
	/** One seasonal figure per position in the period (index 0 = the first observation's position). */
	readonly figure: Float64Array;
}

/** The centred moving-average filter statsmodels uses for a period. */
export function centredFilter(period: number): Float64Array {
	if (period % 2 === 0) {
		const f = new Float64Array(period + 1).fill(1 / period);
		f[0] = f[period] = 0.5 / period;
		return f;
	}
	return new Float64Array(period).fill(1 / period);
}

export function classicalDecompose(x: Float64Array, period: number, model: ClassicalModel): ClassicalResult {
	const n = x.length;
	if (!Number.isInteger(period) || period < 2)
		throw new RangeError(`period must be a whole number ≥ 2, got ${period}`);
	if (n < 2 * period)
		throw new RangeError(`the decomposition needs two full periods (${2 * period} values), got ${n}`);
	for (let i = 0; i < n; i++) {
		if (!Number.isFinite(x[i]))
			throw new RangeError(`values[${i}] is ${x[i]}: the decomposition needs finite values`);
		if (model === 'multiplicative' && x[i] <= 0)
			throw new RangeError(`values[${i}] is ${x[i]}: a multiplicative decomposition needs positive values`);
	}
	const filt = centredFilter(period);
	const half = (filt.length - 1) / 2;
	const trend = new Float64Array(n).fill(Number.NaN);
	for (let t = half; t < n - half; t++) {
		let s = 0;
		for (let k = 0; k < filt.length; k++) s += filt[k] * x[t - half + k];
		trend[t] = s;
	}
	const mult = model === 'multiplicative';
	const detrended = new Float64Array(n);
	for (let t = 0; t < n; t++) detrended[t] = mult ? x[t] / trend[t] : x[t] - trend[t];
	const figure = new Float64Array(period);
	for (let p = 0; p < period; p++) {
		let s = 0;
		let c = 0;
		for (let t = p; t < n; t += period)
			if (!Number.isNaN(detrended[t])) {
				s += detrended[t];
				c++;
			}
		figure[p] = s / c;
	}
	let mean = 0;
	for (let p = 0; p < period; p++) mean += figure[p];
	mean /= period;
	for (let p = 0; p < period; p++) figure[p] = mult ? figure[p] / mean : figure[p] - mean;
	const seasonal = new Float64Array(n);
	const resid = new Float64Array(n);
	for (let t = 0; t < n; t++) {
		seasonal[t] = figure[t % period];
		resid[t] = mult ? x[t] / seasonal[t] / trend[t] : detrended[t] - seasonal[t];
	}
	return { trend, seasonal, resid, figure };
}
