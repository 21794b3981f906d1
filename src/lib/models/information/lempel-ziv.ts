/**
 * Lempel–Ziv (1976) complexity: the number of phrases in the exhaustive history of a sequence, each phrase the
 * shortest piece not reproducible by copying from what came before. Counted with the algorithm of Kaspar and
 * Schuster (1987, Phys. Rev. A 36, 842, appendix), which runs in O(n²) at worst and close to O(n log n) on
 * irregular sequences. Normalised by n / log2 n, the value a random equiprobable binary sequence approaches
 * (Lempel & Ziv 1976): about 1 for noise, near 0 for a periodic sequence.
 */

/** Number of LZ76 phrases of a sequence of symbols (any integers); the last, possibly incomplete, phrase counts. */
export function lz76Phrases(s: ArrayLike<number>): number {
	const n = s.length;
	if (n === 0) return 0;
	if (n === 1) return 1;
	let i = 0;
	let k = 1;
	let l = 1;
	let kMax = 1;
	let c = 1;
	for (;;) {
		if (s[i + k - 1] === s[l + k - 1]) {
			k++;
			if (l + k > n) {
				c++;
				break;
			}
		} else {
			if (k > kMax) kMax = k;
			i++;
			if (i === l) {
				c++;
				l += kMax;
				if (l + 1 > n) break;
				i = 0;
				k = 1;
				kMax = 1;
			} else k = 1;
		}
	}
	return c;
}

/** c(n) · log2(n) / n: the phrase count relative to a random binary sequence of the same length. */
export function normalisedLz(phrases: number, n: number): number {
	return n > 1 ? (phrases * Math.log2(n)) / n : Number.NaN;
}

export type Split = 'sign' | 'median';

/** 1 for an up move, 0 otherwise: above zero ('sign'; a flat move is 0) or above the median ('median'). */
export function binarise(values: Float64Array, split: Split): Uint8Array {
	let threshold = 0;
	if (split === 'median') {
		const sorted = Float64Array.from(values).sort();
		const m = sorted.length >> 1;
		threshold = sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
	}
	return Uint8Array.from(values, (v) => (v > threshold ? 1 : 0));
}
