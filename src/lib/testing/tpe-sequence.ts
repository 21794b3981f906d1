/**
 * A fixed TPE study for checking that a faster sampler suggests exactly what the plain one did: 80 trials over
 * every kind of dimension (log and linear floats, a linear integer range scored by cell mass, a log integer, a
 * categorical with mixed choices), with pruned trials (valued), failed ones (no value), a tie, and a warm-start
 * prior that leaves one parameter out of the space. bench/make-tpe-sequence-fixture.ts stored what the sampler
 * suggested before its estimators were cached (tpe-sequence.fixture.json beside the sampler).
 */
import { createRng } from '../domain/random';
import type { Observation, Sampler } from '../research/study/sampler';
import type { Params, SearchSpace } from '../research/study/space';

export const TPE_SEQUENCE_SPACE: SearchSpace = [
	{ kind: 'float', name: 'lr', low: 1e-5, high: 1, log: true },
	{ kind: 'int', name: 'depth', low: 1, high: 64, log: false },
	{ kind: 'int', name: 'leaves', low: 2, high: 1024, log: true },
	{ kind: 'categorical', name: 'kind', choices: ['a', 'b', 'c', true, null] },
	{ kind: 'float', name: 'x', low: -2, high: 3, log: false }
];

const objective = (p: Params) =>
	-((Math.log10(p.lr as number) + 3) ** 2) -
	Math.abs((p.depth as number) - 20) / 8 -
	((p.x as number) - 1) ** 2 +
	(p.kind === 'b' ? 0.5 : 0);

/** Warm-start observations: complete ones, one pruned, one failed, one with a depth outside the space. */
export function tpeSequencePrior(): Observation[] {
	const rng = createRng(99);
	return Array.from({ length: 12 }, (_, i) => {
		const params = {
			lr: 10 ** (-5 + 5 * rng.next()),
			depth: i === 3 ? 500 : 1 + Math.floor(64 * rng.next()),
			leaves: 2 + Math.floor(1000 * rng.next()),
			kind: (['a', 'b', 'c', true, null] as const)[i % 5],
			x: -2 + 5 * rng.next()
		};
		const state = i === 5 ? 'pruned' : i === 7 ? 'failed' : 'complete';
		return { number: i, params, state, value: state === 'failed' ? null : objective(params) };
	});
}

/** Runs the study: each trial's generator forked from seed 7 by its number, as the study runner forks it. */
export function runTpeSequence(sampler: Sampler, prior: readonly Observation[], trials = 80): Params[] {
	const study = createRng(7);
	const history: Observation[] = [];
	const out: Params[] = [];
	for (let number = 0; number < trials; number++) {
		const params = sampler.sample({
			space: TPE_SEQUENCE_SPACE,
			history,
			prior,
			number,
			rng: study.fork(`study-trial:${number}`)
		});
		out.push(params);
		const state = number % 9 === 4 ? 'failed' : number % 4 === 3 ? 'pruned' : 'complete';
		// Trial 30 ties trial 20 (same value): ties keep the older first.
		const value =
			state === 'failed' ? null : number === 30 ? (history[20].value as number) : objective(params);
		history.push({ number, params, state, value });
	}
	return out;
}
