/**
 * Hurst exponent estimators on a series of increments (returns), each a straight line through a log–log plot:
 * - rescaled range (Hurst 1951; Mandelbrot & Wallis 1969): the mean R/S over non-overlapping windows of n values
 *   grows like n^H. Raw R/S is biased upward in small windows, so the Anis–Lloyd (1976) expected R/S of i.i.d.
 *   noise, with Peters' (1994) (n − ½)/n factor, is fitted alongside: H_AL = 0.5 + the slope of
 *   ln(R/S) − ln E[R/S] (Weron 2002, Physica A 312, 285, eqs. 3–4);
 * - detrended fluctuation analysis, DFA-1 (Peng et al. 1994): the root-mean-square residual F(n) of a straight
 *   line fitted in each window of the profile (cumulative sum of the demeaned series) grows like n^α; α = H for
 *   noise-like increments, α = H + 1 for their cumulative sum (a random walk's levels give 1.5);
 * - aggregated variance (Beran 1994, §4.4; Taqqu, Teverovsky & Willinger 1995): the variance of block means of
 *   size m falls like m^(2H − 2), so H = 1 + slope / 2.
 * Window sizes are about log-spaced from min_window to a fraction of the length that leaves enough windows.
 */
import { olsLine } from './returns';

export type HurstMethod = 'rs' | 'dfa' | 'aggregated_variance';

/** Number of window sizes tried (before duplicates from rounding are dropped). */
export const WINDOW_SIZES = 20;
/** Largest window as a fraction of n: R/S needs two windows, DFA four, aggregated variance ten blocks. */
export const MAX_WINDOW_FRACTION: Readonly<Record<HurstMethod, number>> = {
	rs: 1 / 2,
	dfa: 1 / 4,
	aggregated_variance: 1 / 10
};

/** About log-spaced integers from lo to hi inclusive (rounded, duplicates dropped). */
export function windowSizes(lo: number, hi: number, count = WINDOW_SIZES): number[] {
	if (hi < lo) return [];
	if (hi === lo) return [lo];
	const out: number[] = [];
	for (let i = 0; i < count; i++) {
		const n = Math.round(Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (count - 1)));
		if (out[out.length - 1] !== n) out.push(n);
	}
	return out;
}

/** Mean R/S over the ⌊N/n⌋ non-overlapping windows of n values from the start; windows with S = 0 are skipped. */
export function rescaledRange(x: ArrayLike<number>, n: number): number {
	const windows = Math.floor(x.length / n);
	let sum = 0;
	let used = 0;
	for (let w = 0; w < windows; w++) {
		const o = w * n;
		let mean = 0;
		for (let i = 0; i < n; i++) mean += x[o + i];
		mean /= n;
		let cum = 0;
		let max = 0;
		let min = 0;
		let ss = 0;
		for (let i = 0; i < n; i++) {
			const d = x[o + i] - mean;
			cum += d;
			if (cum > max) max = cum;
			if (cum < min) min = cum;
			ss += d * d;
		}
		const s = Math.sqrt(ss / n);
		if (s > 0) {
			sum += (max - min) / s;
			used++;
		}
	}
	return used ? sum / used : Number.NaN;
}

/**
 * Anis–Lloyd expected R/S of n i.i.d. normal values with Peters' correction:
 * (n − ½)/n · Γ((n − 1)/2) / (√π Γ(n/2)) · Σ_{i=1}^{n−1} √((n − i)/i). The gamma ratio comes from the exact
 * recurrence r(n + 2) = r(n)(n − 1)/n, so it neither overflows nor needs the large-n approximation.
 */
export function anisLloydExpectedRs(n: number): number {
	if (n < 2) return Number.NaN;
	let ratio = n % 2 === 0 ? Math.sqrt(Math.PI) : 2 / Math.sqrt(Math.PI);
	for (let m = n % 2 === 0 ? 2 : 3; m < n; m += 2) ratio *= (m - 1) / m;
	let sum = 0;
	for (let i = 1; i < n; i++) sum += Math.sqrt((n - i) / i);
	return (((n - 0.5) / n) * ratio * sum) / Math.sqrt(Math.PI);
}

