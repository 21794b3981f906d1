/**
 * Random search: every coordinate independent and uniform on [0, 1), mapped through the space (so categories
 * are uniform over their choices and integers uniform over their values, on a log scale when asked).
 */
import type { Rng } from '../../../domain/random';
import type { Sampler } from '../sampler';
import { paramsFromUnit, type SearchSpace } from '../space';

/** A uniform point of the unit cube, one draw per dimension in space order. */
export function uniformPoint(space: SearchSpace, rng: Rng): Float64Array {
	const u = new Float64Array(space.length);
	for (let i = 0; i < u.length; i++) u[i] = rng.next();
	return u;
}

export function randomSampler(): Sampler {
	return {
		name: 'random',
		sample: ({ space, rng }) => paramsFromUnit(space, uniformPoint(space, rng))
	};
}
