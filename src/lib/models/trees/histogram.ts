/**
 * Gradient histograms and the split search over them. A histogram holds, per feature and bin, the gradient sum
 * and the hessian sum interleaved ([g, h, g, h, …]), with a fixed stride of (missingBin + 1) bins per feature.
 * For squared error every row's hessian is 1, so the hessian sum is the row count; a row weight (GOSS) scales
 * both. Rows are counted by the hessian channel, so with weights `min_samples_leaf` bounds the weighted count.
 *
 * Codes are feature-major (column f is codes[f·n … (f+1)·n)), and a histogram is built one feature at a time
 * (four per pass) over the node's gathered gradients, as scikit-learn does: each pass reads one 1-byte column
 * and writes one feature's 4 KB histogram, so the working set stays in cache however many rows there are. A
 * row-major walk touches a 13-byte row per visit, which at 64k rows no longer fits in L2 and made the old
 * depth-wise core's cost grow ~10× for 16× rows where scikit-learn's grows ~3–5×.
 */

export interface HistogramLayout {
	readonly features: number;
	/** Bins per feature including the missing bin (= missingBin + 1). */
	readonly stride: number;
	readonly missingBin: number;
	/** Value bins per feature. */
	readonly nBins: Int32Array;
}

export function histogramLength(layout: HistogramLayout): number {
	return layout.features * layout.stride * 2;
}

/**
 * Zeroes the histograms of `features` and accumulates rows[start..end) into them. `ordered[i − start]` is the
 * gradient of rows[i] and `orderedHess` its hessian, or null when every hessian is 1. `codes` is feature-major
 * with `n` rows per column.
 */
export function buildHistogram(
	hist: Float64Array,
	layout: HistogramLayout,
	codes: Uint8Array,
	n: number,
	ordered: Float32Array,
	orderedHess: Float32Array | null,
	rows: Int32Array,
	start: number,
	end: number,
	features: Int32Array
): void {
	const stride2 = layout.stride * 2;
	const m = end - start;
	const nf = features.length;
	let j = 0;
	for (; j + 4 <= nf; j += 4) {
		const f0 = features[j];
		const f1 = features[j + 1];
		const f2 = features[j + 2];
		const f3 = features[j + 3];
		const o0 = f0 * stride2;
		const o1 = f1 * stride2;
		const o2 = f2 * stride2;
		const o3 = f3 * stride2;
		hist.fill(0, o0, o0 + stride2);
		hist.fill(0, o1, o1 + stride2);
		hist.fill(0, o2, o2 + stride2);
		hist.fill(0, o3, o3 + stride2);
		const c0 = f0 * n;
		const c1 = f1 * n;
		const c2 = f2 * n;
		const c3 = f3 * n;
		if (orderedHess === null) {
			for (let i = 0; i < m; i++) {
				const r = rows[start + i];
				const g = ordered[i];
				const k0 = o0 + (codes[c0 + r] << 1);
				const k1 = o1 + (codes[c1 + r] << 1);
				const k2 = o2 + (codes[c2 + r] << 1);
				const k3 = o3 + (codes[c3 + r] << 1);
				hist[k0] += g;
				hist[k0 + 1] += 1;
				hist[k1] += g;
				hist[k1 + 1] += 1;
				hist[k2] += g;
				hist[k2 + 1] += 1;
				hist[k3] += g;
				hist[k3 + 1] += 1;
			}
		} else {
			for (let i = 0; i < m; i++) {
				const r = rows[start + i];
				const g = ordered[i];
				const h = orderedHess[i];
				const k0 = o0 + (codes[c0 + r] << 1);
				const k1 = o1 + (codes[c1 + r] << 1);
				const k2 = o2 + (codes[c2 + r] << 1);
				const k3 = o3 + (codes[c3 + r] << 1);
				hist[k0] += g;
				hist[k0 + 1] += h;
				hist[k1] += g;
				hist[k1 + 1] += h;
				hist[k2] += g;
				hist[k2 + 1] += h;
				hist[k3] += g;
				hist[k3 + 1] += h;
			}
		}
	}
	for (; j < nf; j++) {
		const f = features[j];
		const o = f * stride2;
		hist.fill(0, o, o + stride2);
		const c = f * n;
		if (orderedHess === null) {
			for (let i = 0; i < m; i++) {
				const k = o + (codes[c + rows[start + i]] << 1);
				hist[k] += ordered[i];
				hist[k + 1] += 1;
			}
		} else {
			for (let i = 0; i < m; i++) {
				const k = o + (codes[c + rows[start + i]] << 1);
				hist[k] += ordered[i];
				hist[k + 1] += orderedHess[i];
			}
		}
	}
}

