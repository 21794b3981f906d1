import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/random';
import type { Observation } from '../sampler';
import type { Params, SearchSpace } from '../space';
import { randomSampler } from './random';
import { simulateStudy } from './simulate';
import { defaultGamma, defaultWeights, rankObservations, tpeSampler } from './tpe';

const space: SearchSpace = [
	{ kind: 'float', name: 'lr', low: 1e-5, high: 1, log: true },
	{ kind: 'int', name: 'depth', low: 1, high: 64, log: false },
	{ kind: 'int', name: 'leaves', low: 2, high: 1024, log: true },
	{ kind: 'categorical', name: 'kind', choices: ['a', 'b', 'c', true, null] },
	{ kind: 'float', name: 'x', low: -2, high: 3, log: false }
];

const objective = (p: Params) =>
	-((Math.log10(p.lr as number) + 3) ** 2) - Math.abs((p.depth as number) - 20) / 8;

function obs(number: number, value: number | null, state: Observation['state'] = 'complete'): Observation {
	return { number, params: { lr: 0.01, depth: number + 1, leaves: 8, kind: 'a', x: 0 }, value, state };
}

describe("Optuna's defaults", () => {
	it('gamma is ceil(0.1 n) capped at 25 (optuna.samplers._tpe.sampler.default_gamma)', () => {
		expect([0, 1, 10, 11, 100, 241, 250, 251, 1000].map(defaultGamma)).toEqual([
			0, 1, 1, 2, 10, 25, 25, 25, 25
		]);
	});

	it('weights are 1 for the last 25 observations and a ramp from 1/n up to 1 before them (default_weights)', () => {
		expect(Array.from(defaultWeights(0))).toEqual([]);
		expect(Array.from(defaultWeights(25))).toEqual(new Array(25).fill(1));
		const w = defaultWeights(28); // numpy.linspace(1/28, 1, 3) then 25 ones
		expect(w[0]).toBeCloseTo(1 / 28, 15);
		expect(w[1]).toBeCloseTo((1 / 28 + 1) / 2, 15);
		expect(w[2]).toBe(1);
		expect(Array.from(w.subarray(3))).toEqual(new Array(25).fill(1));
		expect(defaultWeights(26)[0]).toBeCloseTo(1 / 26, 15);
	});
});

describe('which observations TPE learns from', () => {
	it('completes best first, then pruned ones with a value below them; failed, running and valueless are ignored', () => {
		const history = [
			obs(0, 1),
			obs(1, 5, 'pruned'),
			obs(2, null, 'pruned'),
			obs(3, 3),
			obs(4, null, 'failed'),
			obs(5, 9, 'running'),
			obs(6, Number.NaN),
			obs(7, 2, 'pruned')
		];
		const rows = rankObservations(history, [obs(0, 4)], 0.5);
		expect(rows.map((r) => [r.age, r.obs.number, r.value])).toEqual([
			[0, 0, 4],
			[1, 3, 3],
			[1, 0, 1],
			[1, 1, 5],
			[1, 7, 2]
		]);
		expect(rows.map((r) => r.weightFactor)).toEqual([0.5, 1, 1, 1, 1]);
	});

	it('the first nStartupTrials finished trials are random draws from request.rng', () => {
		const history = Array.from({ length: 9 }, (_, i) => obs(i, i));
		const tpe = tpeSampler().sample({ space, history, number: 9, rng: createRng(3) });
		expect(tpe).toEqual(randomSampler().sample({ space, history, number: 9, rng: createRng(3) }));
		// The tenth finished trial switches TPE on; running ones do not count.
		const ten = [...history, obs(9, 9)];
		expect(tpeSampler().sample({ space, history: ten, number: 10, rng: createRng(3) })).not.toEqual(tpe);
		const running = [...history, obs(9, null, 'running')];
		expect(tpeSampler().sample({ space, history: running, number: 10, rng: createRng(3) })).toEqual(tpe);
		// Prior observations count toward the startup.
		const warm = tpeSampler().sample({ space, history, prior: [obs(0, 1)], number: 9, rng: createRng(3) });
		expect(warm).not.toEqual(tpe);
	});

	it('a prior observation with values outside this space is left out of those dimensions, not an error', () => {
		const prior: Observation[] = [
			{ number: 0, params: { lr: 50, depth: 2.5, kind: 'zzz', x: 'text' }, value: 10, state: 'complete' },
			...Array.from({ length: 12 }, (_, i) => obs(i + 1, i))
		];
		const p = tpeSampler().sample({ space, history: [], prior, number: 0, rng: createRng(1) });
		expect(Object.keys(p).sort()).toEqual(['depth', 'kind', 'leaves', 'lr', 'x']);
	});
});

