/**
 * The structure search of one oblivious (symmetric) tree on binned features, for trees/oblivious-gbm.ts. Every node
 * of a depth uses the same split "code ≤ b", so a tree of depth d is d (feature, bin) pairs and a row's leaf is the
 * d-bit number of its answers (the first split is the most significant bit).
 *
 * Each level picks the (feature, bin) maximising Σ over the level's leaves of S_L²/(n_L + λ) + S_R²/(n_R + λ), where
 * S is the sum of the gradients (residuals) on a side and n its row count: with leaf values S/(n + λ) that is the
 * split minimising the L2-penalised squared error Σ(r − v)² + λΣv² of the level's children (CatBoost's L2 score
 * function; CatBoost's own default is Cosine). Ties go to the first (feature, bin) in column then bin order.
 *
 * Two ways to score a level, chosen by cost: histograms (per leaf, feature and bin: gradient sum and count, built in
 * one pass over the rows, then cumulated over bins) while leaves × bins is small against the rows; on wider levels
 * a sweep over each feature's rows grouped by bin that updates only the leaves a bin touches (two divisions per row
 * instead of two per leaf and bin). With the defaults on ~1,500 rows, levels 1–4 use histograms and 5–6 the sweep.
 * The histogram path computes exactly what bench/oblivious_ref.py computes, in the same order; the sweep adds the
 * same terms in another order, so its scores can differ in the last bits (on the fixture the chosen splits, and
 * hence the predictions, are still identical to the bit).
 */

/** Code values are Uint8 (binning.ts), so at most 256 distinct codes per feature. */
const CODE_SPACE = 256;
/**
 * Histograms are used while leaves × CODE_SPACE ≤ this many times the rows: past it the sweep's two divisions per
 * row cost less than the histogram's two per cell (measured: ~20 % faster defaults on 1,260 rows than with 16).
 */
const HISTOGRAM_MAX_CELLS_PER_ROW = 2;

export interface LevelSplits {
	/** Levels grown (fewer than asked when no feature has two bins). */
	readonly depth: number;
	readonly feature: Int32Array;
	/** Rows with code ≤ bin answer 0 at this level, the others 1. */
	readonly bin: Int32Array;
	/** Score gained by each level's split over not splitting (≥ 0 up to rounding). */
	readonly gain: Float64Array;
}

export class ObliviousGrower {
	/** Per row: compact index of its leaf among the non-empty leaves, ascending in leaf number. */
	readonly leaf: Int32Array;
	/** Per compact leaf: its leaf number (the d answer bits). */
	fullOf: Int32Array;
	/** Non-empty leaves after the last grow. */
	leaves = 1;
	private readonly rowsByBin: Int32Array;
	private readonly binStart: Int32Array;
	/** Histogram buffers (gradient sums and counts per leaf, feature and bin), grown as levels widen. */
	private sum = new Float64Array(0);
	private cnt = new Float64Array(0);
	private readonly score: Float64Array;

	/**
	 * @param codes column-major codes: codes[f·n + i] is row i's bin of feature f.
	 * @param nBins bins per feature (codes are below it).
	 */
	constructor(
		private readonly codes: Uint8Array,
		private readonly n: number,
		private readonly p: number,
		private readonly nBins: Int32Array,
		private readonly lambda: number,
		private readonly maxDepth: number
	) {
		this.leaf = new Int32Array(n);
		this.fullOf = new Int32Array(1);
		this.score = new Float64Array(p * CODE_SPACE);
		// Rows of each feature grouped by bin, in row order within a bin (a counting sort), for the sweep path.
		this.rowsByBin = new Int32Array(n * p);
		this.binStart = new Int32Array(p * (CODE_SPACE + 1));
		for (let f = 0; f < p; f++) {
			const starts = this.binStart.subarray(f * (CODE_SPACE + 1), (f + 1) * (CODE_SPACE + 1));
			for (let i = 0; i < n; i++) starts[codes[f * n + i] + 1]++;
			for (let b = 0; b < CODE_SPACE; b++) starts[b + 1] += starts[b];
			const fill = starts.slice(0, CODE_SPACE);
			for (let i = 0; i < n; i++) this.rowsByBin[f * n + fill[codes[f * n + i]]++] = i;
		}
	}

	/** Chooses the splits level by level on gradients g; afterwards `leaf`, `fullOf` and `leaves` describe the rows. */
	grow(g: Float64Array): LevelSplits {
		const { n, codes, leaf } = this;
		const feature = new Int32Array(this.maxDepth);
		const bin = new Int32Array(this.maxDepth);
		const gain = new Float64Array(this.maxDepth);
		leaf.fill(0);
		let fullOf = Int32Array.of(0);
		let leaves = 1;
		let depth = 0;
		for (; depth < this.maxDepth; depth++) {
			const best =
				leaves * CODE_SPACE <= HISTOGRAM_MAX_CELLS_PER_ROW * n
					? this.scoreByHistogram(g, leaves)
					: this.scoreBySweep(g, leaves);
			if (best.feature < 0) break;
			feature[depth] = best.feature;
			bin[depth] = best.bin;
			gain[depth] = best.gain;
			// Children: compact id 2c + answer keeps leaf-number order; then drop the empty ones.
			const count = new Int32Array(2 * leaves);
			const base = best.feature * n;
			for (let i = 0; i < n; i++) {
				const child = 2 * leaf[i] + (codes[base + i] > best.bin ? 1 : 0);
				leaf[i] = child;
				count[child]++;
			}
			const remap = new Int32Array(2 * leaves);
			const nextFull: number[] = [];
			for (let c = 0; c < 2 * leaves; c++) {
				remap[c] = nextFull.length;
				if (count[c] > 0) nextFull.push(2 * fullOf[c >> 1] + (c & 1));
			}
			for (let i = 0; i < n; i++) leaf[i] = remap[leaf[i]];
			fullOf = Int32Array.from(nextFull);
			leaves = fullOf.length;
		}
		this.fullOf = fullOf;
		this.leaves = leaves;
		return { depth, feature: feature.slice(0, depth), bin: bin.slice(0, depth), gain: gain.slice(0, depth) };
	}

