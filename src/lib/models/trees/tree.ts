/**
 * Grows one regression tree on binned data, in one of two orders:
 * - leaf-wise (LightGBM / scikit-learn HistGradientBoosting): with a leaf cap `maxLeafNodes`, the open leaf with
 *   the largest gain is split next until the tree has that many leaves, as scikit-learn's TreeGrower does;
 * - depth-wise (XGBoost-style): with no leaf cap every splittable node is split down to `maxDepth`, so the tree
 *   is the same whichever order nodes are expanded in; they are expanded depth-first, which keeps at most
 *   depth + 1 histograms alive.
 * Each split partitions the node's rows (stably, so they stay in ascending order), builds the histogram of the
 * smaller child only and gets the larger one by subtracting it from the parent's. On large inputs the root's
 * histogram is not rebuilt from the rows either: it is the sum of the previous tree's leaf histograms shifted by
 * their values (see `nextRoot`). Leaf values are added to the running predictions of the rows that reached the
 * leaf, so the training rows are never pushed through a tree. All buffers live on the builder and are reused for
 * every tree of a fit.
 */
import {
	buildHistogram,
	buildRootHistogram,
	countHistogram,
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
	/** Deepest level a node may be split at; null for no depth limit. */
	readonly maxDepth: number | null;
	/** Leaf cap for leaf-wise growth; null grows depth-wise (every splittable node is split). */
	readonly maxLeafNodes: number | null;
	readonly minSamplesLeaf: number;
	readonly regLambda: number;
	readonly learningRate: number;
	/** Allow the incremental root histogram on large inputs (default true; false is for tests). */
	readonly incrementalRoot?: boolean;
}

/** What one tree is grown on. */
export interface TreeInput {
	/** Rows to grow on, rows[0..nRows) in ascending order; reordered in place. */
	readonly rows: Int32Array;
	readonly nRows: number;
	/** rows is 0..n−1 (every row, in order): the root histogram needs no index gather. */
	readonly allRows: boolean;
	/** Per-row gradient and, under GOSS, per-row hessian (null = every hessian is 1). */
	readonly grad: Float32Array;
	readonly hess: Float32Array | null;
	/** Features the tree may split on, ascending (column sampling). */
	readonly features: Int32Array;
}

const NO_HIST = -1;
/**
 * The incremental root costs ~2 additions per bin per leaf and a row pass costs one histogram update per row and
 * feature (each ~2× dearer), so it pays from about leaves × bins rows; twice that, to cover the extra small-child
 * builds it needs (tiled bench, 31 leaves: on from 15,872 rows).
 */
const INCREMENTAL_ROOT_ROWS_PER_LEAF_BIN = 2;

export class TreeBuilder {
	private readonly layout: HistogramLayout;
	private readonly histLength: number;
	private readonly pool: Float64Array[] = [];
	private readonly split: SplitCandidate = emptySplit();
	private readonly scratch: Int32Array;
	/** Per code: 1 when rows with that code go left in the split being applied. */
	private readonly side = new Uint8Array(256);
	private readonly ordered: Float32Array;
	private readonly orderedHess: Float32Array;
	private readonly capacity: number;
	// The tree being grown.
	private readonly feature: Int32Array;
	private readonly threshold: Float64Array;
	private readonly bin: Int32Array;
	private readonly missingLeft: Uint8Array;
	private readonly left: Int32Array;
	private readonly right: Int32Array;
	private readonly value: Float64Array;
	private readonly count: Int32Array;
	private readonly gain: Float64Array;
	// Open (splittable) nodes: their row range, depth, sums, histogram and best split.
	private readonly start: Int32Array;
	private readonly end: Int32Array;
	private readonly depth: Int32Array;
	private readonly gradSum: Float64Array;
	private readonly hessSum: Float64Array;
	private readonly histOf: Int32Array;
	private readonly splitBin: Int32Array;
	private readonly splitMissLeft: Uint8Array;
	private readonly splitGradLeft: Float64Array;
	private readonly splitHessLeft: Float64Array;
	private readonly open: Int32Array;
	private readonly hists: Float64Array[] = [];
	private rootCounts: Float64Array | null = null;
	/**
	 * Incremental root (large n only): after a tree every row's gradient grows by its leaf's value v, so the next
	 * root histogram is Σ over leaves of (G + v·H) per bin — a few hundred thousand additions instead of a pass over
	 * n × features. Each leaf adds its histogram when it is final; `nextRootValid` says the sum is complete.
	 */
	private nextRoot: Float64Array | null = null;
	private nextRootValid = false;
	private incremental = false;
	private readonly incrementalMinRows: number;
	private nOpen = 0;
	private nodeCount = 0;
	private leaves = 0;
	private input: TreeInput | null = null;

