/** The result record shared by vasicek_model and cox_ingersoll_ross_model. */
import { AnalysisInputError, analysisResult, type AnalysisData, type AnalysisResult } from '../analysis';
import type { AnalysisContext } from '../analysis';
import { quantileSorted } from './math';
import {
	chiSquare3Cdf,
	cirBond,
	cirQuasiLogLik,
	fitCir,
	fitVasicek,
	observationStep,
	simulateShortRate,
	vasicekBond,
	vasicekLogLik,
	zeroYield,
	type ShortRateParams
} from './short-rate';

/** Maturities of the implied curve, years. */
const MATURITIES = [0.25, 0.5, 1, 2, 3, 5, 7, 10, 20, 30];
/** The simulated fan: this many years ahead, this many paths. */
const FAN_YEARS = 5;
const FAN_PATHS = 2000;
/** At most this many simulated steps (daily data are thinned to keep the fan cheap). */
const FAN_MAX_STEPS = 260;
const FAN_PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95];
/** The chart shows this many years of history before the fan. */
const HISTORY_YEARS = 15;
const MS_PER_YEAR = 365.25 * 86_400_000;

export interface ShortRateUserParams {
	readonly mean_reversion_speed: number;
	readonly long_term_mean: number;
	readonly volatility: number;
	readonly rate_unit: 'percent' | 'fraction';
}

