import { describe, expect, it } from 'vitest';
import { studyRecordSchema, type StudyRecord } from '../../db/study-records';
import { studySpecSchema } from '../../research/study/spec';
import { pinnedData, tinySpec } from '../../testing/fixtures';
import { getStudyResults, studyView } from './study-view';

function study(holdout: StudyRecord['holdout'], from: string | null = '2020-01-02'): StudyRecord {
	return studyRecordSchema.parse({
		id: 'study-1',
		spec: studySpecSchema.parse({
			name: 'ridge sweep',
			base: tinySpec(),
			search: { alpha: 'full' },
			sampler: 'tpe',
			budget: { trials: 2 },
			objective: { metric: 'sharpe' },
			seed: 1,
			...(from ? { holdout: { from } } : {})
		}),
		status: 'completed',
		stopReason: 'the budget of 2 trials was reached',
		error: null,
		createdAt: 1,
		finishedAt: 2,
		leaseUntil: 0,
		leaseOwner: '',
		data: pinnedData(),
		appVersion: 'test',
		trials: [0.4, 0.84].map((value, number) => ({
			number,
			trialId: `study-1.00${number}`,
			params: { alpha: number + 1 },
			state: 'complete',
			value,
			intermediate: [],
			note: null,
			createdAt: 1,
			finishedAt: 2
		})),
		holdout
	});
}

describe('get_study_results with a holdout', () => {
	it('gives Claude the holdout score beside the search best, and says the search never saw it', () => {
		const view = studyView(
			study({
				number: 1,
				trialId: 'study-1.holdout',
				state: 'complete',
				value: 0.31,
				note: null,
				createdAt: 2,
				finishedAt: 3
			})
		);
		expect(view.holdout).toEqual({
			from: '2020-01-02',
			state: 'complete',
			value: 0.31,
			search_best_value: 0.84,
			of_trial: 2,
			trial_id: 'study-1.holdout',
			summary:
				'holdout Sharpe ratio after costs 0.3100 vs search best 0.8400 (trial #2), on the holdout from 2020-01-02 on, which the search never saw'
		});
		expect(view.protocol).toMatch(/search tests and targets end before the holdout from 2020-01-02$/);
		// Not a search trial: the counts are the search's.
		expect(view.trials).toMatchObject({ sampled: 2, complete: 2 });
	});

	it('says null for a study without a holdout, and the tool answers with it', () => {
		expect(studyView(study(null, null)).holdout).toBeNull();
		const r = getStudyResults('study-1', [study(null)]);
		expect(JSON.parse(r.content).holdout).toMatchObject({ state: 'reserved', value: null });
	});
});
