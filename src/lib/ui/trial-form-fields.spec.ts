import { describe, expect, it } from 'vitest';
import { trialSpecSchema } from '$lib/domain/trial-spec';
import { textIssues, TRIAL_NUMBER_FIELDS, type TrialNumberPath } from './trial-form-fields';

const valid = {
	name: '',
	datasetId: 'sp500',
	target: { kind: 'forward_return', horizon: 5 },
	features: { set: 'daily_v1' },
	model: { id: 'ridge', params: {} },
	validation: { mode: 'rolling', trainLength: 1260, testLength: 252, step: 252, embargo: 5 },
	strategy: { mode: 'long_short', costBps: 5 },
	seed: 42
};

function withValue(path: string, value: number): unknown {
	const spec = structuredClone(valid) as Record<string, unknown>;
	const keys = path.split('.');
	let at = spec;
	for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
	at[keys.at(-1)!] = value;
	// Keep the embargo rule (embargo ≥ horizon) out of the way of the bound being tested.
	if (path === 'target.horizon') (spec.validation as { embargo: number }).embargo = 1_000;
	return spec;
}

function problemsAt(path: string, value: number): string[] {
	const result = trialSpecSchema.safeParse(withValue(path, value));
	if (result.success) return [];
	// The cross-field rule (embargo ≥ horizon, a custom issue) is the gateway's, not the field's range.
	return result.error.issues
		.filter((i) => i.code !== 'custom' && i.path.join('.') === path)
		.map((i) => i.message);
}

describe('the New trial form number fields', () => {
	it('accept exactly the range the trial spec accepts', () => {
		for (const [path, field] of Object.entries(TRIAL_NUMBER_FIELDS) as [
			TrialNumberPath,
			{ min: number; max: number; integer: boolean }
		][]) {
			expect(problemsAt(path, field.min), `${path} min`).toEqual([]);
			expect(problemsAt(path, field.max), `${path} max`).toEqual([]);
			expect(problemsAt(path, field.min - 1).length, `${path} below`).toBeGreaterThan(0);
			expect(problemsAt(path, field.max + 1).length, `${path} above`).toBeGreaterThan(0);
			if (field.integer)
				expect(problemsAt(path, field.min + 0.5).length, `${path} fraction`).toBeGreaterThan(0);
		}
	});

	it('report each invalid typed text under its path, naming the field by its label and its range', () => {
		expect(
			textIssues(
				{
					'validation.trainLength': 'abc',
					'strategy.costBps': '',
					'model.params.hidden_layers': '6x',
					'model.params.epochs': '1.5',
					seed: '7'
				},
				'feedforward_mlp'
			)
		).toEqual([
			{
				path: 'validation.trainLength',
				message: 'Training rows: must be a whole number from 50 to 100000; got "abc"'
			},
			{
				path: 'strategy.costBps',
				message:
					'Cost (basis points per unit of position change): must be a number from 0 to 1000; the field is empty'
			},
			{
				path: 'model.params.hidden_layers',
				message: 'hidden_layers: each value must be a whole number from 1 to 1024; got "6x"'
			},
			{ path: 'model.params.epochs', message: 'epochs: must be a whole number from 1 to 500; got "1.5"' }
		]);
	});

	it('ignore text for a parameter the chosen model does not have, and cleared texts', () => {
		expect(textIssues({ 'model.params.hidden_layers': '6x', seed: undefined }, 'ridge')).toEqual([]);
	});
});