	/** Score of a leaf side: S²/(n + λ). */
	private term(s: number, m: number): number {
		return (s * s) / (m + this.lambda);
	}

	private scoreByHistogram(g: Float64Array, leaves: number): { feature: number; bin: number; gain: number } {
		const { n, p, codes, nBins, leaf, lambda } = this;
		const cells = leaves * p * CODE_SPACE;
		if (this.sum.length < cells) {
			this.sum = new Float64Array(cells);
			this.cnt = new Float64Array(cells);
		}
		const { sum, cnt, score } = this;
		sum.fill(0, 0, cells);
		cnt.fill(0, 0, cells);
		for (let f = 0; f < p; f++) {
			const base = f * n;
			for (let i = 0; i < n; i++) {
				const h = (leaf[i] * p + f) * CODE_SPACE + codes[base + i];
				sum[h] += g[i];
				cnt[h] += 1;
			}
		}
		// Cumulate over bins in place: sum[(l, f, b)] becomes S_L of the split "code ≤ b" (bins past nBins are
		// empty, so the last real bin already holds the leaf's total).
		for (let l = 0; l < leaves; l++) {
			for (let f = 0; f < p; f++) {
				const o = (l * p + f) * CODE_SPACE;
				for (let b = 1; b < nBins[f]; b++) {
					sum[o + b] += sum[o + b - 1];
					cnt[o + b] += cnt[o + b - 1];
				}
			}
		}
		score.fill(0);
		let noSplit = 0;
		for (let l = 0; l < leaves; l++) {
			for (let f = 0; f < p; f++) {
				const o = (l * p + f) * CODE_SPACE;
				const last = nBins[f] - 1;
				const s = sum[o + last];
				const m = cnt[o + last];
				if (f === 0) noSplit += this.term(s, m);
				const out = f * CODE_SPACE;
				for (let b = 0; b < last; b++) {
					const sl = sum[o + b];
					const ml = cnt[o + b];
					const sr = s - sl;
					const mr = m - ml;
					score[out + b] += (sl * sl) / (ml + lambda) + (sr * sr) / (mr + lambda);
				}
			}
		}
		let bestF = -1;
		let bestB = -1;
		let bestScore = Number.NEGATIVE_INFINITY;
		for (let f = 0; f < p; f++) {
			for (let b = 0; b < nBins[f] - 1; b++) {
				if (score[f * CODE_SPACE + b] > bestScore) {
					bestScore = score[f * CODE_SPACE + b];
					bestF = f;
					bestB = b;
				}
			}
		}
		return { feature: bestF, bin: bestB, gain: bestScore - noSplit };
	}

	private scoreBySweep(g: Float64Array, leaves: number): { feature: number; bin: number; gain: number } {
		const { n, p, nBins, leaf, rowsByBin, binStart } = this;
		const total = new Float64Array(leaves);
		const size = new Float64Array(leaves);
		for (let i = 0; i < n; i++) {
			total[leaf[i]] += g[i];
			size[leaf[i]]++;
		}
		const base = new Float64Array(leaves);
		let noSplit = 0;
		for (let l = 0; l < leaves; l++) {
			base[l] = this.term(total[l], size[l]);
			noSplit += base[l];
		}
		const sl = new Float64Array(leaves);
		const ml = new Float64Array(leaves);
		const current = new Float64Array(leaves);
		const touched = new Int32Array(leaves);
		const isTouched = new Uint8Array(leaves);
		let bestF = -1;
		let bestB = -1;
		let bestScore = Number.NEGATIVE_INFINITY;
		for (let f = 0; f < p; f++) {
			sl.fill(0);
			ml.fill(0);
			current.set(base);
			let score = noSplit;
			const starts = f * (CODE_SPACE + 1);
			for (let b = 0; b < nBins[f] - 1; b++) {
				let nTouched = 0;
				for (let k = binStart[starts + b]; k < binStart[starts + b + 1]; k++) {
					const row = rowsByBin[f * n + k];
					const l = leaf[row];
					sl[l] += g[row];
					ml[l]++;
					if (!isTouched[l]) {
						isTouched[l] = 1;
						touched[nTouched++] = l;
					}
				}
				for (let t = 0; t < nTouched; t++) {
					const l = touched[t];
					isTouched[l] = 0;
					const next = this.term(sl[l], ml[l]) + this.term(total[l] - sl[l], size[l] - ml[l]);
					score += next - current[l];
					current[l] = next;
				}
				if (score > bestScore) {
					bestScore = score;
					bestF = f;
					bestB = b;
				}
			}
		}
		return { feature: bestF, bin: bestB, gain: bestScore - noSplit };
	}
}
