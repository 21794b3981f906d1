import { describe, expect, it } from 'vitest';
import { tinySpec } from '../../testing/fixtures';
import { holdoutSpecFor, holdoutTrialId, studyIdOfTrial, studyPlan, trialSpecFor } from './plan';
import { SpaceError } from './space';
import { studySpecSchema, type StudySpecInput } from './spec';

function input(patch: Partial<StudySpecInput> = {}): StudySpecInput {
	return {
		name: 'sweep',
		base: tinySpec({ model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } } }),
		search: { alpha: 'full' },
		sampler: 'random',
		budget: { trials: 5 },
		objective: { metric: 'sharpe' },
		seed: 1,
		...patch
	};
}

describe('a study with a holdout', () => {
	const spec = studySpecSchema.parse(input({ holdout: { from: '2020-01-02' } }));
	const plan = studyPlan(spec);

	it('cuts every search trial before the holdout: validation.testUntil is its first day', () => {
		const t = trialSpecFor(spec, plan, { alpha: 3 }, 4);
		expect(t.validation).toEqual({ ...tinySpec().validation, testUntil: '2020-01-02' });
		expect(t.model.params.alpha).toBe(3);
	});

	it('runs the holdout trial with the same parameters and protocol, tested from the holdout on', () => {
		const h = holdoutSpecFor(spec, plan, { alpha: 3 }, 4);
		const searched = trialSpecFor(spec, plan, { alpha: 3 }, 4);
		expect(h.validation).toEqual({ ...tinySpec().validation, testFrom: '2020-01-02' });
		expect(h.validation).not.toHaveProperty('testUntil');
		expect({ ...h, name: '', validation: null }).toEqual({ ...searched, name: '', validation: null });
		expect(h.name).toBe('sweep holdout (trial #5)');
	});

	it('leaves a study without a holdout exactly as before (no date bound on its trials)', () => {
		const plain = studySpecSchema.parse(input());
		expect(plain).not.toHaveProperty('holdout');
		const t = trialSpecFor(plain, studyPlan(plain), { alpha: 3 }, 0);
		expect(Object.keys(t.validation).sort()).toEqual([
			'embargo',
			'mode',
			'step',
			'testLength',
			'trainLength'
		]);
		expect(() => holdoutSpecFor(plain, studyPlan(plain), { alpha: 3 }, 0)).toThrow(SpaceError);
	});

	it('gives the holdout trial a fixed id that links back to its study', () => {
		expect(holdoutTrialId('study-abc')).toBe('study-abc.holdout');
		expect(studyIdOfTrial(holdoutTrialId('study-abc'))).toBe('study-abc');
		expect(studyIdOfTrial('study-abc.holdoutx')).toBeNull();
	});

	it('refuses a holdout date that is not a real day, or a base trial that already has date bounds', () => {
		const bad = studySpecSchema.safeParse(input({ holdout: { from: '2020-13-01' } }));
		expect(bad.success || bad.error.issues[0]).toMatchObject({ path: ['holdout', 'from'] });
		const bounded = studySpecSchema.safeParse(
			input({
				holdout: { from: '2020-01-02' },
				base: { ...input().base, validation: { ...tinySpec().validation, testFrom: '2019-01-01' } }
			})
		);
		expect(bounded.success || bounded.error.issues[0]).toMatchObject({
			path: ['holdout', 'from'],
			message: expect.stringMatching(/without validation\.testFrom or testUntil/)
		});
	});
});