export function shortRateReport(
	model: 'vasicek' | 'cir',
	data: AnalysisData,
	p: ShortRateUserParams,
	ctx: AnalysisContext
): AnalysisResult {
	const dataset = data.datasets[0];
	if (!dataset) throw new AnalysisInputError('Choose one interest-rate series (e.g. FRED TB3MS or DGS3MO).');
	const { bars, name } = dataset;
	if (bars.t.length < 3) throw new AnalysisInputError(`${name} has ${bars.t.length} observations: too few.`);
	const scale = p.rate_unit === 'percent' ? 0.01 : 1;
	const r = bars.close.map((v) => v * scale);
	const { dt, label: frequency } = observationStep(bars.t);
	const fit = model === 'vasicek' ? fitVasicek(r, dt) : fitCir(r, dt);
	const user: ShortRateParams = {
		kappa: p.mean_reversion_speed,
		theta: p.long_term_mean,
		sigma: p.volatility
	};
	const logLik = (q: ShortRateParams) =>
		model === 'vasicek' ? vasicekLogLik(r, dt, q) : cirQuasiLogLik(r, dt, q);
	const userLogLik = logLik(user);
	const lr = 2 * (fit.logLik - userLogLik);
	const bond = (q: ShortRateParams, r0: number, tau: number) =>
		model === 'vasicek' ? vasicekBond(q, r0, tau) : cirBond(q, r0, tau);
	const r0 = r[r.length - 1];
	const names = model === 'vasicek' ? 'Vasicek' : 'CIR';
	const σUnit = model === 'vasicek' ? 'per √year' : 'per √year, times √r';

	// Simulated fan of future rates from the last observation.
	const thin = Math.max(1, Math.ceil(FAN_YEARS / dt / FAN_MAX_STEPS));
	const stepYears = dt * thin;
	const steps = Math.max(1, Math.round(FAN_YEARS / stepYears));
	const paths = simulateShortRate(model, fit, r0, stepYears, steps, FAN_PATHS, ctx.rng);
	const lastT = bars.t[bars.t.length - 1];
	const firstShown = bars.t.findIndex((t) => t >= lastT - HISTORY_YEARS * MS_PER_YEAR);
	const history = bars.t.length - firstShown;
	const x = new Float64Array(history + steps);
	const observed = new Float64Array(x.length).fill(Number.NaN);
	for (let i = 0; i < history; i++) {
		x[i] = bars.t[firstShown + i];
		observed[i] = r[firstShown + i] / scale;
	}
	const fan = FAN_PERCENTILES.map(() => new Float64Array(x.length).fill(Number.NaN));
	const column = new Float64Array(FAN_PATHS);
	for (let s = 1; s <= steps; s++) {
		x[history - 1 + s] = lastT + s * stepYears * MS_PER_YEAR;
		for (let k = 0; k < FAN_PATHS; k++) column[k] = paths[k * (steps + 1) + s];
		column.sort();
		FAN_PERCENTILES.forEach((q, j) => (fan[j][history - 1 + s] = quantileSorted(column, q) / scale));
	}
	FAN_PERCENTILES.forEach((_, j) => (fan[j][history - 1] = r0 / scale));
	const unitLabel = p.rate_unit === 'percent' ? '% per year' : 'fraction per year';

	const curveFit = MATURITIES.map((tau) => zeroYield(bond(fit, r0, tau), tau));
	const curveUser = MATURITIES.map((tau) => zeroYield(bond(user, r0, tau), tau));
	const pValue = Number.isFinite(lr) ? 1 - chiSquare3Cdf(Math.max(lr, 0)) : Number.NaN;
	return analysisResult({
		numbers: [
			{ key: 'kappa', label: 'κ, speed of mean reversion', value: fit.kappa, unit: 'per year' },
			{
				key: 'kappa_se',
				label: 'standard error of κ',
				value: fit.se[0],
				unit: 'per year',
				...seNote(fit.se[0])
			},
			{ key: 'theta', label: 'θ, long-run mean rate', value: fit.theta, unit: '%' },
			{ key: 'theta_se', label: 'standard error of θ', value: fit.se[1], unit: '%', ...seNote(fit.se[1]) },
			{ key: 'sigma', label: 'σ, volatility of the rate', value: fit.sigma, unit: σUnit },
			{ key: 'sigma_se', label: 'standard error of σ', value: fit.se[2], unit: σUnit, ...seNote(fit.se[2]) },
			{
				key: 'half_life_years',
				label: 'half-life of a deviation, ln 2/κ',
				value: Math.LN2 / fit.kappa,
				unit: 'years'
			},
			{ key: 'last_rate', label: `last observed rate (${name})`, value: r0, unit: '%' },
			{ key: 'observations', label: 'transitions used', value: fit.observations },
			{ key: 'step_years', label: `observation interval (${frequency})`, value: dt, unit: 'years' },
			{
				key: 'log_likelihood',
				label:
					model === 'vasicek' ? 'log-likelihood at the estimate' : 'quasi-log-likelihood at the estimate',
				value: fit.logLik
			},
			{
				key: 'hypothesis_log_likelihood',
				label: 'log-likelihood at the hypothesised parameters',
				value: userLogLik
			},
			{
				key: 'likelihood_ratio',
				label: 'likelihood-ratio statistic, hypothesised vs estimated',
				value: lr,
				...(Number.isFinite(lr)
					? {}
					: { note: 'The hypothesised parameters give this series zero likelihood.' })
			},
			{
				key: 'likelihood_ratio_p_value',
				label: 'p-value of the hypothesised parameters (χ² with 3 degrees of freedom)',
				value: pValue,
				...(Number.isFinite(pValue) ? {} : { note: 'No likelihood ratio: see above.' })
			},
			...MATURITIES.map((tau, i) => ({
				key: `zero_yield_${String(tau).replace('.', '_')}y`,
				label: `${names} zero yield at ${tau} years (estimated parameters)`,
				value: curveFit[i],
				unit: '%'
			}))
		],
		tables: [
			{
				title: `${names} zero-coupon bonds from the last rate ${(r0 * 100).toFixed(2)} %`,
				columns: [
					'maturity (years)',
					'price (estimated)',
					'yield (estimated)',
					'price (hypothesised)',
					'yield (hypothesised)'
				],
				rows: MATURITIES.map((tau, i) => [
					tau,
					bond(fit, r0, tau),
					curveFit[i],
					bond(user, r0, tau),
					curveUser[i]
				])
			}
		],
		charts: [
			{
				title: `${names} yield curve implied by the last rate`,
				xKind: 'number',
				x: Float64Array.from(MATURITIES),
				xLabel: 'maturity (years)',
				yLabel: 'zero yield (fraction per year)',
				lines: [
					{ name: 'estimated parameters', values: Float64Array.from(curveFit) },
					{ name: 'hypothesised parameters', values: Float64Array.from(curveUser) }
				]
			},
			{
				title: `SIMULATION — ${FAN_PATHS} ${names} paths from the estimated parameters (not market data)`,
				xKind: 'time',
				x,
				yLabel: `rate (${unitLabel})`,
				lines: [
					{ name: `${name} (observed)`, values: observed },
					...FAN_PERCENTILES.map((q, j) => ({
						name: `simulated ${Math.round(q * 100)}th percentile`,
						values: fan[j]
					}))
				]
			}
		],
		notes: [
			model === 'vasicek'
				? 'Vasicek dr = κ(θ − r)dt + σdW, fitted by exact conditional maximum likelihood: the Gaussian transition ' +
					'makes it the OLS regression of each rate on the previous one (b = e^(−κΔ), a = θ(1 − b)).'
				: 'CIR dr = κ(θ − r)dt + σ√r dW, fitted by Gaussian quasi-maximum likelihood with the exact conditional ' +
					'mean and variance of the CIR transition (an approximation to the exact noncentral-χ² likelihood; ' +
					'κ in particular can differ from the exact MLE, being weakly identified on short samples).',
			`Rates read as ${p.rate_unit === 'percent' ? 'percent (divided by 100)' : 'fractions'}; observation interval ${frequency}, Δ = ${dt.toFixed(5)} years.`,
			'Standard errors from the inverse numerical Hessian of the negative log-likelihood at the estimate' +
				(model === 'cir' ? ' (of the quasi-likelihood: they ignore its misspecification).' : '.'),
			'Bond prices and yields use the estimated (real-world) parameters as if risk-neutral: no market price of ' +
				'risk is estimated, so they are model yields, not a fit to the traded curve.',
			`The fan chart is a SIMULATION (${FAN_PATHS} seeded paths, ${FAN_YEARS} years, steps of ${stepYears.toFixed(4)} years` +
				(model === 'cir' ? ', full-truncation Euler with 20 sub-steps' : ', exact Gaussian transitions') +
				'); it is never market data.',
			`The hypothesised parameters (κ ${user.kappa}, θ ${user.theta}, σ ${user.sigma}) are compared by a likelihood-ratio test.`
		]
	});
}

function seNote(se: number): { note?: string } {
	return Number.isFinite(se)
		? {}
		: { note: 'The Hessian of the likelihood is not invertible at the estimate.' };
}
