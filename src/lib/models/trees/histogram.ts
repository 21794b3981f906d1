/**
 * Gradient histograms and the split search over them. A histogram holds, per feature and bin, the gradient sum
 * and the row count interleaved ([g, n, g, n, …]), with a fixed stride of (missingBin + 1) bins per feature.
 * For squared error the hessian of every row is 1, so the row count doubles as the hessian sum.
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

/** Zeroes `hist` and accumulates rows[start..end) into it. */
export function buildHistogram(
	hist: Float64Array,
	layout: HistogramLayout,
	codes: Uint8Array,
	grad: Float64Array,
	rows: Int32Array,
	start: number,
	end: number
): void {
	hist.fill(0);
	const p = layout.features;
	const stride2 = layout.stride * 2;
	for (let i = start; i < end; i++) {
		const r = rows[i];
		const g = grad[r];
		const base = r * p;
		for (let f = 0, off = 0; f < p; f++, off += stride2) {
			const k = off + (codes[base + f] << 1);
			hist[k] += g;
			hist[k + 1] += 1;
		}
	}
}

/** parent ← parent − child, over the bins in use only. */
export function subtractHistogram(parent: Float64Array, child: Float64Array, layout: HistogramLayout): void {
	const stride2 = layout.stride * 2;
	const missing2 = layout.missingBin * 2;
	for (let f = 0, off = 0; f < layout.features; f++, off += stride2) {
		const end = off + layout.nBins[f] * 2;
		for (let k = off; k < end; k++) parent[k] -= child[k];
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
	countLeft: number;
}

export function emptySplit(): SplitCandidate {
	return { gain: 0, feature: -1, bin: -1, missingLeft: false, gradLeft: 0, countLeft: 0 };
}

/**
 * Finds the split with the largest gain G_L²/(n_L+λ) + G_R²/(n_R+λ) − G²/(n+λ) among those leaving at least
 * minLeaf rows on each side, scanning bins left to right with missing rows sent right and then, when the node
 * has missing rows, with them sent left (scikit-learn's order; the first best wins ties). Writes into `best` and
 * returns true when a split with positive gain exists. When the node has no missing rows for the chosen
 * feature, missing values at predict time follow the larger child.
 */
export function findBestSplit(
	hist: Float64Array,
	layout: HistogramLayout,
	count: number,
	gradSum: number,
	minLeaf: number,
	lambda: number,
	best: SplitCandidate
): boolean {
	const parentTerm = (gradSum * gradSum) / (count + lambda);
	const stride2 = layout.stride * 2;
	const missing2 = layout.missingBin * 2;
	let bestGain = 0;
	best.feature = -1;
	for (let f = 0, off = 0; f < layout.features; f++, off += stride2) {
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
			const nr = count - nl;
			if (nr < minLeaf) break;
			const gr = gradSum - gl;
			const gain = (gl * gl) / (nl + lambda) + (gr * gr) / (nr + lambda) - parentTerm;
			if (gain > bestGain) {
				bestGain = gain;
				best.feature = f;
				best.bin = b;
				best.missingLeft = missN > 0 ? false : nl >= nr;
				best.gradLeft = gl;
				best.countLeft = nl;
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
			const nr = count - nl;
			if (nr < minLeaf) break;
			const gr = gradSum - gl;
			const gain = (gl * gl) / (nl + lambda) + (gr * gr) / (nr + lambda) - parentTerm;
			if (gain > bestGain) {
				bestGain = gain;
				best.feature = f;
				best.bin = b;
				best.missingLeft = true;
				best.gradLeft = gl;
				best.countLeft = nl;
			}
		}
	}
	best.gain = bestGain;
	return best.feature >= 0;
}
