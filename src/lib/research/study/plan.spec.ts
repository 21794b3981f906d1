import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { tinySpec } from '../../testing/fixtures';
import {
	observationsOf,
	runningObjective,
	studyIdOfTrial,
	studyPlan,
	studyTrialId,
	trialSpecFor
} from './plan';
import { buildSpace, fromUnit, paramsKey, SpaceError, toUnit, type Dimension } from './space';
import { studySpecSchema } from './spec';

const base = tinySpec({ model: { id: 'random_forest', params: { n_estimators: 50 } } });

describe('the search space of a study', () => {
	it('searches the named parameters over the catalog range or the narrowing, and fixes the rest', () => {
		const { space, fixed } = studyPlan({
			base,
			search: { n_estimators: { range: [10, 200], log: true }, max_depth: 'full' }
		});
		expect(space.map((d) => d.name)).toEqual(['n_estimators', 'max_depth']);
		expect(space[0]).toEqual({ kind: 'int', name: 'n_estimators', low: 10, high: 200, log: true });
		// Not searched: the base trial's value where it gives one, else the catalog default.
		expect(fixed).not.toHaveProperty('n_estimators');
		expect(fixed.min_samples_split).toBe(2);
	});

	it('names the field when the narrowing does not fit the catalog', () => {
		expect(() => studyPlan({ base, search: { n_estimators: { range: [0, 5] } } })).toThrow(
			/outside the model's range/
		);
		expect(() => studyPlan({ base, search: { n_estimators: { range: [20, 10] } } })).toThrow(/is empty/);
		expect(() => studyPlan({ base, search: { n_estimators: { range: [10.5, 20] } } })).toThrow(
			/whole number/
		);
		expect(() => studyPlan({ base, search: { nonsense: 'full' } })).toThrow(SpaceError);
		expect(() => studyPlan({ base, search: { n_estimators: { fixed: 10 } } })).toThrow(/nothing to search/);
	});

	it('maps every kind of dimension to the unit interval and back', () => {
		const dims: Dimension[] = [
			{ kind: 'float', name: 'a', low: 0.001, high: 10, log: true },
			{ kind: 'float', name: 'b', low: -1, high: 1, log: false },
			{ kind: 'int', name: 'c', low: 1, high: 5, log: false },
			{ kind: 'categorical', name: 'd', choices: ['x', 'y', 'z'] }
		];
		expect(fromUnit(dims[0], 0)).toBeCloseTo(0.001, 12);
		expect(fromUnit(dims[0], 0.5)).toBeCloseTo(0.1, 12); // geometric midpoint
		expect(fromUnit(dims[1], 0.75)).toBe(0.5);
		// Integers: five equal cells over [0.5, 5.5].
		expect([0, 0.19, 0.21, 0.5, 0.99, 1].map((u) => fromUnit(dims[2], u))).toEqual([1, 1, 2, 3, 5, 5]);
		expect([0, 0.34, 0.67].map((u) => fromUnit(dims[3], u))).toEqual(['x', 'y', 'z']);
		const rng = createRng(3);
		for (let i = 0; i < 200; i++) {
			const u = rng.next();
			for (const d of dims) expect(fromUnit(d, toUnit(d, fromUnit(d, u)))).toEqual(fromUnit(d, u));
		}
		expect(() => toUnit(dims[3], 'w')).toThrow(/not one of its choices/);
	});

	it('refuses choices outside the catalog, a log scale at 0, and a list parameter to search', () => {
		const specs = {
			x: { type: 'float', default: 0.5, min: 0, max: 1, description: '' },
			k: { type: 'enum', default: 'a', choices: ['a', 'b'], description: '' },
			l: { type: 'int_list', default: [1], minLength: 1, maxLength: 2, min: 0, max: 3, description: '' }
		} as const;
		expect(() => buildSpace(specs, { x: { range: [0, 1], log: true } })).toThrow(
			/log scale needs a range above 0/
		);
		expect(() => buildSpace(specs, { k: { choices: ['a', 'c'] } })).toThrow(/c is not one of its choices/);
		expect(() => buildSpace(specs, { l: { choices: [1, 2] } })).toThrow(/list parameter/);
		const { space, fixed } = buildSpace(specs, { x: { choices: [0.1, 0.9] } });
		expect(space).toEqual([
			{ kind: 'categorical', name: 'x', choices: [0.1, 0.9] },
			{ kind: 'categorical', name: 'k', choices: ['a', 'b'] }
		]);
		expect(fixed).toEqual({ l: [1] });
		expect(paramsKey(space, { k: 'b', x: 0.1 })).toBe('[0.1,"b"]');
	});
});

