import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { trialRecordSchema, type TrialRecord } from '../db/records';
import { studyRecordSchema, type StudyRecord, type StudyTrial } from '../db/study-records';
import { priorObservations } from '../engine/study-data';
import { studySpecSchema } from '../research/study/spec';
import { pinnedData, tinySpec } from '../testing/fixtures';
import {
	csvIssueText,
	modelsAccepting,
	optunaTrialsFor,
	parsePandasTimestamp,
	readOptunaCsv,
	stateCounts,
	type CsvIssue,
	type OptunaCsv
} from './study-csv-import';
import { IMPORTED_NO_RETURNS, optunaStudyRecord } from './study-csv-record';
import { studyCsv } from './study-export';

const NOW = Date.UTC(2026, 11, 5, 8, 0, 0);
const T0 = Date.UTC(2026, 11, 5, 4, 0, 0);

const mlp = {
	hidden_layers: [16],
	activation: 'relu',
	dropout_rate: 0.1,
	epochs: 5,
	learning_rate: 0.01,
	batch_size: 32
};

function baseTrial(modelId = 'feedforward_mlp', params: Record<string, unknown> = mlp): TrialRecord {
	return trialRecordSchema.parse({
		id: 'trial-base',
		spec: tinySpec({ model: { id: modelId, params } as TrialRecord['spec']['model'] }),
		task: 'regression',
		status: 'completed',
		createdAt: T0,
		startedAt: T0,
		finishedAt: T0 + 1,
		folds: 1,
		foldsDone: 1,
		foldsFailed: 0,
		error: null,
		summary: null,
		appVersion: 'test',
		data: pinnedData(),
		foldBounds: [{ trainStartT: 0, trainEndT: 1, testStartT: 2, testEndT: 3 }]
	});
}

const entry = (
	number: number,
	state: StudyTrial['state'],
	value: number | null,
	params: StudyTrial['params'],
	note: string | null = null
): StudyTrial => ({
	number,
	trialId: `study-x.${String(number).padStart(3, '0')}`,
	params,
	state,
	value,
	intermediate: [0.1],
	note,
	createdAt: T0 + number * 61_000,
	finishedAt: state === 'running' ? null : T0 + number * 61_000 + 12_345
});

/** A study of every state, every searchable parameter kind, a parameter left out, awkward notes and NaN. */
function exported(): StudyRecord {
	return studyRecordSchema.parse({
		id: 'study-x',
		spec: studySpecSchema.parse({
			base: tinySpec({ model: { id: 'feedforward_mlp', params: mlp } as TrialRecord['spec']['model'] }),
			search: { activation: 'full', dropout_rate: 'full', epochs: 'full', learning_rate: 'full' },
			sampler: 'tpe',
			budget: { trials: 10 },
			objective: { metric: 'sharpe' },
			seed: 1
		}),
		status: 'completed',
		stopReason: 'budget reached',
		error: null,
		createdAt: T0,
		finishedAt: T0 + 1,
		leaseUntil: 0,
		leaseOwner: '',
		data: pinnedData(),
		appVersion: 'test',
		trials: [
			entry(0, 'complete', 0.8123456789, {
				activation: 'tanh',
				dropout_rate: 0.25,
				epochs: 12,
				learning_rate: 0.0031
			}),
			entry(
				1,
				'pruned',
				-0.2,
				{ activation: 'relu', dropout_rate: 0, epochs: 3, learning_rate: 1e-4 },
				'pruned after fold 2, below the median'
			),
			entry(
				2,
				'failed',
				null,
				{ activation: 'elu', dropout_rate: 0.5, epochs: 40, learning_rate: 0.05 },
				'-1 "quoted", with a comma'
			),
			entry(3, 'complete', Number.NaN, { activation: 'selu', epochs: 7, learning_rate: 0.02 }),
			entry(4, 'running', null, { activation: 'sigmoid', dropout_rate: 0.3, epochs: 9, learning_rate: 0.001 })
		]
	});
}

