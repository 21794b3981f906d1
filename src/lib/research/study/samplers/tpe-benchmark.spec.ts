import { describe, expect, it } from 'vitest';
import type { Observation } from '../sampler';
import type { Params, SearchSpace } from '../space';
import { randomSampler } from './random';
import { bestValue, simulateStudy } from './simulate';
import { tpeSampler } from './tpe';

/**
 * A 4-D objective with a narrow optimum (0 at lr = 1e-3, depth = 20, kind = 'c', x = 0.3): a log-scale float
 * over five decades, an integer of 64 values, a categorical of 4 and a float in a steep bowl.
 */
const space: SearchSpace = [
	{ kind: 'float', name: 'lr', low: 1e-5, high: 1, log: true },
	{ kind: 'int', name: 'depth', low: 1, high: 64, log: false },
	{ kind: 'categorical', name: 'kind', choices: ['a', 'b', 'c', 'd'] },
	{ kind: 'float', name: 'x', low: 0, high: 1, log: false }
];

function objective(p: Params): number {
	const lr = Math.log10(p.lr as number) + 3;
	const depth = ((p.depth as number) - 20) / 8;
	const x = (p.x as number) - 0.3;
	return -(lr * lr + depth * depth + 20 * x * x + (p.kind === 'c' ? 0 : 1.5));
}

const SEEDS = 20;
const BUDGET = 60;

describe('TPE against random search at equal budget', () => {
	it('TPE finds better optima than random search over 20 seeds of 60 trials', () => {
		// Measured: mean best −0.49 (TPE) against −1.51 (random); TPE better on 17 of 20 seeds. ~0.8 s.
		let tpe = 0;
		let random = 0;
		let wins = 0;
		for (let seed = 0; seed < SEEDS; seed++) {
			const a = bestValue(simulateStudy(tpeSampler(), space, objective, { trials: BUDGET, seed }));
			const b = bestValue(simulateStudy(randomSampler(), space, objective, { trials: BUDGET, seed }));
			tpe += a / SEEDS;
			random += b / SEEDS;
			if (a > b) wins++;
		}
		expect(tpe).toBeGreaterThan(random + 0.5);
		expect(wins).toBeGreaterThanOrEqual(15);
	});

	it('warm-started from an earlier study of the same objective, TPE reaches the optimum region sooner', () => {
		// The prior: a 60-trial TPE study with another seed. Region: objective ≥ −1. Measured: first trial in the
		// region at 8.4 on average warm against 37.3 cold (60 when never reached); sooner on 19 of 20 seeds. ~3 s.
		const firstIn = (h: readonly Observation[]) => {
			const i = h.findIndex((o) => (o.value ?? -Infinity) >= -1);
			return i < 0 ? h.length : i + 1;
		};
		let warm = 0;
		let cold = 0;
		let sooner = 0;
		for (let seed = 0; seed < SEEDS; seed++) {
			const prior = simulateStudy(tpeSampler(), space, objective, { trials: BUDGET, seed: 1000 + seed });
			const w = firstIn(simulateStudy(tpeSampler(), space, objective, { trials: BUDGET, seed, prior }));
			const c = firstIn(simulateStudy(tpeSampler(), space, objective, { trials: BUDGET, seed }));
			warm += w / SEEDS;
			cold += c / SEEDS;
			if (w < c) sooner++;
		}
		expect(warm).toBeLessThan(cold / 2);
		expect(sooner).toBeGreaterThanOrEqual(15);
	});
});
