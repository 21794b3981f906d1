import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/random';
import type { Observation } from '../sampler';
import type { SearchSpace } from '../space';
import { isSamplerName, makeSampler, SAMPLER_NAMES, type SamplerName } from './index';

const space: SearchSpace = [
	{ kind: 'float', name: 'lr', low: 1e-4, high: 0.5, log: true },
	{ kind: 'float', name: 'alpha', low: -1, high: 1, log: false },
	{ kind: 'int', name: 'depth', low: 1, high: 12, log: false },
	{ kind: 'int', name: 'leaves', low: 4, high: 512, log: true },
	{ kind: 'categorical', name: 'booster', choices: ['gbtree', 'dart'] },
	{ kind: 'categorical', name: 'flag', choices: [false, true] }
];

function within(p: Record<string, unknown>): boolean {
	const n = (k: string) => p[k] as number;
	return (
		n('lr') >= 1e-4 &&
		n('lr') <= 0.5 &&
		n('alpha') >= -1 &&
		n('alpha') <= 1 &&
		Number.isInteger(n('depth')) &&
		n('depth') >= 1 &&
		n('depth') <= 12 &&
		Number.isInteger(n('leaves')) &&
		n('leaves') >= 4 &&
		n('leaves') <= 512 &&
		['gbtree', 'dart'].includes(p.booster as string) &&
		typeof p.flag === 'boolean'
	);
}

/** 25 trials, a value for odd trials, running for every fifth, failed otherwise. */
function run(name: SamplerName, seed: number): Record<string, unknown>[] {
	const sampler = makeSampler(name, { seed });
	const history: Observation[] = [];
	const study = createRng(seed);
	for (let number = 0; number < 25; number++) {
		const params = sampler.sample({ space, history, number, rng: study.fork(`trial:${number}`) });
		const state = number % 5 === 4 ? 'running' : number % 2 === 1 ? 'complete' : 'failed';
		history.push({ number, params, value: state === 'complete' ? (params.alpha as number) : null, state });
	}
	return history.map((o) => ({ ...o.params }));
}

describe.each(SAMPLER_NAMES)('the %s sampler', (name) => {
	it('names every dimension with a value in its range or choices, integers whole', () => {
		const points = run(name, 1);
		for (const p of points) {
			expect(Object.keys(p).sort()).toEqual(['alpha', 'booster', 'depth', 'flag', 'leaves', 'lr']);
			expect(within(p)).toBe(true);
		}
	});

	it('is deterministic for a seed and a completion order', () => {
		expect(run(name, 4)).toEqual(run(name, 4));
	});
});

describe('makeSampler', () => {
	it('knows the six names and refuses any other', () => {
		expect(SAMPLER_NAMES.map((n) => makeSampler(n, { seed: 0 }).name)).toEqual([
			'random',
			'grid',
			'quasi_random',
			'tpe',
			'CMA-ES',
			'GP-EI'
		]);
		expect(makeSampler('gp', { seed: 0, acquisition: 'UCB' }).name).toBe('GP-UCB');
		expect(isSamplerName('tpe')).toBe(true);
		expect(isSamplerName('cma')).toBe(false);
		expect(() => makeSampler('cma' as SamplerName, { seed: 0 })).toThrow(/sampler must be one of/);
	});

	it('passes the grid its points per axis and TPE its options', () => {
		expect(() => makeSampler('grid', { seed: 0, pointsPerAxis: 1 })).toThrow(/pointsPerAxis/);
		expect(() => makeSampler('tpe', { seed: 0, tpe: { nEiCandidates: 0 } })).toThrow(/nEiCandidates/);
	});
});
