/**
 * Grows one regression tree on binned data, depth-first to maxDepth (XGBoost-style depth-wise limit, no cap on
 * leaves — with no leaf cap the tree is the same whichever order nodes are expanded in). Each split builds the
 * histogram of the smaller child only and gets the larger one by subtracting it from the parent's, so a level
 * costs at most half the rows. All buffers live on the builder and are reused for every tree of a fit.
 */
import {
	buildHistogram,
	emptySplit,
	findBestSplit,
	histogramLength,
	subtractHistogram,
	type HistogramLayout,
	type SplitCandidate
} from './histogram';
import type { BinMapper } from './binning';

/** A fitted tree as flat arrays; node 0 is the root and feature −1 marks a leaf. */
export interface Tree {
	readonly nodeCount: number;
	readonly feature: Int32Array;
	/** Raw-value threshold: x ≤ threshold goes left. */
	readonly threshold: Float64Array;
	/** Bin threshold: code ≤ bin goes left (training-time equivalent of `threshold`). */
	readonly bin: Int32Array;
	readonly missingLeft: Uint8Array;
	readonly left: Int32Array;
	readonly right: Int32Array;
	/** Leaf output, already multiplied by the learning rate; 0 for internal nodes. */
	readonly value: Float64Array;
	/** Training rows that reached the node. */
	readonly count: Int32Array;
	/** Split gain for internal nodes; 0 for leaves. */
	readonly gain: Float64Array;
}

export interface TreeSettings {
	readonly maxDepth: number;
	readonly minSamplesLeaf: number;
	readonly regLambda: number;
	readonly learningRate: number;
}

export class TreeBuilder {
	private readonly layout: HistogramLayout;
	private readonly pool: Float64Array[] = [];
	private readonly split: SplitCandidate = emptySplit();
	private readonly scratch: Int32Array;
	private readonly capacity: number;
	// The tree being grown.
	private feature: Int32Array;
	private threshold: Float64Array;
	private bin: Int32Array;
	private missingLeft: Uint8Array;
	private left: Int32Array;
	private right: Int32Array;
	private value: Float64Array;
	private count: Int32Array;
	private gain: Float64Array;
	private nodeCount = 0;
	private rows: Int32Array = new Int32Array(0);
	private grad: Float64Array = new Float64Array(0);
	private pred: Float64Array = new Float64Array(0);

	constructor(
		private readonly codes: Uint8Array,
		private readonly mapper: BinMapper,
		nRows: number,
		private readonly settings: TreeSettings
	) {
		this.layout = {
			features: mapper.nBins.length,
			stride: mapper.missingBin + 1,
			missingBin: mapper.missingBin,
			nBins: mapper.nBins
		};
		this.scratch = new Int32Array(nRows);
		// Every leaf holds ≥ minSamplesLeaf rows, so a tree has at most 2·⌊n/minLeaf⌋ − 1 nodes.
		const byDepth = 2 ** Math.min(settings.maxDepth + 1, 30) - 1;
		const byRows = 2 * Math.max(1, Math.floor(nRows / settings.minSamplesLeaf)) - 1;
		this.capacity = Math.min(byDepth, byRows);
		const c = this.capacity;
		this.feature = new Int32Array(c);
		this.threshold = new Float64Array(c);
		this.bin = new Int32Array(c);
		this.missingLeft = new Uint8Array(c);
		this.left = new Int32Array(c);
		this.right = new Int32Array(c);
		this.value = new Float64Array(c);
		this.count = new Int32Array(c);
		this.gain = new Float64Array(c);
	}

	/**
	 * Grows a tree on rows[0..nRows) (reordered in place) with gradients `grad`, and adds each leaf's value to
	 * `pred` for the rows that reached it.
	 */
	grow(rows: Int32Array, nRows: number, grad: Float64Array, pred: Float64Array): Tree {
		this.rows = rows;
		this.grad = grad;
		this.pred = pred;
		this.nodeCount = 0;
		let gradSum = 0;
		for (let i = 0; i < nRows; i++) gradSum += grad[rows[i]];
		let hist: Float64Array | null = null;
		if (this.splittable(nRows, 0)) {
			hist = this.acquire();
			buildHistogram(hist, this.layout, this.codes, grad, rows, 0, nRows);
		}
		this.growNode(0, nRows, 0, gradSum, hist);
		const n = this.nodeCount;
		return {
			nodeCount: n,
			feature: this.feature.slice(0, n),
			threshold: this.threshold.slice(0, n),
			bin: this.bin.slice(0, n),
			missingLeft: this.missingLeft.slice(0, n),
			left: this.left.slice(0, n),
			right: this.right.slice(0, n),
			value: this.value.slice(0, n),
			count: this.count.slice(0, n),
			gain: this.gain.slice(0, n)
		};
	}

	private splittable(n: number, depth: number): boolean {
		return depth < this.settings.maxDepth && n >= 2 * this.settings.minSamplesLeaf;
	}

	private acquire(): Float64Array {
		return this.pool.pop() ?? new Float64Array(histogramLength(this.layout));
	}

