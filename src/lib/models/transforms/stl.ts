/**
 * STL: seasonal–trend decomposition by LOESS (Cleveland, Cleveland, McRae & Terpenning 1990, J. Official
 * Statistics 6(1):3–73), ported from the authors' Fortran (netlib `stl`) as statsmodels 0.13.5 does in
 * `statsmodels.tsa.stl._stl.STL`, with statsmodels' defaults: seasonal window 7, trend window the next odd
 * integer ≥ 1.5·period / (1 − 1.5/seasonal), low-pass window the next odd integer > period, local-linear fits
 * (degree 1) everywhere, jumps of 1, and 5 inner / 0 outer passes (2 inner / 15 outer when robust).
 *
 * The series must be finite and oldest first. Every LOESS fit uses the whole window around a point, past and
 * future alike: STL describes a sample, it never trades on one.
 */

export interface StlOptions {
	readonly period: number;
	/** Seasonal smoother's window (odd, ≥ 3); statsmodels' default 7. */
	readonly seasonal?: number;
	/** Trend smoother's window (odd, > period); statsmodels' default when omitted. */
	readonly trend?: number;
	/** Low-pass filter's window (odd, > period); statsmodels' default when omitted. */
	readonly lowPass?: number;
	/** Robustness weights from bisquare residuals (outer loop), against outliers. */
	readonly robust?: boolean;
	readonly innerIter?: number;
	readonly outerIter?: number;
}

export interface StlResult {
	readonly trend: Float64Array;
	readonly seasonal: Float64Array;
	readonly resid: Float64Array;
	/** Final robustness weights (all 1 unless robust). */
	readonly weights: Float64Array;
	/** The windows used, after defaults. */
	readonly windows: { readonly seasonal: number; readonly trend: number; readonly lowPass: number };
}

const isOddAtLeast3 = (v: number): boolean => Number.isInteger(v) && v >= 3 && v % 2 === 1;

/** statsmodels' default trend window for a period and seasonal window. */
export function defaultTrendWindow(period: number, seasonal: number): number {
	const t = Math.ceil((1.5 * period) / (1 - 1.5 / seasonal));
	return t % 2 === 0 ? t + 1 : t;
}

/** statsmodels' default low-pass window: the next odd integer above the period. */
export function defaultLowPassWindow(period: number): number {
	const l = period + 1;
	return l % 2 === 0 ? l + 1 : l;
}

/**
 * One local (degree 0 or 1) tricube-weighted fit at abscissa `xs` (1-based, as the Fortran) from points
 * nleft..nright (1-based, inclusive). Returns NaN when every weight is zero (the Fortran's `ok = false`).
 * `w` is scratch of length ≥ n + 1 (1-based).
 */
function est(
	y: Float64Array,
	yOff: number,
	n: number,
	len: number,
	ideg: number,
	xs: number,
	nleft: number,
	nright: number,
	w: Float64Array,
	rw: Float64Array | null,
	rwOff: number,
	rwStride: number
): number {
	const range = n - 1;
	let h = Math.max(xs - nleft, nright - xs);
	if (len > n) h += Math.floor((len - n) / 2);
	const h9 = 0.999 * h;
	const h1 = 0.001 * h;
	let a = 0;
	for (let j = nleft; j <= nright; j++) {
		w[j] = 0;
		const r = Math.abs(j - xs);
		if (r <= h9) {
			if (r <= h1) w[j] = 1;
			else {
				const q = r / h;
				const u = 1 - q * q * q;
				w[j] = u * u * u;
			}
			if (rw) w[j] *= rw[rwOff + (j - 1) * rwStride];
			a += w[j];
		}
	}
	if (a <= 0) return Number.NaN;
	for (let j = nleft; j <= nright; j++) w[j] /= a;
	if (h > 0 && ideg > 0) {
		a = 0;
		for (let j = nleft; j <= nright; j++) a += w[j] * j;
		let b = xs - a;
		let c = 0;
		for (let j = nleft; j <= nright; j++) c += w[j] * (j - a) * (j - a);
		if (Math.sqrt(c) > 0.001 * range) {
			b /= c;
			for (let j = nleft; j <= nright; j++) w[j] *= b * (j - a) + 1;
		}
	}
	let ys = 0;
	for (let j = nleft; j <= nright; j++) ys += w[j] * y[yOff + (j - 1)];
	return ys;
}

