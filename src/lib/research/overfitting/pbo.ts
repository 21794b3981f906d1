/**
 * The Probability of Backtest Overfitting by Combinatorially Symmetric Cross-Validation (CSCV): Bailey, Borwein,
 * López de Prado & Zhu, "The Probability of Backtest Overfitting", J. Computational Finance 20(4), 2017, §2.
 *
 * M is T periods × N trials (each trial's per-period returns over the same dates). Its rows are cut into S
 * contiguous blocks; for every choice of S/2 blocks as the in-sample set (C(S, S/2) of them, the rest
 * out-of-sample) the trial with the best in-sample performance n* is picked and its out-of-sample rank r among
 * the N trials is taken: rank 1 is the worst, N the best, ties get their average rank. Its relative rank is
 * ω̄ = r / (N + 1) (in (0, 1), as in the paper), its logit λ = ln(ω̄ / (1 − ω̄)), and PBO is the share of λ ≤ 0:
 * how often the in-sample winner lands at or below the out-of-sample median.
 *
 * Performance is the per-period Sharpe ratio (mean / sample standard deviation) or the mean return. Both come
 * from per-block sums and sums of squares, so a choice of blocks costs O(S·N) and not O(T·N). A performance that
 * cannot be computed (constant returns give no Sharpe) ranks below every number; a trial without one is never
 * picked unless no trial has one.
 */
import type { Matrix } from '../../domain/matrix';
import { OverfittingError } from './errors';

/** C(16, 8) = 12,870 choices is the paper's largest S; C(18, 9) = 48,620 would quadruple the cost for little. */
export const MAX_BLOCKS = 16;
export const DEFAULT_BLOCKS = 16;

export type PboMetric = 'sharpe' | 'mean';

export interface PboOptions {
	/** S: an even number of blocks, 2 ≤ S ≤ MAX_BLOCKS and S ≤ T. Default 16, as in the paper's examples. */
	readonly blocks?: number;
	readonly metric?: PboMetric;
}

export interface PboSplit {
	/** The in-sample blocks (0-based, ascending). */
	readonly inSampleBlocks: readonly number[];
	/** n*: the trial (column) with the best in-sample performance; the first one on ties. */
	readonly selected: number;
	readonly inSample: number;
	readonly outOfSample: number;
	/** n*'s out-of-sample rank, 1 = worst, average on ties. */
	readonly rank: number;
	/** ω̄ = rank / (N + 1). */
	readonly relativeRank: number;
	/** λ = ln(ω̄ / (1 − ω̄)). */
	readonly logit: number;
}

export interface PboResult {
	/** Share of splits with λ ≤ 0. */
	readonly pbo: number;
	/** Share of splits whose selected trial has out-of-sample performance below 0. */
	readonly probabilityOfLoss: number;
	/** λ of every split, in split order. */
	readonly logits: Float64Array;
	/** In-sample and out-of-sample performance of each split's selected trial (the degradation chart). */
	readonly inSample: Float64Array;
	readonly outOfSample: Float64Array;
	/** Least-squares line outOfSample ≈ intercept + slope · inSample over the splits (NaN when undefined). */
	readonly degradation: { readonly slope: number; readonly intercept: number };
	/** Every split, in the lexicographic order of its in-sample block sets. */
	readonly splits: readonly PboSplit[];
	readonly periods: number;
	readonly trials: number;
	readonly blocks: number;
	readonly metric: PboMetric;
}

/** Block k covers rows [bounds[k], bounds[k+1]): sizes differ by at most one, the longer ones first. */
export function blockBounds(rows: number, blocks: number): Int32Array {
	const bounds = new Int32Array(blocks + 1);
	const base = Math.floor(rows / blocks);
	const extra = rows % blocks;
	for (let k = 0; k < blocks; k++) bounds[k + 1] = bounds[k] + base + (k < extra ? 1 : 0);
	return bounds;
}

/** Every k-subset of {0, …, n − 1}, lexicographic (as Python's itertools.combinations). */
export function combinations(n: number, k: number): number[][] {
	const out: number[][] = [];
	const pick = Array.from({ length: k }, (_, i) => i);
	for (;;) {
		out.push(pick.slice());
		let i = k - 1;
		while (i >= 0 && pick[i] === n - k + i) i--;
		if (i < 0) return out;
		pick[i]++;
		for (let j = i + 1; j < k; j++) pick[j] = pick[j - 1] + 1;
	}
}

