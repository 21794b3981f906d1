/**
 * A sequential study in miniature, for tests and benches of the samplers: ask, evaluate, tell, one trial at a
 * time, each trial's generator forked from the study seed by its number (as the study engine does).
 */
import { createRng } from '../../../domain/random';
import type { Observation, Sampler } from '../sampler';
import type { Params, SearchSpace } from '../space';

export interface SimulateOptions {
	readonly trials: number;
	readonly seed: number;
	readonly prior?: readonly Observation[];
}

/** Runs `trials` trials of `sampler` on `objective` (a score to maximise) and returns the history. */
export function simulateStudy(
	sampler: Sampler,
	space: SearchSpace,
	objective: (params: Params) => number,
	options: SimulateOptions
): Observation[] {
	const study = createRng(options.seed);
	const history: Observation[] = [];
	for (let number = 0; number < options.trials; number++) {
		const params = sampler.sample({
			space,
			history,
			prior: options.prior ?? [],
			number,
			rng: study.fork(`trial:${number}`)
		});
		history.push({ number, params, value: objective(params), state: 'complete' });
	}
	return history;
}

/** The best value of a history (−Infinity when none has one). */
export function bestValue(history: readonly Observation[]): number {
	return history.reduce((best, o) => (o.value !== null && o.value > best ? o.value : best), -Infinity);
}
