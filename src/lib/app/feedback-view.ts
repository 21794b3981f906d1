/**
 * The Feedback page's numbers as a stored view: the feedback report and the leaderboard by every metric, computed
 * from all stored trials and kept in IndexedDB with the version of the trials it was computed from. A visit with
 * no trial changed since renders from the stored view (one record) instead of reading and parsing every trial;
 * any change of the trials (created, finished, deleted) changes the version and the view is computed again.
 */
import { liveQuery, type Observable } from 'dexie';
import { trialRecordSchema, TRIAL_STATUSES, type TrialRecord } from '../db/records';
import { computeFeedback, type FeedbackInsight, type ModelFeedback } from '../research/feedback';
import {
	leaderboard,
	LEADERBOARD_METRICS,
	type Leaderboard,
	type LeaderboardMetric
} from '../research/leaderboard';
import { db } from './db';

const CACHE_KEY = 'feedback-view';

export interface FeedbackView {
	/** The version of the stored trials it was computed from (trialsVersion). */
	readonly version: string;
	readonly considered: number;
	readonly skipped: number;
	readonly insights: readonly FeedbackInsight[];
	readonly models: readonly ModelFeedback[];
	readonly boards: Readonly<Record<LeaderboardMetric, Leaderboard>>;
	/** True when read back from storage, false when just computed (and not yet stored). */
	readonly fromCache: boolean;
}

/** The page's view of these trials: pure. */
export function feedbackViewOf(trials: readonly TrialRecord[], version: string): FeedbackView {
	const report = computeFeedback(trials);
	const boards = Object.fromEntries(
		(Object.keys(LEADERBOARD_METRICS) as LeaderboardMetric[]).map((m) => [
			m,
			leaderboard(trials, { metric: m, perCell: 1 })
		])
	) as Record<LeaderboardMetric, Leaderboard>;
	return {
		version,
		considered: report.considered,
		skipped: report.skipped,
		insights: report.insights,
		models: report.models,
		boards,
		fromCache: false
	};
}

/**
 * Changes whenever the set of trials or a trial's status does: the count of trials in each status (index counts)
 * and the newest trial's id. A trial's numbers never change once it has finished.
 */
export async function trialsVersion(): Promise<string> {
	const counts = await Promise.all(TRIAL_STATUSES.map((s) => db.trials.where('status').equals(s).count()));
	const newest = await db.trials.orderBy('createdAt').last();
	return `${counts.join('.')}|${newest?.id ?? ''}`;
}

/** The stored view when it is of the trials as they are now; else computed from every trial. Live. */
export function watchFeedbackView(): Observable<FeedbackView> {
	return liveQuery(async () => {
		const version = await trialsVersion();
		const cached = (await db.settings.get(CACHE_KEY))?.value as FeedbackView | undefined;
		if (cached && cached.version === version) return { ...cached, fromCache: true };
		const trials = (await db.trials.toArray()).map((t) => trialRecordSchema.parse(t));
		return feedbackViewOf(trials, version);
	});
}

/** Stores a freshly computed view for the next visit (a failure only costs that visit a recomputation). */
export async function saveFeedbackView(view: FeedbackView): Promise<void> {
	if (view.fromCache) return;
	await db.settings.put({ key: CACHE_KEY, value: { ...view, fromCache: false } });
}
