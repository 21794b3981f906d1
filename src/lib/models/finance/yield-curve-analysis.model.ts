/** Catalog entry `yield_curve_analysis`: Nelson–Siegel and spline fits of FRED Treasury yields across maturities. */
import { AnalysisInputError, analysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import {
	fitNelsonSiegel,
	forwardRate,
	linearAt,
	nelsonSiegelYield,
	smoothingSpline,
	splineAt
} from './yield-curve';

/**
 * FRED Treasury constant-maturity series (H.15) and their maturities in years. A dataset is recognised by the
 * symbol in its name (e.g. "DGS10" or "DGS10 — 10-Year Treasury").
 */
export const TREASURY_MATURITIES: Readonly<Record<string, number>> = {
	DGS1MO: 1 / 12,
	DGS3MO: 0.25,
	DGS6MO: 0.5,
	DGS1: 1,
	DGS2: 2,
	DGS3: 3,
	DGS5: 5,
	DGS7: 7,
	DGS10: 10,
	DGS20: 20,
	DGS30: 30
};

/** The curve over time needs this many dates. */
export const MIN_DATES = 12;
const CURVE_POINTS = 120;
const FORWARD_MATURITIES = [1, 2, 5, 10];

export function maturityOf(name: string): number | undefined {
	const match = /\bDGS(\d+MO|\d+)\b/i.exec(name);
	return match ? TREASURY_MATURITIES[`DGS${match[1].toUpperCase()}`] : undefined;
}

export const implementation = defineAnalysis({
	id: 'yield_curve_analysis',
	task: 'measure',
	input: 'panel',
	// One Nelson–Siegel fit (400 grid λ + 80 golden steps of a 3 × 3 solve) per date: measured ~5 ms each under
	// load (0.37 s for 72 months of eleven maturities).
	costs: { expectedFitMs: (rows) => 10 + 5 * rows, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const series = data.datasets.map((d) => ({ ...d, tau: maturityOf(d.name) }));
		const unknown = series.filter((s) => s.tau === undefined).map((s) => s.name);
		if (unknown.length)
			throw new AnalysisInputError(
				`No Treasury maturity for ${unknown.join(', ')}: the yield curve reads FRED constant-maturity series ` +
					`named by symbol (${Object.keys(TREASURY_MATURITIES).join(', ')}).`
			);
		series.sort((a, b) => a.tau! - b.tau!);
		for (let i = 1; i < series.length; i++)
			if (series[i].tau === series[i - 1].tau)
				throw new AnalysisInputError(`${series[i - 1].name} and ${series[i].name} have the same maturity.`);
		if (series.length < 4)
			throw new AnalysisInputError(`A yield curve needs at least 4 maturities; got ${series.length}.`);
		const dates = series[0].bars.t;
		if (dates.length < MIN_DATES)
			throw new AnalysisInputError(
				`The curve over time needs at least ${MIN_DATES} common dates; these series share ${dates.length}.`
			);
		const tau = series.map((s) => s.tau!);
		const yieldsAt = (row: number) => series.map((s) => s.bars.close[row]);
		const last = dates.length - 1;
		const y = yieldsAt(last);
		const ns = fitNelsonSiegel(tau, y);
		const spline = smoothingSpline(tau, y, p.smoothing_parameter);
		const curve = (t: number): number =>
			p.interpolation_method === 'nelson_siegel'
				? nelsonSiegelYield(ns, t)
				: p.interpolation_method === 'cubic_spline'
					? splineAt(spline, t)
					: linearAt(tau, y, t);
		const [lo, hi] = [tau[0], tau[tau.length - 1]];
		const inRange = (t: number) => t >= lo && t <= hi;
		const at = (t: number, key: string, label: string): NamedNumber =>
			inRange(t)
				? { key, label, value: curve(t), unit: '% per year' }
				: {
						key,
						label,
						value: Number.NaN,
						unit: '% per year',
						note: `No maturity ${t} years: outside ${lo.toFixed(2)}–${hi} years.`
					};
		const y3m = inRange(0.25) ? curve(0.25) : Number.NaN;
		const y2 = inRange(2) ? curve(2) : Number.NaN;
		const y5 = inRange(5) ? curve(5) : Number.NaN;
		const y10 = inRange(10) ? curve(10) : Number.NaN;
		const rangeNote = {
			note: `Needs maturities covering the points used; these cover ${lo.toFixed(2)}–${hi} years.`
		};
		const slope = y10 - y3m;
		const curvature = 2 * y5 - y2 - y10;
		// Over time: one Nelson–Siegel fit per date.
		const history = Array.from(dates, (_, row) => fitNelsonSiegel(tau, yieldsAt(row)));
		const grid = Float64Array.from(
			{ length: CURVE_POINTS },
			(_, i) => lo + ((hi - lo) * i) / (CURVE_POINTS - 1)
		);
		const dateText = new Date(dates[last]).toISOString().slice(0, 10);
		const method = {
			cubic_spline: 'smoothing cubic spline',
			linear: 'linear interpolation',
			nelson_siegel: 'Nelson–Siegel'
		}[p.interpolation_method];
		return analysisResult({
			numbers: [
				{
					key: 'ns_level',
					label: 'Nelson–Siegel β₀ (level: the long-maturity yield)',
					value: ns.beta0,
					unit: '% per year'
				},
				{
					key: 'ns_slope',
					label: 'Nelson–Siegel β₁ (short minus long)',
					value: ns.beta1,
					unit: '% per year'
				},
				{ key: 'ns_curvature', label: 'Nelson–Siegel β₂ (hump)', value: ns.beta2, unit: '% per year' },
				{
					key: 'ns_lambda',
					label: 'Nelson–Siegel λ (maturity scale of the slope and hump)',
					value: ns.lambda,
					unit: 'years'
				},
				{
					key: 'ns_rmse',
					label: 'Nelson–Siegel root-mean-square error at the observed maturities',
					value: Math.sqrt(ns.sse / tau.length),
					unit: '% per year'
				},
				at(0.25, 'yield_3m', `3-month yield (${method})`),
				at(2, 'yield_2y', `2-year yield (${method})`),
				at(10, 'yield_10y', `10-year yield (${method})`),
				{
					key: 'slope_10y_3m',
					label: 'slope: 10-year minus 3-month yield',
					value: slope,
					unit: '% per year',
					...(Number.isFinite(slope) ? {} : rangeNote)
				},
				{
					key: 'curvature_2_5_10',
					label: 'curvature: 2 × 5-year − 2-year − 10-year',
					value: curvature,
					unit: '% per year',
					...(Number.isFinite(curvature) ? {} : rangeNote)
				},
				...FORWARD_MATURITIES.map((t) =>
					inRange(t)
						? {
								key: `forward_${t}y`,
								label: `instantaneous forward rate at ${t} years (${method})`,
								value: forwardRate(curve, t),
								unit: '% per year'
							}
						: {
								key: `forward_${t}y`,
								label: `instantaneous forward rate at ${t} years`,
								value: Number.NaN,
								note: rangeNote.note
							}
				),
				{ key: 'maturities', label: 'maturities used', value: tau.length },
				{ key: 'dates', label: 'dates fitted over time', value: dates.length }
			],
			tables: [
				{
					title: `Yields on ${dateText}: observed and fitted (% per year)`,
					columns: ['series', 'maturity (years)', 'observed', 'Nelson–Siegel', 'smoothing spline'],
					rows: series.map((s, i) => [s.name, tau[i], y[i], nelsonSiegelYield(ns, tau[i]), spline.values[i]])
				}
			],
			charts: [
				{
					title: `Yield curve on ${dateText}`,
					xKind: 'number',
					x: grid,
					xLabel: 'maturity (years)',
					yLabel: '% per year',
					lines: [
						{ name: 'Nelson–Siegel', values: grid.map((t) => nelsonSiegelYield(ns, t)) },
						{
							name: `smoothing spline (α ${p.smoothing_parameter})`,
							values: grid.map((t) => splineAt(spline, t))
						},
						{ name: 'linear between observed yields', values: grid.map((t) => linearAt(tau, y, t)) },
						{
							name: `instantaneous forward (${method})`,
							values: grid.map((t) => forwardRate(curve, Math.max(t, lo + 1e-3)))
						}
					]
				},
				{
					title: 'Nelson–Siegel factors over time',
					xKind: 'time',
					x: Float64Array.from(dates),
					yLabel: '% per year',
					lines: [
						{ name: 'β₀ level', values: Float64Array.from(history, (h) => h.beta0) },
						{ name: 'β₁ slope', values: Float64Array.from(history, (h) => h.beta1) },
						{ name: 'β₂ curvature', values: Float64Array.from(history, (h) => h.beta2) },
						{
							name: `observed ${series[series.length - 1].name} − ${series[0].name}`,
							values: Float64Array.from(
								dates,
								(_, row) => series[series.length - 1].bars.close[row] - series[0].bars.close[row]
							)
						}
					]
				}
			],
			notes: [
				`Maturities from the FRED symbols: ${series.map((s, i) => `${s.name} = ${+tau[i].toFixed(4)} y`).join(', ')}.`,
				'Nelson–Siegel (1987) fitted by profile least squares (β by least squares for each λ; λ by a grid of 400 ' +
					'values in 0.1–20 years refined by golden section); fitted at every date for the factors over time.',
				`The summary numbers use the ${method}` +
					(p.interpolation_method === 'cubic_spline'
						? `: the cubic smoothing spline minimising Σ(y − f)² + α∫f''² with α = ${p.smoothing_parameter} (maturities in years, yields in %; α → 0 interpolates).`
						: '.') +
					(p.interpolation_method === 'cubic_spline'
						? ''
						: ` smoothing_parameter (${p.smoothing_parameter}) applies to the spline line of the chart only.`),
				'FRED constant-maturity yields are par yields on a bond-equivalent basis; they are treated here as ' +
					'continuously compounded zero yields, so the forward rates are approximate.'
			]
		});
	}
});