/** DFA-1 fluctuation F(n): RMS residual of a least-squares line in each non-overlapping window of the profile. */
export function dfaFluctuation(profile: ArrayLike<number>, n: number): number {
	const windows = Math.floor(profile.length / n);
	// Centred positions: Σt = 0, so slope = Σ t·y / Σ t² and intercept = mean y.
	const tMid = (n - 1) / 2;
	let stt = 0;
	for (let i = 0; i < n; i++) stt += (i - tMid) * (i - tMid);
	let total = 0;
	for (let w = 0; w < windows; w++) {
		const o = w * n;
		let my = 0;
		let sty = 0;
		for (let i = 0; i < n; i++) {
			my += profile[o + i];
			sty += (i - tMid) * profile[o + i];
		}
		my /= n;
		const b = sty / stt;
		for (let i = 0; i < n; i++) {
			const r = profile[o + i] - my - b * (i - tMid);
			total += r * r;
		}
	}
	return Math.sqrt(total / (windows * n));
}

/** Cumulative sum of the demeaned series (the DFA profile). */
export function profileOf(x: ArrayLike<number>): Float64Array {
	let mean = 0;
	for (let i = 0; i < x.length; i++) mean += x[i];
	mean /= x.length;
	const out = new Float64Array(x.length);
	let cum = 0;
	for (let i = 0; i < x.length; i++) {
		cum += x[i] - mean;
		out[i] = cum;
	}
	return out;
}

/** Sample variance (n − 1) of the means of the ⌊N/m⌋ non-overlapping blocks of m values. */
export function aggregatedVariance(x: ArrayLike<number>, m: number): number {
	const blocks = Math.floor(x.length / m);
	if (blocks < 2) return Number.NaN;
	const means = new Float64Array(blocks);
	let grand = 0;
	for (let b = 0; b < blocks; b++) {
		let s = 0;
		for (let i = 0; i < m; i++) s += x[b * m + i];
		means[b] = s / m;
		grand += means[b];
	}
	grand /= blocks;
	let ss = 0;
	for (const v of means) ss += (v - grand) * (v - grand);
	return ss / (blocks - 1);
}

export interface HurstFit {
	readonly method: HurstMethod;
	readonly sizes: readonly number[];
	/** The statistic per size: mean R/S, F(n) or the variance of block means. */
	readonly statistic: Float64Array;
	/** Least-squares line of ln statistic on ln size. */
	readonly slope: number;
	readonly intercept: number;
	/** The Hurst exponent this method reads from the slope (DFA: α itself). */
	readonly hurst: number;
	/** R/S only: Anis–Lloyd–Peters expected R/S per size and the corrected exponent. */
	readonly expected?: Float64Array;
	readonly hurstAnisLloyd?: number;
}

/** Fits the chosen estimator on window sizes `sizes` (at least two distinct). */
export function fitHurst(x: ArrayLike<number>, method: HurstMethod, sizes: readonly number[]): HurstFit {
	const profile = method === 'dfa' ? profileOf(x) : null;
	const statistic = Float64Array.from(sizes, (n) =>
		method === 'rs'
			? rescaledRange(x, n)
			: method === 'dfa'
				? dfaFluctuation(profile!, n)
				: aggregatedVariance(x, n)
	);
	const logN = sizes.map(Math.log);
	const { slope, intercept } = olsLine(logN, Array.from(statistic, Math.log));
	if (method === 'rs') {
		const expected = Float64Array.from(sizes, anisLloydExpectedRs);
		const excess = Array.from(statistic, (v, i) => Math.log(v) - Math.log(expected[i]));
		const corrected = olsLine(logN, excess);
		return {
			method,
			sizes,
			statistic,
			slope,
			intercept,
			hurst: slope,
			expected,
			hurstAnisLloyd: 0.5 + corrected.slope
		};
	}
	const hurst = method === 'dfa' ? slope : 1 + slope / 2;
	return { method, sizes, statistic, slope, intercept, hurst };
}