function ok<T>(r: { ok: true; value: T } | { ok: false; issues: readonly CsvIssue[] }): T {
	if (!r.ok) throw new Error(r.issues.map(csvIssueText).join('\n'));
	return r.value;
}

function problems(r: { ok: boolean; issues?: readonly CsvIssue[] }): string[] {
	return r.ok ? [] : (r.issues ?? []).map(csvIssueText);
}

describe('reading an Optuna trials_dataframe CSV', () => {
	it('gives back exactly the parameters, values, states, times and notes our export wrote', () => {
		const s = exported();
		const csv = ok(readOptunaCsv(studyCsv(s)));
		expect(csv.paramNames).toEqual(['activation', 'dropout_rate', 'epochs', 'learning_rate']);
		expect(csv.ignoredColumns).toEqual(['duration', 'user_attrs_trial_id']);
		const back = ok(optunaTrialsFor(csv, 'feedforward_mlp', NOW));
		// NaN is written as an empty cell and read as "no value": the same thing, said once.
		const norm = (v: number | null) => (v === null || Number.isNaN(v) ? null : v);
		expect(
			back.map((t) => [t.number, t.state, t.value, t.params, t.note, t.createdAt, t.finishedAt])
		).toEqual(
			s.trials.map((t) => [t.number, t.state, norm(t.value), t.params, t.note, t.createdAt, t.finishedAt])
		);
		// An imported entry has no folds here.
		expect(back.every((t) => t.intermediate.length === 0)).toBe(true);
	});

	it('reads the layout Optuna documents for trials_dataframe().to_csv(): an index column, True/False, floats for ints', () => {
		// Optuna 3.x Study.trials_dataframe() columns (number, value, datetime_start, datetime_complete, duration,
		// params_*, user_attrs_*, system_attrs_*, state) written by pandas DataFrame.to_csv() with its default index
		// column; an int column with a missing cell becomes float64 ("3.0"), a missing cell is empty.
		const text = [
			',number,value,datetime_start,datetime_complete,duration,params_alpha,params_fit_intercept,system_attrs_x,state',
			'0,0,0.51,2026-01-02 03:04:05.067000,2026-01-02 03:04:06.567000,0 days 00:00:01.500000,0.5,True,,COMPLETE',
			'1,1,,2026-01-02 03:04:07.000000,,,,False,,TrialState.RUNNING',
			'2,2,0.2,2026-01-02T03:04:08Z,2026-01-02T03:04:09Z,,2.0,,,FAIL'
		].join('\r\n');
		const csv = ok(readOptunaCsv(`\uFEFF${text}\r\n`));
		expect(csv.ignoredColumns).toEqual(['(unnamed index column)', 'duration', 'system_attrs_x']);
		const trials = ok(optunaTrialsFor(csv, 'ridge', NOW));
		expect(trials.map((t) => [t.state, t.value, t.params])).toEqual([
			['complete', 0.51, { alpha: 0.5, fit_intercept: true }],
			['running', null, { fit_intercept: false }],
			['failed', 0.2, { alpha: 2 }]
		]);
		expect(trials[0].createdAt).toBe(Date.UTC(2026, 0, 2, 3, 4, 5, 67));
		expect(trials[2].finishedAt).toBe(Date.UTC(2026, 0, 2, 3, 4, 9));
		const epochs = ok(readOptunaCsv('number,value,params_epochs,state\n0,1,3.0,COMPLETE\n'));
		expect(ok(optunaTrialsFor(epochs, 'feedforward_mlp', NOW))[0].params).toEqual({ epochs: 3 });
	});

	it('reads pandas timestamps as UTC and refuses dates that do not exist', () => {
		expect(parsePandasTimestamp('2026-12-05 04:33:42.123000')).toBe(Date.UTC(2026, 11, 5, 4, 33, 42, 123));
		expect(parsePandasTimestamp('2026-12-05 04:33:42')).toBe(Date.UTC(2026, 11, 5, 4, 33, 42));
		expect(parsePandasTimestamp('2026-02-31 00:00:00')).toBeNaN();
		expect(parsePandasTimestamp('yesterday')).toBeNaN();
	});

	it('names the row and column of every bad cell', () => {
		const text = [
			'number,value,datetime_start,params_alpha,state',
			'0,0.1,2026-01-02 03:04:05,0.5,COMPLETE',
			'1,inf,2026-01-02 03:04:05,0.5,COMPLETE',
			'x,0.1,,0.5,COMPLETE',
			'0,0.1,,0.5,WAITING',
			'3,0.1,noon,0.5,DONE',
			'4,0.1,,0.5'
		].join('\n');
		expect(problems(readOptunaCsv(text))).toEqual([
			'row 3, value: "inf" is not a finite number (leave it empty when there is none)',
			'row 4, number: "x" is not a trial number (a whole number from 0)',
			'row 5, number: trial 0 is also on row 2',
			'row 5, state: "WAITING" is not a trial state: COMPLETE, PRUNED, FAIL or RUNNING (a WAITING trial never ran: leave it out)',
			'row 6, state: "DONE" is not a trial state: COMPLETE, PRUNED, FAIL or RUNNING',
			'row 6, datetime_start: "noon" is not a date and time like 2026-12-05 04:33:42.123000',
			'row 7: has 4 cells; the header has 5'
		]);
	});

	it('refuses files that are not a single-objective trials_dataframe, saying why', () => {
		const one = (text: string) => problems(readOptunaCsv(text))[0];
		expect(one('')).toMatch(/no header row/);
		expect(one('number,values_0,values_1,state\n0,1,2,COMPLETE')).toMatch(/multi-objective/);
		expect(one('number,params_a,state\n0,1,COMPLETE')).toBe('the header has no "value" column');
		expect(one('number,value,params_a,state')).toBe('the file has no trial rows');
		expect(one('number,value,params_a,state\n0,1,,COMPLETE')).toMatch(/no params_ column with a value/);
		expect(one('number,value,value,state\n0,1,1,COMPLETE')).toBe('the header names column "value" twice');
		const rows = Array.from({ length: 501 }, (_, i) => `${i},1,1,COMPLETE`).join('\n');
		expect(one(`number,value,params_a,state\n${rows}`)).toBe(
			'the file has 501 trials; a study here holds at most 500'
		);
	});

	it('maps params_ columns onto the model’s catalog parameters, refusing unknown, list and out-of-range ones', () => {
		const csv = (text: string): OptunaCsv => ok(readOptunaCsv(text));
		expect(
			problems(
				optunaTrialsFor(csv('number,value,params_alpha,params_gamma,state\n0,1,1,2,COMPLETE'), 'ridge', NOW)
			)
		).toEqual(['row 1, params_gamma: gamma is not a parameter of ridge']);
		expect(
			problems(
				optunaTrialsFor(
					csv('number,value,params_hidden_layers,state\n0,1,8,COMPLETE'),
					'feedforward_mlp',
					NOW
				)
			)
		).toEqual([
			'row 1, params_hidden_layers: hidden_layers is a list parameter of feedforward_mlp, which a study cannot search'
		]);
		const bad = csv(
			'number,value,params_activation,params_epochs,params_learning_rate,state\n0,1,swish,2.5,5,COMPLETE\n1,1,relu,0,abc,PRUNED'
		);
		expect(problems(optunaTrialsFor(bad, 'feedforward_mlp', NOW))).toEqual([
			'row 2, params_activation: feedforward_mlp.activation: "swish" is not one of relu, tanh, sigmoid, elu, selu',
			'row 2, params_epochs: feedforward_mlp.epochs: 2.5 is not a whole number',
			'row 2, params_learning_rate: feedforward_mlp.learning_rate: 5 is outside the range [0.00001, 0.1]',
			'row 3, params_epochs: feedforward_mlp.epochs: 0 is outside the range [1, 500]',
			'row 3, params_learning_rate: feedforward_mlp.learning_rate: "abc" is not a number'
		]);
		expect(
			problems(
				optunaTrialsFor(csv('number,value,params_fit_intercept,state\n0,1,yes,COMPLETE'), 'ridge', NOW)
			)
		).toEqual(['row 2, params_fit_intercept: ridge.fit_intercept: "yes" is not True or False']);
	});
});

