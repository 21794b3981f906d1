import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sp500Bars } from '../../testing/sp500';
import {
	causalDenoise,
	denoise,
	dwt,
	maxLevel,
	MODES,
	wavedec,
	wavelet,
	WAVELETS,
	waverec,
	type ExtensionMode,
	type WaveletName
} from './wavelet';
import fixture from './wavelet.fixture.json';
import { implementation } from './wavelet-transform-model.model';

/** Coefficients agree with PyWavelets 1.1.1 within this (absolute, on log prices ≈ 7): measured ≤ 1e-14. */
const COEFF_TOL = 1e-12;
/** Perfect reconstruction on log prices ≈ 7: the tabulated filters are orthonormal to ≈ 1e-13, measured error ≤ 7e-12. */
const RECON_TOL = 1e-10;
/** Seed of the causality property test, printed in its name. */
const CAUSALITY_SEED = 20261205;

const x = Float64Array.from(fixture.x);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	expect(a.length).toBe(b.length);
	let m = 0;
	for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}

describe('wavelet filters', () => {
	it.each(WAVELETS)('%s has the four filters of pywt.Wavelet(name), to the last digit', (name) => {
		const w = wavelet(name);
		const ref = fixture.filters[name];
		expect(maxAbsDiff(w.decLo, ref.dec_lo)).toBeLessThanOrEqual(1e-16);
		expect(maxAbsDiff(w.decHi, ref.dec_hi)).toBeLessThanOrEqual(1e-16);
		expect(maxAbsDiff(w.recLo, ref.rec_lo)).toBeLessThanOrEqual(1e-16);
		expect(maxAbsDiff(w.recHi, ref.rec_hi)).toBeLessThanOrEqual(1e-16);
	});

	it.each(WAVELETS)('%s is orthonormal: Σh = √2, Σh² = 1, Σ h_k h_(k+2m) = 0', (name) => {
		const h = wavelet(name).recLo;
		expect(h.reduce((a, b) => a + b)).toBeCloseTo(Math.SQRT2, 12);
		for (let m = 0; 2 * m < h.length; m++) {
			let s = 0;
			for (let k = 0; k + 2 * m < h.length; k++) s += h[k] * h[k + 2 * m];
			expect(s).toBeCloseTo(m === 0 ? 1 : 0, 12);
		}
	});
});

describe('wavedec and waverec', () => {
	it('choose pywt.dwt_max_level for the data', () => {
		for (const name of WAVELETS)
			expect(maxLevel(x.length, wavelet(name).decLo.length), name).toBe(
				fixture.max_levels[name as keyof typeof fixture.max_levels]
			);
	});

	it.each(fixture.cases.map((c) => [c.wavelet, c.mode, c] as const))(
		'%s / %s equals pywt.wavedec(level 3) on 257 real S&P 500 log closes',
		(_w, _m, c) => {
			const coeffs = wavedec(x, wavelet(c.wavelet as WaveletName), c.mode as ExtensionMode, c.level);
			expect(coeffs.length).toBe(c.coeffs.length);
			coeffs.forEach((band, i) =>
				expect(maxAbsDiff(band, c.coeffs[i] as number[])).toBeLessThanOrEqual(COEFF_TOL)
			);
		}
	);

	it('reconstruct the signal perfectly for every wavelet and mode, odd and even lengths', () => {
		for (const name of WAVELETS)
			for (const mode of MODES)
				for (const n of [257, 256, 100]) {
					const s = x.subarray(0, n);
					const w = wavelet(name);
					const level = Math.max(1, maxLevel(n, w.decLo.length));
					const back = waverec(wavedec(s, w, mode, level), w, mode);
					expect(back.length - n, `${name} ${mode} ${n}`).toBeLessThanOrEqual(1);
					expect(maxAbsDiff(back.subarray(0, n), s), `${name} ${mode} ${n}`).toBeLessThan(RECON_TOL);
				}
	});

	it('one level of haar is the pairwise sum and difference over √2', () => {
		const [a, d] = dwt(Float64Array.from([1, 3, 2, 6]), wavelet('haar'), 'periodization');
		expect(Array.from(a)).toEqual([4 / Math.SQRT2, 8 / Math.SQRT2].map((v) => expect.closeTo(v, 14)));
		expect(Array.from(d)).toEqual([-2 / Math.SQRT2, -4 / Math.SQRT2].map((v) => expect.closeTo(v, 14)));
	});

	it('refuses an unknown wavelet and a level below 1', () => {
		expect(() => wavelet('db3' as WaveletName)).toThrow(/wavelet must be one of haar/);
		expect(() => wavedec(x, wavelet('db4'), 'symmetric', 0)).toThrow(/level must be a whole number ≥ 1/);
	});
});

