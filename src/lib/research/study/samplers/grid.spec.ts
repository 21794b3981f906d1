import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/random';
import type { Observation } from '../sampler';
import { paramsKey, SpaceError, type SearchSpace } from '../space';
import { axisValues, gridSampler, gridSize, indexPermutation } from './grid';

const small: SearchSpace = [
	{ kind: 'categorical', name: 'loss', choices: ['l1', 'l2', 'huber'] },
	{ kind: 'int', name: 'depth', low: 1, high: 2, log: false },
	{ kind: 'float', name: 'alpha', low: 0, high: 1, log: false }
];

function run(space: SearchSpace, trials: number, seed: number, pointsPerAxis = 3): Observation[] {
	const sampler = gridSampler({ pointsPerAxis, seed });
	const history: Observation[] = [];
	for (let number = 0; number < trials; number++) {
		const params = sampler.sample({ space, history, number, rng: createRng(number) });
		history.push({ number, params, value: 0, state: 'complete' });
	}
	return history;
}

describe('grid axes', () => {
	it('floats: evenly spaced with both ends exact, log-spaced on a log scale', () => {
		expect(axisValues({ kind: 'float', name: 'a', low: 0, high: 1, log: false }, 5)).toEqual([
			0, 0.25, 0.5, 0.75, 1
		]);
		const log = axisValues({ kind: 'float', name: 'lr', low: 1e-4, high: 1, log: true }, 5) as number[];
		expect(log[0]).toBe(1e-4);
		expect(log[4]).toBe(1);
		[1e-3, 1e-2, 1e-1].forEach((v, i) => expect(log[i + 1] / v).toBeCloseTo(1, 12));
	});

	it('integers: every value when they fit, else evenly spaced rounded values (log-spaced on a log scale)', () => {
		expect(axisValues({ kind: 'int', name: 'k', low: 2, high: 5, log: false }, 5)).toEqual([2, 3, 4, 5]);
		// 1 + 63 i / 4 = 1, 16.75, 32.5, 48.25, 64.
		expect(axisValues({ kind: 'int', name: 'k', low: 1, high: 64, log: false }, 5)).toEqual([
			1, 17, 33, 48, 64
		]);
		// 2^(6 i / 4) = 1, 2.83, 8, 22.6, 64.
		expect(axisValues({ kind: 'int', name: 'k', low: 1, high: 64, log: true }, 5)).toEqual([1, 3, 8, 23, 64]);
	});

	it('the grid size is the product of the axes, and pointsPerAxis below 2 is refused', () => {
		expect(gridSize(small, 3)).toBe(3 * 2 * 3);
		expect(gridSize(small)).toBe(3 * 2 * 5);
		expect(() => gridSize(small, 1)).toThrow(RangeError);
		expect(() => gridSampler({ pointsPerAxis: 2.5 })).toThrow(/pointsPerAxis/);
	});
});

describe('grid sampler', () => {
	it('covers every point exactly once, then throws that the grid is exhausted', () => {
		const history = run(small, 18, 3);
		const keys = new Set(history.map((o) => paramsKey(small, o.params)));
		expect(keys.size).toBe(18);
		const expected = new Set<string>();
		for (const loss of ['l1', 'l2', 'huber'])
			for (const depth of [1, 2])
				for (const alpha of [0, 0.5, 1]) expected.add(JSON.stringify([loss, depth, alpha]));
		expect(keys).toEqual(expected);
		const sampler = gridSampler({ pointsPerAxis: 3, seed: 3 });
		expect(() => sampler.sample({ space: small, history, number: 18, rng: createRng(0) })).toThrow(
			SpaceError
		);
		expect(() => sampler.sample({ space: small, history, number: 18, rng: createRng(0) })).toThrow(
			/the grid is exhausted/
		);
	});

	it('skips points already in the history in any state, running and failed included', () => {
		const sampler = gridSampler({ pointsPerAxis: 3, seed: 9 });
		const first = sampler.sample({ space: small, history: [], number: 0, rng: createRng(0) });
		const running: Observation = { number: 0, params: first, value: null, state: 'running' };
		const second = sampler.sample({ space: small, history: [running], number: 1, rng: createRng(1) });
		expect(paramsKey(small, second)).not.toBe(paramsKey(small, first));
		const failed: Observation = { number: 1, params: second, value: null, state: 'failed' };
		const third = sampler.sample({ space: small, history: [running, failed], number: 2, rng: createRng(2) });
		expect([first, second].map((p) => paramsKey(small, p))).not.toContain(paramsKey(small, third));
	});

	it('visits in an order fixed by the seed, not by the per-trial generator', () => {
		const a = run(small, 6, 1).map((o) => paramsKey(small, o.params));
		const b = run(small, 6, 1).map((o) => paramsKey(small, o.params));
		const c = run(small, 6, 2).map((o) => paramsKey(small, o.params));
		expect(b).toEqual(a);
		expect(c).not.toEqual(a);
	});

	it('the index permutation is a bijection of [0, n) and stays in range for a grid of 10^12 points', () => {
		for (const n of [1, 2, 7, 100, 1000]) {
			const perm = indexPermutation(n, 42);
			const seen = new Set(Array.from({ length: n }, (_, i) => perm(i)));
			expect(seen.size).toBe(n);
			expect(Math.max(...seen)).toBe(n - 1);
		}
		const big = indexPermutation(1e12, 1);
		for (let i = 0; i < 100; i++) {
			const j = big(i * 9_999_991);
			expect(Number.isInteger(j) && j >= 0 && j < 1e12).toBe(true);
		}
	});
});
