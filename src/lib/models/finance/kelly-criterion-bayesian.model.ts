/** Catalog entry `kelly_criterion_bayesian`: Kelly fraction with the uncertainty of the mean return. */
import { AnalysisInputError, analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import { growth, kelly, simpleReturns } from './kelly';

/** Points on the growth-against-fraction chart. */
const CURVE_POINTS = 81;

export const implementation = defineAnalysis({
	id: 'kelly_criterion_bayesian',
	task: 'measure',
	input: 'series',
	// Two passes over the returns and an 81-point curve.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const dataset = data.datasets[0];
		if (!dataset) throw new AnalysisInputError('Choose one price series.');
		const returns = simpleReturns(dataset.bars.close);
		const k = kelly(returns, p.confidence_level, p.max_position);
		const variance = k.sd * k.sd;
		const span = Math.max(2 * Math.abs(k.naive), 2 * p.max_position, 1e-6);
		const x = Float64Array.from(
			{ length: CURVE_POINTS },
			(_, i) => -span + (2 * span * i) / (CURVE_POINTS - 1)
		);
		const level = `${Math.round(p.confidence_level * 100)} %`;
		const established = k.conservative !== 0;
		return analysisResult({
			numbers: [
				{
					key: 'position',
					label: 'recommended position (fraction of capital; negative = short)',
					value: k.position,
					unit: '%'
				},
				{
					key: 'conservative_kelly',
					label: `Kelly fraction at the ${level} credible bound of the edge`,
					value: k.conservative,
					unit: '%'
				},
				{
					key: 'bayesian_kelly',
					label: 'Bayesian Kelly fraction μ̂/(s² + s²/n)',
					value: k.bayesian,
					unit: '%'
				},
				{ key: 'naive_kelly', label: 'plug-in Kelly fraction μ̂/s²', value: k.naive, unit: '%' },
				{ key: 'mean_return', label: 'mean return per bar μ̂', value: k.mean, unit: '%' },
				{ key: 'return_sd', label: 'standard deviation of the return per bar s', value: k.sd, unit: '%' },
				{
					key: 'mean_standard_error',
					label: 'standard error of the mean s/√n',
					value: k.standardError,
					unit: '%'
				},
				{
					key: 'edge_bound',
					label: `${level} one-sided credible bound of the mean`,
					value: k.edgeBound,
					unit: '%'
				},
				{ key: 'returns_used', label: 'returns used', value: k.count },
				{
					key: 'growth_at_position',
					label: 'expected log growth per bar at the position (estimated mean)',
					value: growth(k.position, k.mean, variance),
					unit: '%'
				}
			],
			charts: [
				{
					title: 'Expected log growth per bar against the fraction of capital',
					xKind: 'number',
					x,
					xLabel: 'fraction of capital (negative = short)',
					yLabel: 'expected log growth per bar',
					lines: [
						{ name: 'at the estimated mean μ̂', values: x.map((f) => growth(f, k.mean, variance)) },
						{
							name: `at the ${level} bound of the mean`,
							values: x.map((f) => growth(f, k.edgeBound, variance))
						}
					]
				}
			],
			notes: [
				'Kelly fraction f* = μ/σ² of simple returns per bar (Thorp 2006); the mean is uncertain, so with a flat ' +
					'prior its posterior is N(μ̂, s²/n). The Bayesian fraction maximises the posterior-expected log growth; ' +
					`the position uses the one-sided ${level} credible bound of the mean and is capped at ±${p.max_position}.`,
				established
					? `The edge is established at ${level}: the bound of the mean has the same sign as the mean.`
					: `The edge is not established at ${level}: the credible bound of the mean crosses zero, so the position is 0.`,
				...(k.capped
					? [`The conservative fraction ${k.conservative.toFixed(3)} was capped at ${p.max_position}.`]
					: []),
				'Returns are not reduced by a risk-free rate; σ² is treated as known (its own uncertainty is ignored), and ' +
					'the growth formula is the second-order approximation of E[ln(1 + f·r)].'
			]
		});
	}
});
