import { describe, expect, it } from 'vitest';
import {
	canTune,
	DEFAULT_TUNE_WINDOW_TEXTS,
	innerFieldRange,
	tunableParams,
	tuneFromTexts,
	tuneWindowFromTexts
} from './tune-text';

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

describe('tuneWindowFromTexts (nested tuning, walk_forward_optimization)', () => {
	const defaults = DEFAULT_TUNE_WINDOW_TEXTS;

	it('starts from the catalog procedure’s defaults, window 252 and step 22', () => {
		expect(defaults).toEqual({ windowSize: '252', stepSize: '22', nested: false });
		expect(innerFieldRange('windowSize')).toEqual({ min: 100, max: 1000 });
		expect(innerFieldRange('stepSize')).toEqual({ min: 1, max: 100 });
	});

	it('offers a grid to learners and signals, not to analyses', () => {
		expect(canTune('regression')).toBe(true);
		expect(canTune('classification')).toBe(true);
		expect(canTune('signal')).toBe(true);
		expect(canTune(null)).toBe(false);
		expect(tunableParams('ridge').map(([n]) => n)).toEqual(['alpha']);
	});

	it('always nests a learner’s grid, and a signal’s only when asked', () => {
		const grid = { alpha: [0.1, 1] };
		expect(tuneWindowFromTexts('regression', grid, defaults)).toEqual({
			window: { windowSize: 252, stepSize: 22 },
			issues: []
		});
		expect(tuneWindowFromTexts('signal', { fast_period: [5, 8] }, defaults).window).toBeNull();
		expect(
			tuneWindowFromTexts('signal', { fast_period: [5, 8] }, { ...defaults, nested: true, stepSize: '10' })
				.window
		).toEqual({ windowSize: 252, stepSize: 10 });
		// No grid, nothing to nest.
		expect(tuneWindowFromTexts('regression', null, defaults).window).toBeNull();
	});

	it('names an inner size outside the procedure’s range or not a whole number', () => {
		const out = tuneWindowFromTexts(
			'regression',
			{ alpha: [0.1, 1] },
			{ ...defaults, windowSize: '99', stepSize: '2.5' }
		);
		expect(out.window).toBeNull();
		expect(out.issues).toEqual([
			{
				path: 'model.tuneWindow.windowSize',
				message: expect.stringMatching(/^Inner training window: .*got "99"/)
			},
			{ path: 'model.tuneWindow.stepSize', message: expect.stringMatching(/^Inner test step: .*got "2\.5"/) }
		]);
	});
});
