import { describe, expect, it } from 'vitest';
import { requireEntry } from '$lib/catalog/catalog';
import { defaultParams } from '$lib/catalog/params';
import { tinySpec } from '$lib/testing/fixtures';
import { draftFromSpec, restoreTrialDraft, trialDraftSchema, type TrialDraft } from './trial-draft';

const mlpDefaults = defaultParams(requireEntry('feedforward_mlp').params);

function mlpDraft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const draft: TrialDraft = {
		modelId: 'feedforward_mlp',
		params: { ...mlpDefaults, hidden_layers: [16, 8], epochs: 3 },
		name: 'typed architecture',
		datasetId: 'sp500',
		targetKind: 'direction',
		horizon: 10,
		mode: 'expanding',
		trainLength: 500,
		testLength: 100,
		step: 50,
		embargo: 12,
		strategyMode: 'long_flat',
		costBps: 2.5,
		seed: 7
	};
	return { ...draft, ...overrides };
}

describe('restoring the New trial draft', () => {
	it('gives back every field of a valid draft unchanged', () => {
		const stored = mlpDraft();
		expect(restoreTrialDraft(JSON.parse(JSON.stringify(stored)))).toEqual({ ...stored, texts: {} });
	});

	it('keeps every other field when one number field is empty (stored as null)', () => {
		const restored = restoreTrialDraft(mlpDraft({ trainLength: null }))!;
		expect(restored.trainLength).toBeUndefined();
		expect(restored.texts).toEqual({ 'validation.trainLength': '' });
		expect(restored).toMatchObject({
			name: 'typed architecture',
			horizon: 10,
			step: 50,
			seed: 7,
			costBps: 2.5
		});
		expect(restored.params).toEqual({ ...mlpDefaults, hidden_layers: [16, 8], epochs: 3 });
	});

	it('keeps the text of an invalid typed field beside its last valid value, and everything else', () => {
		const restored = restoreTrialDraft(
			mlpDraft({ texts: { 'model.params.hidden_layers': '64, 6x', 'validation.step': '1.5' } })
		)!;
		expect(restored.texts).toEqual({ 'model.params.hidden_layers': '64, 6x', 'validation.step': '1.5' });
		expect(restored.params?.hidden_layers).toEqual([16, 8]);
		expect(restored.step).toBe(50);
		expect(restored).toMatchObject({ trainLength: 500, testLength: 100, embargo: 12, mode: 'expanding' });
	});

	it('turns a stored text that is valid into the value', () => {
		const restored = restoreTrialDraft(
			mlpDraft({ texts: { 'model.params.hidden_layers': '128 64', 'validation.testLength': '63' } })
		)!;
		expect(restored.params?.hidden_layers).toEqual([128, 64]);
		expect(restored.testLength).toBe(63);
		expect(restored.texts).toEqual({});
	});

	it('shows a parameter value that no longer fits as its text, and defaults only that parameter', () => {
		const restored = restoreTrialDraft(
			mlpDraft({ params: { ...mlpDefaults, hidden_layers: [64, '6x'], epochs: 1.5, activation: 'swish' } })
		)!;
		expect(restored.texts).toEqual({
			'model.params.hidden_layers': '64, 6x',
			'model.params.epochs': '1.5'
		});
		expect(restored.params).toEqual(mlpDefaults);
	});

	it('shows an out-of-range number as its text rather than dropping the draft', () => {
		const restored = restoreTrialDraft(mlpDraft({ horizon: 500, costBps: 'abc' }))!;
		expect(restored.texts).toEqual({ 'target.horizon': '500', 'strategy.costBps': 'abc' });
		expect(restored.seed).toBe(7);
	});

	it('drops the model and its params when the stored model is unknown, and keeps the rest', () => {
		const restored = restoreTrialDraft(mlpDraft({ modelId: 'no_such_model' }))!;
		expect(restored.modelId).toBeUndefined();
		expect(restored.params).toBeUndefined();
		expect(restored.name).toBe('typed architecture');
	});

	it('ignores unknown parameters, choice fields of the wrong kind and texts that are not strings', () => {
		const restored = restoreTrialDraft(
			mlpDraft({ params: { ...mlpDefaults, typo: 3 }, mode: 'shuffled', texts: { seed: 5 } })
		)!;
		expect(restored.params).toEqual(mlpDefaults);
		expect(restored.mode).toBeUndefined();
		expect(restored.texts).toEqual({});
		expect(restored.seed).toBe(7);
	});

	it('restores nothing from what is not an object', () => {
		for (const raw of [undefined, null, 3, 'draft', [1, 2]]) expect(restoreTrialDraft(raw)).toBeNull();
	});

	it('restores a nested-tuning draft’s grid and inner walk-forward texts, and drops a malformed one only', () => {
		const nested = mlpDraft({
			modelId: 'ridge',
			params: { alpha: 1, fit_intercept: true },
			tune: { alpha: '0.1, 1, 10' },
			tuneWindow: { windowSize: '252', stepSize: '2x', nested: true }
		});
		const restored = restoreTrialDraft(JSON.parse(JSON.stringify(nested)))!;
		expect(restored.tune).toEqual({ alpha: '0.1, 1, 10' });
		// Texts as typed: the form names what no longer parses.
		expect(restored.tuneWindow).toEqual({ windowSize: '252', stepSize: '2x', nested: true });
		const broken = restoreTrialDraft({ ...nested, tuneWindow: { windowSize: 252 } })!;
		expect(broken.tuneWindow).toBeUndefined();
		expect(broken.tune).toEqual({ alpha: '0.1, 1, 10' });
	});

	it('edits a nested-tuned trial into a draft with its inner walk-forward', () => {
		const spec = tinySpec({
			model: {
				id: 'ridge',
				params: { alpha: 1, fit_intercept: true },
				tune: { alpha: [0.1, 1] },
				tuneWindow: { windowSize: 300, stepSize: 21 }
			}
		});
		expect(draftFromSpec(spec)).toMatchObject({
			tune: { alpha: '0.1, 1' },
			tuneWindow: { windowSize: '300', stepSize: '21', nested: true }
		});
		expect(draftFromSpec(tinySpec())).not.toHaveProperty('tuneWindow');
	});

	it('keeps the feature-input rows, and drops only them when they no longer parse', () => {
		const rows = [
			{ key: 'series:fred-tb3ms', role: 'macro', lagUnit: 'observations', lag: 1 },
			{ key: 'dataset:spy', role: 'benchmark', lagUnit: 'days', lag: 0 }
		];
		expect(restoreTrialDraft(mlpDraft({ inputs: rows }))?.inputs).toEqual(rows);
		const broken = restoreTrialDraft({
			...mlpDraft(),
			inputs: [{ key: 'series:x', role: 'guess', lag: -1 }]
		});
		expect(broken?.inputs).toBeUndefined();
		expect(broken?.modelId).toBe('feedforward_mlp');
	});

	it('edits a trial with a named feature set and inputs into a draft that keeps both', () => {
		const spec = tinySpec({
			features: {
				set: 'swing_7_12_v1',
				inputs: [
					{ kind: 'series', id: 'fred-tb3ms', role: 'macro', lag: { observations: 1 } },
					{ kind: 'dataset', id: 'spy', role: 'benchmark', lag: { days: 0 } }
				]
			}
		});
		expect(draftFromSpec(spec)).toMatchObject({
			featureSet: 'swing_7_12_v1',
			inputs: [
				{ key: 'series:fred-tb3ms', role: 'macro', lagUnit: 'observations', lag: 1 },
				{ key: 'dataset:spy', role: 'benchmark', lagUnit: 'days', lag: 0 }
			]
		});
		expect(trialDraftSchema.safeParse(draftFromSpec(spec)).success).toBe(true);
		expect(draftFromSpec(tinySpec())).not.toHaveProperty('inputs');
	});

	it('round-trips what the form saves through the draft schema', () => {
		const saved = mlpDraft({ texts: { seed: 'x' } });
		expect(trialDraftSchema.safeParse(saved).success).toBe(true);
	});
});
