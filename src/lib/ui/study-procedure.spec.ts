import { describe, expect, it } from 'vitest';
import { studyRecordSchema } from '../app/study-types';
import { procedureMismatch } from '../research/study/procedures';
import { studySpecSchema } from '../research/study/spec';
import { pinnedData, tinySpec } from '../testing/fixtures';
import { procedureOf, searchRowsFor, studyDraftSchema, studySpecFrom, type StudyForm } from './study-form';
import {
	PROCEDURE_OPTIONS,
	procedureChoiceOf,
	procedureDefaults,
	procedureLine,
	procedureSummary
} from './study-procedure';

const base = { spec: tinySpec({ name: 'base' }) } as Parameters<typeof studySpecFrom>[1];

function form(patch: Partial<StudyForm> = {}): StudyForm {
	return {
		name: 'x',
		baseTrialId: 't',
		rows: searchRowsFor('ridge'),
		sampler: 'quasi_random',
		gridPoints: 5,
		acquisition: 'EI',
		trials: 30,
		minutes: 20,
		metric: 'sharpe',
		pruning: true,
		startupTrials: 5,
		warmupFolds: 1,
		parallel: 2,
		seed: 3,
		procedure: 'none',
		procedureParams: {},
		...patch
	};
}

describe('the New study form’s Procedure choice', () => {
	it('offers a plain study or the three catalog procedures that run as studies', () => {
		expect(PROCEDURE_OPTIONS.map((o) => o.id)).toEqual([
			'automated_feature_engineering',
			'hyperparameter_evolution',
			'bayesian_parameter_optimization'
		]);
		expect(procedureChoiceOf('bayesian_parameter_optimization')).toBe('bayesian_parameter_optimization');
		for (const asked of [null, '', 'walk_forward_optimization', 'ridge'])
			expect(procedureChoiceOf(asked)).toBe('none');
		expect(procedureDefaults('hyperparameter_evolution')).toEqual({ n_trials: 100, sampler: 'TPE' });
		expect(procedureDefaults('none')).toEqual({});
	});

	it('leaves a plain study’s sampler and budget as chosen', () => {
		const spec = studySpecSchema.parse(studySpecFrom(form(), base));
		expect([spec.sampler, spec.budget.trials]).toEqual(['quasi_random', 30]);
		expect(procedureOf(form())).toBeUndefined();
	});

	it('sets the sampler and budget from the procedure, so the submitted pair agrees', () => {
		const f = form({
			procedure: 'hyperparameter_evolution',
			procedureParams: { n_trials: 1000, sampler: 'CMA-ES' }
		});
		const spec = studySpecSchema.parse(studySpecFrom(f, base));
		expect([spec.sampler, spec.budget.trials, spec.budget.minutes]).toEqual(['cmaes', 500, 20]);
		expect(procedureOf(f)).toEqual({
			id: 'hyperparameter_evolution',
			params: { n_trials: 1000, sampler: 'CMA-ES' }
		});
		expect(procedureMismatch(spec, procedureOf(f)!)).toEqual([]);
		const summary = procedureSummary('hyperparameter_evolution', f.procedureParams);
		expect(summary).toMatchObject({ ok: true, sampler: 'cmaes', trials: 500, acquisition: null });
		expect(summary.ok && summary.notes[0]).toMatch(/capped at 500/);
		const gp = form({
			procedure: 'bayesian_parameter_optimization',
			procedureParams: { n_trials: 40, acquisition_function: 'PI' }
		});
		const gpSpec = studySpecSchema.parse(studySpecFrom(gp, base));
		expect([gpSpec.sampler, gpSpec.samplerOptions.acquisition, gpSpec.budget.trials]).toEqual([
			'gp',
			'PI',
			40
		]);
	});

	it('keeps the form’s settings when the procedure’s parameters are bad, so the pair is refused naming the field', () => {
		const f = form({ procedure: 'bayesian_parameter_optimization', procedureParams: { n_trials: 3 } });
		const spec = studySpecSchema.parse(studySpecFrom(f, base));
		expect(spec.sampler).toBe('quasi_random');
		expect(procedureSummary('bayesian_parameter_optimization', f.procedureParams)).toMatchObject({
			ok: false,
			issues: [{ path: 'n_trials' }]
		});
		expect(procedureMismatch(spec, procedureOf(f)!)[0].path).toBe('procedure.n_trials');
	});

	it('keeps the procedure in a draft, and reads an old draft without one as a plain study', () => {
		const saved = studyDraftSchema.parse({
			procedure: 'bayesian_parameter_optimization',
			procedureParams: { n_trials: 50, acquisition_function: 'UCB' }
		});
		expect(saved.procedure).toBe('bayesian_parameter_optimization');
		expect(saved.procedureParams).toEqual({ n_trials: 50, acquisition_function: 'UCB' });
		const old = studyDraftSchema.parse({ sampler: 'gp', trials: 10 });
		expect([old.procedure, old.procedureParams]).toEqual(['none', {}]);
		expect(studyDraftSchema.parse({ procedure: 'federated_learning' }).procedure).toBe('none');
	});
});

describe('a stored study’s procedure', () => {
	it('is optional, so a study stored before procedures existed still loads', () => {
		const record = {
			id: 's',
			spec: studySpecSchema.parse(studySpecFrom(form(), base)),
			status: 'completed',
			stopReason: null,
			error: null,
			createdAt: 1,
			finishedAt: 2,
			leaseUntil: 0,
			leaseOwner: '',
			data: pinnedData(),
			appVersion: 't',
			trials: []
		};
		expect(studyRecordSchema.parse(record).procedure).toBeUndefined();
		const withProcedure = studyRecordSchema.parse({
			...record,
			procedure: {
				id: 'bayesian_parameter_optimization',
				params: { n_trials: 100, acquisition_function: 'EI' }
			}
		});
		expect(withProcedure.procedure).toEqual({
			id: 'bayesian_parameter_optimization',
			params: { n_trials: 100, acquisition_function: 'EI' },
			notes: []
		});
		expect(procedureLine(withProcedure.procedure!)).toBe(
			'Bayesian optimisation of parameters (bayesian_parameter_optimization): n_trials=100, acquisition_function=EI'
		);
	});
});
