/** Catalog entry `liquidity_assessment`: Amihud illiquidity and friends from daily bars (risk/liquidity.ts). */
import { AnalysisInputError, analysisResult, type AnalysisChart, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, requireLength, subjectBars } from './bars-input';
import { amihudRatios, amivestRatio, finiteMean, rollingFiniteMean, zeroReturnShare } from './liquidity';

export const MIN_BARS = 30;
const YEAR_MS = 365.25 * 86_400_000;

export const implementation = defineAnalysis({
	id: 'liquidity_assessment',
	task: 'measure',
	input: 'series',
	// A pass over the bars and a window per bar for the chart.
	costs: { expectedFitMs: () => 10, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const id = 'liquidity_assessment';
		const bars = subjectBars(data, id);
		const n = bars.close.length;
		requireLength(n, Math.max(MIN_BARS, p.window + 1), id, 'bars');
		checkPositive(bars.close, id, 'close');
		const needsVolume = p.liquidity_metrics.some((m) => m !== 'zero_returns');
		let traded = 0;
		for (const v of bars.volume) if (v > 0) traded++;
		if (needsVolume && traded < MIN_BARS)
			throw new AnalysisInputError(
				`${id} needs traded volume for ${p.liquidity_metrics.filter((m) => m !== 'zero_returns').join(', ')}; only ${traded} bars have any (a price-only or macro series has none)`
			);
		const ratios = amihudRatios(bars.close, bars.volume);
		const dollar = Float64Array.from(bars.close, (c, i) => c * bars.volume[i]);
		const numbers: NamedNumber[] = [];
		const charts: AnalysisChart[] = [];
		const x = bars.t.slice(1);
		const notes: string[] = [];
		for (const metric of p.liquidity_metrics) {
			if (metric === 'amihud') {
				numbers.push({
					key: 'amihud_illiquidity',
					label: 'Amihud illiquidity (mean |return| per $1M traded)',
					value: finiteMean(ratios),
					unit: 'per $1M'
				});
				charts.push({
					title: `Amihud illiquidity over the previous ${p.window} bars`,
					xKind: 'time',
					x,
					lines: [{ name: 'illiquidity', values: rollingFiniteMean(ratios, p.window) }],
					yLabel: '|return| per $1M traded'
				});
				notes.push(
					'Amihud (2002): the mean over days of |r_t| / (close_t · volume_t), × 10⁶ — how far the price moves per million dollars traded; higher is less liquid. Days without volume are left out.'
				);
			} else if (metric === 'amivest') {
				numbers.push({
					key: 'amivest_ratio',
					label: 'Amivest liquidity ratio (dollars traded per unit |return|)',
					value: amivestRatio(bars.close, bars.volume),
					unit: '$'
				});
				notes.push(
					'Amivest ratio (Cooper, Groth & Avera 1985): Σ dollar volume / Σ |return|; higher is more liquid.'
				);
			} else if (metric === 'dollar_volume') {
				numbers.push({
					key: 'mean_dollar_volume',
					label: 'Mean daily dollar volume (close × volume)',
					value: finiteMean(dollar),
					unit: '$'
				});
				charts.push({
					title: `Dollar volume, mean over the previous ${p.window} bars`,
					xKind: 'time',
					x: bars.t.slice(),
					lines: [{ name: 'dollar volume', values: rollingFiniteMean(dollar, p.window) }],
					yLabel: '$ per bar'
				});
			} else {
				numbers.push({
					key: 'zero_return_share',
					label: 'Share of bars whose close did not move',
					value: zeroReturnShare(bars.close),
					unit: '%'
				});
				notes.push(
					'Zero-return days (Lesmond, Ogden & Trzcinka 1999): an illiquid asset often does not trade or reprice; near 0 for a liquid one.'
				);
			}
		}
		// Per calendar year, the reader's usual unit for Amihud's measure.
		const rows: (string | number)[][] = [];
		if (p.liquidity_metrics.includes('amihud') || p.liquidity_metrics.includes('dollar_volume')) {
			let from = 1;
			while (from < n) {
				const year = new Date(bars.t[from]).getUTCFullYear();
				let to = from;
				while (to < n && new Date(bars.t[to]).getUTCFullYear() === year) to++;
				rows.push([
					String(year),
					finiteMean(ratios.subarray(from - 1, to - 1)),
					finiteMean(dollar.subarray(from, to)),
					to - from
				]);
				from = to;
			}
		}
		notes.push(
			`Volume is as the data reports it (for an index: shares of its members traded, so dollar volume is the members’ turnover).${(bars.t[n - 1] - bars.t[0]) / YEAR_MS < 1 ? ' Less than a year of data: the yearly table has one partial row.' : ''}`
		);
		return analysisResult({
			numbers,
			tables: rows.length
				? [
						{
							title: 'By calendar year',
							columns: ['year', 'Amihud (per $1M)', 'mean dollar volume', 'bars'],
							rows
						}
					]
				: [],
			charts,
			notes
		});
	}
});
