import { describe, expect, it } from 'vitest';
import { tinySpec } from '../testing/fixtures';
import { trialSpecSchema } from './trial-spec';

describe('the trial spec', () => {
	it('keeps no character nobody can see in a trial name (zero-width, tag characters), and trims it', () => {
		const spec = trialSpecSchema.parse({ ...tinySpec(), name: ' GBM\u200b baseline\u{E0041}\u{E0042} ' });
		expect(spec.name).toBe('GBM baseline');
	});

	it('defaults sizing to the side of the prediction for specs stored before classifiers existed', () => {
		const { sizing: _omitted, ...oldStrategy } = tinySpec().strategy;
		expect(trialSpecSchema.parse({ ...tinySpec(), strategy: oldStrategy }).strategy.sizing).toBe('sign');
	});

	it('refuses a name over 120 visible characters', () => {
		expect(trialSpecSchema.safeParse({ ...tinySpec(), name: 'x'.repeat(121) }).success).toBe(false);
		expect(trialSpecSchema.safeParse({ ...tinySpec(), name: `${'x'.repeat(120)}\u200b` }).success).toBe(true);
	});
});