/**
 * LOESS smoothing of y[yOff .. yOff+n) at every point (jump 1), into out[outOff ..). Robustness weights, when
 * given, are read at rw[rwOff + i·rwStride].
 */
function ess(
	y: Float64Array,
	yOff: number,
	n: number,
	len: number,
	ideg: number,
	rw: Float64Array | null,
	rwOff: number,
	rwStride: number,
	out: Float64Array,
	outOff: number,
	w: Float64Array
): void {
	if (n < 2) {
		out[outOff] = y[yOff];
		return;
	}
	const fit = (i: number, nleft: number, nright: number): void => {
		const v = est(y, yOff, n, len, ideg, i, nleft, nright, w, rw, rwOff, rwStride);
		out[outOff + i - 1] = Number.isNaN(v) ? y[yOff + i - 1] : v;
	};
	if (len >= n) {
		for (let i = 1; i <= n; i++) fit(i, 1, n);
		return;
	}
	const nsh = (len + 1) >> 1;
	let nleft = 1;
	let nright = len;
	for (let i = 1; i <= n; i++) {
		if (i > nsh && nright !== n) {
			nleft++;
			nright++;
		}
		fit(i, nleft, nright);
	}
}

/** Moving average of length `len` over x[0..n) into out (n − len + 1 values), by a running sum as the Fortran. */
function movingAverage(x: Float64Array, n: number, len: number, out: Float64Array): void {
	const newn = n - len + 1;
	let v = 0;
	for (let i = 0; i < len; i++) v += x[i];
	out[0] = v / len;
	for (let j = 1, k = len - 1, m = -1; j < newn; j++) {
		k++;
		m++;
		v = v - x[m] + x[k];
		out[j] = v / len;
	}
}

interface Work {
	readonly n: number;
	readonly np: number;
	readonly cycle: Float64Array; // n + 2·np: smoothed cycle-subseries, one period beyond each end
	readonly sub: Float64Array; // one cycle-subseries
	readonly subW: Float64Array; // its robustness weights
	readonly subFit: Float64Array; // its smooth with one value beyond each end
	readonly ma1: Float64Array;
	readonly ma2: Float64Array;
	readonly low: Float64Array;
	readonly detr: Float64Array;
	readonly w: Float64Array; // est scratch, 1-based
}

/** Smooths each cycle-subseries and extends it one period beyond each end (Fortran `ss`). */
function seasonalSmooth(y: Float64Array, wk: Work, ns: number, rw: Float64Array | null): void {
	const { n, np, cycle, sub, subW, subFit, w } = wk;
	for (let j = 1; j <= np; j++) {
		const k = Math.floor((n - j) / np) + 1;
		for (let i = 1; i <= k; i++) sub[i - 1] = y[(i - 1) * np + j - 1];
		if (rw) for (let i = 1; i <= k; i++) subW[i - 1] = rw[(i - 1) * np + j - 1];
		const subRw = rw ? subW : null;
		ess(sub, 0, k, ns, 1, subRw, 0, 1, subFit, 1, w);
		const first = est(sub, 0, k, ns, 1, 0, 1, Math.min(ns, k), w, subRw, 0, 1);
		subFit[0] = Number.isNaN(first) ? subFit[1] : first;
		const last = est(sub, 0, k, ns, 1, k + 1, Math.max(1, k - ns + 1), k, w, subRw, 0, 1);
		subFit[k + 1] = Number.isNaN(last) ? subFit[k] : last;
		for (let m = 1; m <= k + 2; m++) cycle[(m - 1) * np + j - 1] = subFit[m - 1];
	}
}

/** Robustness weights: bisquare of |y − fit| / (6 · median |y − fit|) (Fortran `rwts`). */
function robustnessWeights(y: Float64Array, fit: Float64Array, rw: Float64Array): void {
	const n = y.length;
	const r = new Float64Array(n);
	for (let i = 0; i < n; i++) r[i] = Math.abs(y[i] - fit[i]);
	const sorted = r.slice().sort();
	const m0 = n >> 1;
	const m1 = n - m0 - 1;
	const cmad = 3 * (sorted[m0] + sorted[m1]);
	const c9 = 0.999 * cmad;
	const c1 = 0.001 * cmad;
	for (let i = 0; i < n; i++) {
		const ri = r[i];
		if (ri <= c1) rw[i] = 1;
		else if (ri <= c9) {
			const q = ri / cmad;
			const u = 1 - q * q;
			rw[i] = u * u;
		} else rw[i] = 0;
	}
}

