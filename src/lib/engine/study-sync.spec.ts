import { describe, expect, it } from 'vitest';
import type { StudyRecord, StudyTrial } from '../db/study-records';
import { completeScores, score, type Held } from './study-sync';

function entry(number: number, state: StudyTrial['state'], intermediate: number[]): StudyTrial {
	return {
		number,
		trialId: `s.${number}`,
		params: {},
		state,
		value: null,
		intermediate,
		note: null,
		createdAt: 0,
		finishedAt: null
	};
}

function held(direction: 'maximize' | 'minimize', trials: StudyTrial[]): Held {
	const study = { spec: { objective: { metric: 'rmse', direction } }, trials } as unknown as StudyRecord;
	return { study, dirty: new Set(), folds: new Map(), plan: null, writtenAt: 0 };
}

/** What the runner computed on every step before the scores were remembered. */
function recomputed(h: Held): number[][] {
	return h.study.trials
		.filter((t) => t.state === 'complete')
		.map((t) => t.intermediate.map((v) => score(v, h.study.spec)));
}

describe('the complete entries’ scores for the pruner', () => {
	it('are the complete entries’ running objectives as scores to maximise, in entry order', () => {
		const h = held('minimize', [
			entry(0, 'complete', [3, 2]),
			entry(1, 'pruned', [9]),
			entry(2, 'complete', [1.5])
		]);
		expect(completeScores(h)).toEqual([[-3, -2], [-1.5]]);
	});

	it('stay equal to recomputing them as entries run, complete, fail and are pruned', () => {
		const h = held('maximize', [entry(0, 'complete', [0.1, 0.2]), entry(1, 'running', [0.3])]);
		expect(completeScores(h)).toEqual(recomputed(h));
		const first = completeScores(h);
		// A running entry's new running objective changes nothing the pruner compares against.
		h.study = {
			...h.study,
			trials: [h.study.trials[0], entry(1, 'running', [0.3, 0.4]), entry(2, 'running', [])]
		};
		expect(completeScores(h)).toBe(first);
		h.study = {
			...h.study,
			trials: [h.study.trials[0], entry(1, 'complete', [0.3, 0.4, 0.5]), entry(2, 'failed', [])]
		};
		expect(completeScores(h)).toEqual(recomputed(h));
		expect(completeScores(h)).toEqual([
			[0.1, 0.2],
			[0.3, 0.4, 0.5]
		]);
		h.study = {
			...h.study,
			trials: [...h.study.trials, entry(3, 'pruned', [0.9]), entry(4, 'complete', [-1])]
		};
		expect(completeScores(h)).toEqual(recomputed(h));
	});
});
