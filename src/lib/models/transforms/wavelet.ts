/**
 * Discrete wavelet transform as PyWavelets 1.1.1 (`pywt.dwt`, `pywt.idwt`, `pywt.wavedec`, `pywt.waverec`), for
 * the orthogonal wavelets the catalog offers, with pywt's signal-extension modes.
 *
 * Scaling filters (pywt's `rec_lo`): Daubechies, Ten Lectures on Wavelets (SIAM 1992), Table 6.1 (haar = db1,
 * db2, db4, db8), Table 6.3 (least-asymmetric "symlets", sym4) and Table 8.1 (coiflets, coif1), normalised to sum
 * √2; the digits are those PyWavelets 1.1.1 tabulates, and wavelet.spec.ts checks all four filters of each
 * against `pywt.Wavelet(name)`. The others follow by the quadrature-mirror relations pywt uses:
 * dec_lo[k] = rec_lo[F−1−k], rec_hi[k] = (−1)^k rec_lo[F−1−k], dec_hi[k] = (−1)^(k+1) rec_lo[k].
 */

export const WAVELETS = ['haar', 'db2', 'db4', 'db8', 'sym4', 'coif1'] as const;
export type WaveletName = (typeof WAVELETS)[number];
export const MODES = ['symmetric', 'periodization', 'zero', 'constant', 'reflect'] as const;
export type ExtensionMode = (typeof MODES)[number];

const SCALING: Record<WaveletName, readonly number[]> = {
	haar: [0.7071067811865476, 0.7071067811865476],
	db2: [0.48296291314453416, 0.8365163037378079, 0.2241438680420134, -0.12940952255126037],
	db4: [
		0.2303778133088965, 0.7148465705529157, 0.6308807679298589, -0.027983769416859854, -0.18703481171909309,
		0.030841381835560764, 0.0328830116668852, -0.010597401785069032
	],
	db8: [
		0.05441584224310401, 0.31287159091429995, 0.6756307362972898, 0.5853546836542067, -0.015829105256349306,
		-0.2840155429615469, 0.0004724845739132828, 0.12874742662047847, -0.017369301001807547,
		-0.044088253930794755, 0.013981027917398282, 0.008746094047405777, -0.004870352993451574,
		-0.00039174037337694705, 0.0006754494064505693, -0.00011747678412476953
	],
	sym4: [
		0.0322231006040427, -0.012603967262037833, -0.09921954357684722, 0.29785779560527736, 0.8037387518059161,
		0.49761866763201545, -0.02963552764599851, -0.07576571478927333
	],
	coif1: [
		-0.07273261951252645, 0.3378976624574818, 0.8525720202116004, 0.3848648468648578, -0.07273261951252645,
		-0.015655728135791993
	]
};

export interface Wavelet {
	readonly name: WaveletName;
	readonly decLo: Float64Array;
	readonly decHi: Float64Array;
	readonly recLo: Float64Array;
	readonly recHi: Float64Array;
}

export function wavelet(name: WaveletName): Wavelet {
	const h = SCALING[name];
	if (!h) throw new RangeError(`wavelet must be one of ${WAVELETS.join(', ')}, got ${String(name)}`);
	const F = h.length;
	const sign = (k: number): number => (k % 2 === 0 ? 1 : -1);
	return {
		name,
		recLo: Float64Array.from(h),
		decLo: Float64Array.from(h, (_, k) => h[F - 1 - k]),
		recHi: Float64Array.from(h, (_, k) => sign(k) * h[F - 1 - k]),
		decHi: Float64Array.from(h, (_, k) => -sign(k) * h[k])
	};
}

/** pywt.dwt_max_level: ⌊log2(⌊n / (F − 1)⌋)⌋, 0 when the signal is shorter than F − 1. */
export function maxLevel(n: number, filterLength: number): number {
	if (n < filterLength - 1) return 0;
	let i = Math.floor(n / (filterLength - 1));
	let j = 0;
	while (i > 1) {
		i >>= 1;
		j++;
	}
	return j;
}