	constructor(
		private readonly codes: Uint8Array,
		private readonly mapper: BinMapper,
		private readonly nRowsTotal: number,
		private readonly settings: TreeSettings
	) {
		this.layout = {
			features: mapper.nBins.length,
			stride: mapper.missingBin + 1,
			missingBin: mapper.missingBin,
			nBins: mapper.nBins
		};
		this.histLength = histogramLength(this.layout);
		const leafBound =
			settings.maxLeafNodes ?? (settings.maxDepth === null ? Infinity : 2 ** Math.min(settings.maxDepth, 30));
		this.incrementalMinRows =
			settings.incrementalRoot === false
				? Infinity
				: INCREMENTAL_ROOT_ROWS_PER_LEAF_BIN * leafBound * this.layout.stride;
		this.scratch = new Int32Array(nRowsTotal);
		this.ordered = new Float32Array(nRowsTotal);
		this.orderedHess = new Float32Array(nRowsTotal);
		// Every leaf holds ≥ minSamplesLeaf rows, so a tree has at most 2·⌊n/minLeaf⌋ − 1 nodes.
		const byRows = 2 * Math.max(1, Math.floor(nRowsTotal / settings.minSamplesLeaf)) - 1;
		const byDepth = settings.maxDepth === null ? byRows : 2 ** Math.min(settings.maxDepth + 1, 30) - 1;
		const byLeaves = settings.maxLeafNodes === null ? byRows : 2 * settings.maxLeafNodes - 1;
		this.capacity = Math.max(1, Math.min(byDepth, byRows, byLeaves));
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
		this.start = new Int32Array(c);
		this.end = new Int32Array(c);
		this.depth = new Int32Array(c);
		this.gradSum = new Float64Array(c);
		this.hessSum = new Float64Array(c);
		this.histOf = new Int32Array(c);
		this.splitBin = new Int32Array(c);
		this.splitMissLeft = new Uint8Array(c);
		this.splitGradLeft = new Float64Array(c);
		this.splitHessLeft = new Float64Array(c);
		this.open = new Int32Array(c);
	}