describe('denoising', () => {
	it('equals pywt VisuShrink (universal threshold, soft) on the last 256 values of the slice', () => {
		const { window, level, threshold, values } = fixture.denoise;
		const r = denoise(x.subarray(x.length - window), wavelet('db4'), 'symmetric', level);
		expect(Math.abs(r.threshold - threshold)).toBeLessThan(1e-14);
		expect(maxAbsDiff(r.values, values)).toBeLessThan(COEFF_TOL);
	});

	it('causal: its value at t is the last value of the denoised trailing window ending at t', () => {
		const w = wavelet('db4');
		const c = causalDenoise(x, w, 'symmetric', 4, 128);
		expect(c.values[126]).toBeNaN();
		for (const t of [127, 200, 256])
			expect(c.values[t]).toBe(denoise(x.subarray(t - 127, t + 1), w, 'symmetric', 4).values[127]);
	});

	it(`never changes a value at t when any value after t changes (seed ${CAUSALITY_SEED}, 40 cut points)`, () => {
		const series = sp500Bars().close.slice(0, 900).map(Math.log);
		const rng = createRng(CAUSALITY_SEED);
		const w = wavelet('db4');
		const base = causalDenoise(series, w, 'symmetric', 5, 256).values;
		for (let k = 0; k < 40; k++) {
			const cut = 255 + rng.int(series.length - 256);
			const changed = series.slice();
			for (let i = cut + 1; i < series.length; i++) changed[i] += rng.next() - 0.5;
			const after = causalDenoise(changed, w, 'symmetric', 5, 256).values;
			for (let t = 0; t <= cut; t++)
				if (!Object.is(base[t], after[t]))
					throw new Error(`seed ${CAUSALITY_SEED}, cut ${cut}: changed at row ${t}`);
			if (cut + 1 < series.length) expect(after[cut + 1]).not.toBe(base[cut + 1]);
		}
	});
});

describe('the wavelet_transform_model entry', () => {
	const data = { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };
	const ctx = { rng: createRng(1) };

	it('splits the log closes into bands that add back up to them, at pywt’s maximum level by default', async () => {
		const r = await implementation.evaluate(data, { window: 64 }, ctx);
		const num = (key: string) => r.numbers.find((n) => n.key === key)!.value;
		const n = sp500Bars().close.length;
		expect(num('levels')).toBe(maxLevel(n, 8)); // db4: ⌊log2(⌊5105 / 7⌋)⌋ = 9
		expect(num('reconstruction_error')).toBeLessThan(1e-10);
		const [observed, approx] = r.charts[0].lines.map((l) => l.values);
		const details = r.charts[1].lines.map((l) => l.values);
		expect(details.length).toBe(num('levels'));
		for (const t of [0, 1000, n - 1]) {
			const sum = details.reduce((a, d) => a + d[t], approx[t]);
			expect(sum).toBeCloseTo(observed[t], 9);
		}
		const causal = r.charts[2].lines[1].values;
		expect(causal[62]).toBeNaN();
		expect(Number.isFinite(causal[63])).toBe(true);
		expect(num('causal_rmse')).toBeGreaterThan(0);
		expect(num('causal_rmse')).toBeLessThan(0.05); // a denoised log price stays within a few percent of it
	});

	it('refuses more levels than the data allows, naming the field', async () => {
		await expect(implementation.evaluate(data, { level: 12 }, ctx)).rejects.toMatchObject({
			code: 'analysis_input',
			message: expect.stringMatching(
				/wavelet_transform_model\.level is 12, but 5105 observations allow at most 9/
			)
		});
	});
});
