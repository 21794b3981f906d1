/** What a fitted (S)ARIMA records in the fold's model info: statsmodels' parameter names and the fit's facts. */
import type { SarimaFit } from './sarima';

export function sarimaInfo(fit: SarimaFit, trend: string): Record<string, string | number> {
	const { p, d, q, P, D, Q, s } = fit.order;
	const info: Record<string, string | number> = {
		order: `(${p}, ${d}, ${q})`,
		seasonalOrder: `(${P}, ${D}, ${Q}, ${s})`,
		trend,
		likelihood: 'exact Gaussian (Kalman filter from the stationary state)',
		logLikelihood: fit.logLikelihood,
		nobs: fit.nobs,
		iterations: fit.iterations,
		converged: fit.converged ? 'yes' : 'no'
	};
	if (fit.mean !== null) info.const = fit.mean;
	fit.ar.forEach((v, i) => (info[`ar.L${i + 1}`] = v));
	fit.ma.forEach((v, i) => (info[`ma.L${i + 1}`] = v));
	fit.seasonalAr.forEach((v, i) => (info[`ar.S.L${(i + 1) * s}`] = v));
	fit.seasonalMa.forEach((v, i) => (info[`ma.S.L${(i + 1) * s}`] = v));
	info.sigma2 = fit.sigma2;
	return info;
}
