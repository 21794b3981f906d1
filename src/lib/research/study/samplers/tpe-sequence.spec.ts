import { describe, expect, it } from 'vitest';
import { runTpeSequence, tpeSequencePrior } from '../../../testing/tpe-sequence';
import fixture from './tpe-sequence.fixture.json';
import { tpeSampler } from './tpe';

describe('TPE suggestions over a fixed study', () => {
	it('are exactly those the sampler made before its estimators were precomputed (80 trials, no prior)', () => {
		expect(runTpeSequence(tpeSampler(), [])).toEqual(fixture.plain);
	});

	it('are exactly those it made before with a warm-start prior (80 trials, 12 prior observations)', () => {
		expect(runTpeSequence(tpeSampler(), tpeSequencePrior())).toEqual(fixture.withPrior);
	});

	it('do not depend on the sampler instance: one sampler asked twice suggests the same', () => {
		const sampler = tpeSampler();
		expect(runTpeSequence(sampler, [], 40)).toEqual(runTpeSequence(sampler, [], 40));
	});
});
