/**
 * The Engle–Granger two-step cointegration test as statsmodels 0.13.5 `coint(y0, y1, trend='c', method='aeg',
 * maxlag=None, autolag='aic')` runs it (Engle & Granger 1987):
 * 1. the cointegrating regression y0_t = α + β y1_t + e_t by OLS;
 * 2. the augmented Dickey–Fuller test of its residuals with no deterministic terms (they have mean 0 already),
 *    lags by AIC up to Schwert's maximum; τ is that test's statistic.
 * H₀: no cointegration (the residuals have a unit root). The p-value and critical values are MacKinnon's for two
 * series with a constant, not the ADF ones (the residuals are estimated, which shifts the distribution left);
 * critical values at nobs − 1 observations as statsmodels (after Stata's egranger). When y0 is (almost) a
 * linear function of y1 (R² ≥ 1 − 100 √ε) the ADF regression is degenerate: τ = −∞ and p = 0, as statsmodels.
 */
import { adfuller } from './adf';
import { mackinnonCointCritical, mackinnonCointP } from './mackinnon';
import { ols } from './ols';

const COLLINEAR_R2 = 1 - 100 * Math.sqrt(Number.EPSILON);

export interface CointResult {
	/** Engle–Granger τ (the ADF statistic of the residuals); −∞ when the series are collinear. */
	readonly stat: number;
	readonly pvalue: number;
	/** 1 %, 5 %, 10 %. */
	readonly critical: [number, number, number];
	/** Intercept α and slope β of y0 on y1 (the hedge ratio). */
	readonly alpha: number;
	readonly beta: number;
	/** e_t = y0_t − α − β y1_t. */
	readonly resid: Float64Array;
	/** Lags of the ADF regression (by AIC); 0 when collinear. */
	readonly usedLag: number;
	readonly collinear: boolean;
}

export function engleGranger(y0: Float64Array, y1: Float64Array): CointResult {
	const n = y0.length;
	if (y1.length !== n) throw new RangeError(`engleGranger: ${n} and ${y1.length} values`);
	const fit = ols(y0, [y1, new Float64Array(n).fill(1)]);
	let mean = 0;
	for (const v of y0) mean += v;
	mean /= n;
	let tss = 0;
	for (const v of y0) tss += (v - mean) ** 2;
	const r2 = 1 - fit.ssr / tss;
	const critical = mackinnonCointCritical(n - 1);
	const [beta, alpha] = fit.params;
	if (!(r2 < COLLINEAR_R2))
		return {
			stat: -Infinity,
			pvalue: 0,
			critical,
			alpha,
			beta,
			resid: fit.resid,
			usedLag: 0,
			collinear: true
		};
	const adf = adfuller(fit.resid, 'n', 'AIC');
	return {
		stat: adf.stat,
		pvalue: mackinnonCointP(adf.stat),
		critical,
		alpha,
		beta,
		resid: fit.resid,
		usedLag: adf.usedLag,
		collinear: false
	};
}
