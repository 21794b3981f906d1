/**
 * The sampler contract: a pure function of the space, what the study has seen so far and a seeded generator.
 * A study calls `sample` once per new trial, in order; the same seed and the same history (same completion
 * order) give the same parameters, which is what makes a study reproducible.
 */
import type { Rng } from '../../domain/random';
import type { Params, SearchSpace } from './space';

/** complete: finished with an objective; pruned: stopped early (value = its last running objective, if any);
 * failed: no value; running: asked for, not finished (a sampler must not propose it again where that matters). */
export type ObservationState = 'complete' | 'pruned' | 'failed' | 'running';

export interface Observation {
	/** The study's trial number (0-based, the order of sampling). */
	readonly number: number;
	readonly params: Params;
	/** The objective as a score to MAXIMISE (the study flips minimised objectives); null when none. */
	readonly value: number | null;
	readonly state: ObservationState;
}

export interface SampleRequest {
	readonly space: SearchSpace;
	/** Every earlier trial of this study, in trial-number order. */
	readonly history: readonly Observation[];
	/** Observations of earlier studies of the same model and dataset, to warm-start (TPE priors); may be empty. */
	readonly prior?: readonly Observation[];
	/** The number the new trial will get (= history.length). */
	readonly number: number;
	/** Seeded per trial: the study forks its generator by trial number, so sampling order cannot change it. */
	readonly rng: Rng;
}

export interface Sampler {
	readonly name: string;
	/** Parameters for the dimensions of the space (every dimension named); throws SpaceError when exhausted. */
	sample(request: SampleRequest): Record<string, number | string | boolean | null>;
}
