import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/random';
import type { Observation } from '../sampler';
import type { SearchSpace } from '../space';
import { randomSampler } from './random';

const space: SearchSpace = [
	{ kind: 'float', name: 'lr', low: 1e-4, high: 1, log: true },
	{ kind: 'int', name: 'depth', low: 2, high: 6, log: false },
	{ kind: 'categorical', name: 'loss', choices: ['l1', 'l2', 'huber'] }
];

describe('random sampler', () => {
	it('draws from request.rng only: the same generator gives the same point whatever the history', () => {
		const history: Observation[] = [
			{ number: 0, params: { lr: 0.1, depth: 3, loss: 'l1' }, value: 1, state: 'complete' }
		];
		const a = randomSampler().sample({ space, history: [], number: 0, rng: createRng(5) });
		const b = randomSampler().sample({ space, history, number: 1, rng: createRng(5) });
		expect(b).toEqual(a);
		expect(randomSampler().sample({ space, history, number: 1, rng: createRng(6) })).not.toEqual(a);
	});

	it('is uniform: each choice and integer about equally often, log10(lr) uniform (6,000 draws, within 0.03)', () => {
		const rng = createRng(11);
		const n = 6000;
		const loss = new Map<unknown, number>();
		const depth = new Map<unknown, number>();
		let lowDecade = 0;
		for (let i = 0; i < n; i++) {
			const p = randomSampler().sample({ space, history: [], number: i, rng });
			loss.set(p.loss, (loss.get(p.loss) ?? 0) + 1);
			depth.set(p.depth, (depth.get(p.depth) ?? 0) + 1);
			if ((p.lr as number) < 1e-3) lowDecade++;
		}
		expect([...loss.keys()].sort()).toEqual(['huber', 'l1', 'l2']);
		for (const c of loss.values()) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(0.03);
		expect([...depth.keys()].sort()).toEqual([2, 3, 4, 5, 6]);
		for (const c of depth.values()) expect(Math.abs(c / n - 1 / 5)).toBeLessThan(0.03);
		// [1e-4, 1e-3) is one decade of four.
		expect(Math.abs(lowDecade / n - 0.25)).toBeLessThan(0.03);
	});
});
