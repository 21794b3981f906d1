/**
 * Catalog entry `seasonal_decomposition`: classical moving-average decomposition (classical-decomposition.ts,
 * as statsmodels seasonal_decompose) or STL (stl.ts, as statsmodels STL), on the closes or their logs.
 */
import { AnalysisInputError, analysisResult, type AnalysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { classicalDecompose } from './classical-decomposition';
import { finiteVariance, seriesInput } from './series-input';
import { defaultLowPassWindow, defaultTrendWindow, stl } from './stl';

/** Measured: full S&P 500 (5 105 rows), period 252, robust STL (32 passes) ≈ 1.8 s → ≈ 1.5e-5 ms per point·window·pass. */
const MS_PER_POINT_WINDOW_PASS = 2e-5;

/** Strength of a component (Wang, Smith & Hyndman 2006; Hyndman & Athanasopoulos, FPP3 §4.3): max(0, 1 − Var R / Var(C + R)). */
function strength(component: Float64Array, resid: Float64Array): number {
	const sum = component.map((c, i) => c + resid[i]);
	const v = finiteVariance(sum);
	return v > 0 ? Math.max(0, 1 - finiteVariance(resid) / v) : Number.NaN;
}

export const implementation = defineAnalysis({
	id: 'seasonal_decomposition',
	task: 'transform',
	input: 'series',
	costs: {
		expectedFitMs: (rows, p) => {
			if (p.model !== 'stl') return 1 + rows * 1e-4;
			const passes = p.robust ? 32 : 5;
			const windows = p.seasonal + defaultTrendWindow(p.period, p.seasonal) + defaultLowPassWindow(p.period);
			return 1 + MS_PER_POINT_WINDOW_PASS * rows * windows * passes;
		},
		minDeadlineMs: 60_000
	},
	evaluate(data, p): AnalysisResult {
		if (p.model === 'stl' && p.seasonal % 2 === 0)
			throw new AnalysisInputError(`seasonal_decomposition.seasonal must be odd, got ${p.seasonal}.`);
		const multiplicative = p.model === 'multiplicative';
		const log = !multiplicative && p.scale === 'log';
		const input = seriesInput(data, {
			log,
			minRows: 2 * p.period,
			why: `a decomposition with period ${p.period} (two full periods)`
		});
		const y = input.values;
		const notes: string[] = [];
		let trend: Float64Array;
		let seasonal: Float64Array;
		let resid: Float64Array;
		const extra: NamedNumber[] = [];
		if (p.model === 'stl') {
			const r = stl(y, { period: p.period, seasonal: p.seasonal, robust: p.robust });
			({ trend, seasonal, resid } = r);
			extra.push(
				{ key: 'seasonal_window', label: 'Seasonal window', value: r.windows.seasonal },
				{ key: 'trend_window', label: 'Trend window', value: r.windows.trend, unit: 'obs' },
				{ key: 'low_pass_window', label: 'Low-pass window', value: r.windows.lowPass, unit: 'obs' }
			);
			if (p.robust) {
				const down = r.weights.reduce((a, w) => a + (w < 0.5 ? 1 : 0), 0);
				extra.push({
					key: 'downweighted_share',
					label: 'Observations with robustness weight below 0.5',
					value: down / y.length,
					unit: '%'
				});
			}
			notes.push(
				`STL (Cleveland et al. 1990) as statsmodels 0.13.5: local-linear LOESS with seasonal window ${r.windows.seasonal}, trend window ${r.windows.trend} and low-pass window ${r.windows.lowPass}, ${p.robust ? '2 inner and 15 outer passes with bisquare robustness weights' : '5 inner passes, no robustness weights'}.`
			);
		} else {
			try {
				({ trend, seasonal, resid } = classicalDecompose(y, p.period, p.model));
			} catch (e) {
				if (e instanceof RangeError) throw new AnalysisInputError(`${input.name}: ${e.message}.`);
				throw e;
			}
			const half = Math.floor(p.period / 2);
			notes.push(
				`Classical ${p.model} decomposition as statsmodels 0.13.5 seasonal_decompose: the trend is a centred moving average over one period${p.period % 2 === 0 ? ' (2×' + p.period + ' with half weights at the ends)' : ''}, so it and the residual are missing for the first and last ${half} observations; the seasonal part is the mean detrended value at each position of the period, ${multiplicative ? 'scaled to average one' : 'centred to sum to zero'}.`
			);
		}
		if (multiplicative && p.scale === 'log')
			notes.push(
				'A multiplicative decomposition is of the values themselves: the scale choice applies to additive and STL decompositions only.'
			);
		if (p.model !== 'stl' && p.robust)
			notes.push(
				'Robustness weights belong to STL; the classical decomposition has none, so robust was not used.'
			);
		const what = log ? `log ${input.name}` : input.name;
		notes.push(
			`Decomposed: ${what}, ${y.length} observations, period ${p.period}.`,
			'Every part is estimated from the whole sample, future values included: this describes the series, it is never a trading signal.'
		);
		// Strengths on the additive scale (logs of the parts for a multiplicative decomposition).
		const add = (a: Float64Array) => (multiplicative ? a.map(Math.log) : a);
		const figure = new Float64Array(p.period);
		const counts = new Float64Array(p.period);
		seasonal.forEach((s, t) => {
			figure[t % p.period] += s;
			counts[t % p.period]++;
		});
		for (let k = 0; k < p.period; k++) figure[k] /= counts[k];
		const residStd = Math.sqrt(finiteVariance(add(resid)));
		const x = input.t;
		const chart = (title: string, name: string, values: Float64Array) => ({
			title,
			xKind: 'time' as const,
			x,
			lines: [{ name, values }],
			yLabel: log ? 'log value' : multiplicative && name !== input.name ? 'factor' : 'value'
		});
		return analysisResult({
			numbers: [
				{ key: 'observations', label: 'Observations', value: y.length },
				{ key: 'period', label: 'Period', value: p.period, unit: 'obs' },
				...extra,
				{
					key: 'trend_strength',
					label: 'Strength of trend, max(0, 1 − Var R / Var(T + R))',
					value: strength(add(trend), add(resid))
				},
				{
					key: 'seasonal_strength',
					label: 'Strength of seasonality, max(0, 1 − Var R / Var(S + R))',
					value: strength(add(seasonal), add(resid))
				},
				{
					key: 'seasonal_range',
					label: multiplicative ? 'Seasonal factor range (max − min)' : 'Seasonal range (max − min)',
					value: Math.max(...figure) - Math.min(...figure),
					unit: log ? 'log' : undefined
				},
				{
					key: 'residual_std',
					label: multiplicative ? 'Residual standard deviation (log factor)' : 'Residual standard deviation',
					value: residStd
				}
			],
			tables: [
				{
					title: `Average seasonal part by position in the period (0 = the first observation’s position)`,
					columns: ['position', 'seasonal'],
					rows: Array.from(figure, (v, k) => [k, v])
				}
			],
			charts: [
				chart(`Observed (${what})`, input.name, y),
				chart('Trend', 'trend', trend),
				chart('Seasonal', 'seasonal', seasonal),
				chart('Residual', 'residual', resid)
			],
			notes
		});
	}
});
