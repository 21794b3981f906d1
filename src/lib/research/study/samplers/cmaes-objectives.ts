/**
 * Test objectives on the unit cube for the samplers' specs (seeded, labelled as such): a sphere and a rotated
 * ellipsoid around an optimum inside the cube, as scores to maximise (0 at the optimum), plus the study loop
 * that asks a sampler once per trial with every earlier trial complete.
 */
import { createRng } from '../../../domain/random';
import type { Observation, Sampler } from '../sampler';
import type { Params, SearchSpace } from '../space';

export function unitSpace(n: number): SearchSpace {
	return Array.from({ length: n }, (_, i) => ({
		kind: 'float' as const,
		name: `x${i}`,
		low: 0,
		high: 1,
		log: false
	}));
}

export const coords = (p: Params, n: number): number[] =>
	Array.from({ length: n }, (_, i) => p[`x${i}`] as number);

/** An optimum drawn uniformly in [0.2, 0.8]ⁿ from `seed`. */
export function optimum(n: number, seed: number): number[] {
	const rng = createRng(seed).fork('optimum');
	return Array.from({ length: n }, () => 0.2 + 0.6 * rng.next());
}

/** −‖u − c‖². */
export function sphere(c: readonly number[]): (u: readonly number[]) => number {
	return (u) => -u.reduce((s, ui, i) => s + (ui - c[i]) ** 2, 0);
}

/** −Σ 10^(3i/(n−1)) (R(u − c))_i² with R a seeded random rotation: condition number 1000. */
export function rotatedEllipsoid(c: readonly number[], seed: number): (u: readonly number[]) => number {
	const n = c.length;
	const rng = createRng(seed).fork('rotation');
	const R: number[][] = [];
	for (let i = 0; i < n; i++) {
		const v = Array.from({ length: n }, () => rng.normal());
		for (const r of R) {
			const d = r.reduce((s, rk, k) => s + rk * v[k], 0);
			r.forEach((rk, k) => (v[k] -= d * rk));
		}
		const norm = Math.hypot(...v);
		R.push(v.map((x) => x / norm));
	}
	const scale = Array.from({ length: n }, (_, i) => 10 ** (n === 1 ? 0 : (3 * i) / (n - 1)));
	return (u) =>
		-R.reduce((s, r, i) => s + scale[i] * r.reduce((t, rk, k) => t + rk * (u[k] - c[k]), 0) ** 2, 0);
}

/** Runs `budget` sequential trials (each complete before the next is asked) and returns the history. */
export function runStudy(
	sampler: Sampler,
	space: SearchSpace,
	objective: (p: Params) => number,
	budget: number,
	seed = 0
): Observation[] {
	const history: Observation[] = [];
	const rng = createRng(seed);
	for (let k = 0; k < budget; k++) {
		const params = sampler.sample({ space, history, number: k, rng: rng.fork(`trial:${k}`) });
		history.push({ number: k, params, value: objective(params), state: 'complete' });
	}
	return history;
}

/** The best value of `budget` uniform points (random search). */
export function randomSearchBest(
	n: number,
	objective: (u: readonly number[]) => number,
	budget: number,
	seed: number
): number {
	const rng = createRng(seed).fork('random-search');
	let best = Number.NEGATIVE_INFINITY;
	for (let k = 0; k < budget; k++)
		best = Math.max(best, objective(Array.from({ length: n }, () => rng.next())));
	return best;
}

export const bestValue = (h: readonly Observation[]): number =>
	h.reduce((b, o) => (o.value !== null && o.value > b ? o.value : b), Number.NEGATIVE_INFINITY);
