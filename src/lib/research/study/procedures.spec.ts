import { describe, expect, it } from 'vitest';
import { CATALOG, isRunnable, runKindOf } from '../../catalog/catalog';
import { STUDY_PROCEDURE_IDS } from '../../catalog/study-procedures';
import { tinySpec } from '../../testing/fixtures';
import { applyProcedure, procedureMismatch, procedurePreset, procedureTrials } from './procedures';
import { makeSampler } from './samplers/index';
import { MAX_STUDY_TRIALS, studySpecSchema, type StudySpecInput } from './spec';

const plain: StudySpecInput = {
	name: 'p',
	base: tinySpec({ model: { id: 'ridge', params: {} } }),
	search: { alpha: 'full' },
	sampler: 'random',
	samplerOptions: { gridPoints: 7, acquisition: 'EI' },
	budget: { trials: 30, minutes: 15 },
	objective: { metric: 'sharpe' },
	seed: 3
};

function preset(id: string, params: unknown) {
	const r = procedurePreset(id, params);
	if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.issues)}`);
	return r;
}

describe('catalog procedures as study presets', () => {
	it('cover exactly the catalog entries that run as studies, each with its catalog defaults', () => {
		const studies = CATALOG.filter((e) => isRunnable(e) && runKindOf(e) === 'study').map((e) => e.id);
		expect(studies.sort()).toEqual([...STUDY_PROCEDURE_IDS].sort());
		for (const id of STUDY_PROCEDURE_IDS)
			expect(preset(id, {}).preset.trials, id).toBe(id === 'automated_feature_engineering' ? null : 100);
	});

	it('make automated_feature_engineering a TPE feature search with the catalog’s depth and threshold, the budget left to the form', () => {
		const p = preset('automated_feature_engineering', {});
		expect(p.preset).toEqual({
			sampler: 'tpe',
			trials: null,
			featureSearch: { maxDepth: 3, selection: 0.1 },
			notes: []
		});
		const deep = preset('automated_feature_engineering', { max_depth: 9, feature_selection_threshold: 0.3 });
		expect(deep.preset.featureSearch).toEqual({ maxDepth: 9, selection: 0.3 });
		expect(deep.preset.notes[0]).toMatch(/max_depth 9 searches depths up to 4/);
		const spec = applyProcedure({ ...plain, sampler: 'random', budget: { trials: 12 } }, deep.preset);
		expect(spec.sampler).toBe('tpe');
		expect(spec.budget.trials).toBe(12);
		expect(spec.featureSearch).toEqual({ maxDepth: 9, selection: 0.3 });
		const parsed = studySpecSchema.parse(spec);
		expect(procedureMismatch(parsed, deep.run)).toEqual([]);
		expect(procedureMismatch({ ...parsed, featureSearch: undefined }, deep.run).map((i) => i.path)).toEqual([
			'featureSearch'
		]);
		expect(
			procedureMismatch(parsed, { id: 'hyperparameter_evolution', params: { n_trials: 12 } }).map(
				(i) => i.path
			)
		).toEqual(['featureSearch']);
	});

	it('take hyperparameter_evolution’s sampler at its word: TPE by default, random, or the CMA-ES evolution strategy', () => {
		expect(preset('hyperparameter_evolution', {}).preset).toEqual({ sampler: 'tpe', trials: 100, notes: [] });
		expect(preset('hyperparameter_evolution', { sampler: 'random' }).preset.sampler).toBe('random');
		const cma = preset('hyperparameter_evolution', { sampler: 'CMA-ES', n_trials: 40 });
		expect(cma.preset).toEqual({ sampler: 'cmaes', trials: 40, notes: [] });
		expect(cma.run).toEqual({
			id: 'hyperparameter_evolution',
			params: { n_trials: 40, sampler: 'CMA-ES' },
			notes: []
		});
		expect(makeSampler(cma.preset.sampler, { seed: 1 }).name).toBe('CMA-ES');
	});

	it('run bayesian_parameter_optimization as the Gaussian-process sampler with its acquisition function', () => {
		expect(preset('bayesian_parameter_optimization', {}).preset).toEqual({
			sampler: 'gp',
			acquisition: 'EI',
			trials: 100,
			notes: []
		});
		for (const a of ['EI', 'PI', 'UCB'] as const) {
			const p = preset('bayesian_parameter_optimization', { acquisition_function: a }).preset;
			expect(p.acquisition).toBe(a);
			expect(makeSampler(p.sampler, { seed: 1, acquisition: p.acquisition }).name).toBe(`GP-${a}`);
		}
	});

	it('cap n_trials above the study limit at 500 and say so, keeping the catalog’s range valid', () => {
		expect(procedureTrials(MAX_STUDY_TRIALS)).toEqual({ trials: 500, notes: [] });
		const big = preset('bayesian_parameter_optimization', { n_trials: 1000 });
		expect(big.preset.trials).toBe(500);
		expect(big.run.params.n_trials).toBe(1000);
		expect(big.run.notes).toEqual([expect.stringMatching(/^n_trials 1000 is capped at 500/)]);
		expect(big.preset.notes).toEqual(big.run.notes);
	});

	it('refuse out-of-range or unknown parameters and other procedures, naming the field', () => {
		const paths = (id: string, params: unknown) => {
			const r = procedurePreset(id, params);
			return r.ok ? [] : r.issues.map((i) => i.path);
		};
		expect(paths('hyperparameter_evolution', { n_trials: 9 })).toEqual(['n_trials']);
		expect(paths('hyperparameter_evolution', { n_trials: 1001 })).toEqual(['n_trials']);
		expect(paths('hyperparameter_evolution', { sampler: 'grid' })).toEqual(['sampler']);
		expect(paths('bayesian_parameter_optimization', { acquisition_function: 'EI', xi: 1 })).toEqual(['xi']);
		for (const id of ['walk_forward_optimization', 'federated_learning', 'ridge', 'nope']) {
			const r = procedurePreset(id, {});
			expect(r.ok, id).toBe(false);
			if (!r.ok) expect(r.issues[0].message).toMatch(/not a catalog procedure that runs as a study/);
		}
	});
});

describe('a study set by a procedure', () => {
	it('gets the procedure’s sampler, acquisition and budget and keeps every other setting', () => {
		const { preset: p, run } = preset('bayesian_parameter_optimization', {
			n_trials: 60,
			acquisition_function: 'UCB'
		});
		const spec = studySpecSchema.parse(applyProcedure(plain, p));
		expect(spec.sampler).toBe('gp');
		expect(spec.samplerOptions).toEqual({ gridPoints: 7, acquisition: 'UCB' });
		expect(spec.budget).toEqual({ trials: 60, minutes: 15 });
		expect(spec.search).toEqual({ alpha: 'full' });
		expect(spec.seed).toBe(3);
		expect(procedureMismatch(spec, run)).toEqual([]);
	});

	it('is refused when the spec does not run what the procedure says, naming each field', () => {
		const { run } = preset('hyperparameter_evolution', { sampler: 'CMA-ES', n_trials: 50 });
		const spec = studySpecSchema.parse(plain);
		expect(procedureMismatch(spec, run).map((i) => i.path)).toEqual(['sampler', 'budget.trials']);
		const bayes = preset('bayesian_parameter_optimization', { acquisition_function: 'PI', n_trials: 30 });
		const gp = studySpecSchema.parse({ ...plain, sampler: 'gp' });
		expect(procedureMismatch(gp, bayes.run)).toEqual([
			{
				path: 'samplerOptions.acquisition',
				message: 'bayesian_parameter_optimization runs acquisition PI, not EI'
			}
		]);
		expect(procedureMismatch(spec, { id: 'hyperparameter_evolution', params: { n_trials: 5 } })).toEqual([
			{ path: 'procedure.n_trials', message: expect.stringMatching(/n_trials/) }
		]);
	});
});