function validate(m: Matrix, blocks: number, metric: PboMetric): void {
	if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.data.length !== m.rows * m.cols) {
		throw new OverfittingError(
			'invalid',
			'matrix',
			`has ${m.data.length} values, expected ${m.rows} × ${m.cols}`
		);
	}
	if (metric !== 'sharpe' && metric !== 'mean') {
		throw new OverfittingError('invalid', 'metric', `must be 'sharpe' or 'mean', got ${String(metric)}`);
	}
	if (!Number.isInteger(blocks) || blocks < 2 || blocks > MAX_BLOCKS || blocks % 2 !== 0) {
		throw new OverfittingError(
			'invalid',
			'blocks',
			`must be an even integer from 2 to ${MAX_BLOCKS}, got ${blocks}`
		);
	}
	if (m.cols < 2)
		throw new OverfittingError('too_few', 'matrix', `needs at least 2 trials (columns), got ${m.cols}`);
	// A Sharpe ratio needs 2 rows in each half; S/2 blocks of at least one row each.
	const minRows = metric === 'sharpe' ? Math.max(blocks, 4) : blocks;
	if (m.rows < minRows) {
		throw new OverfittingError(
			'too_few',
			'matrix',
			`needs at least ${minRows} periods (rows) for ${blocks} blocks, got ${m.rows}`
		);
	}
	for (let i = 0; i < m.data.length; i++) {
		if (!Number.isFinite(m.data[i])) {
			const r = Math.floor(i / m.cols);
			throw new OverfittingError(
				'invalid',
				'matrix',
				`value at period ${r}, trial ${i - r * m.cols} is ${m.data[i]}`
			);
		}
	}
}

const key = (v: number): number => (Number.isNaN(v) ? -Infinity : v);

function leastSquares(x: Float64Array, y: Float64Array): { slope: number; intercept: number } {
	let n = 0;
	let sx = 0;
	let sy = 0;
	for (let i = 0; i < x.length; i++) {
		if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
			n++;
			sx += x[i];
			sy += y[i];
		}
	}
	if (n < 2) return { slope: Number.NaN, intercept: Number.NaN };
	const mx = sx / n;
	const my = sy / n;
	let sxx = 0;
	let sxy = 0;
	for (let i = 0; i < x.length; i++) {
		if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
			sxx += (x[i] - mx) ** 2;
			sxy += (x[i] - mx) * (y[i] - my);
		}
	}
	if (!(sxx > 0)) return { slope: Number.NaN, intercept: Number.NaN };
	const slope = sxy / sxx;
	return { slope, intercept: my - slope * mx };
}

