import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/random';
import type { Observation } from '../sampler';
import { toUnit, type SearchSpace } from '../space';
import { CMAES_DEFAULT_SIGMA0, cmaesSampler, reflectUnit, replayState } from './cmaes';
import { cmaParams, initialState, updateState } from './cmaes-core';
import {
	bestValue,
	coords,
	optimum,
	randomSearchBest,
	rotatedEllipsoid,
	runStudy,
	sphere,
	unitSpace
} from './cmaes-objectives';

const SEEDS = [1, 2, 3, 4, 5];

/** The first `count` trials of a sequential study on f, as observations (all complete). */
function studyOn(n: number, f: (u: readonly number[]) => number, count: number, seed = 7): Observation[] {
	return runStudy(cmaesSampler({ seed }), unitSpace(n), (p) => f(coords(p, n)), count);
}

describe('strategy parameters', () => {
	it('follow the tutorial defaults: λ = 4 + ⌊3 ln n⌋, μ = ⌊λ/2⌋, log-decreasing weights summing to 1', () => {
		const p2 = cmaParams(2);
		expect([p2.lambda, p2.mu]).toEqual([6, 3]);
		expect([cmaParams(5).lambda, cmaParams(5).mu]).toEqual([8, 4]);
		expect([cmaParams(10).lambda, cmaParams(10).mu]).toEqual([10, 5]);
		// Hand-computed for λ = 6: w' = ln 3.5 − ln i = 1.252763, 0.559616, 0.154151; Σ = 1.966530.
		expect(Array.from(p2.weights)).toEqual([
			expect.closeTo(0.637043, 5),
			expect.closeTo(0.28457, 5),
			expect.closeTo(0.078387, 5)
		]);
		// μ_eff = 1 / Σ w² = 1 / (0.405823 + 0.080980 + 0.006145) = 2.02861.
		expect(p2.muEff).toBeCloseTo(2.02861, 4);
		// c_σ = (μ_eff + 2)/(n + μ_eff + 5), c_1 = 2/((n + 1.3)² + μ_eff) (Table 1).
		expect(p2.cs).toBeCloseTo(4.02861 / 9.02861, 5);
		expect(p2.c1).toBeCloseTo(2 / (3.3 ** 2 + 2.02861), 5);
	});

	it('refuse a population below 2 and a dimension below 1, naming the field', () => {
		expect(() => cmaParams(2, 1)).toThrow(/populationSize/);
		expect(() => cmaParams(0)).toThrow(/dimension/);
		expect(() => cmaesSampler({ seed: 1, sigma0: 0 })).toThrow(/sigma0/);
		expect(() => cmaesSampler({ seed: 1, nStartupTrials: -1 })).toThrow(/nStartupTrials/);
		expect(() => cmaesSampler({ seed: Number.NaN })).toThrow(RangeError);
	});
});

describe('the update', () => {
	it('grows the step size on a linear slope and shrinks it at an optimum', () => {
		const p = cmaParams(2);
		let up = initialState([0.5, 0.5], 0.05);
		let down = initialState([0.5, 0.5], 0.05);
		const rng = createRng(3);
		for (let g = 0; g < 10; g++) {
			const draw = (s: typeof up) =>
				Array.from({ length: p.lambda }, () => s.mean.map((m) => m + s.sigma * rng.normal()));
			const a = draw(up).sort((x, y) => y[0] - x[0]); // maximise x0: a linear function
			up = updateState(p, up, a);
			const b = draw(down).sort(
				(x, y) => Math.hypot(x[0] - 0.5, x[1] - 0.5) - Math.hypot(y[0] - 0.5, y[1] - 0.5)
			);
			down = updateState(p, down, b);
		}
		expect(up.sigma).toBeGreaterThan(0.05 * 2);
		expect(up.mean[0]).toBeGreaterThan(0.5 + 0.05 * 5);
		expect(down.sigma).toBeLessThan(0.05);
	});
});