describe('choosing a base trial for an imported file', () => {
	it('offers only models whose parameters take every trial, and counts the file’s states', () => {
		const csv = ok(readOptunaCsv(studyCsv(exported())));
		expect([...modelsAccepting(csv, ['ridge', 'feedforward_mlp', 'xgboost', 'feedforward_mlp'])]).toEqual([
			'feedforward_mlp'
		]);
		expect(stateCounts(csv)).toEqual({ complete: 2, pruned: 1, failed: 1, running: 1 });
	});
});

describe('a study imported from an Optuna CSV', () => {
	const input = (text: string, base = baseTrial()) => ({
		text,
		fileName: 'optuna.csv',
		base,
		metric: 'sharpe' as const,
		id: 'study-imported',
		now: NOW,
		appVersion: 'test'
	});

	it('is a stopped study of the base trial’s model and data whose entries have no trial record', () => {
		const s = ok(optunaStudyRecord(input(studyCsv(exported()))));
		expect(s.status).toBe('stopped');
		expect(s.origin).toEqual({
			kind: 'optuna_csv',
			fileName: 'optuna.csv',
			importedAt: NOW,
			baseTrialId: 'trial-base',
			ignoredColumns: ['duration', 'user_attrs_trial_id']
		});
		expect(s.spec.base.model).toEqual(baseTrial().spec.model);
		expect(s.spec.search).toEqual({
			activation: 'full',
			dropout_rate: 'full',
			epochs: 'full',
			learning_rate: 'full'
		});
		expect(s.spec.objective).toEqual({ metric: 'sharpe', direction: 'maximize' });
		expect(s.data).toEqual(baseTrial().data);
		expect(s.trials.every((t) => t.trialId === null)).toBe(true);
		expect(s.report).toMatchObject({
			bestNumber: 0,
			dsr: { ok: false, reason: IMPORTED_NO_RETURNS },
			pbo: { ok: false, reason: IMPORTED_NO_RETURNS }
		});
		// It survives storage's schema, and our own JSON round trip keeps the origin.
		expect(studyRecordSchema.parse(JSON.parse(JSON.stringify(s))).origin?.kind).toBe('optuna_csv');
	});

	it('is refused when the file’s parameters are not the base trial’s model’s', () => {
		const r = optunaStudyRecord(
			input(studyCsv(exported()), baseTrial('ridge', { alpha: 1, fit_intercept: true }))
		);
		expect(problems(r)).toContain('row 1, params_activation: activation is not a parameter of ridge');
	});

	it('warm-starts the next study of the same model on the same series with the same objective', async () => {
		const db = new MlTrainerDb('csv-import-warm-start');
		const imported = ok(optunaStudyRecord(input(studyCsv(exported()))));
		await db.studies.add(imported);
		const next = studyRecordSchema.parse({
			...imported,
			id: 'study-next',
			status: 'running',
			createdAt: NOW + 1,
			origin: undefined
		});
		const prior = await priorObservations(db, next);
		// Only complete trials with their values as scores to maximise (sharpe is maximised).
		expect(prior.map((o) => [o.number, o.state, o.value])).toEqual([
			[0, 'complete', 0.8123456789],
			[3, 'complete', null]
		]);
		expect(prior[0].params).toEqual({
			activation: 'tanh',
			dropout_rate: 0.25,
			epochs: 12,
			learning_rate: 0.0031
		});
		const other = studyRecordSchema.parse({
			...next,
			spec: { ...next.spec, objective: { metric: 'ic', direction: 'maximize' } }
		});
		expect(await priorObservations(db, other)).toEqual([]);
		db.close();
	});
});
