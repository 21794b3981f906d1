/**
 * Grid search: the Cartesian product of a few values per axis, visited in a seeded order so that a study cut
 * short still spreads over the grid. The order is a pseudo-random permutation of the grid's indices (a Feistel
 * network with cycle walking), so a grid of millions of points costs no memory; points already in the history
 * (in any state, running included) are skipped, so a study never asks for one point twice.
 */
import { createRng } from '../../../domain/random';
import type { Sampler } from '../sampler';
import { paramsKey, SpaceError, type Dimension, type ParamValue, type SearchSpace } from '../space';

export const DEFAULT_POINTS_PER_AXIS = 5;
const FEISTEL_ROUNDS = 4;

function spaced(low: number, high: number, count: number, log: boolean): number[] {
	const a = log ? Math.log(low) : low;
	const b = log ? Math.log(high) : high;
	return Array.from({ length: count }, (_, i) => {
		if (i === 0) return low;
		if (i === count - 1) return high;
		const v = a + ((b - a) * i) / (count - 1);
		return log ? Math.exp(v) : v;
	});
}

/** The values one axis takes on the grid, in increasing order (choices in their order). */
export function axisValues(d: Dimension, pointsPerAxis: number): ParamValue[] {
	if (d.kind === 'categorical') return [...d.choices];
	if (d.kind === 'float') return spaced(d.low, d.high, pointsPerAxis, d.log);
	if (d.high - d.low + 1 <= pointsPerAxis)
		return Array.from({ length: d.high - d.low + 1 }, (_, i) => d.low + i);
	return [...new Set(spaced(d.low, d.high, pointsPerAxis, d.log).map((v) => Math.round(v)))];
}

function checkPoints(pointsPerAxis: number): void {
	if (!Number.isInteger(pointsPerAxis) || pointsPerAxis < 2)
		throw new RangeError(`pointsPerAxis must be a whole number of at least 2, got ${pointsPerAxis}`);
}

/** The number of grid points: the product of the axes' value counts. */
export function gridSize(space: SearchSpace, pointsPerAxis = DEFAULT_POINTS_PER_AXIS): number {
	checkPoints(pointsPerAxis);
	return space.reduce((n, d) => n * axisValues(d, pointsPerAxis).length, 1);
}

/** A seeded bijection of [0, size): a balanced Feistel network on the next even power of two, cycle-walked. */
export function indexPermutation(size: number, seed: number): (index: number) => number {
	if (!(size >= 1) || size > Number.MAX_SAFE_INTEGER) throw new RangeError(`a grid of ${size} points`);
	let halfBits = 1;
	while (2 ** (2 * halfBits) < size) halfBits++;
	const half = 2 ** halfBits;
	const rng = createRng(seed).fork('grid-permutation');
	const keys = Array.from({ length: FEISTEL_ROUNDS }, () => rng.uint32());
	const round = (x: number, key: number): number => {
		let h = Math.imul(x ^ key, 0x9e3779b1);
		h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
		return ((h ^ (h >>> 13)) >>> 0) % half;
	};
	const once = (i: number): number => {
		let left = Math.floor(i / half);
		let right = i % half;
		for (const key of keys) [left, right] = [right, (left + round(right, key)) % half];
		return left * half + right;
	};
	return (index) => {
		let i = once(index);
		while (i >= size) i = once(i);
		return i;
	};
}

export interface GridOptions {
	readonly pointsPerAxis?: number;
	/** Seeds the visiting order; fixed for the study (the per-trial generator would change it every trial). */
	readonly seed?: number;
}

export function gridSampler(options: GridOptions = {}): Sampler {
	const pointsPerAxis = options.pointsPerAxis ?? DEFAULT_POINTS_PER_AXIS;
	checkPoints(pointsPerAxis);
	const seed = options.seed ?? 0;
	return {
		name: 'grid',
		sample({ space, history }) {
			const axes = space.map((d) => axisValues(d, pointsPerAxis));
			const size = axes.reduce((n, a) => n * a.length, 1);
			const order = indexPermutation(size, seed);
			const used = new Set(history.map((o) => paramsKey(space, o.params)));
			for (let p = 0; p < size; p++) {
				// Mixed-radix digits of the grid index, the last axis fastest.
				let rest = order(p);
				const params: Record<string, ParamValue> = {};
				for (let a = space.length - 1; a >= 0; a--) {
					params[space[a].name] = axes[a][rest % axes[a].length];
					rest = Math.floor(rest / axes[a].length);
				}
				if (!used.has(paramsKey(space, params))) return params;
			}
			throw new SpaceError(`the grid is exhausted: all ${size} points have been tried`);
		}
	};
}
