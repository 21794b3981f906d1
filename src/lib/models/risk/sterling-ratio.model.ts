/** Catalog entry `sterling_ratio`: annual return over the mean yearly maximum drawdown (risk/ratios.ts). */
import { isoDate } from '../../domain/series';
import { analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, requireLength, simpleReturnsOver, subjectBars } from './bars-input';
import { drawdownCurve, growth, maxDrawdown } from './drawdown';
import { annualisedReturn, sterlingRatio } from './ratios';

export const implementation = defineAnalysis({
	id: 'sterling_ratio',
	task: 'measure',
	input: 'series',
	costs: { expectedFitMs: () => 2, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const bars = subjectBars(data, 'sterling_ratio');
		requireLength(bars.close.length - 1, p.periods, 'sterling_ratio', 'returns (one year of `periods` bars)');
		checkPositive(bars.close, 'sterling_ratio', 'close');
		const r = simpleReturnsOver(bars.close, 1);
		const s = sterlingRatio(r, p.periods);
		const first = s.years[0].start;
		const all = maxDrawdown(growth(r.subarray(first)));
		const cagr = annualisedReturn(r.subarray(first), p.periods);
		// Return i is dated at its end, bar i + 1.
		const dateOf = (i: number) => isoDate(bars.t[i + 1]);
		const noDrawdown = 'no year had a drawdown: the ratio is unbounded';
		return analysisResult({
			numbers: [
				{
					key: 'sterling_ratio',
					label: 'Sterling ratio (annual return / mean yearly max drawdown)',
					value: s.ratio,
					...(Number.isFinite(s.ratio) ? {} : { note: noDrawdown })
				},
				{
					key: 'sterling_ratio_plus_10',
					label: 'Original Sterling ratio (drawdown + 10 %)',
					value: s.ratioPlus10
				},
				{ key: 'annual_return', label: 'Compound annual return', value: s.annualReturn, unit: '%' },
				{
					key: 'average_yearly_drawdown',
					label: 'Mean of the yearly maximum drawdowns',
					value: s.averageDrawdown,
					unit: '%'
				},
				{ key: 'years', label: 'Full years used', value: s.years.length },
				{
					key: 'calmar_ratio',
					label: 'Calmar-style ratio (annual return / worst drawdown of the period)',
					value: cagr / all.depth,
					...(all.depth > 0 ? {} : { note: noDrawdown })
				}
			],
			tables: [
				{
					title: `Maximum drawdown of each year of ${p.periods} bars`,
					columns: ['from', 'to', 'max drawdown'],
					rows: s.years.map((y) => [dateOf(y.start), dateOf(y.end - 1), y.depth])
				}
			],
			charts: [
				{
					title: 'Drawdown from the running peak over the years used',
					xKind: 'time',
					x: bars.t.slice(first),
					lines: [{ name: 'drawdown', values: drawdownCurve(growth(r.subarray(first))) }],
					yLabel: 'fall from peak'
				}
			],
			notes: [
				`Sterling ratio = compound annual return / mean of the yearly maximum drawdowns (Bacon, Practical Portfolio Performance Measurement, §4.3), over the ${s.years.length} full years of ${p.periods} bars counted back from the last bar${first > 0 ? `; the ${first} oldest returns that do not make a full year are left out` : ''}. Each year’s drawdown is measured within that year.`,
				'The original definition (Deane Sterling Jones) adds 10 % to the mean drawdown; it is reported beside it.',
				`Returns are the simple returns of the closes, annualised with ${p.periods} bars per year.`
			]
		});
	}
});