describe('a study’s trials', () => {
	const spec = studySpecSchema.parse({
		name: 'forest sweep',
		base,
		search: { n_estimators: { range: [10, 200] } },
		sampler: 'tpe',
		budget: { trials: 30 },
		objective: { metric: 'rmse' },
		seed: 1
	});

	it('takes the objective’s direction from the metric unless given', () => {
		expect(spec.objective.direction).toBe('minimize');
		expect(spec.parallel).toBe(2);
		expect(spec.pruning).toEqual({ kind: 'median', startupTrials: 5, warmupFolds: 1 });
	});

	it('get the base spec with the sampled parameters over the fixed ones, numbered names and sortable ids', () => {
		const plan = studyPlan(spec);
		const t = trialSpecFor(spec, plan, { n_estimators: 77 }, 4);
		expect(t.name).toBe('forest sweep #5');
		expect(t.model.params.n_estimators).toBe(77);
		expect(t.model.params.min_samples_split).toBe(2);
		expect(t.validation).toEqual(base.validation);
		expect(t.seed).toBe(base.seed);
		expect([studyTrialId('s', 10), studyTrialId('s', 9)].sort()).toEqual(['s.009', 's.010']);
		expect(studyIdOfTrial(studyTrialId('study-00abc-x1', 7))).toBe('study-00abc-x1');
		expect(studyIdOfTrial('00abc-x1')).toBeNull();
	});

	it('are seen by the sampler as scores to maximise', () => {
		const obs = observationsOf(
			[
				{ number: 0, params: { a: 1 }, state: 'complete', value: 0.2 },
				{ number: 1, params: { a: 2 }, state: 'failed', value: null },
				{ number: 2, params: { a: 3 }, state: 'complete', value: Number.NaN }
			],
			'minimize'
		);
		expect(obs.map((o) => o.value)).toEqual([-0.2, null, null]);
	});

	it('refuses a base trial that tunes a grid of its own', () => {
		const r = studySpecSchema.safeParse({
			...spec,
			base: { ...base, model: { ...base.model, tune: { n_estimators: [10, 20] } } }
		});
		expect(r.success).toBe(false);
	});
});

describe('the running objective', () => {
	const fold = (i: number, predicted: number[], realised: number[]) => ({
		fold: i,
		row: Float64Array.from(predicted, (_, k) => i * 10 + k),
		t: Float64Array.from(predicted, (_, k) => i * 10 + k),
		predicted: Float64Array.from(predicted),
		realised: Float64Array.from(realised),
		nextReturn: Float64Array.from(realised),
		aux: null
	});
	const strategy = { mode: 'long_short' as const, sizing: 'sign' as const, costBps: 0 };

	it('scores only the consecutive folds from the first, whatever order they finished in', () => {
		const f0 = fold(0, [1, 1, -1, 1], [0.01, 0.02, -0.01, -0.02]); // hits 3 of 4
		const f2 = fold(2, [1, 1], [0.01, 0.01]);
		expect(runningObjective([f2], 'regression', strategy, 'hit_rate')).toEqual({
			folds: 0,
			value: Number.NaN
		});
		expect(runningObjective([f2, f0], 'regression', strategy, 'hit_rate')).toEqual({ folds: 1, value: 0.75 });
		const f1 = fold(1, [-1, -1], [0.01, 0.01]); // hits 0 of 2
		expect(runningObjective([f2, f1, f0], 'regression', strategy, 'hit_rate')).toEqual({
			folds: 3,
			value: 5 / 8
		});
	});
});