/** x at index k (possibly outside [0, n)) under an extension mode (not periodization). */
function extended(x: Float64Array, k: number, mode: ExtensionMode): number {
	const n = x.length;
	if (k >= 0 && k < n) return x[k];
	switch (mode) {
		case 'zero':
			return 0;
		case 'constant':
			return k < 0 ? x[0] : x[n - 1];
		case 'symmetric': {
			// Half-sample symmetric: … x1 x0 | x0 x1 … x(n−1) | x(n−1) …, repeated with period 2n.
			const m = ((k % (2 * n)) + 2 * n) % (2 * n);
			return m < n ? x[m] : x[2 * n - 1 - m];
		}
		case 'reflect': {
			// Whole-sample symmetric: … x2 x1 | x0 … x(n−1) | x(n−2) …, period 2n − 2.
			if (n === 1) return x[0];
			const p = 2 * n - 2;
			const m = ((k % p) + p) % p;
			return m < n ? x[m] : x[p - m];
		}
		default:
			throw new RangeError(`mode ${mode} has no pointwise extension`);
	}
}

/** One level of the DWT: [approximation, detail], as pywt.dwt(x, wavelet, mode). */
export function dwt(x: Float64Array, w: Wavelet, mode: ExtensionMode): [Float64Array, Float64Array] {
	const n = x.length;
	const F = w.decLo.length;
	if (n < 1) throw new RangeError('dwt needs at least one value');
	if (mode === 'periodization') {
		const np = n + (n % 2); // an odd signal gets its last value repeated
		const half = np / 2;
		const ca = new Float64Array(half);
		const cd = new Float64Array(half);
		for (let o = 0; o < half; o++) {
			let a = 0;
			let d = 0;
			for (let j = 0; j < F; j++) {
				let k = (F / 2 + 2 * o - j) % np;
				if (k < 0) k += np;
				const v = k < n ? x[k] : x[n - 1];
				a += w.decLo[j] * v;
				d += w.decHi[j] * v;
			}
			ca[o] = a;
			cd[o] = d;
		}
		return [ca, cd];
	}
	const outLen = Math.floor((n + F - 1) / 2);
	const ca = new Float64Array(outLen);
	const cd = new Float64Array(outLen);
	for (let o = 0; o < outLen; o++) {
		const i = 2 * o + 1;
		let a = 0;
		let d = 0;
		if (i - F + 1 >= 0 && i < n) {
			// Interior: no extension needed (the hot loop).
			for (let j = 0; j < F; j++) {
				const v = x[i - j];
				a += w.decLo[j] * v;
				d += w.decHi[j] * v;
			}
		} else
			for (let j = 0; j < F; j++) {
				const v = extended(x, i - j, mode);
				a += w.decLo[j] * v;
				d += w.decHi[j] * v;
			}
		ca[o] = a;
		cd[o] = d;
	}
	return [ca, cd];
}

/** One level of the inverse, as pywt.idwt(ca, cd, wavelet, mode): 2·len − F + 2 values (2·len for periodization). */
export function idwt(ca: Float64Array, cd: Float64Array, w: Wavelet, mode: ExtensionMode): Float64Array {
	const nc = ca.length;
	if (cd.length !== nc)
		throw new RangeError(`approximation (${nc}) and detail (${cd.length}) lengths differ`);
	const F = w.recLo.length;
	if (mode === 'periodization') {
		// The adjoint of the periodic analysis, which for an orthogonal wavelet is its inverse.
		const np = 2 * nc;
		const out = new Float64Array(np);
		for (let o = 0; o < nc; o++)
			for (let j = 0; j < F; j++) {
				let k = (F / 2 + 2 * o - j) % np;
				if (k < 0) k += np;
				out[k] += w.decLo[j] * ca[o] + w.decHi[j] * cd[o];
			}
		return out;
	}
	if (nc < F / 2) throw new RangeError(`idwt needs at least ${F / 2} coefficients per band, got ${nc}`);
	const out = new Float64Array(2 * nc - F + 2);
	for (let i = F / 2 - 1, o = 0; i < nc; i++, o += 2) {
		let even = 0;
		let odd = 0;
		for (let j = 0; j < F / 2; j++) {
			even += w.recLo[2 * j] * ca[i - j] + w.recHi[2 * j] * cd[i - j];
			odd += w.recLo[2 * j + 1] * ca[i - j] + w.recHi[2 * j + 1] * cd[i - j];
		}
		out[o] = even;
		out[o + 1] = odd;
	}
	return out;
}

