import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { OverfittingError } from './errors';
import { caseMatrix } from './fixture-cases';
import fixture from './overfitting.fixture.json';
import { MAX_BLOCKS, blockBounds, combinations, probabilityOfBacktestOverfitting as pbo } from './pbo';

/** Rows are periods, columns trials. */
function fromRows(rows: readonly (readonly number[])[]): Matrix {
	return { data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length };
}

/** Seeded iid N(0, 0.01²) returns; column 0 gets `edge` added to every period. */
function noise(seed: number, rows: number, cols: number, edge = 0): Matrix {
	const rng = createRng(seed);
	const data = Float64Array.from(
		{ length: rows * cols },
		(_, i) => 0.01 * rng.normal() + (i % cols === 0 ? edge : 0)
	);
	return { data, rows, cols };
}

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof OverfittingError) return `${e.code}:${e.field}`;
		throw e;
	}
	return undefined;
}

const LN3 = Math.log(3);

describe('CSCV by hand', () => {
	it('a 4-period × 3-trial matrix with S = 4 and the mean as performance gives PBO = 4/6', () => {
		// Periods (blocks of one row) × trials A, B, C:
		//   r0: 3 1 2   r1: 4 2 0   r2: 2 0 1   r3: 0 1 3
		// In-sample blocks → in-sample means (A, B, C) → n* → out-of-sample means → rank of n* → ω̄ = rank/4 → λ
		//   {0,1}: 3.5 1.5 1   → A; OOS {2,3}: 1   0.5 2   → A is 2nd → ω̄ = 1/2 → λ = 0     (≤ 0: overfit)
		//   {0,2}: 2.5 0.5 1.5 → A; OOS {1,3}: 2   1.5 1.5 → A is 3rd → ω̄ = 3/4 → λ = ln 3
		//   {0,3}: 1.5 1   2.5 → C; OOS {1,2}: 3   1   0.5 → C is 1st → ω̄ = 1/4 → λ = −ln 3 (overfit)
		//   {1,2}: 3   1   0.5 → A; OOS {0,3}: 1.5 1   2.5 → A is 2nd → λ = 0     (overfit)
		//   {1,3}: 2   1.5 1.5 → A; OOS {0,2}: 2.5 0.5 1.5 → A is 3rd → λ = ln 3
		//   {2,3}: 1   0.5 2   → C; OOS {0,1}: 3.5 1.5 1   → C is 1st → λ = −ln 3 (overfit)
		// PBO = 4/6; no selected trial loses out of sample, so the probability of loss is 0.
		const m = fromRows([
			[3, 1, 2],
			[4, 2, 0],
			[2, 0, 1],
			[0, 1, 3]
		]);
		const result = pbo(m, { blocks: 4, metric: 'mean' });
		expect(result.pbo).toBeCloseTo(4 / 6, 15);
		expect(result.probabilityOfLoss).toBe(0);
		expect(result.splits.map((s) => s.inSampleBlocks)).toEqual([
			[0, 1],
			[0, 2],
			[0, 3],
			[1, 2],
			[1, 3],
			[2, 3]
		]);
		expect(result.splits.map((s) => s.selected)).toEqual([0, 0, 2, 0, 0, 2]);
		const expected = [0, LN3, -LN3, 0, LN3, -LN3];
		result.logits.forEach((l, i) => expect(l).toBeCloseTo(expected[i], 14));
		expect(Array.from(result.inSample)).toEqual([3.5, 2.5, 2.5, 3, 2, 2]);
		expect(Array.from(result.outOfSample)).toEqual([1, 2, 0.5, 1.5, 2.5, 1]);
	});

	it('ties out of sample share their average rank (ω̄ = 1.5 / 4 for two trials tied last)', () => {
		// S = 2, mean: IS = block 0 (rows 0–1), OOS = block 1 (rows 2–3), and the other way round.
		// Trial means per block: A (0.02, −0.01), B (0.01, 0.02), C (−0.01, −0.01).
		// IS {0}: A best; OOS {1}: A and C tie last → rank 1.5 → ω̄ = 0.375 → λ = ln 0.6.
		// IS {1}: B best; OOS {0}: A 0.02, B 0.01, C −0.01 → B is 2nd → ω̄ = 0.5 → λ = 0. PBO = 1.
		const m = fromRows([
			[0.03, 0.0, -0.01],
			[0.01, 0.02, -0.01],
			[-0.02, 0.01, -0.01],
			[0.0, 0.03, -0.01]
		]);
		const result = pbo(m, { blocks: 2, metric: 'mean' });
		expect(result.splits.map((s) => s.rank)).toEqual([1.5, 2]);
		expect(result.logits[0]).toBeCloseTo(Math.log(0.6), 14);
		expect(result.logits[1]).toBeCloseTo(0, 14);
		expect(result.pbo).toBe(1);
		expect(result.probabilityOfLoss).toBe(0.5);
	});
});