/** STL decomposition y = trend + seasonal + resid. Throws a RangeError naming the bad option. */
export function stl(y: Float64Array, options: StlOptions): StlResult {
	const np = options.period;
	const n = y.length;
	if (!Number.isInteger(np) || np < 2) throw new RangeError(`period must be a whole number ≥ 2, got ${np}`);
	if (n < 2 * np) throw new RangeError(`STL needs at least two full periods (${2 * np} values), got ${n}`);
	for (let i = 0; i < n; i++)
		if (!Number.isFinite(y[i])) throw new RangeError(`values[${i}] is ${y[i]}: STL needs finite values`);
	const ns = options.seasonal ?? 7;
	if (!isOddAtLeast3(ns)) throw new RangeError(`seasonal must be an odd whole number ≥ 3, got ${ns}`);
	const nt = options.trend ?? defaultTrendWindow(np, ns);
	if (!isOddAtLeast3(nt) || nt <= np)
		throw new RangeError(`trend must be an odd whole number > period (${np}), got ${nt}`);
	const nl = options.lowPass ?? defaultLowPassWindow(np);
	if (!isOddAtLeast3(nl) || nl <= np)
		throw new RangeError(`lowPass must be an odd whole number > period (${np}), got ${nl}`);
	const robust = options.robust ?? false;
	const ni = options.innerIter ?? (robust ? 2 : 5);
	const no = options.outerIter ?? (robust ? 15 : 0);

	const maxSub = Math.floor((n - 1) / np) + 1;
	const wk: Work = {
		n,
		np,
		cycle: new Float64Array(n + 2 * np),
		sub: new Float64Array(maxSub),
		subW: new Float64Array(maxSub),
		subFit: new Float64Array(maxSub + 2),
		ma1: new Float64Array(n + 2 * np),
		ma2: new Float64Array(n + 2 * np),
		low: new Float64Array(n),
		detr: new Float64Array(n),
		w: new Float64Array(Math.max(n, nt, nl, ns) + 2)
	};
	const trend = new Float64Array(n);
	const season = new Float64Array(n);
	const rw = new Float64Array(n).fill(1);
	const fit = new Float64Array(n);
	let userw = false;
	for (let k = 0; ;) {
		// Fortran `onestp`: ni inner passes.
		for (let j = 0; j < ni; j++) {
			for (let i = 0; i < n; i++) wk.detr[i] = y[i] - trend[i];
			seasonalSmooth(wk.detr, wk, ns, userw ? rw : null);
			// Low-pass of the extended cycle: MA(np), MA(np), MA(3), then LOESS(nl).
			movingAverage(wk.cycle, n + 2 * np, np, wk.ma1);
			movingAverage(wk.ma1, n + np + 1, np, wk.ma2);
			movingAverage(wk.ma2, n + 2, 3, wk.ma1);
			ess(wk.ma1, 0, n, nl, 1, null, 0, 1, wk.low, 0, wk.w);
			for (let i = 0; i < n; i++) season[i] = wk.cycle[np + i] - wk.low[i];
			for (let i = 0; i < n; i++) wk.detr[i] = y[i] - season[i];
			ess(wk.detr, 0, n, nt, 1, userw ? rw : null, 0, 1, trend, 0, wk.w);
		}
		k++;
		if (k > no) break;
		for (let i = 0; i < n; i++) fit[i] = trend[i] + season[i];
		robustnessWeights(y, fit, rw);
		userw = true;
	}
	if (no <= 0) rw.fill(1);
	const resid = new Float64Array(n);
	for (let i = 0; i < n; i++) resid[i] = y[i] - trend[i] - season[i];
	return { trend, seasonal: season, resid, weights: rw, windows: { seasonal: ns, trend: nt, lowPass: nl } };
}