describe('convergence (maximising −f; ε and budgets stated per case)', () => {
	it.each([2, 3, 5])(
		'on a sphere in %i dims it is within 1e-4 of the optimum after 60·n trials, every seed, and beats random search',
		(n) => {
			for (const seed of SEEDS) {
				const f = sphere(optimum(n, seed));
				const best = bestValue(
					runStudy(cmaesSampler({ seed }), unitSpace(n), (p) => f(coords(p, n)), 60 * n)
				);
				expect(best, `seed ${seed}`).toBeGreaterThan(-1e-4);
				expect(best, `seed ${seed}`).toBeGreaterThan(randomSearchBest(n, f, 60 * n, seed));
			}
		}
	);

	it.each([
		[2, 400],
		[3, 600],
		[5, 1000]
	])(
		'on a rotated ellipsoid (condition 1000) in %i dims it is within 1e-5 after %i trials and beats random search',
		(n, budget) => {
			for (const seed of SEEDS.slice(0, 4)) {
				const f = rotatedEllipsoid(optimum(n, seed), seed);
				const best = bestValue(
					runStudy(cmaesSampler({ seed }), unitSpace(n), (p) => f(coords(p, n)), budget)
				);
				expect(best, `seed ${seed}`).toBeGreaterThan(-1e-5);
				expect(best, `seed ${seed}`).toBeGreaterThan(randomSearchBest(n, f, budget, seed));
			}
		},
		30_000
	);
});

describe('replay from the history', () => {
	const n = 3;
	const f = sphere([0.3, 0.6, 0.4]);
	const history = studyOn(n, f, 40);
	const space = unitSpace(n);
	const ask = (h: readonly Observation[], number = h.length, seed = 7) =>
		cmaesSampler({ seed }).sample({ space, history: h, number, rng: createRng(999) });

	it('gives the same point for the same history, whatever order the history is listed in', () => {
		const shuffled = [...history].sort((a, b) => ((a.number * 7919) % 41) - ((b.number * 7919) % 41));
		expect(shuffled.map((o) => o.number)).not.toEqual(history.map((o) => o.number));
		expect(ask(shuffled, 40)).toEqual(ask(history));
		// and re-asking an earlier trial number reproduces the point it was given
		expect(ask(history.slice(0, 23), 23)).toEqual(history[23].params);
	});

	it('ignores the request generator: the point depends on the sampler seed only', () => {
		const a = cmaesSampler({ seed: 7 }).sample({ space, history, number: 40, rng: createRng(1) });
		const b = cmaesSampler({ seed: 7 }).sample({ space, history, number: 40, rng: createRng(2) });
		expect(a).toEqual(b);
		expect(ask(history, 40, 8)).not.toEqual(a);
	});

	it('a running member blocks its generation and every later one from updating the distribution', () => {
		const p = cmaParams(n);
		const pending = history
			.slice(0, 2 * p.lambda)
			.map((o, i) => (i === 2 ? { ...o, state: 'running' as const } : o));
		const blocked = replayState(space, pending, p, CMAES_DEFAULT_SIGMA0, 0, 2);
		expect(Array.from(blocked.mean)).toEqual([0.5, 0.5, 0.5]);
		expect(blocked.sigma).toBe(CMAES_DEFAULT_SIGMA0);
		// Changing the other members' values while one is pending does not move the next generation's point ...
		const reweighed = pending.map((o) => (o.state === 'complete' ? { ...o, value: -(o.value ?? 0) } : o));
		expect(ask(pending, 2 * p.lambda)).toEqual(ask(reweighed, 2 * p.lambda));
		// ... and once the member completes, the update happens and the point moves.
		const done = replayState(space, history.slice(0, 2 * p.lambda), p, CMAES_DEFAULT_SIGMA0, 0, 2);
		expect(done.updates).toBe(2);
		expect(ask(history.slice(0, 2 * p.lambda))).not.toEqual(ask(pending, 2 * p.lambda));
	});

	it('a failed member ranks below every value, and a generation that all failed changes nothing', () => {
		const p = cmaParams(n);
		const gen = history.slice(0, p.lambda);
		const bestIdx = gen.reduce((b, o, i) => ((o.value ?? 0) > (gen[b].value ?? 0) ? i : b), 0);
		const failed = gen.map((o, i) => (i === bestIdx ? { ...o, value: null, state: 'failed' as const } : o));
		const worst = gen.map((o, i) => (i === bestIdx ? { ...o, value: -1e300 } : o));
		const a = replayState(space, failed, p, CMAES_DEFAULT_SIGMA0, 0, 1);
		expect(a.updates).toBe(1);
		expect(a).toEqual(replayState(space, worst, p, CMAES_DEFAULT_SIGMA0, 0, 1));
		const allFailed = gen.map((o) => ({ ...o, value: null, state: 'failed' as const }));
		const none = replayState(space, allFailed, p, CMAES_DEFAULT_SIGMA0, 0, 1);
		expect([none.updates, none.sigma]).toEqual([0, CMAES_DEFAULT_SIGMA0]);
	});
});