export function probabilityOfBacktestOverfitting(m: Matrix, options: PboOptions = {}): PboResult {
	const blocks = options.blocks ?? DEFAULT_BLOCKS;
	const metric = options.metric ?? 'sharpe';
	validate(m, blocks, metric);
	const { rows: T, cols: N, data } = m;
	const bounds = blockBounds(T, blocks);

	// Per block and trial: sum and sum of squares (blocks × N, row-major); totals per trial.
	const sums = new Float64Array(blocks * N);
	const sumSqs = new Float64Array(blocks * N);
	for (let k = 0; k < blocks; k++) {
		for (let t = bounds[k]; t < bounds[k + 1]; t++) {
			const row = t * N;
			for (let j = 0; j < N; j++) {
				const v = data[row + j];
				sums[k * N + j] += v;
				sumSqs[k * N + j] += v * v;
			}
		}
	}
	const totalSum = new Float64Array(N);
	const totalSq = new Float64Array(N);
	for (let k = 0; k < blocks; k++) {
		for (let j = 0; j < N; j++) {
			totalSum[j] += sums[k * N + j];
			totalSq[j] += sumSqs[k * N + j];
		}
	}

	const choices = combinations(blocks, blocks / 2);
	const half = blocks / 2;
	const logits = new Float64Array(choices.length);
	const inSample = new Float64Array(choices.length);
	const outOfSample = new Float64Array(choices.length);
	const selections = new Int32Array(choices.length);
	const ranks = new Float64Array(choices.length);
	// In-sample sums after the first d + 1 chosen blocks (row d of half × N), added in the same order as block by
	// block from zero, so the sums are bitwise those of summing each choice afresh. Consecutive choices in
	// lexicographic order share a prefix, whose sums are kept: a choice costs O(N) per changed block, not O(S·N).
	const prefixSum = new Float64Array(half * N);
	const prefixSq = new Float64Array(half * N);
	const oosPerf = new Float64Array(N);
	let previous: readonly number[] = [];
	let overfit = 0;
	let losses = 0;

	const sharpe = metric === 'sharpe';
	for (let c = 0; c < choices.length; c++) {
		const chosen = choices[c];
		let from = 0;
		while (from < half && previous[from] === chosen[from]) from++;
		for (let d = from; d < half; d++) {
			const row = d * N;
			const k = chosen[d] * N;
			if (d === 0)
				for (let j = 0; j < N; j++) {
					prefixSum[j] = 0 + sums[k + j];
					prefixSq[j] = 0 + sumSqs[k + j];
				}
			else
				for (let j = 0; j < N; j++) {
					prefixSum[row + j] = prefixSum[row - N + j] + sums[k + j];
					prefixSq[row + j] = prefixSq[row - N + j] + sumSqs[k + j];
				}
		}
		previous = chosen;
		const last = (half - 1) * N;
		let isRows = 0;
		for (const k of chosen) isRows += bounds[k + 1] - bounds[k];
		const oosRows = T - isRows;
		let selected = 0;
		let bestKey = -Infinity;
		let bestIs = Number.NaN;
		// The performance of each trial in and out of sample (mean, or mean / sample sd from the sums, with a
		// relative floor that treats round-off on constant returns as zero spread: NaN), written out rather than
		// called: this loop runs C(S, S/2) × N times, mostly before the JIT has optimised it (a study's report
		// runs it once), where a call costs more than the arithmetic.
		for (let j = 0; j < N; j++) {
			const sum = prefixSum[last + j];
			const sumSq = prefixSq[last + j];
			let p = sum / isRows;
			if (sharpe) {
				const ss = sumSq - sum * p;
				p = ss > 1e-14 * sumSq ? p / Math.sqrt(ss / (isRows - 1)) : Number.NaN;
			}
			const oSum = totalSum[j] - sum;
			const oSq = totalSq[j] - sumSq;
			let o = oSum / oosRows;
			if (sharpe) {
				const ss = oSq - oSum * o;
				o = ss > 1e-14 * oSq ? o / Math.sqrt(ss / (oosRows - 1)) : Number.NaN;
			}
			oosPerf[j] = o;
			const kp = p !== p ? -Infinity : p;
			if (j === 0 || kp > bestKey) {
				bestKey = kp;
				bestIs = p;
				selected = j;
			}
		}
		const own = key(oosPerf[selected]);
		let below = 0;
		let tied = 0;
		for (let j = 0; j < N; j++) {
			const o = oosPerf[j];
			const v = o !== o ? -Infinity : o;
			if (v < own) below++;
			else if (v === own) tied++;
		}
		// Average rank among the `tied` equal values (n* included), 1-based.
		const rank = below + (tied + 1) / 2;
		const relativeRank = rank / (N + 1);
		const logit = Math.log(relativeRank / (1 - relativeRank));
		logits[c] = logit;
		inSample[c] = bestIs;
		outOfSample[c] = oosPerf[selected];
		selections[c] = selected;
		ranks[c] = rank;
		if (logit <= 0) overfit++;
		if (oosPerf[selected] < 0) losses++;
	}
	// The splits as objects only when asked for (a study's report reads their count): C(S, S/2) objects made
	// during the loop cost more than the loop's arithmetic before the JIT has optimised it.
	let splits: PboSplit[] | null = null;
	const splitsOf = (): PboSplit[] =>
		(splits ??= choices.map((chosen, c) => ({
			inSampleBlocks: chosen,
			selected: selections[c],
			inSample: inSample[c],
			outOfSample: outOfSample[c],
			rank: ranks[c],
			relativeRank: ranks[c] / (N + 1),
			logit: logits[c]
		})));

	return {
		pbo: overfit / choices.length,
		probabilityOfLoss: losses / choices.length,
		logits,
		inSample,
		outOfSample,
		degradation: leastSquares(inSample, outOfSample),
		get splits() {
			return splitsOf();
		},
		periods: T,
		trials: N,
		blocks,
		metric
	};
}
