/**
 * Catalog entry `wavelet_transform_model`: multilevel DWT of the log closes (wavelet.ts, as pywt.wavedec) shown
 * as a multiresolution analysis, plus a causal denoised series from trailing windows only.
 */
import { AnalysisInputError, analysisResult, type AnalysisResult, type NamedNumber } from '../analysis';
import { defineAnalysis } from '../seam';
import { seriesInput } from './series-input';
import { causalDenoise, maxLevel, wavedec, wavelet, waverec } from './wavelet';

/**
 * Measured on the full S&P 500 (5 105 rows): causal db4 / window 256 ≈ 0.9 s, db8 / 2048 ≈ 4.2 s, haar / 32 ≈
 * 0.14 s: about 6e-5 ms per row·window·filter tap plus 0.03 ms per window.
 */
const MS_PER_ROW_WINDOW_TAP = 6e-5;
const MS_PER_WINDOW = 0.03;
const FILTER_LENGTH = { haar: 2, db2: 4, db4: 8, db8: 16, sym4: 8, coif1: 6 } as const;

export const implementation = defineAnalysis({
	id: 'wavelet_transform_model',
	task: 'transform',
	input: 'series',
	costs: {
		expectedFitMs: (rows, p) =>
			2 + rows * (MS_PER_WINDOW + MS_PER_ROW_WINDOW_TAP * p.window * FILTER_LENGTH[p.wavelet]),
		minDeadlineMs: 60_000
	},
	evaluate(data, p): AnalysisResult {
		const w = wavelet(p.wavelet);
		const F = w.decLo.length;
		const input = seriesInput(data, {
			log: true,
			minRows: 2 * (F - 1),
			why: `one level of ${p.wavelet} (filter length ${F})`
		});
		const y = input.values;
		const n = y.length;
		const most = maxLevel(n, F);
		const level = p.level ?? most;
		if (level > most)
			throw new AnalysisInputError(
				`wavelet_transform_model.level is ${level}, but ${n} observations allow at most ${most} levels of ${p.wavelet}.`
			);
		const coeffs = wavedec(y, w, p.mode, level);
		const back = waverec(coeffs, w, p.mode).subarray(0, n);
		let reconError = 0;
		for (let i = 0; i < n; i++) reconError = Math.max(reconError, Math.abs(back[i] - y[i]));
		// Multiresolution analysis: each band reconstructed alone; by linearity the bands add up to the series.
		const band = (keep: number): Float64Array =>
			waverec(
				coeffs.map((c, i) => (i === keep ? c : new Float64Array(c.length))),
				w,
				p.mode
			).slice(0, n);
		const parts = coeffs.map((_, i) => band(i));
		const energy = coeffs.map((c) => c.reduce((a, v) => a + v * v, 0));
		const total = energy.reduce((a, b) => a + b, 0);
		const bandName = (i: number) => (i === 0 ? `approximation A${level}` : `detail D${level - i + 1}`);

		const numbers: NamedNumber[] = [
			{ key: 'observations', label: 'Observations', value: n },
			{ key: 'levels', label: 'Decomposition levels', value: level },
			{ key: 'filter_length', label: `Filter length of ${p.wavelet}`, value: F },
			{ key: 'reconstruction_error', label: 'Largest reconstruction error (log)', value: reconError },
			{
				key: 'approximation_energy_share',
				label: 'Share of coefficient energy in the approximation',
				value: energy[0] / total,
				unit: '%'
			}
		];
		const notes = [
			`Discrete wavelet transform of log ${input.name} (${n} observations) with ${p.wavelet}, extension mode ${p.mode}, ${level} levels${p.level === null ? ' (the most the data allows, as pywt.dwt_max_level)' : ''}, computed as PyWavelets 1.1.1 wavedec/waverec.`,
			'The decomposition charts use the whole sample: every band near a date depends on values after it. They describe the series and must never be traded on; use the causal denoised series instead.'
		];
		const charts = [
			{
				title: `Observed and approximation A${level} (log ${input.name})`,
				xKind: 'time' as const,
				x: input.t,
				lines: [
					{ name: `log ${input.name}`, values: y },
					{ name: `A${level}`, values: parts[0] }
				],
				yLabel: 'log value'
			},
			{
				title: 'Details by scale (whole sample)',
				xKind: 'time' as const,
				x: input.t,
				lines: parts.slice(1).map((values, i) => ({ name: `D${level - i}`, values })),
				yLabel: 'log value'
			}
		];

		const causalLevel = Math.min(level, maxLevel(p.window, F));
		if (n >= p.window && causalLevel >= 1) {
			const causal = causalDenoise(y, w, p.mode, causalLevel, p.window);
			let se = 0;
			let count = 0;
			const thresholds: number[] = [];
			for (let t = p.window - 1; t < n; t++) {
				se += (causal.values[t] - y[t]) ** 2;
				count++;
				thresholds.push(causal.thresholds[t]);
			}
			thresholds.sort((a, b) => a - b);
			numbers.push(
				{ key: 'causal_window', label: 'Causal denoising window', value: p.window, unit: 'obs' },
				{ key: 'causal_levels', label: 'Levels in each causal window', value: causalLevel },
				{
					key: 'causal_rmse',
					label: 'RMS gap between the causal denoised and observed log values',
					value: Math.sqrt(se / count)
				},
				{
					key: 'median_threshold',
					label: 'Median universal threshold',
					value: thresholds[thresholds.length >> 1]
				}
			);
			charts.push({
				title: `Causal denoised series (trailing ${p.window}-observation windows)`,
				xKind: 'time' as const,
				x: input.t,
				lines: [
					{ name: `log ${input.name}`, values: y },
					{ name: 'causal denoised', values: causal.values }
				],
				yLabel: 'log value'
			});
			notes.push(
				`Causal denoised series: the value at each date is the last point of the denoised trailing window of ${p.window} observations ending on that date (${causalLevel} levels, ${p.mode} extension at the window's ends), so it uses no later value; missing for the first ${p.window - 1} dates. Denoising is VisuShrink (Donoho & Johnstone 1994): σ = median |finest details| / 0.6745, universal threshold σ·√(2 ln ${p.window}), soft thresholding of every detail band.`
			);
		} else {
			const why = `the causal series needs at least ${p.window} observations (the window) and one level of ${p.wavelet} in it; there are ${n}`;
			numbers.push(
				{ key: 'causal_window', label: 'Causal denoising window', value: p.window, unit: 'obs' },
				{
					key: 'causal_rmse',
					label: 'RMS gap between the causal denoised and observed log values',
					value: Number.NaN,
					note: why
				}
			);
			notes.push(`No causal denoised series: ${why}.`);
		}
		return analysisResult({
			numbers,
			tables: [
				{
					title: 'Bands (whole sample)',
					columns: ['band', 'coefficients', 'energy share', 'std of band'],
					rows: coeffs.map((c, i) => {
						const m = parts[i].reduce((a, v) => a + v, 0) / n;
						const sd = Math.sqrt(parts[i].reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1));
						return [bandName(i), c.length, energy[i] / total, sd];
					})
				}
			],
			charts,
			notes
		});
	}
});
