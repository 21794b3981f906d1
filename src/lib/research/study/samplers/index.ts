/** The samplers a study can use, by name. */
import type { Sampler } from '../sampler';
import { cmaesSampler } from './cmaes';
import { gpSampler } from './gp';
import type { Acquisition } from './gp-acquisition';
import { gridSampler } from './grid';
import { quasiRandomSampler } from './quasi-random';
import { randomSampler } from './random';
import { tpeSampler, type TpeOptions } from './tpe';

export const SAMPLER_NAMES = ['random', 'grid', 'quasi_random', 'tpe', 'cmaes', 'gp'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

export interface MakeSamplerOptions {
	/** The study's seed: fixes the grid's visiting order, the Halton scrambling and the CMA-ES and GP draws (TPE and
	 * random use request.rng). */
	readonly seed: number;
	/** Grid only (default 5). */
	readonly pointsPerAxis?: number;
	/** TPE only. */
	readonly tpe?: TpeOptions;
	/** GP only (default EI). */
	readonly acquisition?: Acquisition;
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
		case 'cmaes':
			return cmaesSampler({ seed: options.seed });
		case 'gp':
			return gpSampler({ seed: options.seed, acquisition: options.acquisition ?? 'EI' });
		default:
			throw new RangeError(`sampler must be one of ${SAMPLER_NAMES.join(', ')}, got ${String(name)}`);
	}
}
