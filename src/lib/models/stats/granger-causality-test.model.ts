/**
 * Catalog entry `granger_causality_test`: does the second dataset Granger-cause the first? Both on log returns
 * (log-return series are close to stationary, as the F-test's distribution needs; levels would not be), F and χ²
 * tests per lag up to `max_lag` (stats/granger.ts), verdict at 5 %.
 */
import { AnalysisInputError, analysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { GrangerInputError, grangerTests } from './granger';
import { logReturns } from './series-input';

const ALPHA = 0.05;

export const implementation = defineAnalysis({
	id: 'granger_causality_test',
	task: 'test',
	input: 'pair',
	// 2 × max_lag small regressions: under 50 ms on 5,000 daily returns at 20 lags.
	costs: { expectedFitMs: () => 50, minDeadlineMs: 60_000 },
	evaluate: (data, params) => {
		const [subject, cause] = data.datasets;
		if (!subject || !cause)
			throw new AnalysisInputError(
				'The Granger test needs two datasets: the subject first, the candidate cause second.'
			);
		const y = logReturns(subject.bars.close, `the log return of ${subject.name}`);
		const x = logReturns(cause.bars.close, `the log return of ${cause.name}`);
		for (let i = 0; i < y.length; i++)
			if (!Number.isFinite(y[i]) || !Number.isFinite(x[i]))
				throw new AnalysisInputError(`Row ${i + 1} has a missing or infinite return.`);
		let lags;
		try {
			lags = grangerTests(y, x, params.max_lag);
		} catch (e) {
			if (e instanceof GrangerInputError) throw new AnalysisInputError(e.message);
			throw e;
		}
		const significant = lags.filter((l) => l.fP < ALPHA).map((l) => l.lag);
		const best = lags.reduce((a, b) => (b.fP < a.fP ? b : a));
		const numbers: NamedNumber[] = [];
		for (const l of lags) {
			numbers.push(
				{
					key: `f_statistic_lag_${l.lag}`,
					label: `F statistic, ${l.lag} lag${l.lag > 1 ? 's' : ''}`,
					value: l.f
				},
				{
					key: `f_p_value_lag_${l.lag}`,
					label: `F-test p-value, ${l.lag} lag${l.lag > 1 ? 's' : ''}`,
					value: l.fP
				}
			);
		}
		numbers.push(
			{ key: 'smallest_f_p_value', label: 'Smallest F-test p-value over the lags', value: best.fP },
			{ key: 'lag_of_smallest_p_value', label: 'Lag of the smallest p-value', value: best.lag },
			{ key: 'observations', label: 'Paired returns', value: y.length }
		);
		const who = `${cause.name} → ${subject.name}`;
		return analysisResult({
			numbers,
			tables: [
				{
					title: `Granger causality ${who} by lag (H₀: lags of ${cause.name} add nothing)`,
					columns: ['Lag', 'Rows', 'F', 'df (num, den)', 'F p-value', 'χ²', 'χ² p-value', 'LR', 'LR p-value'],
					rows: lags.map((l) => [
						l.lag,
						l.nobs,
						l.f,
						`${l.dfNum}, ${l.dfDenom}`,
						l.fP,
						l.chi2,
						l.chi2P,
						l.lr,
						l.lrP
					])
				}
			],
			charts: [
				{
					title: `F-test p-value by lag (${who})`,
					xKind: 'number',
					x: Float64Array.from(lags, (l) => l.lag),
					lines: [
						{ name: 'F-test p-value', values: Float64Array.from(lags, (l) => l.fP) },
						{ name: `${ALPHA * 100} % level`, values: new Float64Array(lags.length).fill(ALPHA) }
					],
					xLabel: 'lags',
					yLabel: 'p-value'
				}
			],
			notes: [
				`Both series as log returns (${y.length} paired values); ${subject.name} is the subject, ${cause.name} the candidate cause.`,
				'For each lag L (its own sample, rows L onward): the subject regressed on a constant and its own L lags, then also on L lags of the candidate cause. ssr F-test, ssr χ² and likelihood-ratio tests of the added lags, as statsmodels grangercausalitytests.',
				'Granger causality is predictive precedence in a linear model, not causation; a common driver of both series can produce it.',
				`Testing ${lags.length} lags raises the chance that one is significant by luck; a Bonferroni level would be ${(ALPHA / lags.length).toPrecision(2)}.`
			],
			verdict:
				significant.length > 0
					? `${cause.name} Granger-causes ${subject.name} at ${ALPHA * 100} % (F-test) at lag${significant.length > 1 ? 's' : ''} ${significant.join(', ')} of 1–${lags.length}.`
					: `No Granger causality from ${cause.name} to ${subject.name} at ${ALPHA * 100} % (F-test) at any lag 1–${lags.length}.`
		});
	}
});
