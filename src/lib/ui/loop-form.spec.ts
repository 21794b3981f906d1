import { describe, expect, it } from 'vitest';
import { loopFormFor, loopFormProblems, loopSpecFrom, thresholdsText } from './loop-form';
import { loopSpecSchema } from '../research/loop/spec';

describe('the loop form', () => {
	it('reads the objective from the goal’s first threshold', () => {
		expect(loopFormFor('Reach a hit rate above 55% on SPY').metric).toBe('hit_rate');
		expect(loopFormFor('An annual return of at least 8%').metric).toBe('annual_return');
		expect(loopFormFor('Explore momentum signals').metric).toBe('sharpe');
	});

	it('submits a spec the loop schema accepts with its defaults', () => {
		const spec = loopSpecSchema.parse(
			loopSpecFrom(loopFormFor('Find a Sharpe ratio above 1 on the S&P 500'))
		);
		expect(spec.budgets).toEqual({ trials: 10, tokens: 200_000, computeMinutes: 30, wallMinutes: 60 });
		expect(spec.objective).toEqual({ metric: 'sharpe', direction: 'maximize' });
	});

	it('names each field with a problem', () => {
		const form = { ...loopFormFor('short'), trials: 0, wallMinutes: 10_000 };
		expect(loopFormProblems(form)).toEqual({
			goal: 'goal takes at least 10 characters',
			trials: 'budgets.trials must be at least 1',
			wallMinutes: 'budgets.wallMinutes must be at most 1,440'
		});
		expect(loopFormProblems(loopFormFor('Find a Sharpe ratio above 1'))).toEqual({});
	});

	it('says what "goal met" will mean', () => {
		expect(thresholdsText('Sharpe above 1 and hit rate over 55%')).toBe(
			'Goal met when one trial has sharpe > 1 and hit rate > 0.55, with a Deflated Sharpe Ratio of at least 0.95.'
		);
		expect(thresholdsText('Explore momentum')).toMatch(/No measurable threshold/);
	});
});
