/**
 * Exact fractional Gaussian noise by the Davies–Harte (1987) circulant embedding, as described by Dieker (2004,
 * "Simulation of fractional Brownian motion", §2.1.2) — a test generator for the Hurst estimators' specs, drawn
 * from the seeded rng only. The autocovariance γ(k) = ½(|k + 1|^2H − 2|k|^2H + |k − 1|^2H) is embedded in a
 * circulant of size 2N whose eigenvalues are non-negative for 0 < H < 1.
 */
import type { Rng } from '../../domain/random';

/** In-place radix-2 FFT (forward, e^{−2πi jk/M}) of re/im, length a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
	const m = re.length;
	for (let i = 1, j = 0; i < m; i++) {
		let bit = m >> 1;
		for (; j & bit; bit >>= 1) j ^= bit;
		j ^= bit;
		if (i < j) {
			[re[i], re[j]] = [re[j], re[i]];
			[im[i], im[j]] = [im[j], im[i]];
		}
	}
	for (let len = 2; len <= m; len <<= 1) {
		const ang = (-2 * Math.PI) / len;
		for (let i = 0; i < m; i += len)
			for (let k = 0; k < len / 2; k++) {
				const wr = Math.cos(ang * k);
				const wi = Math.sin(ang * k);
				const a = i + k;
				const b = a + len / 2;
				const xr = re[b] * wr - im[b] * wi;
				const xi = re[b] * wi + im[b] * wr;
				re[b] = re[a] - xr;
				im[b] = im[a] - xi;
				re[a] += xr;
				im[a] += xi;
			}
	}
}

export function fgnAutocovariance(k: number, hurst: number): number {
	const h2 = 2 * hurst;
	return 0.5 * (Math.abs(k + 1) ** h2 - 2 * Math.abs(k) ** h2 + Math.abs(k - 1) ** h2);
}

/** n values (n a power of two) of unit-variance fractional Gaussian noise with Hurst exponent `hurst`. */
export function fractionalGaussianNoise(n: number, hurst: number, rng: Rng): Float64Array {
	const m = 2 * n;
	const re = new Float64Array(m);
	const im = new Float64Array(m);
	for (let k = 0; k <= n; k++) re[k] = fgnAutocovariance(k, hurst);
	for (let k = n + 1; k < m; k++) re[k] = re[m - k];
	fft(re, im);
	const lambda = Float64Array.from(re, (v) => Math.max(0, v));
	const wr = new Float64Array(m);
	const wi = new Float64Array(m);
	wr[0] = Math.sqrt(lambda[0] / m) * rng.normal();
	wr[n] = Math.sqrt(lambda[n] / m) * rng.normal();
	for (let k = 1; k < n; k++) {
		const s = Math.sqrt(lambda[k] / (2 * m));
		wr[k] = s * rng.normal();
		wi[k] = s * rng.normal();
		wr[m - k] = wr[k];
		wi[m - k] = -wi[k];
	}
	fft(wr, wi);
	return wr.slice(0, n);
}