/** Row counts per feature and bin of every row 0..n−1 ([0, n, 0, n, …]): the root's hessian channel. */
export function countHistogram(layout: HistogramLayout, codes: Uint8Array, n: number): Float64Array {
	const counts = new Float64Array(histogramLength(layout));
	const stride2 = layout.stride * 2;
	for (let f = 0; f < layout.features; f++) {
		const o = f * stride2 + 1;
		const c = f * n;
		for (let i = 0; i < n; i++) counts[o + (codes[c + i] << 1)] += 1;
	}
	return counts;
}

/**
 * Root histogram over every row 0..n−1 in order, unit hessians: the counts never change from tree to tree, so
 * they are copied from `counts` ({@link countHistogram}) and only the gradients are accumulated, four features per
 * pass with no index gather. Same sums, in the same order, as {@link buildHistogram} over rows = 0..n−1.
 */
export function buildRootHistogram(
	hist: Float64Array,
	layout: HistogramLayout,
	codes: Uint8Array,
	n: number,
	grad: Float32Array,
	features: Int32Array,
	counts: Float64Array
): void {
	const stride2 = layout.stride * 2;
	const nf = features.length;
	for (let j = 0; j < nf; j++) {
		const o = features[j] * stride2;
		hist.set(counts.subarray(o, o + stride2), o);
	}
	let j = 0;
	for (; j + 4 <= nf; j += 4) {
		const f0 = features[j];
		const f1 = features[j + 1];
		const f2 = features[j + 2];
		const f3 = features[j + 3];
		const o0 = f0 * stride2;
		const o1 = f1 * stride2;
		const o2 = f2 * stride2;
		const o3 = f3 * stride2;
		const c0 = f0 * n;
		const c1 = f1 * n;
		const c2 = f2 * n;
		const c3 = f3 * n;
		for (let i = 0; i < n; i++) {
			const g = grad[i];
			hist[o0 + (codes[c0 + i] << 1)] += g;
			hist[o1 + (codes[c1 + i] << 1)] += g;
			hist[o2 + (codes[c2 + i] << 1)] += g;
			hist[o3 + (codes[c3 + i] << 1)] += g;
		}
	}
	for (; j < nf; j++) {
		const o = features[j] * stride2;
		const c = features[j] * n;
		for (let i = 0; i < n; i++) hist[o + (codes[c + i] << 1)] += grad[i];
	}
}

/** parent ← parent − child, over the given features' bins in use only. */
export function subtractHistogram(
	parent: Float64Array,
	child: Float64Array,
	layout: HistogramLayout,
	features: Int32Array
): void {
	const stride2 = layout.stride * 2;
	const missing2 = layout.missingBin * 2;
	for (let j = 0; j < features.length; j++) {
		const f = features[j];
		const off = f * stride2;
		const end = off + layout.nBins[f] * 2;
		for (let k = off; k < end; k += 2) {
			parent[k] -= child[k];
			parent[k + 1] -= child[k + 1];
		}
		parent[off + missing2] -= child[off + missing2];
		parent[off + missing2 + 1] -= child[off + missing2 + 1];
	}
}

/** The best split of one node; a mutable record reused across nodes so the search allocates nothing. */
export interface SplitCandidate {
	gain: number;
	feature: number;
	/** Rows with code ≤ bin go left (missing rows follow missingLeft). */
	bin: number;
	missingLeft: boolean;
	gradLeft: number;
	/** Hessian sum of the left child (its row count when hessians are 1). */
	hessLeft: number;
}

