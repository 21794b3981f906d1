/** Catalog entry `market_stress_indicators`: replay of the real crises the data covers (risk/stress.ts). */
import { isoDate } from '../../domain/series';
import { analysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, periodsPerYear, requireLength, subjectBars } from './bars-input';
import { CRISES } from './crises';
import { crisisStats, PRE_VAR_RETURNS, stressIndex, STRESS_HIGH_BARS, STRESS_VOL_BARS } from './stress';

export const MIN_BARS = 30;

export const implementation = defineAnalysis({
	id: 'market_stress_indicators',
	task: 'measure',
	input: 'series',
	// The stress index scans a year of closes per bar: about 20 ms on 5,000 daily bars.
	costs: { expectedFitMs: () => 50, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const id = 'market_stress_indicators';
		const bars = subjectBars(data, id);
		const n = bars.close.length;
		requireLength(n, MIN_BARS, id, 'bars');
		checkPositive(bars.close, id, 'close');
		const periods = periodsPerYear(bars.t);
		const chosen = CRISES.filter((c) => (p.stress_scenarios as readonly string[]).includes(c.id));
		const stats = chosen.map((c) => crisisStats(bars, c, periods));
		const span = `the data runs from ${isoDate(bars.t[0])} to ${isoDate(bars.t[n - 1])}`;
		const numbers: NamedNumber[] = [];
		for (const s of stats) {
			const why = s.missing ? { note: `${s.missing} (${span})` } : {};
			numbers.push(
				{
					key: `${s.window.id}_return`,
					label: `${s.window.name}: return over the window`,
					value: s.totalReturn,
					unit: '%',
					...why
				},
				{
					key: `${s.window.id}_max_drawdown`,
					label: `${s.window.name}: maximum drawdown`,
					value: s.maxDrawdown,
					unit: '%',
					...why
				},
				{
					key: `${s.window.id}_var_breaches`,
					label: `${s.window.name}: bars beyond the pre-crisis 99 % VaR (expected ${Number.isFinite(s.expectedBreaches) ? s.expectedBreaches.toFixed(1) : '—'})`,
					value: s.breaches,
					...(s.missing ? why : s.preVarNote ? { note: s.preVarNote } : {})
				}
			);
		}
		const { index } = stressIndex(bars.close, periods);
		let peak = -Infinity;
		let peakAt = -1;
		index.forEach((v, i) => {
			if (v > peak) {
				peak = v;
				peakAt = i;
			}
		});
		numbers.push(
			{
				key: 'stress_index_last',
				label: `Stress index at the last bar (${isoDate(bars.t[n - 1])})`,
				value: index[n - 1]
			},
			{
				key: 'stress_index_max',
				label: `Highest stress index${peakAt >= 0 ? ` (${isoDate(bars.t[peakAt])})` : ''}`,
				value: peak
			},
			{
				key: 'crises_covered',
				label: 'Chosen crisis windows the data covers',
				value: stats.filter((s) => !s.missing).length
			}
		);
		const cell = (v: number) => (Number.isFinite(v) ? v : null);
		return analysisResult({
			numbers,
			tables: [
				{
					title: 'Crisis windows',
					columns: [
						'crisis',
						'from',
						'to',
						'bars',
						'return',
						'max drawdown',
						'worst bar',
						'worst bar on',
						'volatility',
						'volatility the year before',
						'pre-crisis 99 % VaR',
						'breaches',
						'expected breaches'
					],
					rows: stats.map((s) =>
						s.missing
							? [
									s.window.name,
									s.window.start,
									s.window.end,
									null,
									null,
									null,
									null,
									s.missing,
									null,
									null,
									null,
									null,
									null
								]
							: [
									s.window.name,
									isoDate(bars.t[s.first]),
									isoDate(bars.t[s.last]),
									s.last - s.first,
									s.totalReturn,
									s.maxDrawdown,
									s.worstBar,
									isoDate(bars.t[s.worstBarIndex]),
									s.volatility,
									cell(s.volatilityBefore),
									cell(s.preVar),
									cell(s.breaches),
									cell(s.expectedBreaches)
								]
					)
				}
			],
			charts: [
				{
					title: 'Stress index (z-scores of recent volatility and of the fall from the year’s high)',
					xKind: 'time',
					x: bars.t.slice(),
					lines: [{ name: 'stress index', values: index }],
					yLabel: 'z-score'
				}
			],
			notes: [
				'Historical replay, not hypothetical shocks: each window runs from the S&P 500’s closing peak before the crisis to its closing trough (dates from S&P Dow Jones Indices’ history), and the statistics are this series’ own behaviour over those dates.',
				`Volatility is the annualised standard deviation of log returns (× √${periods}); the year before is up to ${periods} bars before the window. Breaches count the bars in the window losing more than the 99 % one-day historical VaR of the ${PRE_VAR_RETURNS} bars before it: a VaR set in calm times and then overwhelmed shows many more than the 1 % expected.`,
				`Stress index: the mean of the z-scores of the ${STRESS_VOL_BARS}-bar realised volatility and of the fall from the highest close of the last ${STRESS_HIGH_BARS} bars, each standardised over the whole sample — a description of the past, not a real-time signal.`,
				...(stats.some((s) => s.missing) ? [`Some chosen windows are not replayed: ${span}.`] : [])
			]
		});
	}
});
