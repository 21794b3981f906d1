import { describe, expect, it } from 'vitest';
import { exported, NOW, ok, problems } from '../testing/optuna-csv';
import {
	modelsAccepting,
	optunaTrialsFor,
	parsePandasTimestamp,
	readOptunaCsv,
	stateCounts,
	type OptunaCsv
} from './study-csv-import';
import { studyCsv } from './study-export';

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
		expect(problems(readOptunaCsv('number,value,params_a,state\n0,1,"x,COMPLETE\n1,1,1,COMPLETE'))).toEqual([
			'row 2: a quoted cell is never closed (a missing ")'
		]);
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
