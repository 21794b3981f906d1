/**
 * Starting values for the likelihood search, computed as statsmodels' SARIMAX.start_params does
 * (`_conditional_sum_squares`, a Hannan–Rissanen-type two-stage regression): a long autoregression of order 2q
 * gives residuals standing in for the innovations, then one least-squares regression of the series on its AR lags
 * and those residuals' MA lags gives (φ, θ). The seasonal part is a second, separate regression on the seasonal
 * lags only. Non-stationary or non-invertible results start at zero (statsmodels warns and does the same).
 */
import { isStationary } from './arma-params';
import { leastSquares } from './least-squares';

export interface CssStart {
	readonly ar: Float64Array;
	readonly ma: Float64Array;
}

/**
 * One conditional-sum-of-squares regression: `arLags` and `maLags` are the lags used (1 … p, or s … Ps), `kAr`
 * and `kMa` the highest of each (statsmodels' k_ar / k_ma). Zeros when there are too few values.
 */
export function conditionalSumOfSquares(
	y: Float64Array,
	arLags: readonly number[],
	maLags: readonly number[]
): CssStart {
	const kAr = arLags.length ? arLags[arLags.length - 1] : 0;
	const kMa = maLags.length ? maLags[maLags.length - 1] : 0;
	const zeros = (): CssStart => ({
		ar: new Float64Array(arLags.length),
		ma: new Float64Array(maLags.length)
	});
	if (arLags.length + maLags.length === 0) return zeros();
	const n = y.length;
	const k = 2 * kMa;
	const r = Math.max(k + kMa, kAr);
	// Residuals of the long autoregression, e[t] for t ≥ k (index t − k).
	let e: Float64Array | null = null;
	if (kMa > 0) {
		const rows = n - k;
		if (rows < k) return zeros();
		const X = new Float64Array(rows * k);
		for (let t = k; t < n; t++) for (let l = 1; l <= k; l++) X[(t - k) * k + l - 1] = y[t - l];
		const beta = leastSquares(X, y.subarray(k), rows, k);
		if (!beta) return zeros();
		e = new Float64Array(rows);
		for (let t = k; t < n; t++) {
			let fit = 0;
			for (let l = 1; l <= k; l++) fit += beta[l - 1] * y[t - l];
			e[t - k] = y[t] - fit;
		}
	}
	const cols = arLags.length + maLags.length;
	const rows = n - r;
	if (rows < cols) return zeros();
	const X = new Float64Array(rows * cols);
	for (let t = r; t < n; t++) {
		const row = (t - r) * cols;
		arLags.forEach((l, j) => (X[row + j] = y[t - l]));
		maLags.forEach((l, j) => (X[row + arLags.length + j] = e![t - l - k]));
	}
	const beta = leastSquares(X, y.subarray(r), rows, cols);
	if (!beta) return zeros();
	let ar = beta.slice(0, arLags.length);
	let ma = beta.slice(arLags.length);
	if (!isStationary(ar)) ar = new Float64Array(ar.length);
	// 1 + θ₁L + … is invertible when 1 − (−θ₁)L − … is "stationary".
	if (!isStationary(Float64Array.from(ma, (v) => -v))) ma = new Float64Array(ma.length);
	return { ar, ma };
}

/** Lags 1 … k, or s, 2s, … ks for a seasonal part. */
export function lags(count: number, step = 1): number[] {
	return Array.from({ length: count }, (_, i) => (i + 1) * step);
}
