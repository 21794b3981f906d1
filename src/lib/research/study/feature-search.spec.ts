import { describe, expect, it } from 'vitest';
import { featureSpecSchema } from '../../domain/feature-spec';
import { createRng } from '../../domain/random';
import { trialSpecSchema } from '../../domain/trial-spec';
import { tinySpec } from '../../testing/fixtures';
import { featureDimensions, searchedDepth, splitFeatureParams } from './feature-search';
import { studyPlan, trialSpecFor } from './plan';
import { makeSampler } from './samplers/index';
import { studySpecSchema, type StudySpecInput } from './spec';

const afe: StudySpecInput = {
	name: 'features',
	base: tinySpec({ model: { id: 'ridge', params: { alpha: 3 } } }),
	search: {},
	featureSearch: { maxDepth: 3, selection: 0.1 },
	sampler: 'tpe',
	budget: { trials: 10 },
	objective: { metric: 'sharpe' },
	seed: 5
};

describe('a study over generated feature sets', () => {
	it('searches one on/off per family, and with depth above 1 the transforms, the depth and the lag', () => {
		expect(featureDimensions({ maxDepth: 1, selection: 0.1 }).map((d) => d.name)).toEqual([
			'features.trend',
			'features.ema',
			'features.oscillator',
			'features.volatility',
			'features.volume',
			'features.quality',
			'features.calendar'
		]);
		const dims = featureDimensions({ maxDepth: 10, selection: 0.1 });
		expect(dims.slice(7).map((d) => d.name)).toEqual([
			'features.use_zscore',
			'features.use_diff',
			'features.use_lag',
			'features.depth',
			'features.lag'
		]);
		expect(dims.find((d) => d.name === 'features.depth')).toMatchObject({ kind: 'int', low: 1, high: 4 });
		expect(searchedDepth(3)).toBe(3);
		expect(searchedDepth(10)).toBe(4);
	});

	it('splits sampled parameters into the model’s and a valid recipe', () => {
		const { model, recipe } = splitFeatureParams(
			{
				alpha: 0.5,
				'features.volume': true,
				'features.trend': false,
				'features.calendar': true,
				'features.use_lag': true,
				'features.use_zscore': false,
				'features.depth': 2,
				'features.lag': 4
			},
			{ maxDepth: 3, selection: 0.2 }
		);
		expect(model).toEqual({ alpha: 0.5 });
		expect(recipe).toEqual({
			set: 'generated_v1',
			families: ['volume', 'calendar'],
			transforms: ['lag'],
			depth: 2,
			lag: 4,
			selection: 0.2
		});
		expect(featureSpecSchema.parse(recipe)).toEqual(recipe);
	});

	it('runs every sampled trial with its recipe and the base model’s parameters, with no model parameter searched', () => {
		const spec = studySpecSchema.parse(afe);
		const plan = studyPlan(spec);
		expect(plan.space.map((d) => d.name)).toContain('features.depth');
		expect(plan.space.some((d) => d.name === 'alpha')).toBe(false);
		const sampler = makeSampler('tpe', { seed: spec.seed });
		const rng = createRng(spec.seed);
		for (let n = 0; n < 5; n++) {
			const params = sampler.sample({ space: plan.space, history: [], number: n, rng: rng.fork(`t${n}`) });
			const trial = trialSpecFor(spec, plan, params, n);
			expect(trialSpecSchema.parse(trial)).toEqual(trial);
			expect(trial.features.set).toBe('generated_v1');
			expect(trial.model.params.alpha).toBe(3);
			expect(Object.keys(trial.model.params).some((k) => k.startsWith('features.'))).toBe(false);
		}
	});

	it('keeps the base’s other inputs (a benchmark) under every sampled recipe', () => {
		const inputs = [{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark' }] as const;
		const spec = studySpecSchema.parse({
			...afe,
			base: tinySpec({
				model: { id: 'ridge', params: { alpha: 3 } },
				features: featureSpecSchema.parse({ set: 'daily_v1', inputs })
			})
		});
		const plan = studyPlan(spec);
		const params = makeSampler('tpe', { seed: 1 }).sample({
			space: plan.space,
			history: [],
			number: 0,
			rng: createRng(1)
		});
		const trial = trialSpecFor(spec, plan, params, 0);
		expect(trial.features.set).toBe('generated_v1');
		expect(trial.features.inputs).toEqual([
			{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark', lag: { observations: 0 } }
		]);
		expect(trialSpecSchema.parse(trial)).toEqual(trial);
	});

	it('refuses a feature search on a model that does not read features, and a study that searches nothing', () => {
		const signal = studySpecSchema.parse({
			...afe,
			base: tinySpec({ model: { id: 'rsi_model', params: {} } })
		});
		expect(() => studyPlan(signal)).toThrow(/does not read the feature columns/);
		const nothing = studySpecSchema.safeParse({ ...afe, featureSearch: undefined });
		expect(nothing.success).toBe(false);
		expect(JSON.stringify(nothing.error?.issues)).toContain('search names no parameter');
	});
});