/** pywt.wavedec: [cA_level, cD_level, …, cD_1]. */
export function wavedec(x: Float64Array, w: Wavelet, mode: ExtensionMode, level: number): Float64Array[] {
	if (!Number.isInteger(level) || level < 1)
		throw new RangeError(`level must be a whole number ≥ 1, got ${level}`);
	const details: Float64Array[] = [];
	let a = x;
	for (let l = 0; l < level; l++) {
		const [ca, cd] = dwt(a, w, mode);
		details.push(cd);
		a = ca;
	}
	return [a, ...details.reverse()];
}

/** pywt.waverec: may return one value more than the original signal when a level's length was odd. */
export function waverec(coeffs: readonly Float64Array[], w: Wavelet, mode: ExtensionMode): Float64Array {
	if (coeffs.length < 2) throw new RangeError('waverec needs an approximation and at least one detail');
	let a = coeffs[0];
	for (let l = 1; l < coeffs.length; l++) {
		const d = coeffs[l];
		if (a.length === d.length + 1) a = a.subarray(0, d.length);
		else if (a.length !== d.length)
			throw new RangeError(`coefficient lengths ${a.length} and ${d.length} do not fit one another`);
		a = idwt(a, d, w, mode);
	}
	return a;
}

/** Soft thresholding (pywt.threshold mode 'soft'): shrink toward zero by t, zero inside ±t. */
export function softThreshold(c: Float64Array, t: number): Float64Array {
	return c.map((v) => (Math.abs(v) <= t ? 0 : v - Math.sign(v) * t));
}

function median(values: Float64Array): number {
	const s = values.slice().sort();
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * VisuShrink (Donoho & Johnstone 1994, Biometrika 81(3):425–455): σ = median |cD1| / 0.6745 (the finest details'
 * MAD, robust to the signal), universal threshold σ·√(2 ln n), soft-thresholding of every detail band, the
 * approximation kept. Returns the denoised signal (first x.length values) and the threshold.
 */
export function denoise(
	x: Float64Array,
	w: Wavelet,
	mode: ExtensionMode,
	level: number
): { values: Float64Array; threshold: number } {
	const coeffs = wavedec(x, w, mode, level);
	const sigma = median(coeffs[coeffs.length - 1].map(Math.abs)) / 0.6745;
	const threshold = sigma * Math.sqrt(2 * Math.log(x.length));
	const shrunk = [coeffs[0], ...coeffs.slice(1).map((c) => softThreshold(c, threshold))];
	return { values: waverec(shrunk, w, mode).subarray(0, x.length), threshold };
}

/**
 * The causal denoised series: the value at t is the last value of the VisuShrink denoising of the trailing
 * window x[t − window + 1 .. t], so it uses values up to t only (NaN for t < window − 1). The window's own end
 * is handled by the extension mode, as any one-sided estimate must be.
 */
export function causalDenoise(
	x: Float64Array,
	w: Wavelet,
	mode: ExtensionMode,
	level: number,
	window: number
): { values: Float64Array; thresholds: Float64Array } {
	if (!Number.isInteger(window) || window < 2)
		throw new RangeError(`window must be a whole number ≥ 2, got ${window}`);
	const n = x.length;
	const values = new Float64Array(n).fill(Number.NaN);
	const thresholds = new Float64Array(n).fill(Number.NaN);
	for (let t = window - 1; t < n; t++) {
		const r = denoise(x.subarray(t - window + 1, t + 1), w, mode, level);
		values[t] = r.values[window - 1];
		thresholds[t] = r.threshold;
	}
	return { values, thresholds };
}
