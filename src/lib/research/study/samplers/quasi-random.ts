/**
 * Quasi-random search: a scrambled Halton sequence, one prime base per dimension (2, 3, 5, 7, …). The trial
 * number is the index, so point k is the same whatever order earlier trials finished in.
 *
 * Scrambling: random digit permutations, Owen's randomized Halton (A. B. Owen, "A randomized Halton algorithm
 * in R", arXiv:1706.02808, 2017, Algorithm 1) as scipy.stats.qmc.Halton(scramble=True) does it: for each
 * dimension and each digit position k with base^−k above 2^−54, one seeded permutation of the digits 0…b−1 is
 * applied to the k-th digit of the index. It is not nested (Owen's full) scrambling, and there is no random
 * shift. The permutations keep the van der Corput stratification: the first b^m points of a base-b dimension
 * fall one in each interval [i/b^m, (i+1)/b^m).
 */
import { createRng } from '../../../domain/random';
import type { Sampler } from '../sampler';
import { paramsFromUnit } from '../space';

/** The first n primes, by trial division (n is a handful of dimensions). */
export function firstPrimes(n: number): number[] {
	const primes: number[] = [];
	for (let k = 2; primes.length < n; k++) if (primes.every((p) => k % p !== 0)) primes.push(k);
	return primes;
}

/** The digit permutations of one base: ceil(54 / log2 b) − 1 of them, as scipy 1.10 (van_der_corput). */
export function digitPermutations(base: number, seed: number, dimension: number): Uint16Array[] {
	const count = Math.ceil(54 / Math.log2(base)) - 1;
	const rng = createRng(seed).fork(`halton:${dimension}`);
	return Array.from({ length: count }, () => {
		const perm = Uint16Array.from({ length: base }, (_, i) => i);
		for (let i = base - 1; i > 0; i--) {
			const j = rng.int(i + 1);
			[perm[i], perm[j]] = [perm[j], perm[i]];
		}
		return perm;
	});
}

/** The largest double below 1: a scrambled sum that rounds up to 1 is kept inside [0, 1). */
const BELOW_ONE = 1 - 2 ** -53;

/** The radical inverse of `index` in `base`, its digits permuted when `perms` is given. */
export function radicalInverse(
	index: number,
	base: number,
	perms: readonly Uint16Array[] | null = null
): number {
	if (!Number.isInteger(index) || index < 0)
		throw new RangeError(`index must be a whole number ≥ 0, got ${index}`);
	let v = 0;
	let scale = 1 / base;
	let rest = index;
	if (perms === null) {
		for (; rest > 0; rest = Math.floor(rest / base), scale /= base) v += (rest % base) * scale;
		return v;
	}
	for (const perm of perms) {
		v += perm[rest % base] * scale;
		rest = Math.floor(rest / base);
		scale /= base;
	}
	return Math.min(v, BELOW_ONE);
}

/** Point `index` of the d-dimensional Halton sequence, scrambled with `seed` unless seed is null. */
export function haltonPoint(index: number, dimensions: number, seed: number | null): Float64Array {
	const bases = firstPrimes(dimensions);
	return Float64Array.from(bases, (b, i) =>
		radicalInverse(index, b, seed === null ? null : digitPermutations(b, seed, i))
	);
}

export interface QuasiRandomOptions {
	readonly seed?: number;
}

export function quasiRandomSampler(options: QuasiRandomOptions = {}): Sampler {
	const seed = options.seed ?? 0;
	// The permutations depend on the seed and the dimension only: built once per dimension count.
	let cached: { bases: number[]; perms: Uint16Array[][] } | null = null;
	return {
		name: 'quasi_random',
		sample({ space, number }) {
			if (cached === null || cached.bases.length !== space.length) {
				const bases = firstPrimes(space.length);
				cached = { bases, perms: bases.map((b, i) => digitPermutations(b, seed, i)) };
			}
			const { bases, perms } = cached;
			return paramsFromUnit(
				space,
				Float64Array.from(bases, (b, i) => radicalInverse(number, b, perms[i]))
			);
		}
	};
}