	private release(hist: Float64Array | null): void {
		if (hist) this.pool.push(hist);
	}

	/** Grows the subtree over rows[start..end); `hist` is that node's histogram, or null when it cannot split. */
	private growNode(
		start: number,
		end: number,
		depth: number,
		gradSum: number,
		hist: Float64Array | null
	): number {
		const node = this.nodeCount++;
		const n = end - start;
		this.count[node] = n;
		const { minSamplesLeaf, regLambda } = this.settings;
		const s = this.split;
		if (hist === null || !findBestSplit(hist, this.layout, n, gradSum, minSamplesLeaf, regLambda, s)) {
			this.release(hist);
			this.makeLeaf(node, start, end, gradSum);
			return node;
		}
		// Copy the split out of the shared record before recursion overwrites it.
		const f = s.feature;
		const b = s.bin;
		const missLeft = s.missingLeft;
		const nLeft = s.countLeft;
		const gradLeft = s.gradLeft;
		this.feature[node] = f;
		this.bin[node] = b;
		this.missingLeft[node] = missLeft ? 1 : 0;
		this.gain[node] = s.gain;
		this.value[node] = 0;
		const t = this.mapper.thresholds[f];
		// The last value bin only splits off missing values: every real value goes left.
		this.threshold[node] = b < t.length ? t[b] : Number.POSITIVE_INFINITY;
		this.partition(start, end, f, b, missLeft, nLeft);

		const mid = start + nLeft;
		const nRight = n - nLeft;
		const needLeft = this.splittable(nLeft, depth + 1);
		const needRight = this.splittable(nRight, depth + 1);
		let histLeft: Float64Array | null = null;
		let histRight: Float64Array | null = null;
		if (needLeft && needRight) {
			const small = this.acquire();
			if (nLeft <= nRight) {
				buildHistogram(small, this.layout, this.codes, this.grad, this.rows, start, mid);
				histLeft = small;
				histRight = hist;
			} else {
				buildHistogram(small, this.layout, this.codes, this.grad, this.rows, mid, end);
				histRight = small;
				histLeft = hist;
			}
			subtractHistogram(hist, small, this.layout);
		} else if (needLeft || needRight) {
			// Only one child can split: building it directly never costs more than the other child plus a subtraction
			// when it is the smaller one; when it is the larger, subtracting is cheaper.
			const wantLeft = needLeft;
			const nWant = wantLeft ? nLeft : nRight;
			if (nWant <= n - nWant) {
				if (wantLeft) buildHistogram(hist, this.layout, this.codes, this.grad, this.rows, start, mid);
				else buildHistogram(hist, this.layout, this.codes, this.grad, this.rows, mid, end);
			} else {
				const small = this.acquire();
				if (wantLeft) buildHistogram(small, this.layout, this.codes, this.grad, this.rows, mid, end);
				else buildHistogram(small, this.layout, this.codes, this.grad, this.rows, start, mid);
				subtractHistogram(hist, small, this.layout);
				this.release(small);
			}
			if (wantLeft) histLeft = hist;
			else histRight = hist;
		} else {
			this.release(hist);
		}
		this.left[node] = this.growNode(start, mid, depth + 1, gradLeft, histLeft);
		this.right[node] = this.growNode(mid, end, depth + 1, gradSum - gradLeft, histRight);
		return node;
	}

	private makeLeaf(node: number, start: number, end: number, gradSum: number): void {
		const { regLambda, learningRate } = this.settings;
		const v = (-gradSum / (end - start + regLambda)) * learningRate;
		this.feature[node] = -1;
		this.value[node] = v;
		this.gain[node] = 0;
		this.left[node] = -1;
		this.right[node] = -1;
		const rows = this.rows;
		const pred = this.pred;
		for (let i = start; i < end; i++) pred[rows[i]] += v;
	}

	/** Stable partition of rows[start..end) into left then right, keeping row order (and memory locality). */
	private partition(
		start: number,
		end: number,
		f: number,
		b: number,
		missLeft: boolean,
		nLeft: number
	): void {
		const rows = this.rows;
		const scratch = this.scratch;
		const codes = this.codes;
		const p = this.layout.features;
		const missing = this.layout.missingBin;
		let li = start;
		let ri = start + nLeft;
		for (let i = start; i < end; i++) {
			const r = rows[i];
			const c = codes[r * p + f];
			const goLeft = c === missing ? missLeft : c <= b;
			if (goLeft) scratch[li++] = r;
			else scratch[ri++] = r;
		}
		rows.set(scratch.subarray(start, end), start);
	}
}

/** Output of `tree` for row r of a row-major code matrix (used for rows left out of a subsample). */
export function predictBinnedRow(
	tree: Tree,
	codes: Uint8Array,
	p: number,
	r: number,
	missingBin: number
): number {
	let node = 0;
	while (tree.feature[node] >= 0) {
		const c = codes[r * p + tree.feature[node]];
		const goLeft = c === missingBin ? tree.missingLeft[node] === 1 : c <= tree.bin[node];
		node = goLeft ? tree.left[node] : tree.right[node];
	}
	return tree.value[node];
}
