import { describe, expect, it } from 'vitest';
import { studySpecSchema } from '../research/study/spec';
import { tinySpec } from '../testing/fixtures';
import { resolveHoldout, searchRowsFor, studyDraftSchema, studySpecFrom, type StudyForm } from './study-form';

const LAST = Date.UTC(2024, 4, 31); // data ends Friday 2024-05-31

describe('the holdout field of the New study form', () => {
	it('reads nothing as no holdout, a date as its first day, and N as the last N calendar days', () => {
		expect(resolveHoldout('  ', LAST)).toEqual({ ok: true, from: null });
		expect(resolveHoldout('2023-06-01', LAST)).toEqual({ ok: true, from: '2023-06-01' });
		// 2024 is a leap year: the last 366 days up to 2024-05-31 start on 2023-06-01.
		expect(resolveHoldout('366', LAST)).toEqual({ ok: true, from: '2023-06-01' });
		expect(resolveHoldout('1', LAST)).toEqual({ ok: true, from: '2024-05-31' });
	});

	it('says what is wrong with a holdout it cannot use', () => {
		expect(resolveHoldout('2023-02-30', LAST)).toEqual({
			ok: false,
			message: 'type a start date (yyyy-mm-dd) or a number of days, e.g. 365'
		});
		expect(resolveHoldout('last year', LAST).ok).toBe(false);
		expect(resolveHoldout('2024-06-01', LAST)).toEqual({
			ok: false,
			message: 'the holdout starts after the data’s last day (2024-05-31)'
		});
		expect(resolveHoldout('0', LAST)).toMatchObject({ ok: false, message: /1 to 36500 days/ });
		expect(resolveHoldout('30', undefined)).toMatchObject({ ok: false, message: /type a start date/ });
	});

	it('puts the resolved date in the spec, and nothing when the field is empty', () => {
		const form: StudyForm = {
			name: 'sweep',
			baseTrialId: 't',
			rows: searchRowsFor('ridge'),
			sampler: 'tpe',
			gridPoints: 5,
			acquisition: 'EI',
			trials: 30,
			minutes: null,
			metric: 'sharpe',
			pruning: true,
			startupTrials: 5,
			warmupFolds: 1,
			parallel: 2,
			seed: 3,
			holdout: '366',
			lastT: LAST,
			procedure: 'none',
			procedureParams: {}
		};
		const base = { spec: tinySpec() } as Parameters<typeof studySpecFrom>[1];
		expect(studySpecSchema.parse(studySpecFrom(form, base)).holdout).toEqual({ from: '2023-06-01' });
		expect(studySpecSchema.parse(studySpecFrom({ ...form, holdout: '' }, base))).not.toHaveProperty(
			'holdout'
		);
	});

	it('keeps the holdout as typed in the draft, and an old draft without one reads as none', () => {
		expect(studyDraftSchema.parse({ holdout: '365' }).holdout).toBe('365');
		expect(studyDraftSchema.parse({}).holdout).toBe('');
	});
});
