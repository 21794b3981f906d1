import { describe, expect, it } from 'vitest';
import { createRng } from '../domain/random';
import { pearsonDivergence, pedAnova, pedAnovaTrialsNeeded, type ImportanceObservation } from './importance';
import type { SearchSpace } from './study/space';

const unitSpace = (names: readonly string[]): SearchSpace =>
	names.map((name) => ({ kind: 'float', name, low: 0, high: 1, log: false }));

/** n uniform points of the unit cube (seeded), scored by `objective` (to maximise). */
function sampled(
	seed: number,
	n: number,
	names: readonly string[],
	objective: (x: Record<string, number>) => number
): ImportanceObservation[] {
	const rng = createRng(seed);
	return Array.from({ length: n }, () => {
		const params: Record<string, number> = {};
		for (const name of names) params[name] = rng.next();
		return { params, value: objective(params) };
	});
}

function shares(result: ReturnType<typeof pedAnova>): Record<string, number> {
	if (result.status !== 'ok') throw new Error(`expected importances, got ${result.status}`);
	return Object.fromEntries(result.importances.map((p) => [p.name, p.importance]));
}

describe('PED-ANOVA', () => {
	it('gives the one parameter that matters at least 0.8 of the importance', () => {
		// Only x0 moves the objective; 300 uniform trials, top 10 %. Measured: x0 0.986, x1 0.006, x2 0.008.
		const obs = sampled(7, 300, ['x0', 'x1', 'x2'], (p) => -((p.x0 - 0.3) ** 2));
		const s = shares(pedAnova(unitSpace(['x0', 'x1', 'x2']), obs));
		expect(s.x0).toBeGreaterThanOrEqual(0.8);
		expect(s.x1 + s.x2).toBeLessThan(0.2);
	});

	it('gives two equally important parameters similar shares', () => {
		// x0 and x1 enter symmetrically, x2 not at all. Measured over 1000 trials: x0 0.473, x1 0.508, x2 0.019.
		const obs = sampled(11, 1000, ['x0', 'x1', 'x2'], (p) => -((p.x0 - 0.5) ** 2) - (p.x1 - 0.5) ** 2);
		const s = shares(pedAnova(unitSpace(['x0', 'x1', 'x2']), obs));
		expect(Math.abs(s.x0 - s.x1)).toBeLessThan(0.1);
		expect(s.x0).toBeGreaterThan(0.4);
		expect(s.x1).toBeGreaterThan(0.4);
		expect(s.x2).toBeLessThan(0.1);
	});

	it('matches the divergence worked out by hand on two categorical parameters', () => {
		// Four trials, values 4 > 3 > 2 > 1; quantile 0.5 keeps the best ⌈0.5·4⌉ = 2, both with a = 'p'.
		// Categorical kernels (Optuna's parzen_estimator.py, prior weight 1):
		//   top, counts [2, 0]: 2 kernels, the observed row (½ + 1, ½)/2 = (¾, ¼), the prior row (½, ½);
		//     mixture weights (2, 1)/3 → p_top = ⅔(¾, ¼) + ⅓(½, ½) = (⅔, ⅓).
		//   all, counts [2, 2]: 3 kernels, rows (⅓ + 1, ⅓)/(5/3) = (0.8, 0.2), (0.2, 0.8), (½, ½);
		//     weights (2, 2, 1)/5 → p_all = (½, ½).
		//   divergence = ½(⅔/½ − 1)² + ½(⅓/½ − 1)² = ½·⅑ + ½·⅑ = 1/9.
		// Parameter b is 'x', 'y', 'x', 'y': the top pair holds one of each, p_top = p_all = (½, ½): divergence 0.
		const space: SearchSpace = [
			{ kind: 'categorical', name: 'a', choices: ['p', 'q'] },
			{ kind: 'categorical', name: 'b', choices: ['x', 'y'] }
		];
		const obs = [
			{ params: { a: 'p', b: 'x' }, value: 4 },
			{ params: { a: 'p', b: 'y' }, value: 3 },
			{ params: { a: 'q', b: 'x' }, value: 2 },
			{ params: { a: 'q', b: 'y' }, value: 1 }
		];
		const result = pedAnova(space, obs, { quantile: 0.5 });
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		expect(result.topTrials).toBe(2);
		expect(result.baselineTrials).toBe(4);
		const [a, b] = result.importances;
		expect(a.name).toBe('a');
		// The 1e-12 floor Optuna adds to each density moves the divergence by about 1e-12.
		expect(a.divergence).toBeCloseTo(1 / 9, 10);
		expect(a.importance).toBeCloseTo(1, 10);
		expect(b.divergence).toBeCloseTo(0, 10);
	});

	it('matches the divergence worked out by hand on a two-valued integer (Scott-rule kernels)', () => {
		// k ∈ {0, 1}, one grid point per value. Values 4, 3 at k = 1 and 2, 1 at k = 0; quantile 0.5 keeps k = 1 twice.
		// Top, counts [0, 2]: sd 0 and IQR 0, so σ = the floor 0.5/1.64; its kernel at 1 puts on x = 1
		//   a = (Φ(1.64) − Φ(−1.64)) / (Φ(1.64) − Φ(−4.92)) = (0.9494974165 − 0.0505025835) / (0.9494974165 − 4.3272e-7)
		//     = 0.9468116786 (Φ from scipy.stats.norm.cdf, scipy 1.10); the prior (μ ½, σ 2) gives ½ to each value.
		//   p_top(1) = ⅔ a + ⅓ ½ = 0.7978744524.
		// All, counts [2, 2]: kernels at 0 and 1 with one σ, and the prior at ½: symmetric, so p_all = (½, ½).
		// Divergence = ½ (2 p_top(1) − 1)² + ½ (2 p_top(0) − 1)² = (2 p_top(1) − 1)² = 0.3549167576.
		const space: SearchSpace = [{ kind: 'int', name: 'k', low: 0, high: 1, log: false }, ...unitSpace(['x'])];
		const obs = [
			{ params: { k: 1, x: 0.5 }, value: 4 },
			{ params: { k: 1, x: 0.5 }, value: 3 },
			{ params: { k: 0, x: 0.5 }, value: 2 },
			{ params: { k: 0, x: 0.5 }, value: 1 }
		];
		const result = pedAnova(space, obs, { quantile: 0.5 });
		if (result.status !== 'ok') throw new Error(result.status);
		expect(result.importances[0].name).toBe('k');
		// Tolerance 1e-9: the hand value carries 10 digits; our Φ agrees with scipy's to about 1e-15.
		expect(result.importances[0].divergence).toBeCloseTo(0.3549167576, 9);
		// x never moves, yet its divergence is not 0 (measured 0.103): the prior kernel weighs 1/3 among 2 top
		// trials but 1/5 among all 4, so the two densities differ. A small-sample effect of PED-ANOVA itself
		// (Optuna's docs ask for at least 5 trials above the baseline); it stays below the real effect.
		expect(result.importances[1].name).toBe('x');
		expect(result.importances[1].divergence).toBeLessThan(result.importances[0].divergence / 3);
	});

	it('is the plain Pearson divergence Σ p (q/p − 1)² on a grid', () => {
		// (½, ½) against (¼, ¾): ½(½ − 1)² + ½(3/2 − 1)² = ¼.
		expect(pearsonDivergence([0.25, 0.75], [0.5, 0.5])).toBeCloseTo(0.25, 15);
		expect(() => pearsonDivergence([1], [0.5, 0.5])).toThrow(RangeError);
	});

	it('is deterministic: the same observations give the same numbers in any order', () => {
		const obs = sampled(3, 120, ['x0', 'x1'], (p) => p.x0 + 0.1 * p.x1);
		const space = unitSpace(['x0', 'x1']);
		const first = pedAnova(space, obs);
		expect(pedAnova(space, obs)).toEqual(first);
		expect(pedAnova(space, [...obs].reverse())).toEqual(first);
	});

	it('says how many trials it needs instead of making up a number', () => {
		// Top 10 %: ⌈0.1·n⌉ ≥ 2 first holds at n = 11.
		expect(pedAnovaTrialsNeeded(0.1, 1)).toBe(11);
		const obs = sampled(5, 10, ['x0', 'x1'], (p) => p.x0);
		const result = pedAnova(unitSpace(['x0', 'x1']), obs);
		expect(result).toMatchObject({ status: 'insufficient_trials', have: 10, needed: 11 });
		if (result.status === 'insufficient_trials') expect(result.message).toContain('at least 11 trials');
	});

	it('leaves out trials without a value or with a param outside the space, and counts them', () => {
		const obs = sampled(9, 40, ['x0', 'x1'], (p) => p.x0);
		const extra: ImportanceObservation[] = [
			{ params: { x0: 0.5, x1: 0.5 }, value: null },
			{ params: { x0: 0.5, x1: 0.5 }, value: Number.NaN },
			{ params: { x0: 2, x1: 0.5 }, value: 10 },
			{ params: { x0: 0.5 }, value: 10 }
		];
		const result = pedAnova(unitSpace(['x0', 'x1']), [...obs, ...extra]);
		expect(result).toMatchObject({ status: 'ok', trials: 40, skipped: 4 });
	});

	it('gives a single-valued dimension 0 and shares the rest among the others', () => {
		const space: SearchSpace = [...unitSpace(['x0', 'x1']), { kind: 'categorical', name: 'c', choices: [1] }];
		const obs = sampled(2, 60, ['x0', 'x1'], (p) => p.x0).map((o) => ({
			...o,
			params: { ...o.params, c: 1 }
		}));
		const result = pedAnova(space, obs);
		const s = shares(result);
		expect(s.c).toBe(0);
		expect(s.x0 + s.x1).toBeCloseTo(1, 12);
	});

	it('bins integers one grid point per value and reads a narrowed baseline and a global comparison', () => {
		const space: SearchSpace = [
			{ kind: 'int', name: 'k', low: 1, high: 5, log: false },
			{ kind: 'float', name: 'lr', low: 1e-4, high: 1, log: true }
		];
		const rng = createRng(21);
		const obs = Array.from({ length: 200 }, () => {
			const k = 1 + rng.int(5);
			const lr = Math.exp(Math.log(1e-4) + rng.next() * Math.log(1e4));
			return { params: { k, lr }, value: -Math.abs(k - 4) + 0.01 * rng.normal() };
		});
		for (const options of [{}, { baselineQuantile: 0.5 }, { evaluateOnLocal: false }]) {
			const s = shares(pedAnova(space, obs, options));
			expect(s.k).toBeGreaterThan(0.8);
		}
	});

	it('refuses options out of range, naming the option', () => {
		const space = unitSpace(['x0']);
		expect(() => pedAnova(space, [], { quantile: 0 })).toThrow(/quantile/);
		expect(() => pedAnova(space, [], { quantile: 0.5, baselineQuantile: 0.4 })).toThrow(/baselineQuantile/);
		expect(pedAnova([{ kind: 'categorical', name: 'c', choices: ['a'] }], []).status).toBe('no_dimensions');
	});

	it('reports no contrast when ties put every trial in the top set', () => {
		const obs = Array.from({ length: 30 }, (_, i) => ({ params: { x0: i / 30 }, value: 1 }));
		expect(pedAnova(unitSpace(['x0']), obs).status).toBe('no_contrast');
	});
});
