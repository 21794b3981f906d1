import { describe, expect, it } from 'vitest';
import { studySpecSchema } from '../research/study/spec';
import { tinySpec } from '../testing/fixtures';
import { samplerFor, shouldPrune } from './study-strategies';

describe('the study’s pruner', () => {
	const q = { startupTrials: 2, warmupSteps: 0 };
	// Three complete trials' running scores after folds 1, 2, 3; the median at fold 2 is 0.5.
	const others = [
		[0.1, 0.2, 0.3],
		[0.4, 0.5, 0.6],
		[0.7, 0.8, 0.9]
	];

	it('prunes after fold k when the best running score so far is below the median of complete trials at k', () => {
		expect(shouldPrune({ ...q, step: 2, values: [0.3, 0.45], others })).toBe(true);
		expect(shouldPrune({ ...q, step: 2, values: [0.3, 0.55], others })).toBe(false);
		// Optuna compares the trial's best so far: an earlier good fold keeps it.
		expect(shouldPrune({ ...q, step: 2, values: [0.6, 0.1], others })).toBe(false);
	});

	it('waits for the start-up trials and the warm-up folds', () => {
		expect(shouldPrune({ ...q, startupTrials: 4, step: 2, values: [0, 0], others })).toBe(false);
		expect(shouldPrune({ ...q, warmupSteps: 2, step: 2, values: [0, 0], others })).toBe(false);
		expect(shouldPrune({ ...q, warmupSteps: 2, step: 3, values: [0, 0, 0], others })).toBe(true);
	});
});

describe('the study’s sampler', () => {
	it('is the one the spec names, with its options', () => {
		const spec = (sampler: string, extra = {}) =>
			studySpecSchema.parse({
				base: tinySpec(),
				search: { alpha: 'full' },
				sampler,
				budget: { trials: 10 },
				objective: { metric: 'sharpe' },
				seed: 1,
				...extra
			});
		expect(samplerFor(spec('tpe')).name).toBe('tpe');
		expect(samplerFor(spec('cmaes')).name).toBe('CMA-ES');
		expect(samplerFor(spec('gp', { samplerOptions: { acquisition: 'PI' } })).name).toBe('GP-PI');
		expect(samplerFor(spec('grid')).name).toMatch(/grid/);
	});
});
