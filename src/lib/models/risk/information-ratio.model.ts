/** Catalog entry `information_ratio`: active return per unit of tracking error against a benchmark (risk/ratios.ts). */
import { analysisResult, AnalysisInputError } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, periodsPerYear, requireLength, simpleReturnsOver } from './bars-input';
import { growth } from './drawdown';
import { activeReturns, informationRatio } from './ratios';

export const MIN_RETURNS = 12;

export const implementation = defineAnalysis({
	id: 'information_ratio',
	task: 'measure',
	input: 'pair',
	costs: { expectedFitMs: () => 2, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const [subject, benchmark] = data.datasets;
		if (!subject || !benchmark)
			throw new AnalysisInputError('information_ratio needs two datasets: the subject, then its benchmark');
		const n = subject.bars.close.length;
		requireLength(n - 1, MIN_RETURNS, 'information_ratio', 'common returns of the two datasets');
		checkPositive(subject.bars.close, 'information_ratio', `${subject.name} close`);
		checkPositive(benchmark.bars.close, 'information_ratio', `${benchmark.name} close`);
		const rs = simpleReturnsOver(subject.bars.close, 1);
		const rb = simpleReturnsOver(benchmark.bars.close, 1);
		const active = activeReturns(rs, rb, p.active_return);
		const periods = periodsPerYear(subject.bars.t);
		const ir = informationRatio(active, periods);
		// Rolling over a year of bars (at least 12) for the chart.
		const w = Math.max(12, periods);
		const rolling = new Float64Array(active.length).fill(Number.NaN);
		for (let t = w; t <= active.length; t++)
			rolling[t - 1] = informationRatio(active.subarray(t - w, t), periods).annualisedRatio;
		const gs = growth(rs);
		const gb = growth(rb);
		const relative = gs.map((g, i) => g / gb[i] - 1);
		const flat = 'the active returns do not vary (the two series move identically): no tracking error';
		return analysisResult({
			numbers: [
				{
					key: 'information_ratio',
					label: 'Information ratio, annualised',
					value: ir.annualisedRatio,
					...(Number.isFinite(ir.ratio) ? {} : { note: flat })
				},
				{
					key: 'information_ratio_per_period',
					label: 'Information ratio per bar',
					value: ir.ratio,
					...(Number.isFinite(ir.ratio) ? {} : { note: flat })
				},
				{
					key: 'active_return',
					label: 'Mean active return, annualised (× bars per year)',
					value: ir.meanActive * periods,
					unit: '%'
				},
				{
					key: 'tracking_error',
					label: 'Tracking error, annualised (× √bars per year)',
					value: ir.trackingError * Math.sqrt(periods),
					unit: '%'
				},
				{ key: 'periods_per_year', label: 'Bars per year (from the dates)', value: periods },
				{ key: 'returns_used', label: 'Common returns', value: active.length }
			],
			charts: [
				{
					title: `${subject.name} relative to ${benchmark.name} (growth ratio − 1)`,
					xKind: 'time',
					x: subject.bars.t.slice(),
					lines: [{ name: 'cumulative relative return', values: relative }],
					yLabel: 'relative return'
				},
				{
					title: `Information ratio over the previous ${w} bars, annualised`,
					xKind: 'time',
					x: subject.bars.t.slice(1),
					lines: [{ name: 'rolling information ratio', values: rolling }]
				}
			],
			notes: [
				`Active return of ${subject.name} over ${benchmark.name} per bar: ${p.active_return === 'arithmetic' ? 'r − b' : '(1 + r) / (1 + b) − 1 (geometric, Bacon §2.4)'}, from simple returns of the closes on their common dates. IR = mean active return / its standard deviation (the tracking error), × √${periods} to annualise (Grinold & Kahn, Active Portfolio Management, ch. 5).`,
				'The benchmark is the second dataset, whatever it is: a market index, a peer, or a total-return series of a risk-free asset (then the IR is a Sharpe ratio).'
			]
		});
	}
});
