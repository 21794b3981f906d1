import { describe, expect, it } from 'vitest';
import { studyRecordSchema, type StudyRecord } from '../db/study-records';
import { studySpecSchema } from '../research/study/spec';
import { pinnedData, tinySpec } from '../testing/fixtures';
import { parseStudyJson, studyCsv, studyJson } from './study-export';

function study(status: StudyRecord['status'], holdout: StudyRecord['holdout']): StudyRecord {
	return studyRecordSchema.parse({
		id: 'study-1',
		spec: studySpecSchema.parse({
			base: tinySpec(),
			search: { alpha: 'full' },
			sampler: 'random',
			budget: { trials: 2 },
			objective: { metric: 'sharpe' },
			seed: 1,
			holdout: { from: '2020-01-02' }
		}),
		status,
		stopReason: null,
		error: null,
		createdAt: 1,
		finishedAt: null,
		leaseUntil: 0,
		leaseOwner: '',
		data: pinnedData(),
		appVersion: 'test',
		trials: [0.4, Number.NaN].map((value, number) => ({
			number,
			trialId: `study-1.00${number}`,
			params: { alpha: number + 1 },
			state: 'complete',
			value,
			intermediate: [value],
			note: null,
			createdAt: 1,
			finishedAt: 2
		})),
		holdout
	});
}

const complete: StudyRecord['holdout'] = {
	number: 0,
	trialId: 'study-1.holdout',
	state: 'complete',
	value: 0.25,
	note: null,
	createdAt: 3,
	finishedAt: 4
};

describe('exporting a study with a holdout', () => {
	it('keeps the holdout and its date through a JSON export and import', () => {
		const back = parseStudyJson(studyJson(study('completed', complete)));
		expect(back.ok && back.study.holdout).toEqual(complete);
		expect(back.ok && back.study.spec.holdout).toEqual({ from: '2020-01-02' });
	});

	it('imports a holdout that was still running as failed, since its trial cannot finish here', () => {
		const back = parseStudyJson(
			studyJson(study('running', { ...complete, state: 'running', value: null, finishedAt: null }))
		);
		expect(back.ok && back.study.status).toBe('stopped');
		expect(back.ok && back.study.holdout).toMatchObject({
			state: 'failed',
			note: 'imported while it was running'
		});
	});

	it('reads a study file from before holdouts with none', () => {
		const old = JSON.parse(studyJson(study('completed', null)));
		delete old.study.holdout;
		delete old.study.spec.holdout;
		const back = parseStudyJson(JSON.stringify(old));
		expect(back.ok && back.study.holdout).toBeNull();
	});

	it('leaves the holdout trial out of the Optuna CSV: one row per search trial', () => {
		const lines = studyCsv(study('completed', complete)).trimEnd().split('\n');
		expect(lines).toHaveLength(3);
		expect(lines.join('\n')).not.toMatch(/holdout/);
	});
});
