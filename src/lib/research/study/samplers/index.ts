/**
 * The samplers a study can use, by name. (The CMA-ES and GP samplers join this list from their own files.)
 */
import type { Sampler } from '../sampler';
import { gridSampler } from './grid';
import { quasiRandomSampler } from './quasi-random';
import { randomSampler } from './random';
import { tpeSampler, type TpeOptions } from './tpe';

export const SAMPLER_NAMES = ['random', 'grid', 'quasi_random', 'tpe'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

export interface MakeSamplerOptions {
	/** The study's seed: fixes the grid's visiting order and the Halton scrambling (TPE and random use request.rng). */
	readonly seed: number;
	/** Grid only (default 5). */
	readonly pointsPerAxis?: number;
	/** TPE only. */
	readonly tpe?: TpeOptions;
}

export function isSamplerName(name: string): name is SamplerName {
	return (SAMPLER_NAMES as readonly string[]).includes(name);
}

export function makeSampler(name: SamplerName, options: MakeSamplerOptions): Sampler {
	switch (name) {
		case 'random':
			return randomSampler();
		case 'grid':
			return gridSampler({ pointsPerAxis: options.pointsPerAxis, seed: options.seed });
		case 'quasi_random':
			return quasiRandomSampler({ seed: options.seed });
		case 'tpe':
			return tpeSampler(options.tpe);
		default:
			throw new RangeError(`sampler must be one of ${SAMPLER_NAMES.join(', ')}, got ${String(name)}`);
	}
}
