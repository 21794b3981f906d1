import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { computeFeedback } from '../research/feedback';
import { leaderboard } from '../research/leaderboard';
import { fixtureTrial } from '../testing/feedback-fixtures';
import { db } from './db';
import {
	feedbackViewOf,
	saveFeedbackView,
	trialsVersion,
	watchFeedbackView,
	type FeedbackView
} from './feedback-view';

function next(): Promise<FeedbackView> {
	return new Promise((resolve, reject) => {
		const sub = watchFeedbackView().subscribe({
			next: (v) => {
				sub.unsubscribe();
				resolve(v);
			},
			error: reject
		});
	});
}

beforeEach(async () => {
	await Promise.all([db.trials.clear(), db.settings.clear()]);
	await db.trials.bulkPut([
		fixtureTrial('a', 1_000, { model: 'ridge', sharpe: 0.4 }),
		fixtureTrial('b', 2_000, { model: 'ridge', sharpe: 0.9 }),
		fixtureTrial('c', 3_000, { model: 'lasso', status: 'failed' })
	]);
});

describe('the Feedback page’s stored view', () => {
	it('holds the same report and leaderboards as computing them from the trials', async () => {
		const trials = await db.trials.toArray();
		const view = feedbackViewOf(trials, 'v');
		const report = computeFeedback(trials);
		expect(view.insights).toEqual(report.insights);
		expect(view.models).toEqual(report.models);
		expect(view.boards.ic).toEqual(leaderboard(trials, { metric: 'ic', perCell: 1 }));
		expect(view.boards.sharpe.cells[0].best[0].trialId).toBe('b');
	});

	it('is computed on the first visit, read back on the next, and computed again when a trial changes', async () => {
		const first = await next();
		expect(first.fromCache).toBe(false);
		await saveFeedbackView(first);
		const second = await next();
		expect(second.fromCache).toBe(true);
		expect({ ...second, fromCache: false }).toEqual(first);

		const before = await trialsVersion();
		await db.trials.put(fixtureTrial('d', 4_000, { model: 'lasso', status: 'running' }));
		expect(await trialsVersion()).not.toBe(before);
		const third = await next();
		expect(third.fromCache).toBe(false);
		expect(third.skipped).toBe(1);

		// A status change alone (the trial finishing) is a new version too.
		await saveFeedbackView(third);
		await db.trials.update('d', { status: 'failed', finishedAt: 5_000 });
		const fourth = await next();
		expect(fourth.fromCache).toBe(false);
		expect(fourth.considered).toBe(third.considered + 1);
	});
});
