/**
 * Empirical mode decomposition (Huang et al. 1998, Proc. R. Soc. Lond. A 454:903–995): the signal is sifted into
 * intrinsic mode functions (IMFs) — oscillations whose numbers of extrema and zero crossings differ by at most
 * one and whose upper and lower envelopes average to about zero — and a residue with too few extrema to sift.
 *
 * Choices this implementation makes (EMD has no single canonical version):
 * - envelopes are natural cubic splines through the local maxima (minima), a plateau counting once at its middle;
 * - boundaries: the two extrema nearest each end are mirrored about the end sample (Rilling, Flandrin &
 *   Gonçalvès 2003, "On empirical mode decomposition and its algorithms"), so the splines do not swing freely;
 * - sifting stops by Huang et al.'s (2003) S-number: when the numbers of extrema and zero crossings differ by at
 *   most one and have stayed the same for S_NUMBER consecutive sifts, or after MAX_SIFTS sifts (reported);
 * - decomposition stops after `maxImf` IMFs or when what is left has fewer than three extrema.
 * Every value of every IMF depends on the whole sample: EMD describes a series, it is not causal.
 */

/** Huang et al. (2003) recommend an S-number between 3 and 5. */
export const S_NUMBER = 4;
/** A sift that has not settled by then is stopped; its IMF is reported as not converged. */
export const MAX_SIFTS = 200;
const MIRRORED_EXTREMA = 2;

export interface Extrema {
	readonly maxima: number[];
	readonly minima: number[];
}

/** Local maxima and minima (indices); a run of equal values counts once, at its middle. */
export function extrema(x: Float64Array): Extrema {
	const maxima: number[] = [];
	const minima: number[] = [];
	const n = x.length;
	// Runs of equal values: start index of each run.
	const starts: number[] = [];
	for (let i = 0; i < n; i++) if (i === 0 || x[i] !== x[i - 1]) starts.push(i);
	for (let r = 1; r + 1 < starts.length; r++) {
		const v = x[starts[r]];
		const before = x[starts[r] - 1];
		const after = x[starts[r + 1]];
		const mid = Math.floor((starts[r] + starts[r + 1] - 1) / 2);
		if (v > before && v > after) maxima.push(mid);
		else if (v < before && v < after) minima.push(mid);
	}
	return { maxima, minima };
}

/** Sign changes between consecutive non-zero values. */
export function zeroCrossings(x: Float64Array): number {
	let count = 0;
	let last = 0;
	for (const v of x) {
		if (v === 0) continue;
		const s = v > 0 ? 1 : -1;
		if (last !== 0 && s !== last) count++;
		last = s;
	}
	return count;
}

/** Natural cubic spline through (xs, ys) (xs increasing), evaluated at 0 … n − 1. */
export function naturalSpline(xs: readonly number[], ys: readonly number[], n: number): Float64Array {
	const k = xs.length;
	const out = new Float64Array(n);
	if (k === 1) return out.fill(ys[0]);
	// Second derivatives M with M0 = M(k−1) = 0: tridiagonal system (Thomas algorithm).
	const m = new Float64Array(k);
	if (k > 2) {
		const a = new Float64Array(k);
		const b = new Float64Array(k);
		const c = new Float64Array(k);
		const d = new Float64Array(k);
		for (let i = 1; i < k - 1; i++) {
			const h0 = xs[i] - xs[i - 1];
			const h1 = xs[i + 1] - xs[i];
			a[i] = h0;
			b[i] = 2 * (h0 + h1);
			c[i] = h1;
			d[i] = 6 * ((ys[i + 1] - ys[i]) / h1 - (ys[i] - ys[i - 1]) / h0);
		}
		for (let i = 2; i < k - 1; i++) {
			const f = a[i] / b[i - 1];
			b[i] -= f * c[i - 1];
			d[i] -= f * d[i - 1];
		}
		for (let i = k - 2; i >= 1; i--) m[i] = (d[i] - (i + 1 < k - 1 ? c[i] * m[i + 1] : 0)) / b[i];
	}
	let seg = 0;
	for (let t = 0; t < n; t++) {
		while (seg < k - 2 && t > xs[seg + 1]) seg++;
		const x0 = xs[seg];
		const x1 = xs[seg + 1];
		const h = x1 - x0;
		const A = (x1 - t) / h;
		const B = (t - x0) / h;
		out[t] =
			A * ys[seg] +
			B * ys[seg + 1] +
			((A * A * A - A) * m[seg] + (B * B * B - B) * m[seg + 1]) * ((h * h) / 6);
	}
	return out;
}

