/** Catalog entry `market_impact_models`: square-root-law impact of an order on real volume (risk/impact.ts). */
import { isoDate } from '../../domain/series';
import { AnalysisInputError, analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, requireLength, subjectBars } from './bars-input';
import { impact, logVolatility } from './impact';

/** Order sizes of the impact curve and table, as fractions of average daily volume. */
const PARTICIPATIONS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export const implementation = defineAnalysis({
	id: 'market_impact_models',
	task: 'measure',
	input: 'series',
	// One window per bar for the chart: a few ms on 5,000 bars.
	costs: { expectedFitMs: () => 20, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const id = 'market_impact_models';
		const bars = subjectBars(data, id);
		const n = bars.close.length;
		const w = p.window;
		requireLength(n, w + 1, id, 'bars (the window and one more)');
		checkPositive(bars.close, id, 'close');
		const dollars = p.liquidity_measure === 'dollar_volume';
		const liquidity = Float64Array.from(bars.volume, (v, i) => (dollars ? v * bars.close[i] : v));
		const adv = (end: number) => {
			let s = 0;
			for (let i = end - w; i < end; i++) s += liquidity[i];
			return s / w;
		};
		const lastAdv = adv(n);
		if (!(lastAdv > 0))
			throw new AnalysisInputError(
				`${id} needs traded volume over the last ${w} bars; the data has none (a price-only or macro series)`
			);
		const sigma = logVolatility(bars.close, n - w - 1, n);
		const q = p.order_size;
		const participation = q / lastAdv;
		const fraction = impact(p.impact_function, p.impact_coefficient, sigma, participation);
		const last = bars.close[n - 1];
		const notional = dollars ? q : q * last;
		const unit = dollars ? '$' : 'shares';
		const through = new Float64Array(n - 1).fill(Number.NaN);
		for (let end = w + 1; end <= n; end++) {
			const a = adv(end);
			if (a > 0)
				through[end - 2] = impact(
					p.impact_function,
					p.impact_coefficient,
					logVolatility(bars.close, end - w - 1, end),
					q / a
				);
		}
		const curveX = Float64Array.from(PARTICIPATIONS);
		return analysisResult({
			numbers: [
				{
					key: 'impact',
					label: `Expected impact of ${q.toLocaleString('en')} ${unit} (${p.impact_function.replace('_', ' ')} law)`,
					value: fraction,
					unit: '%'
				},
				{
					key: 'impact_cost',
					label: 'Impact cost of the order (impact × notional)',
					value: fraction * notional,
					unit: '$'
				},
				{
					key: 'participation',
					label: `Order / average daily ${dollars ? 'dollar volume' : 'volume'}`,
					value: participation,
					unit: '%'
				},
				{
					key: 'average_daily_liquidity',
					label: `Average ${dollars ? 'dollar volume' : 'volume'} per bar, last ${w} bars`,
					value: lastAdv,
					unit
				},
				{ key: 'daily_volatility', label: `Daily volatility, last ${w} bars`, value: sigma, unit: '%' },
				{ key: 'last_close', label: `Last close (${isoDate(bars.t[n - 1])})`, value: last }
			],
			tables: [
				{
					title: 'Impact by order size (share of average daily volume)',
					columns: ['order / ADV', 'square-root law', 'linear law'],
					rows: PARTICIPATIONS.map((x) => [
						x,
						impact('square_root', p.impact_coefficient, sigma, x),
						impact('linear', p.impact_coefficient, sigma, x)
					])
				}
			],
			charts: [
				{
					title: 'Impact against order size',
					xKind: 'number',
					x: curveX,
					lines: [
						{
							name: 'square-root law',
							values: curveX.map((x) => impact('square_root', p.impact_coefficient, sigma, x))
						},
						{
							name: 'linear law',
							values: curveX.map((x) => impact('linear', p.impact_coefficient, sigma, x))
						}
					],
					xLabel: 'order / average daily volume',
					yLabel: 'impact (fraction of price)'
				},
				{
					title: `Impact of the same order through time (volatility and volume over the previous ${w} bars)`,
					xKind: 'time',
					x: bars.t.slice(1),
					lines: [{ name: 'impact', values: through }],
					yLabel: 'impact (fraction of price)'
				}
			],
			notes: [
				`Square-root law: impact = Y·σ·√(Q/ADV), Y = ${p.impact_coefficient}, σ the standard deviation of daily log returns and ADV the mean ${dollars ? 'dollar volume (close × volume)' : 'volume'} over the last ${w} bars, Q the order in ${unit}. Y is of order one in published measurements (Tóth et al. 2011; Bouchaud et al., Trades, Quotes and Prices, 2018, ch. 12). The linear law Y·σ·Q/ADV agrees with it at Q = ADV.`,
				'The law describes a metaorder worked over about a day at a modest share of volume; it gives the average peak impact, not a guarantee, and says nothing of orders executed in one block.',
				'Volume is as the data reports it: for an index (not tradable itself) it is its members’ share volume, so the numbers illustrate the method more than a real cost.'
			]
		});
	}
});
