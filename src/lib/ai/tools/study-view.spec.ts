import { describe, expect, it } from 'vitest';
import { studyRecordSchema, type StudyRecord } from '../../db/study-records';
import { studySpecSchema } from '../../research/study/spec';
import { pinnedData, tinySpec } from '../../testing/fixtures';
import { context, trialRecord } from '../../testing/tool-context';
import { parseToolCall } from './parse';
import { runReadOnlyTool, type ReadOnlyCall } from './read-only';
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

describe('get_trial_results of a study trial with date bounds', () => {
	it('shows the bounds when set, and no such key otherwise', () => {
		const plain = trialRecord('t');
		const held = trialRecord('study-1.holdout', {
			spec: { ...plain.spec, validation: { ...plain.spec.validation, testFrom: '2020-01-02' } }
		});
		const ask = (id: string) => {
			const parsed = parseToolCall('get_trial_results', { trial_id: id });
			if (!parsed.ok) throw new Error(parsed.message);
			return JSON.parse(runReadOnlyTool(parsed as ReadOnlyCall, context({ trials: [plain, held] })).content);
		};
		expect(ask('study-1.holdout').spec.validation).toMatchObject({ testFrom: '2020-01-02' });
		expect(ask('t').spec.validation).not.toHaveProperty('testFrom');
		expect(ask('t').spec.validation).not.toHaveProperty('testUntil');
	});
});
