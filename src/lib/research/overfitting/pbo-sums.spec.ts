import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { blockBounds, combinations, probabilityOfBacktestOverfitting as pbo, type PboMetric } from './pbo';

/**
 * CSCV as pbo.ts computed it before it kept the in-sample sums of shared prefixes between consecutive choices:
 * every choice's sums added block by block from zero. The reference for bitwise equality (same additions in the
 * same order), not for correctness (pbo.spec.ts checks that against hand-worked cases and NumPy).
 */
function reference(m: Matrix, blocks: number, metric: PboMetric) {
	const { rows: T, cols: N, data } = m;
	const bounds = blockBounds(T, blocks);
	const sums = new Float64Array(blocks * N);
	const sumSqs = new Float64Array(blocks * N);
	for (let k = 0; k < blocks; k++)
		for (let t = bounds[k]; t < bounds[k + 1]; t++)
			for (let j = 0; j < N; j++) {
				sums[k * N + j] += data[t * N + j];
				sumSqs[k * N + j] += data[t * N + j] ** 2;
			}
	const totalSum = new Float64Array(N);
	const totalSq = new Float64Array(N);
	for (let k = 0; k < blocks; k++)
		for (let j = 0; j < N; j++) {
			totalSum[j] += sums[k * N + j];
			totalSq[j] += sumSqs[k * N + j];
		}
	const perf = (sum: number, sumSq: number, count: number) => {
		const mean = sum / count;
		if (metric === 'mean') return mean;
		const ss = sumSq - sum * mean;
		return ss > 1e-14 * sumSq ? mean / Math.sqrt(ss / (count - 1)) : Number.NaN;
	};
	const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
	return combinations(blocks, blocks / 2).map((chosen) => {
		const isSum = new Float64Array(N);
		const isSq = new Float64Array(N);
		let isRows = 0;
		for (const k of chosen) {
			isRows += bounds[k + 1] - bounds[k];
			for (let j = 0; j < N; j++) {
				isSum[j] += sums[k * N + j];
				isSq[j] += sumSqs[k * N + j];
			}
		}
		const oos = Array.from({ length: N }, (_, j) =>
			perf(totalSum[j] - isSum[j], totalSq[j] - isSq[j], T - isRows)
		);
		let selected = 0;
		let best = -Infinity;
		let inSample = Number.NaN;
		for (let j = 0; j < N; j++) {
			const p = perf(isSum[j], isSq[j], isRows);
			if (j === 0 || key(p) > best) [best, inSample, selected] = [key(p), p, j];
		}
		const own = key(oos[selected]);
		const rank = oos.filter((v) => key(v) < own).length + (oos.filter((v) => key(v) === own).length + 1) / 2;
		const relativeRank = rank / (N + 1);
		const logit = Math.log(relativeRank / (1 - relativeRank));
		return { selected, inSample, outOfSample: oos[selected], rank, relativeRank, logit };
	});
}

/** Seeded returns with a constant column (no Sharpe), a duplicated column (ties) and a wide spread of scales. */
function awkward(seed: number, rows: number, cols: number): Matrix {
	const rng = createRng(seed);
	const data = new Float64Array(rows * cols);
	for (let t = 0; t < rows; t++)
		for (let j = 0; j < cols; j++)
			data[t * cols + j] =
				j === 0 ? 0.001 : j === 2 ? data[t * cols + 1] : 10 ** (j % 5) * 0.01 * rng.normal();
	return { data, rows, cols };
}

describe('in-sample sums kept between consecutive choices', () => {
	it.each([
		[1, 80, 66, 16, 'sharpe'],
		[2, 37, 9, 10, 'sharpe'],
		[3, 50, 12, 12, 'mean'],
		[4, 8, 5, 4, 'sharpe']
	] as const)(
		'give bitwise the splits of summing each choice afresh (seed %i, T %i, N %i, S %i, %s)',
		(seed, rows, cols, blocks, metric) => {
			const m = awkward(seed, rows, cols);
			const got = pbo(m, { blocks, metric });
			const want = reference(m, blocks, metric);
			expect(got.splits.length).toBe(want.length);
			got.splits.forEach((s, c) => {
				expect(s.selected).toBe(want[c].selected);
				expect(Object.is(s.inSample, want[c].inSample)).toBe(true);
				expect(Object.is(s.outOfSample, want[c].outOfSample)).toBe(true);
				expect(s.rank).toBe(want[c].rank);
				expect(Object.is(s.relativeRank, want[c].relativeRank)).toBe(true);
				expect(Object.is(s.logit, want[c].logit)).toBe(true);
				expect(Object.is(got.logits[c], want[c].logit)).toBe(true);
			});
			// Made when first read, then the same objects.
			expect(got.splits).toBe(got.splits);
		}
	);
});
