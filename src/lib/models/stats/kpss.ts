/**
 * The KPSS test of Kwiatkowski, Phillips, Schmidt & Shin (1992), as statsmodels 0.13.5 `kpss(x, regression,
 * nlags='auto')` runs it. H₀: the series is stationary around a level ('c') or a linear trend ('ct').
 *   η = Σ_t S_t² / n²,  S_t the partial sums of the residuals e (x − mean, or x − OLS trend line),
 *   KPSS = η / σ̂²,  σ̂² = (Σe² + 2 Σ_{i=1..L} (1 − i/(L+1)) Σ_t e_t e_{t−i}) / n   (Newey–West, Bartlett kernel),
 * L chosen by the data-dependent rule of Hobijn, Franses & Ooms (1998): with m = ⌊n^{2/9}⌋ autocovariance lags,
 * ŝ = s₁ / s₀, L = ⌊1.1447 (ŝ²)^{1/3} n^{1/3}⌋, at most n − 1. The p-value is interpolated linearly in the
 * published table (KPSS 1992 Table 1) and is clamped at its ends: 0.01 means "at most 0.01", 0.10 "at least 0.10".
 */
import { ols } from './ols';

export const KPSS_REGRESSIONS = ['c', 'ct'] as const;
export type KpssRegression = (typeof KPSS_REGRESSIONS)[number];

/** Upper-tail probabilities of the table and the critical values at each (KPSS 1992, Table 1). */
const KPSS_P = [0.1, 0.05, 0.025, 0.01];
const KPSS_CRITICAL: Readonly<Record<KpssRegression, readonly number[]>> = {
	c: [0.347, 0.463, 0.574, 0.739],
	ct: [0.119, 0.146, 0.176, 0.216]
};
/** Andrews (1991)'s Bartlett-kernel bandwidth constant, as Hobijn et al. (1998) use it. */
const HOBIJN_BARTLETT = 1.1447;

export interface KpssResult {
	readonly stat: number;
	readonly pvalue: number;
	readonly lags: number;
	readonly nobs: number;
	/** 10 %, 5 %, 2.5 %, 1 %. */
	readonly critical: readonly number[];
	/** 'smaller': the true p-value is below the reported 0.01; 'greater': above the reported 0.10. */
	readonly boundary: 'smaller' | 'greater' | null;
}

function laggedProduct(e: Float64Array, lag: number): number {
	let s = 0;
	for (let t = lag; t < e.length; t++) s += e[t] * e[t - lag];
	return s;
}

/** The Hobijn–Franses–Ooms bandwidth for residuals e. */
export function kpssAutoLag(e: Float64Array): number {
	const n = e.length;
	const covLags = Math.floor(Math.pow(n, 2 / 9));
	let s0 = laggedProduct(e, 0) / n;
	let s1 = 0;
	for (let i = 1; i <= covLags; i++) {
		const p = laggedProduct(e, i) / (n / 2);
		s0 += p;
		s1 += i * p;
	}
	const sHat = s1 / s0;
	return Math.floor(HOBIJN_BARTLETT * Math.pow(sHat * sHat, 1 / 3) * Math.pow(n, 1 / 3));
}

/** Linear interpolation as np.interp: clamped outside [xs₀, xs_last]; xs increasing. */
function interp(x: number, xs: readonly number[], ys: readonly number[]): number {
	if (x <= xs[0]) return ys[0];
	if (x >= xs[xs.length - 1]) return ys[ys.length - 1];
	let i = 1;
	while (x > xs[i]) i++;
	return ys[i - 1] + ((x - xs[i - 1]) / (xs[i] - xs[i - 1])) * (ys[i] - ys[i - 1]);
}

export function kpss(x: Float64Array, regression: KpssRegression): KpssResult {
	const n = x.length;
	if (n < 3) throw new RangeError(`kpss: ${n} values are too few`);
	let e: Float64Array;
	if (regression === 'ct') {
		const trend = Float64Array.from({ length: n }, (_, i) => i + 1);
		e = ols(x, [new Float64Array(n).fill(1), trend]).resid;
	} else {
		let mean = 0;
		for (let i = 0; i < n; i++) mean += x[i];
		mean /= n;
		e = Float64Array.from(x, (v) => v - mean);
	}
	const lags = Math.min(kpssAutoLag(e), n - 1);
	let partial = 0;
	let eta = 0;
	for (let t = 0; t < n; t++) {
		partial += e[t];
		eta += partial * partial;
	}
	eta /= n * n;
	let s2 = laggedProduct(e, 0);
	for (let i = 1; i <= lags; i++) s2 += 2 * laggedProduct(e, i) * (1 - i / (lags + 1));
	s2 /= n;
	const stat = eta / s2;
	const critical = KPSS_CRITICAL[regression];
	const pvalue = interp(stat, critical, KPSS_P);
	const boundary = pvalue === KPSS_P[KPSS_P.length - 1] ? 'smaller' : pvalue === KPSS_P[0] ? 'greater' : null;
	return { stat, pvalue, lags, nobs: n, critical, boundary };
}
