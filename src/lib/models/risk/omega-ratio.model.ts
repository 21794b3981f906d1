/** Catalog entry `omega_ratio`: gains above a threshold per unit of losses below it (risk/ratios.ts). */
import { analysisResult } from '../analysis';
import { defineAnalysis } from '../seam';
import { checkPositive, requireLength, simpleReturnsOver, subjectBars } from './bars-input';
import { omegaRatio } from './ratios';
import { mean, quantileSorted, sorted } from './stats';

/** Points of the Omega curve. */
const CURVE_POINTS = 101;
/** Fewer returns than this say nothing about either side of the threshold. */
export const MIN_RETURNS = 20;

export const implementation = defineAnalysis({
	id: 'omega_ratio',
	task: 'measure',
	input: 'series',
	// A pass over the returns per curve point.
	costs: { expectedFitMs: () => 5, minDeadlineMs: 60_000 },
	evaluate: (data, p) => {
		const bars = subjectBars(data, 'omega_ratio');
		requireLength(bars.close.length - 1, MIN_RETURNS, 'omega_ratio', 'returns');
		checkPositive(bars.close, 'omega_ratio', 'close');
		const r = simpleReturnsOver(bars.close, 1);
		const omega = omegaRatio(r, p.threshold);
		let above = 0;
		for (const v of r) if (v > p.threshold) above++;
		// The curve spans the middle 90 % of the returns (and the chosen threshold).
		const s = sorted(r);
		const lo = Math.min(quantileSorted(s, 0.05), p.threshold);
		const hi = Math.max(quantileSorted(s, 0.95), p.threshold);
		const x = Float64Array.from(
			{ length: CURVE_POINTS },
			(_, i) => lo + ((hi - lo) * i) / (CURVE_POINTS - 1)
		);
		const curve = x.map((l) => Math.log(omegaRatio(r, l)));
		return analysisResult({
			numbers: [
				{
					key: 'omega_ratio',
					label: `Omega at a threshold of ${p.threshold} per bar`,
					value: omega,
					...(Number.isFinite(omega) ? {} : { note: 'no return lies below the threshold: Ω is unbounded' })
				},
				{ key: 'mean_return', label: 'Mean return per bar (Ω = 1 there)', value: mean(r), unit: '%' },
				{
					key: 'share_above_threshold',
					label: 'Share of returns above the threshold',
					value: above / r.length,
					unit: '%'
				},
				{ key: 'returns_used', label: 'Returns used', value: r.length }
			],
			charts: [
				{
					title: 'Omega curve: log Ω against the threshold',
					xKind: 'number',
					x,
					lines: [{ name: 'log Ω', values: curve }],
					xLabel: 'threshold return per bar',
					yLabel: 'log Ω'
				}
			],
			notes: [
				'Ω(L) = Σ max(r − L, 0) / Σ max(L − r, 0) over the simple returns of the closes (Keating & Shadwick, “A universal performance measure”, 2002): the gains above the threshold per unit of the losses below it, using the whole distribution rather than its mean and variance. Ω > 1 when the threshold is below the mean return, 1 at the mean.',
				'The threshold is a return per bar (per day on daily data), not per year.'
			]
		});
	}
});