export function emptySplit(): SplitCandidate {
	return { gain: 0, feature: -1, bin: -1, missingLeft: false, gradLeft: 0, hessLeft: 0 };
}

/**
 * Finds the split with the largest gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) among those leaving at least
 * minLeaf (hessian-weighted) rows on each side, scanning bins left to right with missing rows sent right and
 * then, when the node has missing rows, with them sent left (scikit-learn's order; the first best wins ties, and
 * features are visited in index order). Writes into `best` and returns true when a split with positive gain
 * exists. When the node has no missing rows for the chosen feature, missing values at predict time follow the
 * larger child.
 */
/** Relative slack of the division-free screen (rounding of its products is ~1e-16 relative). */
const SCREEN_MARGIN = 1 - 1e-12;

export function findBestSplit(
	hist: Float64Array,
	layout: HistogramLayout,
	hessSum: number,
	gradSum: number,
	minLeaf: number,
	lambda: number,
	features: Int32Array,
	best: SplitCandidate
): boolean {
	const parentTerm = (gradSum * gradSum) / (hessSum + lambda);
	const stride2 = layout.stride * 2;
	const missing2 = layout.missingBin * 2;
	let bestGain = 0;
	best.feature = -1;
	for (let j = 0; j < features.length; j++) {
		const f = features[j];
		const off = f * stride2;
		const nb = layout.nBins[f];
		const missG = hist[off + missing2];
		const missN = hist[off + missing2 + 1];
		// Missing sent right: every bin boundary, plus "all values left, missing right" when there are missing rows.
		const lastBin = missN > 0 ? nb - 1 : nb - 2;
		let gl = 0;
		let nl = 0;
		for (let b = 0; b <= lastBin; b++) {
			const nBin = hist[off + 2 * b + 1];
			if (nBin === 0) continue; // same partition as the previous boundary, which won the tie
			gl += hist[off + 2 * b];
			nl += nBin;
			if (nl < minLeaf) continue;
			const nr = hessSum - nl;
			if (nr < minLeaf) break;
			const gr = gradSum - gl;
			// Division-free screen: gain > best ⟺ gl²·c + gr²·a > (best + parent)·a·c with a, c > 0; the margin
			// keeps every candidate the exact test below would accept, and the exact formula decides.
			const a = nl + lambda;
			const c = nr + lambda;
			if (gl * gl * c + gr * gr * a <= (bestGain + parentTerm) * a * c * SCREEN_MARGIN) continue;
			const gain = (gl * gl) / a + (gr * gr) / c - parentTerm;
			if (gain > bestGain) {
				bestGain = gain;
				best.feature = f;
				best.bin = b;
				best.missingLeft = missN > 0 ? false : nl >= nr;
				best.gradLeft = gl;
				best.hessLeft = nl;
			}
		}
		if (missN === 0) continue;
		gl = missG;
		nl = missN;
		for (let b = 0; b < nb - 1; b++) {
			const nBin = hist[off + 2 * b + 1];
			if (nBin === 0) continue;
			gl += hist[off + 2 * b];
			nl += nBin;
			if (nl < minLeaf) continue;
			const nr = hessSum - nl;
			if (nr < minLeaf) break;
			const gr = gradSum - gl;
			// Division-free screen: gain > best ⟺ gl²·c + gr²·a > (best + parent)·a·c with a, c > 0; the margin
			// keeps every candidate the exact test below would accept, and the exact formula decides.
			const a = nl + lambda;
			const c = nr + lambda;
			if (gl * gl * c + gr * gr * a <= (bestGain + parentTerm) * a * c * SCREEN_MARGIN) continue;
			const gain = (gl * gl) / a + (gr * gr) / c - parentTerm;
			if (gain > bestGain) {
				bestGain = gain;
				best.feature = f;
				best.bin = b;
				best.missingLeft = true;
				best.gradLeft = gl;
				best.hessLeft = nl;
			}
		}
	}
	best.gain = bestGain;
	return best.feature >= 0;
}