describe('CSCV against the NumPy/scipy re-implementation', () => {
	it('gives the same selections, logits, performance pairs and degradation line to 1e-12', () => {
		const ref = fixture.pboCase;
		const result = pbo(caseMatrix(ref.rows, ref.cols), { blocks: ref.blocks });
		expect(result.splits.map((s) => s.selected)).toEqual(ref.selected);
		expect(result.logits.length).toBe(ref.lambdas.length);
		ref.lambdas.forEach((l, i) => expect(result.logits[i]).toBeCloseTo(l, 12));
		ref.inSample.forEach((v, i) => expect(result.inSample[i]).toBeCloseTo(v, 12));
		ref.outOfSample.forEach((v, i) => expect(result.outOfSample[i]).toBeCloseTo(v, 12));
		expect(result.pbo).toBe(ref.pbo);
		expect(result.probabilityOfLoss).toBe(ref.probabilityOfLoss);
		expect(result.degradation.slope).toBeCloseTo(ref.slope, 10);
		expect(result.degradation.intercept).toBeCloseTo(ref.intercept, 10);
	});
});

describe('known answers', () => {
	it('pure noise gives PBO near 0.5: mean 0.513 over seeds 1–40 (T 1000, N 20, S 10), within 0.5 ± 0.05', () => {
		// With N even, λ ≤ 0 exactly when n* is in the bottom half out of sample: probability 1/2 under the null.
		// One seed's PBO is noisy (its 252 splits share the same data; seen from 0.16 to 0.87), so average seeds.
		let sum = 0;
		let losses = 0;
		for (let seed = 1; seed <= 40; seed++) {
			const result = pbo(noise(seed, 1000, 20), { blocks: 10 });
			expect(result.splits.length).toBe(252);
			sum += result.pbo;
			losses += result.probabilityOfLoss;
		}
		expect(Math.abs(sum / 40 - 0.5)).toBeLessThan(0.05);
		expect(Math.abs(losses / 40 - 0.5)).toBeLessThan(0.05); // measured 0.508
	});

	it('one trial with a real edge in every period and the rest noise gives PBO 0 on seeds 1–5', () => {
		// Edge: +0.002 a period on σ = 0.01 (a per-period Sharpe of 0.2), T 2000, N 20, S 16.
		for (let seed = 1; seed <= 5; seed++) {
			const result = pbo(noise(seed, 2000, 20, 0.002), { blocks: 16 });
			expect(result.pbo, `seed ${seed}`).toBe(0);
			expect(result.splits.every((s) => s.selected === 0)).toBe(true);
			expect(result.probabilityOfLoss).toBe(0);
		}
	});

	it('trials built so the in-sample best is always the out-of-sample worst give PBO = 1', () => {
		// One trial per choice of S/2 blocks: +1 on its own blocks, −1 on the others, ±0.5 within each block so
		// the Sharpe ratio exists. For an in-sample choice c, trial c alone is +1 everywhere in sample (best) and −1
		// everywhere out of sample; every other trial has a +1 block out of sample, so c is strictly last.
		for (const blocks of [2, 4, 6]) {
			const owners = combinations(blocks, blocks / 2);
			const rowsPerBlock = 2;
			const rows: number[][] = [];
			for (let k = 0; k < blocks; k++) {
				for (let r = 0; r < rowsPerBlock; r++) {
					rows.push(owners.map((own) => (own.includes(k) ? 1 : -1) + (r === 0 ? 0.5 : -0.5)));
				}
			}
			const result = pbo(fromRows(rows), { blocks });
			expect(result.pbo, `S = ${blocks}`).toBe(1);
			expect(result.splits.every((s) => s.rank === 1)).toBe(true);
			expect(result.probabilityOfLoss).toBe(1);
			result.splits.forEach((s, i) => expect(s.selected).toBe(i));
		}
	});
});

