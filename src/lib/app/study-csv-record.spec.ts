import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { studyRecordSchema } from '../db/study-records';
import { priorObservations } from '../engine/study-data';
import { baseTrial, exported, NOW, ok, problems } from '../testing/optuna-csv';
import { IMPORTED_NO_RETURNS, optunaStudyRecord } from './study-csv-record';
import { studyCsv } from './study-export';

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