/** The envelope through the given extrema, with the nearest ones mirrored about each end sample. */
function envelope(x: Float64Array, idx: readonly number[]): Float64Array {
	const n = x.length;
	const left = idx
		.slice(0, MIRRORED_EXTREMA)
		.filter((p) => p > 0)
		.map((p) => -p)
		.reverse();
	const right = idx
		.slice(-MIRRORED_EXTREMA)
		.filter((p) => p < n - 1)
		.map((p) => 2 * (n - 1) - p)
		.reverse();
	const xs = [...left, ...idx, ...right];
	const ys = xs.map((p) => x[p < 0 ? -p : p > n - 1 ? 2 * (n - 1) - p : p]);
	return naturalSpline(xs, ys, n);
}

export interface SiftResult {
	readonly imf: Float64Array;
	readonly sifts: number;
	readonly converged: boolean;
}

/** Sifts one IMF out of x (x itself is not changed). */
export function sift(x: Float64Array): SiftResult {
	let h = x.slice();
	let settled = 0;
	let lastCounts = '';
	for (let s = 1; s <= MAX_SIFTS; s++) {
		const { maxima, minima } = extrema(h);
		if (maxima.length + minima.length < 3 || maxima.length === 0 || minima.length === 0)
			return { imf: h, sifts: s - 1, converged: false };
		const upper = envelope(h, maxima);
		const lower = envelope(h, minima);
		const next = new Float64Array(h.length);
		for (let i = 0; i < h.length; i++) next[i] = h[i] - (upper[i] + lower[i]) / 2;
		h = next;
		const e = extrema(h);
		const nExt = e.maxima.length + e.minima.length;
		const nZc = zeroCrossings(h);
		const counts = `${nExt}/${nZc}`;
		if (Math.abs(nExt - nZc) <= 1) settled = counts === lastCounts ? settled + 1 : 1;
		else settled = 0;
		lastCounts = counts;
		if (settled >= S_NUMBER) return { imf: h, sifts: s, converged: true };
	}
	return { imf: h, sifts: MAX_SIFTS, converged: false };
}

export interface EmdResult {
	readonly imfs: Float64Array[];
	readonly residue: Float64Array;
	readonly sifts: number[];
	readonly converged: boolean[];
}

/** EMD of a finite series into at most maxImf IMFs and a residue: Σ IMFs + residue = x (to rounding). */
export function emd(x: Float64Array, maxImf: number): EmdResult {
	if (!Number.isInteger(maxImf) || maxImf < 1)
		throw new RangeError(`maxImf must be a whole number ≥ 1, got ${maxImf}`);
	for (let i = 0; i < x.length; i++)
		if (!Number.isFinite(x[i])) throw new RangeError(`values[${i}] is ${x[i]}: EMD needs finite values`);
	const imfs: Float64Array[] = [];
	const sifts: number[] = [];
	const converged: boolean[] = [];
	let r = x.slice();
	while (imfs.length < maxImf) {
		const { maxima, minima } = extrema(r);
		if (maxima.length + minima.length < 3 || maxima.length === 0 || minima.length === 0) break;
		const s = sift(r);
		imfs.push(s.imf);
		sifts.push(s.sifts);
		converged.push(s.converged);
		const next = new Float64Array(r.length);
		for (let i = 0; i < r.length; i++) next[i] = r[i] - s.imf[i];
		r = next;
	}
	return { imfs, residue: r, sifts, converged };
}
