import { describe, expect, it } from 'vitest';
import { tunableParams, tuneFromTexts } from './tune-text';

describe('tuneFromTexts', () => {
	it('offers the numeric parameters of a signal', () => {
		expect(tunableParams('ema_crossover_model').map(([n]) => n)).toEqual(['fast_period', 'slow_period']);
	});

	it('reads typed lists into a grid, leaving empty fields fixed', () => {
		expect(tuneFromTexts('ema_crossover_model', { fast_period: '5, 12 20', slow_period: ' ' })).toEqual({
			grid: { fast_period: [5, 12, 20] },
			issues: []
		});
		expect(tuneFromTexts('ema_crossover_model', {})).toEqual({ grid: null, issues: [] });
	});

	it('names a bad value, a single value, a repeat and too many combinations', () => {
		expect(tuneFromTexts('ema_crossover_model', { fast_period: '5, 0' }).issues).toEqual([
			{ path: 'model.tune.fast_period', message: expect.stringMatching(/Values of fast_period: .*got "0"/) }
		]);
		expect(tuneFromTexts('ema_crossover_model', { fast_period: '5' }).issues[0].message).toMatch(
			/enter 2 to 10 values/
		);
		expect(tuneFromTexts('ema_crossover_model', { fast_period: '5, 5' }).issues[0].message).toMatch(
			/repeated/
		);
		const many = tuneFromTexts('ema_crossover_model', {
			fast_period: '5 6 7 8 9 10',
			slow_period: '30 40 50 60 70'
		});
		expect(many.issues).toEqual([
			{ path: 'model.tune', message: expect.stringMatching(/make 30 combinations; at most 25/) }
		]);
	});
});
