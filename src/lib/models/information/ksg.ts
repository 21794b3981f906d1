/**
 * Mutual information of two continuous variables by the Kraskov–Stögbauer–Grassberger estimator (Phys. Rev. E 69,
 * 066138, 2004, algorithm 1, eq. 8), in nats, as scikit-learn 1.2.1 computes it for mutual_info_regression
 * (sklearn/feature_selection/_mutual_info.py, _compute_mi_cc):
 *   I = ψ(N) + ψ(k) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩,
 * where ε_i is the max-norm distance from point i to its k-th nearest neighbour in the joint (x, y) space and
 * n_x, n_y count the other points strictly closer than ε_i in x alone and in y alone; negative estimates are
 * reported as 0, as scikit-learn does.
 *
 * The neighbour search is written here for two dimensions: points sorted by x are scanned outward from each
 * point and the scan stops once the x gap alone reaches the current k-th distance, so the result is exactly brute
 * force's. (neighbors/kd-tree.ts searches in Euclidean distance; KSG needs the max norm.)
 */

/** ψ(m) for integers 1 .. max: ψ(1) = −γ, ψ(m + 1) = ψ(m) + 1/m. */
export function digammaTable(max: number): Float64Array {
	const EULER_GAMMA = 0.5772156649015329;
	const out = new Float64Array(max + 1).fill(Number.NaN);
	if (max >= 1) out[1] = -EULER_GAMMA;
	for (let m = 1; m < max; m++) out[m + 1] = out[m] + 1 / m;
	return out;
}

/** Indices 0 .. n − 1 sorted by value (ties by index). */
function argsort(v: Float64Array): Int32Array {
	const idx = Int32Array.from(v, (_, i) => i);
	return idx.sort((a, b) => v[a] - v[b] || a - b);
}

/** Number of sorted values strictly below `bound`. */
function countBelow(sorted: Float64Array, bound: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] < bound) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Number of sorted values at or below `bound`. */
function countAtOrBelow(sorted: Float64Array, bound: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] <= bound) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Number of sorted values v with |v − c| < r, decided on the difference itself as brute force (and scikit-learn's
 * KDTree) decides it: the bisection on c ± r can be off by one where rounding of c ± r moves a boundary value.
 */
export function countWithin(sorted: Float64Array, c: number, r: number): number {
	const n = sorted.length;
	let lo = countAtOrBelow(sorted, c - r);
	while (lo > 0 && c - sorted[lo - 1] < r) lo--;
	while (lo < n && c - sorted[lo] >= r) lo++;
	let hi = countBelow(sorted, c + r);
	while (hi < n && sorted[hi] - c < r) hi++;
	while (hi > lo && sorted[hi - 1] - c >= r) hi--;
	return hi - lo;
}

/** Max-norm distance from each point to its k-th nearest other point in the (x, y) plane. */
export function kthNeighbourDistances(x: Float64Array, y: Float64Array, k: number): Float64Array {
	const n = x.length;
	const order = argsort(x);
	const eps = new Float64Array(n);
	// The k smallest distances so far, kept sorted ascending (k ≤ 10 here, so insertion is cheap).
	const best = new Float64Array(k);
	for (let r = 0; r < n; r++) {
		const i = order[r];
		let size = 0;
		const offer = (d: number) => {
			if (size === k && d >= best[k - 1]) return;
			let p = size < k ? size++ : k - 1;
			while (p > 0 && best[p - 1] > d) {
				best[p] = best[p - 1];
				p--;
			}
			best[p] = d;
		};
		let lo = r - 1;
		let hi = r + 1;
		while (lo >= 0 || hi < n) {
			const gapLo = lo >= 0 ? x[i] - x[order[lo]] : Infinity;
			const gapHi = hi < n ? x[order[hi]] - x[i] : Infinity;
			const gap = Math.min(gapLo, gapHi);
			if (size === k && gap >= best[k - 1]) break;
			const j = gapLo <= gapHi ? order[lo--] : order[hi++];
			offer(Math.max(Math.abs(x[j] - x[i]), Math.abs(y[j] - y[i])));
		}
		eps[i] = best[k - 1];
	}
	return eps;
}

/** KSG algorithm 1 estimate of I(x; y) in nats with k neighbours (n > k points). */
export function ksgMutualInformation(
	x: Float64Array,
	y: Float64Array,
	k: number,
	psi = digammaTable(x.length)
): number {
	const n = x.length;
	const eps = kthNeighbourDistances(x, y, k);
	const xs = Float64Array.from(x).sort();
	const ys = Float64Array.from(y).sort();
	let mean = 0;
	for (let i = 0; i < n; i++) {
		// Points with |x_j − x_i| < ε_i, the point itself excluded.
		const nx = countWithin(xs, x[i], eps[i]) - 1;
		const ny = countWithin(ys, y[i], eps[i]) - 1;
		mean += psi[nx + 1] + psi[ny + 1];
	}
	return Math.max(0, psi[n] + psi[k] - mean / n);
}

/** Divides by the population standard deviation without centring, as sklearn.preprocessing.scale(with_mean=False). */
export function scaleToUnitVariance(v: Float64Array): Float64Array {
	let mean = 0;
	for (const a of v) mean += a;
	mean /= v.length;
	let ss = 0;
	for (const a of v) ss += (a - mean) * (a - mean);
	const sd = Math.sqrt(ss / v.length);
	return sd > 0 ? v.map((a) => a / sd) : Float64Array.from(v);
}

/** Plug-in Shannon entropy in bits of the values in `bins` equal-width bins spanning their range. */
export function binnedEntropy(
	v: Float64Array,
	bins: number
): { bits: number; counts: Int32Array; lo: number; width: number } {
	let lo = Infinity;
	let hi = -Infinity;
	for (const a of v) {
		if (a < lo) lo = a;
		if (a > hi) hi = a;
	}
	const width = (hi - lo) / bins;
	const counts = new Int32Array(bins);
	for (const a of v) counts[width > 0 ? Math.min(bins - 1, Math.floor((a - lo) / width)) : 0]++;
	let bits = 0;
	for (const c of counts) if (c > 0) bits -= (c / v.length) * Math.log2(c / v.length);
	return { bits, counts, lo, width };
}
