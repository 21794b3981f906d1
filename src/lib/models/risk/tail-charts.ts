/** The pictures of a tail measure: the return histogram with its tail beyond VaR, and VaR through time. */
import type { AnalysisChart } from '../analysis';
import type { TailMethod } from './tail-risk';

/** Bins of the histogram: enough to show the tail's shape on a few thousand returns. */
export const HISTOGRAM_BINS = 80;

/**
 * Histogram of `returns` as the share of outcomes per bin, with the bins at or beyond −VaR (the losses the VaR
 * does not cover) drawn as a second line and the ES level's bin marked by the third.
 */
export function tailHistogram(
	returns: ArrayLike<number>,
	valueAtRisk: number,
	expectedShortfall: number,
	title: string
): AnalysisChart {
	let lo = Infinity;
	let hi = -Infinity;
	for (let i = 0; i < returns.length; i++) {
		lo = Math.min(lo, returns[i]);
		hi = Math.max(hi, returns[i]);
	}
	const width = (hi - lo) / HISTOGRAM_BINS || 1;
	const x = new Float64Array(HISTOGRAM_BINS);
	const share = new Float64Array(HISTOGRAM_BINS);
	for (let b = 0; b < HISTOGRAM_BINS; b++) x[b] = lo + (b + 0.5) * width;
	for (let i = 0; i < returns.length; i++)
		share[Math.min(HISTOGRAM_BINS - 1, Math.floor((returns[i] - lo) / width))] += 1 / returns.length;
	const tail = share.map((v, b) => (x[b] - width / 2 <= -valueAtRisk ? v : Number.NaN));
	const esBin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor((-expectedShortfall - lo) / width)));
	const esMark = share.map((v, b) => (b === esBin ? Math.max(v, 1 / returns.length) : Number.NaN));
	return {
		title,
		xKind: 'number',
		x,
		lines: [
			{ name: 'share of outcomes', values: share },
			{ name: 'losses beyond VaR', values: tail },
			{ name: 'expected shortfall level', values: esMark }
		],
		xLabel: 'return',
		yLabel: 'share of outcomes per bin'
	};
}

/** Daily returns against the one-day-ahead −VaR from the window before each day. */
export function rollingVarChart(
	t: Float64Array,
	daily: Float64Array,
	rolling: Float64Array,
	window: number,
	shortfall?: Float64Array
): AnalysisChart {
	// Return i runs from close i to close i + 1: dated at its end.
	const x = t.slice(t.length - daily.length);
	return {
		title: `Daily return and one-day ${shortfall ? 'VaR and ES' : 'VaR'} from the previous ${window} days`,
		xKind: 'time',
		x,
		lines: [
			{ name: 'daily return', values: daily.slice() },
			{ name: '−VaR', values: rolling.map((v) => -v) },
			...(shortfall ? [{ name: '−ES', values: shortfall.map((v) => -v) }] : [])
		],
		yLabel: 'return'
	};
}

/** Backtest of a rolling VaR: days whose loss exceeded the VaR set the day before. */
export function breaches(daily: Float64Array, rolling: Float64Array): { days: number; breaches: number } {
	let days = 0;
	let count = 0;
	for (let t = 0; t < daily.length; t++) {
		if (!Number.isFinite(rolling[t])) continue;
		days++;
		if (-daily[t] > rolling[t]) count++;
	}
	return { days, breaches: count };
}

/** How the VaR and ES were estimated, for the notes. */
export function tailMethodNote(method: TailMethod, h: number): string {
	switch (method) {
		case 'historical':
			return h > 1
				? `Historical: the empirical quantile of the overlapping ${h}-bar returns (close[t + ${h}] / close[t] − 1 for every t); overlapping outcomes are dependent, so the estimate is noisier than its count suggests.`
				: 'Historical: the empirical quantile of the daily returns (linear interpolation between order statistics, as NumPy’s default).';
		case 'parametric':
			return `Parametric: returns assumed Gaussian, mean and volatility from the daily returns${h > 1 ? `, scaled to ${h} bars by the √h rule (independent days): VaR = −(hμ + zσ√h)` : ''}.`;
		case 'cornish_fisher':
			return `Cornish–Fisher: the Gaussian quantile corrected for the daily returns’ skewness and excess kurtosis${h > 1 ? `, with the ${h}-bar shape of independent days (S/√h, K/h) and σ√h` : ''}; ES is the exact tail mean of that quantile function.`;
		default:
			return `Monte Carlo: 100,000 seeded outcomes of geometric Brownian motion fitted to the daily log returns${h > 1 ? ` over ${h} bars` : ''}; a simulation, not market data.`;
	}
}

/** What the through-time chart and the backtest show. */
export function rollingTailChartNotes(method: TailMethod, window: number): string[] {
	return [
		`Backtest: each day’s one-day VaR is estimated from the ${window} returns before it only and compared with that day’s return; about 1 − confidence of the days should breach it.` +
			(method === 'monte_carlo'
				? ' For the Monte Carlo method the backtest uses the closed-form quantile of the same fitted geometric Brownian motion, the value the simulation converges to.'
				: '')
	];
}