describe('shapes and edge cases', () => {
	it('cuts rows into contiguous blocks whose sizes differ by at most one', () => {
		expect(Array.from(blockBounds(10, 4))).toEqual([0, 3, 6, 8, 10]);
		expect(Array.from(blockBounds(8, 4))).toEqual([0, 2, 4, 6, 8]);
		const result = pbo(noise(3, 103, 5), { blocks: 6 });
		expect(result.splits.length).toBe(20);
		expect(result.periods).toBe(103);
	});

	it('enumerates C(S, S/2) in-sample choices in lexicographic order', () => {
		expect(combinations(4, 2)).toEqual([
			[0, 1],
			[0, 2],
			[0, 3],
			[1, 2],
			[1, 3],
			[2, 3]
		]);
		expect(combinations(16, 8).length).toBe(12_870);
		expect(combinations(10, 5).length).toBe(252);
	});

	it('a constant trial has no Sharpe ratio: it ranks below every trial and is never selected', () => {
		const base = noise(8, 200, 4);
		const data = base.data.slice();
		for (let t = 0; t < 200; t++) data[t * 4 + 3] = 0.05; // trial 3: constant, the largest mean of all
		const result = pbo({ ...base, data }, { blocks: 4 });
		expect(result.splits.some((s) => s.selected === 3)).toBe(false);
		const byMean = pbo({ ...base, data }, { blocks: 4, metric: 'mean' });
		expect(byMean.splits.every((s) => s.selected === 3)).toBe(true);
		expect(byMean.pbo).toBe(0);
	});

	it('refuses bad shapes and options with the field named', () => {
		const m = noise(1, 64, 4);
		expect(codeOf(() => pbo(m, { blocks: 5 }))).toBe('invalid:blocks');
		expect(codeOf(() => pbo(m, { blocks: 0 }))).toBe('invalid:blocks');
		expect(codeOf(() => pbo(m, { blocks: MAX_BLOCKS + 2 }))).toBe('invalid:blocks');
		expect(codeOf(() => pbo(noise(1, 10, 4)))).toBe('too_few:matrix'); // 10 rows < S = 16
		expect(codeOf(() => pbo(noise(1, 3, 4), { blocks: 2 }))).toBe('too_few:matrix'); // Sharpe needs 2 a half
		expect(codeOf(() => pbo(noise(1, 64, 1), { blocks: 4 }))).toBe('too_few:matrix');
		expect(codeOf(() => pbo({ data: new Float64Array(10), rows: 4, cols: 3 }, { blocks: 2 }))).toBe(
			'invalid:matrix'
		);
		const bad = m.data.slice();
		bad[17] = Number.NaN;
		expect(codeOf(() => pbo({ ...m, data: bad }, { blocks: 4 }))).toBe('invalid:matrix');
		expect(codeOf(() => pbo(m, { blocks: 4, metric: 'sortino' as never }))).toBe('invalid:metric');
	});

	it('runs T 2500 × N 100 with S 16 (12,870 splits) in well under 2 s (measured about 80 ms)', () => {
		const m = noise(99, 2500, 100);
		const start = performance.now();
		const result = pbo(m, { blocks: 16 });
		const ms = performance.now() - start;
		expect(result.splits.length).toBe(12_870);
		expect(result.logits.every((l) => Number.isFinite(l))).toBe(true);
		expect(ms).toBeLessThan(2000);
	});

	it('leaves its input untouched and gives the same result twice', () => {
		const m = noise(4, 120, 6);
		const copy = m.data.slice();
		const a = pbo(m, { blocks: 6 });
		const b = pbo(m, { blocks: 6 });
		expect(m.data).toEqual(copy);
		expect(Array.from(a.logits)).toEqual(Array.from(b.logits));
	});
});
