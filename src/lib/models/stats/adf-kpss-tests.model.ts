/**
 * Catalog entry `adf_kpss_tests`: the augmented Dickey–Fuller test (stats/adf.ts) and KPSS (stats/kpss.ts) on one
 * series — the log close by default, or the log return, the close or its difference (`transform`) — with a verdict
 * that reads the two together at 5 %.
 */
import { AnalysisInputError, analysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { adfMaxLag, adfuller } from './adf';
import { kpss, type KpssRegression } from './kpss';
import type { AdfRegression } from './mackinnon';
import { TRANSFORM_LABEL, transformSeries } from './series-input';

/** The level of the verdict. */
const ALPHA = 0.05;
/** Fewer values than this give ADF and KPSS too little to say anything (and statsmodels' maxlag rule breaks). */
const MIN_VALUES = 20;

/** KPSS has a level and a trend version only: 'ctt' falls back to the linear trend, 'n' to the level. */
const KPSS_FOR: Readonly<Record<AdfRegression, KpssRegression>> = { c: 'c', ct: 'ct', ctt: 'ct', n: 'c' };

const REGRESSION_LABEL: Readonly<Record<AdfRegression, string>> = {
	c: 'a constant',
	ct: 'a constant and a linear trend',
	ctt: 'a constant, a linear and a quadratic trend',
	n: 'no deterministic terms'
};

/** The two tests read together (e.g. Maddala & Kim 1998, §4.5). */
function verdictOf(adfRejects: boolean, kpssRejects: boolean, series: string): string {
	const at = `at ${ALPHA * 100} %`;
	if (adfRejects && !kpssRejects)
		return `Stationary ${at}: ADF rejects a unit root and KPSS does not reject stationarity of the ${series}.`;
	if (!adfRejects && kpssRejects)
		return `Unit root ${at}: ADF does not reject a unit root and KPSS rejects stationarity of the ${series}; difference it before modelling.`;
	if (adfRejects && kpssRejects)
		return `Conflicting ${at}: both tests reject their nulls for the ${series} — a sign of a structural break, long memory or near-unit-root behaviour.`;
	return `Inconclusive ${at}: neither test rejects its null for the ${series}; the sample may be too short to tell.`;
}

export const implementation = defineAnalysis({
	id: 'adf_kpss_tests',
	task: 'test',
	input: 'series',
	// One QR of a 5,070 × 36 design for the lag search, one refit, KPSS: measured 300 ms per run on the S&P 500
	// file (5,104 closes, defaults) on the shared 2-core box with another test run beside it.
	costs: { expectedFitMs: () => 300, minDeadlineMs: 60_000 },
	evaluate: (data, params) => {
		const dataset = data.datasets[0];
		if (!dataset) throw new AnalysisInputError('adf_kpss_tests needs one dataset.');
		const x = transformSeries(dataset.bars.close, params.transform);
		const seriesLabel = `${TRANSFORM_LABEL[params.transform]} of ${dataset.name}`;
		const regression = params.regression as AdfRegression;
		if (x.length < MIN_VALUES || adfMaxLag(x.length, regression) < 0)
			throw new AnalysisInputError(
				`The tests need at least ${MIN_VALUES} values of the ${seriesLabel}; there are ${x.length}.`
			);
		for (let i = 0; i < x.length; i++)
			if (!Number.isFinite(x[i]))
				throw new AnalysisInputError(`The ${seriesLabel} has a missing or infinite value at row ${i}.`);
		const adf = adfuller(x, regression, params.autolag);
		const kpssRegression = KPSS_FOR[regression];
		const k = kpss(x, kpssRegression);
		const adfRejects = adf.pvalue < ALPHA;
		const kpssRejects = k.pvalue < ALPHA;
		const kpssBound =
			k.boundary === 'smaller'
				? 'The statistic is beyond the KPSS table: the true p-value is below 0.01.'
				: k.boundary === 'greater'
					? 'The statistic is below the table’s smallest critical value: the true p-value is above 0.10.'
					: undefined;
		const numbers: NamedNumber[] = [
			{ key: 'adf_statistic', label: 'ADF τ statistic', value: adf.stat },
			{
				key: 'adf_p_value',
				label: 'ADF p-value (MacKinnon 1994)',
				value: adf.pvalue,
				note: 'H₀: a unit root. Small values reject it.'
			},
			{ key: 'adf_critical_1', label: 'ADF critical value, 1 %', value: adf.critical[0] },
			{ key: 'adf_critical_5', label: 'ADF critical value, 5 %', value: adf.critical[1] },
			{ key: 'adf_critical_10', label: 'ADF critical value, 10 %', value: adf.critical[2] },
			{ key: 'adf_lags_used', label: 'ADF lagged differences used', value: adf.usedLag },
			{ key: 'adf_max_lag', label: 'ADF largest lag considered', value: adf.maxLag },
			{ key: 'adf_observations', label: 'ADF regression observations', value: adf.nobs },
			{
				key: 'adf_ic_best',
				label: params.autolag === 't-stat' ? 'Last lag’s |t| at the chosen lag' : `Best ${params.autolag}`,
				value: adf.icBest,
				...(params.autolag === 'none'
					? { note: 'No lag search with autolag none: all the largest lag’s differences are used.' }
					: {})
			},
			{ key: 'adf_level_coefficient', label: 'Coefficient on the lagged level (γ)', value: adf.gamma },
			{
				key: 'kpss_statistic',
				label: `KPSS statistic (${kpssRegression === 'c' ? 'level' : 'trend'} stationarity)`,
				value: k.stat
			},
			{
				key: 'kpss_p_value',
				label: 'KPSS p-value (interpolated in the KPSS table)',
				value: k.pvalue,
				note: kpssBound ?? 'H₀: stationarity. Small values reject it.'
			},
			{ key: 'kpss_critical_10', label: 'KPSS critical value, 10 %', value: k.critical[0] },
			{ key: 'kpss_critical_5', label: 'KPSS critical value, 5 %', value: k.critical[1] },
			{ key: 'kpss_critical_2_5', label: 'KPSS critical value, 2.5 %', value: k.critical[2] },
			{ key: 'kpss_critical_1', label: 'KPSS critical value, 1 %', value: k.critical[3] },
			{ key: 'kpss_lags', label: 'KPSS Newey–West lags', value: k.lags }
		];
		const offset = dataset.bars.t.length - x.length;
		return analysisResult({
			numbers,
			tables: [
				{
					title: 'Tests at a glance',
					columns: ['Test', 'Null hypothesis', 'Statistic', 'p-value', `Rejected at ${ALPHA * 100} %`],
					rows: [
						['ADF', 'unit root', adf.stat, adf.pvalue, adfRejects ? 'yes' : 'no'],
						[
							'KPSS',
							kpssRegression === 'c' ? 'level stationary' : 'trend stationary',
							k.stat,
							k.pvalue,
							kpssRejects ? 'yes' : 'no'
						]
					]
				}
			],
			charts: [
				{
					title: `Series tested: ${seriesLabel}`,
					xKind: 'time',
					x: dataset.bars.t.slice(offset),
					lines: [{ name: TRANSFORM_LABEL[params.transform], values: x }],
					yLabel: TRANSFORM_LABEL[params.transform]
				}
			],
			notes: [
				`Tested series: the ${seriesLabel}, ${x.length} values.`,
				`ADF (as statsmodels 0.13.5 adfuller): Δx regressed on the lagged level, ${adf.usedLag} lagged differences and ${REGRESSION_LABEL[regression]}; lags ${params.autolag === 'none' ? `fixed at Schwert’s maximum ${adf.maxLag}` : `chosen by ${params.autolag} among 0…${adf.maxLag} (Schwert’s rule) on a common sample`}; p-value from MacKinnon’s (1994) response surface, critical values from MacKinnon (2010) for ${adf.nobs} observations.`,
				`KPSS (as statsmodels kpss, nlags 'auto'): null of ${kpssRegression === 'c' ? 'stationarity around a level' : 'stationarity around a linear trend'}${regression === 'ctt' ? ' (KPSS has no quadratic-trend version, so the linear trend is used)' : regression === 'n' ? ' (KPSS always removes the mean, so the level version is used)' : ''}; Newey–West variance with the Bartlett kernel and ${k.lags} lags by the Hobijn–Franses–Ooms (1998) rule; p-value interpolated linearly in the KPSS (1992) table, which spans 0.01–0.10 only.`,
				...(kpssBound ? [kpssBound] : []),
				'A price level usually has a unit root and its log return does not; the test on one transform says nothing about the other.'
			],
			verdict: verdictOf(adfRejects, kpssRejects, seriesLabel)
		});
	}
});
