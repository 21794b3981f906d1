/**
 * Which sampler and pruner a study uses: the study spec names them; the algorithms live in research/study/samplers
 * and research/overfitting. Samplers maximise scores (the runner flips minimised objectives before asking).
 */
import type { PruneQuestion } from '../engine/study-runner';
import { shouldPrune as medianPrune } from '../research/overfitting/pruner';
import type { Sampler } from '../research/study/sampler';
import { makeSampler } from '../research/study/samplers/index';
import type { StudySpec } from '../research/study/spec';

export function samplerFor(spec: StudySpec): Sampler {
	return makeSampler(spec.sampler, {
		seed: spec.seed,
		pointsPerAxis: spec.samplerOptions.gridPoints,
		acquisition: spec.samplerOptions.acquisition
	});
}

const byStep = (values: readonly number[]): Record<number, number> =>
	Object.fromEntries(values.map((v, i) => [i, v]));

/**
 * Optuna's MedianPruner on the running objective after each fold: prune when the trial's best value so far is
 * worse than the median of the complete trials at the same fold (steps are 0-based fold indices).
 */
export function shouldPrune(q: PruneQuestion): boolean {
	const step = q.step - 1;
	return medianPrune({
		step,
		value: q.values[step],
		intermediate: byStep(q.values.slice(0, step)),
		history: q.others.map((curve) => ({ state: 'complete' as const, intermediate: byStep(curve) })),
		direction: 'maximize',
		nStartupTrials: q.startupTrials,
		nWarmupSteps: q.warmupSteps
	}).prune;
}
