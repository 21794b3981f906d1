import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/random';
import type { Observation } from '../sampler';
import type { SearchSpace } from '../space';
import {
	digitPermutations,
	firstPrimes,
	haltonPoint,
	quasiRandomSampler,
	radicalInverse
} from './quasi-random';
import fixture from './samplers.fixture.json';

/** Warnock's L2-star discrepancy (T. T. Warnock 1972; scipy.stats.qmc.discrepancy(method="L2-star")). */
function l2Star(points: readonly ArrayLike<number>[]): number {
	const n = points.length;
	const d = points[0].length;
	let single = 0;
	let pairs = 0;
	for (const p of points) {
		let prod = 1;
		for (let k = 0; k < d; k++) prod *= 1 - p[k] * p[k];
		single += prod;
		for (const q of points) {
			let m = 1;
			for (let k = 0; k < d; k++) m *= 1 - Math.max(p[k], q[k]);
			pairs += m;
		}
	}
	return Math.sqrt(3 ** -d - (2 ** (1 - d) / n) * single + pairs / (n * n));
}

describe('Halton sequence', () => {
	it('unscrambled points equal scipy.stats.qmc.Halton(d=3, scramble=False) (scipy 1.10, abs 1e-15)', () => {
		expect(firstPrimes(6)).toEqual([2, 3, 5, 7, 11, 13]);
		fixture.halton.points.forEach((ref, i) => {
			const p = haltonPoint(i, 3, null);
			ref.forEach((v, k) => expect(p[k]).toBeCloseTo(v, 15));
		});
		// The test's discrepancy is scipy's too (rel 1e-12), so the comparisons below measure what scipy would.
		expect(l2Star(fixture.halton.points) / fixture.halton.l2Star).toBeCloseTo(1, 12);
	});

	it('scrambling keeps the stratification: the first b^m points fill each of the b^m cells once, all in [0, 1)', () => {
		for (const [base, m] of [
			[2, 6],
			[3, 4],
			[5, 2],
			[13, 2]
		]) {
			const perms = digitPermutations(base, 17, 0);
			// scipy's count: ceil(54 / log2 b) − 1 permutations, one per digit that changes a double.
			expect(perms.length).toBe(Math.ceil(54 / Math.log2(base)) - 1);
			const cells = new Set<number>();
			for (let i = 0; i < base ** m; i++) {
				const v = radicalInverse(i, base, perms);
				expect(v >= 0 && v < 1).toBe(true);
				cells.add(Math.floor(v * base ** m));
			}
			expect(cells.size).toBe(base ** m);
		}
	});

	it('scrambled points have a lower L2-star discrepancy than random points (4-D, 64 points, 20 seeds)', () => {
		// Measured: mean L2-star 0.0142 (Halton) against 0.0281 (random); Halton lower on 20 of 20 seeds.
		let halton = 0;
		let random = 0;
		let wins = 0;
		for (let seed = 0; seed < 20; seed++) {
			const h = l2Star(Array.from({ length: 64 }, (_, i) => haltonPoint(i, 4, seed)));
			const rng = createRng(seed);
			const r = l2Star(Array.from({ length: 64 }, () => [rng.next(), rng.next(), rng.next(), rng.next()]));
			halton += h / 20;
			random += r / 20;
			if (h < r) wins++;
		}
		expect(halton).toBeLessThan(0.6 * random);
		expect(wins).toBe(20);
	});

	it('64 scrambled points cover more of the 8 × 8 cells of the first two axes than random ones (20 seeds)', () => {
		// Measured: 52.6 of 64 cells on average (Halton) against 39.5 (random; 64·(1 − (63/64)^64) ≈ 40.6 expected).
		const cover = (points: ArrayLike<number>[]) =>
			new Set(points.map((p) => Math.floor(p[0] * 8) * 8 + Math.floor(p[1] * 8))).size;
		let halton = 0;
		let random = 0;
		for (let seed = 0; seed < 20; seed++) {
			halton += cover(Array.from({ length: 64 }, (_, i) => haltonPoint(i, 2, seed))) / 20;
			const rng = createRng(seed);
			random += cover(Array.from({ length: 64 }, () => [rng.next(), rng.next()])) / 20;
		}
		expect(halton).toBeGreaterThan(random + 8);
	});
});

describe('quasi-random sampler', () => {
	const space: SearchSpace = [
		{ kind: 'float', name: 'lr', low: 1e-4, high: 1, log: true },
		{ kind: 'int', name: 'depth', low: 2, high: 9, log: false },
		{ kind: 'categorical', name: 'loss', choices: ['l1', 'l2'] }
	];

	it('point k depends on the seed and the trial number only, not on the history or the generator', () => {
		const sampler = quasiRandomSampler({ seed: 4 });
		const done: Observation[] = [
			{ number: 3, params: { lr: 0.1, depth: 3, loss: 'l1' }, value: 2, state: 'complete' }
		];
		const a = sampler.sample({ space, history: [], number: 7, rng: createRng(1) });
		const b = quasiRandomSampler({ seed: 4 }).sample({ space, history: done, number: 7, rng: createRng(2) });
		expect(b).toEqual(a);
		expect(
			quasiRandomSampler({ seed: 5 }).sample({ space, history: [], number: 7, rng: createRng(1) })
		).not.toEqual(a);
		expect(sampler.sample({ space, history: [], number: 8, rng: createRng(1) })).not.toEqual(a);
	});

	it('the first 8 trials put lr once in each eighth of its log range, every value in range', () => {
		// lr is the first axis (base 2): the first 2^3 indices hold every 3-digit prefix, permuted.
		for (let seed = 0; seed < 5; seed++) {
			const sampler = quasiRandomSampler({ seed });
			const points = Array.from({ length: 8 }, (_, number) =>
				sampler.sample({ space, history: [], number, rng: createRng(0) })
			);
			const eighths = points.map((p) => Math.floor((Math.log10(p.lr as number) + 4) * 2));
			expect(new Set(eighths).size).toBe(8);
			for (const p of points) {
				expect(Number.isInteger(p.depth) && (p.depth as number) >= 2 && (p.depth as number) <= 9).toBe(true);
				expect(['l1', 'l2']).toContain(p.loss);
			}
		}
	});
});
