/**
 * CMA-ES sampler (catalog entry `hyperparameter_evolution`, sampler 'CMA-ES') over the unit cube of the space.
 *
 * A study asks once per trial and trials finish out of order, so the sampler keeps no state: every call rebuilds
 * the distribution by replaying generations from the history. After `nStartupTrials` independent uniform trials,
 * generation g is the trials numbered nStartupTrials + [g·λ, (g+1)·λ). Generations are applied in order while
 * they are complete — every member has a value (complete, or pruned with a value) or failed (a failed trial, or
 * one with no finite value, ranks below every value) — and the replay stops at the first generation with a
 * running member: pending members block the update, and so do they for every later generation. A generation
 * in which every member failed leaves the distribution unchanged. The update reads each member's evaluated
 * parameters (mapped back with `toUnit`), so a generation drawn from an older distribution still updates
 * correctly. Trial k is the (k mod λ)-th point of its generation, drawn from the sampler's seed forked by the
 * generation number: the same history gives the same point, whatever order the history lists the trials in.
 *
 * Boundaries: a coordinate outside [0, 1] is REFLECTED back into the cube (u → 2 − u above 1, −u below 0,
 * repeated), and the update uses the reflected point, which is the one evaluated. Integer dimensions take part
 * as continuous coordinates (rounded by the space, read back at their cell centre). Categorical dimensions do
 * not take part: like Optuna's CmaEsSampler, which samples categoricals with its independent (random) sampler,
 * each member's categorical coordinates are independent uniform draws from the generation's generator; a space
 * of categoricals only is therefore random search. The first generation starts at the cube's centre (Optuna's
 * default x0); startup trials do not move it. Values are maximised.
 */
import { createRng, type Rng } from '../../../domain/random';
import type { Observation, SampleRequest, Sampler } from '../sampler';
import { paramsFromUnit, toUnit, type SearchSpace } from '../space';
import {
	cmaParams,
	initialState,
	samplePoint,
	updateState,
	type CmaParams,
	type CmaState
} from './cmaes-core';

export interface CmaesOptions {
	readonly seed: number;
	/** λ; the tutorial's 4 + ⌊3 ln n⌋ (n = the number of non-categorical dimensions) when omitted. */
	readonly populationSize?: number;
	/** Initial step size in the unit cube. */
	readonly sigma0?: number;
	/** Independent uniform trials before the first generation. */
	readonly nStartupTrials?: number;
}

/** Default initial step in the unit cube: a third of a side, so ±1σ covers most of the cube from its centre. */
export const CMAES_DEFAULT_SIGMA0 = 0.3;

/** u folded back into [0, 1] by reflection at both faces. */
export function reflectUnit(u: number): number {
	const t = u - 2 * Math.floor(u / 2);
	return t > 1 ? 2 - t : t;
}

function checkOptions(o: CmaesOptions): void {
	if (!Number.isFinite(o.seed)) throw new RangeError(`cmaes: seed must be a finite number, got ${o.seed}`);
	if (o.populationSize !== undefined && !(Number.isInteger(o.populationSize) && o.populationSize >= 2))
		throw new RangeError(`cmaes: populationSize must be a whole number ≥ 2, got ${o.populationSize}`);
	const s = o.sigma0 ?? CMAES_DEFAULT_SIGMA0;
	if (!(s > 0 && s <= 1)) throw new RangeError(`cmaes: sigma0 must be in (0, 1], got ${s}`);
	const k = o.nStartupTrials ?? 0;
	if (!(Number.isInteger(k) && k >= 0))
		throw new RangeError(`cmaes: nStartupTrials must be a whole number ≥ 0, got ${k}`);
}

/** A member's score for ranking: its value, or −∞ when it failed or has no finite value. */
function score(o: Observation): number {
	const valued = o.state === 'complete' || o.state === 'pruned';
	return valued && o.value !== null && Number.isFinite(o.value) ? o.value : Number.NEGATIVE_INFINITY;
}

/** The distribution generation `upTo` is drawn from: generations [0, upTo) replayed while complete. */
export function replayState(
	space: SearchSpace,
	history: readonly Observation[],
	p: CmaParams,
	sigma0: number,
	startup: number,
	upTo: number
): CmaState {
	const cont = space.flatMap((d, i) => (d.kind === 'categorical' ? [] : [i]));
	const byNumber = new Map(history.map((o) => [o.number, o]));
	let state = initialState(new Float64Array(p.n).fill(0.5), sigma0);
	for (let g = 0; g < upTo; g++) {
		const members: Observation[] = [];
		for (let j = 0; j < p.lambda; j++) {
			const o = byNumber.get(startup + g * p.lambda + j);
			if (!o || o.state === 'running') return state;
			members.push(o);
		}
		const ranked = members
			.map((o) => ({ o, s: score(o) }))
			.sort((a, b) => b.s - a.s || a.o.number - b.o.number);
		if (ranked[0].s === Number.NEGATIVE_INFINITY) continue;
		const points = ranked.map(({ o }) =>
			Float64Array.from(cont, (i) => toUnit(space[i], o.params[space[i].name]))
		);
		state = updateState(p, state, points);
	}
	return state;
}

function uniform(space: SearchSpace, rng: Rng): Record<string, number | string | boolean | null> {
	return paramsFromUnit(
		space,
		space.map(() => rng.next())
	);
}

export function cmaesSampler(options: CmaesOptions): Sampler {
	checkOptions(options);
	const sigma0 = options.sigma0 ?? CMAES_DEFAULT_SIGMA0;
	const startup = options.nStartupTrials ?? 0;
	const base = createRng(options.seed);
	return {
		name: 'CMA-ES',
		sample({ space, history, number }: SampleRequest) {
			if (!(Number.isInteger(number) && number >= 0))
				throw new RangeError(`cmaes: number must be a whole number ≥ 0, got ${number}`);
			const cont = space.flatMap((d, i) => (d.kind === 'categorical' ? [] : [i]));
			if (number < startup) return uniform(space, base.fork(`cmaes:startup:${number}`));
			if (cont.length === 0) return uniform(space, base.fork(`cmaes:categorical:${number}`));
			const p = cmaParams(cont.length, options.populationSize);
			const generation = Math.floor((number - startup) / p.lambda);
			const member = (number - startup) % p.lambda;
			const state = replayState(space, history, p, sigma0, startup, generation);
			const rng = base.fork(`cmaes:generation:${generation}`);
			let u: number[] = [];
			for (let j = 0; j <= member; j++) {
				const z = Array.from({ length: p.n }, () => rng.normal());
				const x = samplePoint(state, z);
				u = space.map((d) => (d.kind === 'categorical' ? rng.next() : 0));
				cont.forEach((i, c) => (u[i] = reflectUnit(x[c])));
			}
			return paramsFromUnit(space, u);
		}
	};
}
