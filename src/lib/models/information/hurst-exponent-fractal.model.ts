/** Catalog entry `hurst_exponent_fractal`: Hurst exponent of the returns by R/S, DFA or aggregated variance (hurst.ts). */
import { AnalysisInputError, analysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { fitHurst, MAX_WINDOW_FRACTION, windowSizes, type HurstFit } from './hurst';
import { describeReturns, returnsOf } from './returns';

/** A line through fewer log–log points than this is not an estimate. */
const MIN_SIZES = 4;

const METHOD_NAMES = {
	rs: 'rescaled range (R/S)',
	dfa: 'detrended fluctuation analysis (DFA-1)',
	aggregated_variance: 'aggregated variance'
} as const;

const STATISTIC = {
	rs: 'Mean R/S',
	dfa: 'Fluctuation F(n)',
	aggregated_variance: 'Variance of block means'
} as const;

function chartOf(fit: HurstFit) {
	const x = Float64Array.from(fit.sizes, Math.log);
	const lines = [
		{ name: `ln ${STATISTIC[fit.method]}`, values: Float64Array.from(fit.statistic, Math.log) },
		{ name: 'Fitted line', values: Float64Array.from(x, (v) => fit.intercept + fit.slope * v) }
	];
	if (fit.expected)
		lines.push({
			name: 'ln E[R/S] of white noise (Anis–Lloyd)',
			values: Float64Array.from(fit.expected, Math.log)
		});
	return {
		title: `Log–log plot: ${METHOD_NAMES[fit.method]}`,
		xKind: 'number' as const,
		x,
		lines,
		xLabel: 'ln window size n',
		yLabel: `ln ${STATISTIC[fit.method]}`
	};
}

export const implementation = defineAnalysis({
	id: 'hurst_exponent_fractal',
	task: 'measure',
	input: 'series',
	// One or two passes over the 5,104 S&P 500 returns per window size: a few ms.
	costs: { expectedFitMs: () => 20, minDeadlineMs: 60_000 },
	evaluate(data, params) {
		const { name, bars } = data.datasets[0];
		const r = returnsOf(bars, name);
		const n = r.values.length;
		const maxWindow = Math.floor(n * MAX_WINDOW_FRACTION[params.method]);
		const sizes = windowSizes(params.min_window, maxWindow);
		if (sizes.length < MIN_SIZES)
			throw new AnalysisInputError(
				`${name}: ${n} returns leave fewer than ${MIN_SIZES} window sizes between min_window ${params.min_window} and ${maxWindow}; use more data or a smaller min_window`
			);
		const fit = fitHurst(r.values, params.method, sizes);
		const numbers: NamedNumber[] = [
			{
				key: 'hurst',
				label: params.method === 'dfa' ? 'Hurst exponent (DFA α)' : 'Hurst exponent',
				value: fit.hurst
			}
		];
		if (fit.hurstAnisLloyd !== undefined)
			numbers.push({
				key: 'hurst_anis_lloyd',
				label: 'Hurst exponent, Anis–Lloyd corrected',
				value: fit.hurstAnisLloyd,
				note: '0.5 plus the slope of ln R/S minus ln of its expected value for white noise: removes the small-window bias of raw R/S.'
			});
		numbers.push(
			{ key: 'slope', label: 'Log–log slope', value: fit.slope },
			{ key: 'window_sizes', label: 'Window sizes used', value: sizes.length },
			{ key: 'smallest_window', label: 'Smallest window', value: sizes[0], unit: 'rows' },
			{ key: 'largest_window', label: 'Largest window', value: sizes[sizes.length - 1], unit: 'rows' },
			{ key: 'returns', label: 'Returns', value: n }
		);
		const columns = ['Window n', 'Windows', STATISTIC[params.method]];
		if (fit.expected) columns.push('E[R/S] (Anis–Lloyd)');
		const rows = sizes.map((s, i) => {
			const row: (number | string)[] = [s, Math.floor(n / s), fit.statistic[i]];
			if (fit.expected) row.push(fit.expected[i]);
			return row;
		});
		const reading =
			fit.hurst > 0.55
				? 'above 0.5: persistent (trending) increments'
				: fit.hurst < 0.45
					? 'below 0.5: anti-persistent (mean-reverting) increments'
					: 'near 0.5: no clear long memory';
		return analysisResult({
			numbers,
			tables: [{ title: 'Statistic per window size', columns, rows }],
			charts: [chartOf(fit)],
			notes: [
				describeReturns(r.kind) +
					' The exponent is that of the returns (increments), so 0.5 means no memory.',
				`Method: ${METHOD_NAMES[params.method]}; ${sizes.length} window sizes about log-spaced from ${sizes[0]} to ${sizes[sizes.length - 1]} (at most ${MAX_WINDOW_FRACTION[params.method] === 0.5 ? 'half' : MAX_WINDOW_FRACTION[params.method] === 0.25 ? 'a quarter' : 'a tenth'} of the returns), non-overlapping windows from the first return, least-squares line on the log–log plot.`,
				params.method === 'rs'
					? 'R/S per window: range of the cumulative demeaned returns over their standard deviation (divisor n), averaged over windows. Raw R/S overstates H in short windows; the Anis–Lloyd–Peters value (Weron 2002) corrects for it.'
					: params.method === 'dfa'
						? 'DFA-1 (Peng et al. 1994): cumulative demeaned returns, a least-squares line removed in each window, root-mean-square residual F(n) ∝ n^α; α estimates H for increments.'
						: 'Aggregated variance (Beran 1994): variance of the means of blocks of n returns ∝ n^(2H−2), so H = 1 + slope/2.',
				`Reading: H = ${fit.hurst.toFixed(3)}, ${reading}. Estimates on a few thousand returns vary by several hundredths between methods and samples.`
			]
		});
	}
});
