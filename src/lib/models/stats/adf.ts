/**
 * The augmented Dickey–Fuller test as statsmodels 0.13.5 `adfuller(x, maxlag=None, regression, autolag)` runs
 * it (Said & Dickey 1984; lag choice after Ng & Perron 2001 / Greene):
 *   Δx_t = (deterministic terms) + γ x_{t−1} + Σ_{j=1..p} φ_j Δx_{t−j} + ε_t,   τ = γ̂ / se(γ̂),
 * H₀: γ = 0 (a unit root). The largest lag considered is ⌈12 (n/100)^{1/4}⌉ (Schwert 1989), capped at
 * ⌊n/2⌋ − (number of trend terms) − 1. With autolag AIC / BIC every p in 0…maxlag is fitted on the same rows
 * (those the largest lag leaves) and the smallest criterion wins; 't-stat' starts at maxlag and drops lags until
 * the last one's |t| ≥ 1.645. The chosen p is then refitted on all the rows it leaves. p-value and critical values
 * by MacKinnon (mackinnon.ts).
 */
import { mackinnonCritical, mackinnonP, type AdfRegression } from './mackinnon';
import { nestedOls, ols } from './ols';

export const ADF_AUTOLAGS = ['AIC', 'BIC', 't-stat', 'none'] as const;
export type AdfAutolag = (typeof ADF_AUTOLAGS)[number];

/** 95 % one-sided normal quantile: the 't-stat' rule keeps the first lag (from the top) this significant. */
const T_STAT_STOP = 1.6448536269514722;

export interface AdfResult {
	readonly stat: number;
	readonly pvalue: number;
	readonly usedLag: number;
	readonly maxLag: number;
	/** Rows of the final regression. */
	readonly nobs: number;
	/** 1 %, 5 %, 10 %. */
	readonly critical: [number, number, number];
	/** The winning criterion (AIC, BIC or |t|); NaN with autolag 'none'. */
	readonly icBest: number;
	/** Coefficient on the lagged level (γ̂) and its standard error. */
	readonly gamma: number;
	readonly gammaSe: number;
}

export function trendCount(regression: AdfRegression): number {
	return regression === 'n' ? 0 : regression.length;
}

/** Schwert's default largest lag, capped as statsmodels caps it; negative when the series is too short. */
export function adfMaxLag(n: number, regression: AdfRegression): number {
	const schwert = Math.ceil(12 * Math.pow(n / 100, 1 / 4));
	return Math.min(Math.floor(n / 2) - trendCount(regression) - 1, schwert);
}

/** Design of the ADF regression with `lags` lagged differences on the rows t = start … n − 2 of Δx. */
function design(
	x: Float64Array,
	dx: Float64Array,
	start: number,
	lags: number,
	regression: AdfRegression
): { y: Float64Array; trends: Float64Array[]; level: Float64Array; lagged: Float64Array[] } {
	const rows = dx.length - start;
	const y = dx.slice(start);
	const level = x.slice(start, start + rows);
	const lagged = Array.from({ length: lags }, (_, j) => dx.slice(start - j - 1, start - j - 1 + rows));
	const trends: Float64Array[] = [];
	if (regression !== 'n') trends.push(new Float64Array(rows).fill(1));
	if (regression === 'ct' || regression === 'ctt')
		trends.push(Float64Array.from({ length: rows }, (_, i) => i + 1));
	if (regression === 'ctt') trends.push(Float64Array.from({ length: rows }, (_, i) => (i + 1) ** 2));
	return { y, trends, level, lagged };
}

export function adfuller(x: Float64Array, regression: AdfRegression, autolag: AdfAutolag): AdfResult {
	const n = x.length;
	const maxLag = adfMaxLag(n, regression);
	if (maxLag < 0) throw new RangeError(`adfuller: ${n} values are too few for regression '${regression}'`);
	const dx = new Float64Array(n - 1);
	for (let i = 1; i < n; i++) dx[i - 1] = x[i] - x[i - 1];
	let usedLag = maxLag;
	let icBest = Number.NaN;
	if (autolag !== 'none') {
		// Columns as statsmodels orders them in the search (trends prepended): trends, level, lag 1 … maxlag.
		const d = design(x, dx, maxLag, maxLag, regression);
		const columns = [...d.trends, d.level, ...d.lagged];
		const startK = d.trends.length + 1;
		const fits = nestedOls(d.y, columns, startK);
		if (autolag === 't-stat') {
			for (let i = fits.length - 1; i >= 0; i--) {
				icBest = Math.abs(fits[i].lastT);
				usedLag = i;
				if (icBest >= T_STAT_STOP) break;
			}
		} else {
			const ic = (f: (typeof fits)[number]): number => (autolag === 'AIC' ? f.aic : f.bic);
			usedLag = 0;
			icBest = ic(fits[0]);
			for (let i = 1; i < fits.length; i++)
				if (ic(fits[i]) < icBest) {
					icBest = ic(fits[i]);
					usedLag = i;
				}
		}
	}
	const d = design(x, dx, usedLag, usedLag, regression);
	const fit = ols(d.y, [d.level, ...d.lagged, ...d.trends]);
	const stat = fit.tvalues[0];
	return {
		stat,
		pvalue: mackinnonP(stat, regression),
		usedLag,
		maxLag,
		nobs: d.y.length,
		critical: mackinnonCritical(regression, d.y.length),
		icBest,
		gamma: fit.params[0],
		gammaSe: fit.bse[0]
	};
}