	/**
	 * Grows a tree on `input.rows` with gradients `input.grad` and adds each leaf's value to `pred` for the rows
	 * that reached it.
	 */
	grow(input: TreeInput, pred: Float64Array): Tree {
		this.input = input;
		this.nodeCount = 0;
		this.nOpen = 0;
		this.leaves = 1;
		this.hists.length = 0;
		const { rows, nRows, grad, hess } = input;
		const whole = input.allRows && hess === null && input.features.length === this.layout.features;
		const reuse = whole && this.nextRootValid;
		this.incremental = whole && nRows >= this.incrementalMinRows;
		this.nextRootValid = false;
		let g = 0;
		let h = 0;
		if (reuse) {
			// Σ of any one feature's bins is the root's gradient sum, consistent with the histogram it splits on.
			const nextRoot = this.nextRoot!;
			for (let k = 0; k < this.layout.stride; k++) g += nextRoot[2 * k];
		} else {
			for (let i = 0; i < nRows; i++) g += grad[rows[i]];
		}
		if (hess === null) h = nRows;
		else for (let i = 0; i < nRows; i++) h += hess[rows[i]];
		const root = this.newNode(0, nRows, 0, g, h);
		if (this.splittable(root)) {
			const slot = this.acquire();
			const hist = this.hists[slot];
			if (reuse) {
				hist.set(this.nextRoot!);
			} else if (input.allRows && hess === null) {
				this.rootCounts ??= countHistogram(this.layout, this.codes, this.nRowsTotal);
				buildRootHistogram(
					hist,
					this.layout,
					this.codes,
					this.nRowsTotal,
					grad,
					input.features,
					this.rootCounts
				);
			} else {
				this.buildInto(slot, 0, nRows);
			}
			if (this.incremental) {
				this.nextRoot ??= new Float64Array(this.histLength);
				this.nextRoot.fill(0);
			}
			this.tryOpen(root, slot);
		} else {
			this.incremental = false;
		}
		while (this.nOpen > 0) {
			const node = this.popOpen();
			this.splitNode(node);
		}
		// Whatever is still a leaf-to-be (capped) or never opened gets its value; leaves were finalised in order.
		const n = this.nodeCount;
		this.nextRootValid = this.incremental;
		for (let i = 0; i < n; i++) if (this.feature[i] === -2) this.makeLeaf(i, pred);
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

	/** A new node, provisionally a leaf (feature −2 until it is split or finalised). */
	private newNode(start: number, end: number, depth: number, g: number, h: number): number {
		const node = this.nodeCount++;
		this.start[node] = start;
		this.end[node] = end;
		this.depth[node] = depth;
		this.gradSum[node] = g;
		this.hessSum[node] = h;
		this.count[node] = end - start;
		this.feature[node] = -2;
		this.histOf[node] = NO_HIST;
		this.left[node] = -1;
		this.right[node] = -1;
		this.gain[node] = 0;
		this.value[node] = 0;
		return node;
	}

	private splittable(node: number): boolean {
		const { maxDepth, minSamplesLeaf } = this.settings;
		return (
			(maxDepth === null || this.depth[node] < maxDepth) &&
			this.end[node] - this.start[node] >= 2 * minSamplesLeaf
		);
	}

	private acquire(): number {
		const free = this.pool.pop();
		this.hists.push(free ?? new Float64Array(this.histLength));
		return this.hists.length - 1;
	}

	/** Histogram slots are indices into `hists`; released buffers go back to the pool. */
	private release(slot: number): void {
		// The slot stays a dead entry (indices must not move) until `hists` is cleared for the next tree.
		if (slot !== NO_HIST) this.pool.push(this.hists[slot]);
	}

	private buildInto(slot: number, start: number, end: number): void {
		const { rows, grad, hess, features } = this.input!;
		const ordered = this.ordered;
		for (let i = start; i < end; i++) ordered[i - start] = grad[rows[i]];
		let orderedHess: Float32Array | null = null;
		if (hess !== null) {
			orderedHess = this.orderedHess;
			for (let i = start; i < end; i++) orderedHess[i - start] = hess[rows[i]];
		}
		buildHistogram(
			this.hists[slot],
			this.layout,
			this.codes,
			this.nRowsTotal,
			ordered,
			orderedHess,
			rows,
			start,
			end,
			features
		);
	}

	/** Searches the node's best split; opens it when the gain is positive, else it stays a leaf. */
	private tryOpen(node: number, slot: number): void {
		const { minSamplesLeaf, regLambda } = this.settings;
		const s = this.split;
		const found = findBestSplit(
			this.hists[slot],
			this.layout,
			this.hessSum[node],
			this.gradSum[node],
			minSamplesLeaf,
			regLambda,
			this.input!.features,
			s
		);
		if (!found) {
			this.finalWithHistogram(node, slot);
			return;
		}
		this.histOf[node] = slot;
		this.gain[node] = s.gain;
		this.feature[node] = -3 - s.feature; // open: the split's feature, encoded until it is applied
		this.splitBin[node] = s.bin;
		this.splitMissLeft[node] = s.missingLeft ? 1 : 0;
		this.splitGradLeft[node] = s.gradLeft;
		this.splitHessLeft[node] = s.hessLeft;
		this.open[this.nOpen++] = node;
	}

	/** Leaf-wise: the open node with the largest gain (the earliest on ties); depth-wise: the last opened. */
	private popOpen(): number {
		let at = this.nOpen - 1;
		if (this.settings.maxLeafNodes !== null) {
			at = 0;
			for (let i = 1; i < this.nOpen; i++) {
				const a = this.open[i];
				const b = this.open[at];
				if (this.gain[a] > this.gain[b] || (this.gain[a] === this.gain[b] && a < b)) at = i;
			}
		}
		const node = this.open[at];
		this.open.copyWithin(at, at + 1, this.nOpen);
		this.nOpen--;
		return node;
	}

	private splitNode(node: number): void {
		const f = -3 - this.feature[node];
		const b = this.splitBin[node];
		const missLeft = this.splitMissLeft[node] === 1;
		this.feature[node] = f;
		this.bin[node] = b;
		this.missingLeft[node] = missLeft ? 1 : 0;
		const t = this.mapper.thresholds[f];
		// The last value bin only splits off missing values: every real value goes left.
		this.threshold[node] = b < t.length ? t[b] : Number.POSITIVE_INFINITY;
		const start = this.start[node];
		const end = this.end[node];
		const mid = this.partition(start, end, f, b, missLeft);
		const depth = this.depth[node] + 1;
		const gl = this.splitGradLeft[node];
		const hl = this.splitHessLeft[node];
		const l = this.newNode(start, mid, depth, gl, hl);
		const r = this.newNode(mid, end, depth, this.gradSum[node] - gl, this.hessSum[node] - hl);
		this.left[node] = l;
		this.right[node] = r;
		this.leaves++;
		const hist = this.histOf[node];
		this.histOf[node] = NO_HIST;
		const cap = this.settings.maxLeafNodes;
		const full = cap !== null && this.leaves >= cap;
		const needLeft = !full && this.splittable(l);
		const needRight = !full && this.splittable(r);
		const nLeft = mid - start;
		const nRight = end - mid;
		if ((needLeft && needRight) || this.incremental) {
			// Both children's histograms: the smaller built, the larger by subtraction from the parent's.
			const small = this.acquire();
			const leftSmaller = nLeft < nRight;
			if (leftSmaller) this.buildInto(small, start, mid);
			else this.buildInto(small, mid, end);
			subtractHistogram(this.hists[hist], this.hists[small], this.layout, this.input!.features);
			const slotLeft = leftSmaller ? small : hist;
			const slotRight = leftSmaller ? hist : small;
			if (needLeft) this.tryOpen(l, slotLeft);
			else this.finalWithHistogram(l, slotLeft);
			if (needRight) this.tryOpen(r, slotRight);
			else this.finalWithHistogram(r, slotRight);
		} else if (needLeft || needRight) {
			// Only one child can split: build it directly when it is the smaller one, else build the other child and
			// subtract (never more rows than the smaller child).
			const wantLeft = needLeft;
			const nWant = wantLeft ? nLeft : nRight;
			if (nWant <= end - start - nWant) {
				if (wantLeft) this.buildInto(hist, start, mid);
				else this.buildInto(hist, mid, end);
			} else {
				const small = this.acquire();
				if (wantLeft) this.buildInto(small, mid, end);
				else this.buildInto(small, start, mid);
				subtractHistogram(this.hists[hist], this.hists[small], this.layout, this.input!.features);
				this.release(small);
			}
			this.tryOpen(wantLeft ? l : r, hist);
		} else {
			this.release(hist);
		}
		if (full) {
			// The tree is full: every open node becomes a leaf.
			for (let i = 0; i < this.nOpen; i++) {
				const o = this.open[i];
				this.feature[o] = -2;
				this.gain[o] = 0;
				this.finalWithHistogram(o, this.histOf[o]);
				this.histOf[o] = NO_HIST;
			}
			this.nOpen = 0;
		}
	}

	/**
	 * A final leaf whose histogram is in `slot`: under the incremental root it adds G + v·H to the next tree's
	 * root histogram (v = its value); then the buffer is released.
	 */
	private finalWithHistogram(node: number, slot: number): void {
		if (this.incremental) {
			const { regLambda, learningRate } = this.settings;
			const v = (-this.gradSum[node] / (this.hessSum[node] + regLambda)) * learningRate;
			const hist = this.hists[slot];
			const next = this.nextRoot!;
			const stride2 = this.layout.stride * 2;
			const missing2 = this.layout.missingBin * 2;
			for (let f = 0; f < this.layout.features; f++) {
				const off = f * stride2;
				const end = off + this.layout.nBins[f] * 2;
				for (let k = off; k < end; k += 2) {
					const count = hist[k + 1];
					next[k] += hist[k] + v * count;
					next[k + 1] += count;
				}
				const k = off + missing2;
				next[k] += hist[k] + v * hist[k + 1];
				next[k + 1] += hist[k + 1];
			}
		}
		this.release(slot);
	}

	private makeLeaf(node: number, pred: Float64Array): void {
		const { regLambda, learningRate } = this.settings;
		const v = (-this.gradSum[node] / (this.hessSum[node] + regLambda)) * learningRate;
		this.feature[node] = -1;
		this.value[node] = v;
		this.gain[node] = 0;
		const rows = this.input!.rows;
		const end = this.end[node];
		for (let i = this.start[node]; i < end; i++) pred[rows[i]] += v;
	}

	/**
	 * Stable partition of rows[start..end) into left then right, keeping row order (and memory locality);
	 * returns the first right position. A 256-entry table says which side each code goes to. (A branch-free
	 * version writing every row to both outputs measured 10 % slower: its cursor dependency stalls the loop.)
	 */
	private partition(start: number, end: number, f: number, b: number, missLeft: boolean): number {
		const rows = this.input!.rows;
		const scratch = this.scratch;
		const codes = this.codes;
		const side = this.side;
		side.fill(1, 0, b + 1);
		side.fill(0, b + 1);
		side[this.layout.missingBin] = missLeft ? 1 : 0;
		const c = f * this.nRowsTotal;
		let li = start;
		let ri = 0;
		for (let i = start; i < end; i++) {
			const r = rows[i];
			if (side[codes[c + r]] === 1) rows[li++] = r;
			else scratch[ri++] = r;
		}
		rows.set(scratch.subarray(0, ri), li);
		return li;
	}
}

/** Output of `tree` for row r of a feature-major code matrix with n rows per column. */
export function predictBinnedRow(
	tree: Tree,
	codes: Uint8Array,
	n: number,
	r: number,
	missingBin: number
): number {
	let node = 0;
	while (tree.feature[node] >= 0) {
		const c = codes[tree.feature[node] * n + r];
		const goLeft = c === missingBin ? tree.missingLeft[node] === 1 : c <= tree.bin[node];
		node = goLeft ? tree.left[node] : tree.right[node];
	}
	return tree.value[node];
}