describe('the unit cube', () => {
	it('reflects coordinates outside [0, 1] back inside', () => {
		expect(reflectUnit(1.2)).toBeCloseTo(0.8, 12);
		expect(reflectUnit(-0.3)).toBeCloseTo(0.3, 12);
		expect(reflectUnit(2.5)).toBeCloseTo(0.5, 12);
		expect(reflectUnit(0.4)).toBe(0.4);
	});

	it('samples integer and log dimensions within their ranges, and categoricals independently of the others', () => {
		const space: SearchSpace = [
			{ kind: 'float', name: 'lr', low: 1e-4, high: 1, log: true },
			{ kind: 'int', name: 'depth', low: 1, high: 8, log: false },
			{ kind: 'categorical', name: 'kind', choices: ['a', 'b', 'c'] }
		];
		const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
		const h = runStudy(
			cmaesSampler({ seed: 4, sigma0: 1 }),
			space,
			(p) =>
				-((Math.log10(p.lr as number) + 2) ** 2) - ((p.depth as number) - 5) ** 2 + (p.kind === 'a' ? 1 : 0),
			120
		);
		for (const o of h) {
			const lr = o.params.lr as number;
			expect(lr >= 1e-4 && lr <= 1).toBe(true);
			expect(Number.isInteger(o.params.depth) && (o.params.depth as number) >= 1).toBe(true);
			counts[o.params.kind as string]++;
		}
		// Independent uniform draws: each of 3 choices within 40 ± 15 of 120 (not steered by the values).
		for (const c of ['a', 'b', 'c']) expect(Math.abs(counts[c] - 40), c).toBeLessThan(15);
		// The continuous part still converges: the last generation is near lr = 1e-2, depth = 5.
		const last = h.slice(-5);
		expect(last.every((o) => o.params.depth === 5)).toBe(true);
		expect(last.every((o) => Math.abs(toUnit(space[0], o.params.lr) - 0.5) < 0.05)).toBe(true);
	});

	it('searches a space of categoricals only at random, every choice reachable', () => {
		const space: SearchSpace = [
			{ kind: 'categorical', name: 'a', choices: [1, 2, 3] },
			{ kind: 'categorical', name: 'b', choices: [true, false] }
		];
		const h = runStudy(cmaesSampler({ seed: 2 }), space, (p) => (p.a === 3 && p.b ? 1 : 0), 60);
		expect(new Set(h.map((o) => JSON.stringify(o.params))).size).toBe(6);
	});

	it('draws nStartupTrials uniform points first, then starts generation 0', () => {
		const space = unitSpace(2);
		const withStartup = cmaesSampler({ seed: 5, nStartupTrials: 4 });
		const plain = cmaesSampler({ seed: 5 });
		const rng = createRng(0);
		const first = withStartup.sample({ space, history: [], number: 4, rng });
		expect(first).toEqual(plain.sample({ space, history: [], number: 0, rng }));
		const early = [0, 1, 2, 3].map((k) => withStartup.sample({ space, history: [], number: k, rng }));
		expect(new Set(early.map((p) => JSON.stringify(p))).size).toBe(4);
	});
});