describe('TPE output', () => {
	it('every value is in its range or among its choices, and integers are whole (120 trials, mixed states)', () => {
		const sampler = tpeSampler();
		const history: Observation[] = [];
		const rng = createRng(99);
		for (let number = 0; number < 120; number++) {
			const p = sampler.sample({ space, history, number, rng: rng.fork(`t${number}`) });
			expect(Object.keys(p).sort()).toEqual(['depth', 'kind', 'leaves', 'lr', 'x']);
			const lr = p.lr as number;
			expect(lr >= 1e-5 && lr <= 1).toBe(true);
			for (const [name, lo, hi] of [
				['depth', 1, 64],
				['leaves', 2, 1024]
			] as const) {
				const v = p[name] as number;
				expect(Number.isInteger(v) && v >= lo && v <= hi).toBe(true);
			}
			expect(['a', 'b', 'c', true, null]).toContain(p.kind);
			expect((p.x as number) >= -2 && (p.x as number) <= 3).toBe(true);
			const state = (['complete', 'complete', 'pruned', 'failed', 'running'] as const)[number % 5];
			const value = state === 'failed' || state === 'running' ? null : objective(p);
			history.push({ number, params: p, value, state });
		}
	});

	it('the same seed and the same completion order give the same parameters', () => {
		const a = simulateStudy(tpeSampler(), space, objective, { trials: 30, seed: 8 });
		const b = simulateStudy(tpeSampler(), space, objective, { trials: 30, seed: 8 });
		expect(b.map((o) => o.params)).toEqual(a.map((o) => o.params));
		const c = simulateStudy(tpeSampler(), space, objective, { trials: 30, seed: 9 });
		expect(c.map((o) => o.params)).not.toEqual(a.map((o) => o.params));
	});

	it('a different completion order is deterministic too, and changes what TPE proposes', () => {
		const done = simulateStudy(tpeSampler(), space, objective, { trials: 20, seed: 2 });
		// Order A: trials 17 and 18 finished, 19 still running; order B: 19 finished, 17 and 18 running.
		const orderA = done.map((o) => (o.number === 19 ? { ...o, value: null, state: 'running' as const } : o));
		const orderB = done.map((o) =>
			o.number === 17 || o.number === 18 ? { ...o, value: null, state: 'running' as const } : o
		);
		const ask = (history: Observation[]) =>
			tpeSampler().sample({ space, history, number: 20, rng: createRng(2).fork('trial:20') });
		expect(ask(orderA)).toEqual(ask(orderA));
		expect(ask(orderB)).toEqual(ask(orderB));
		expect(ask(orderB)).not.toEqual(ask(orderA));
	});

	it('refuses bad options, naming the field', () => {
		expect(() => tpeSampler({ nStartupTrials: -1 })).toThrow(/nStartupTrials/);
		expect(() => tpeSampler({ nEiCandidates: 0 })).toThrow(/nEiCandidates/);
		expect(() => tpeSampler({ priorWeight: 0 })).toThrow(/priorWeight/);
		expect(() => tpeSampler({ parzenPriorWeight: -1 })).toThrow(/parzenPriorWeight/);
	});
});
