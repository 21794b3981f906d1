/**
 * The Feedback page's numbers as a stored view: the feedback report and the leaderboard by every metric, kept in
 * IndexedDB with the version of the trials it was computed from. A visit with no trial changed since renders
 * from the stored view (one record). After a change the view is computed again, but not from every record: from
 * each trial's digest (research/feedback-trial.ts: the few fields the arithmetic reads), kept in memory for this
 * tab and stored as columns for the next session (app/feedback-digests.ts). Only the trials whose status is not
 * the one their digest was made in (new, started, finished, failed, cancelled) are read and parsed; a deleted
 * trial's digest is dropped. A trial's numbers never change once it has finished (engine/job-store.ts settles a
 * trial once), so its status tells whether its digest is current.
 */
import { liveQuery, type Observable } from 'dexie';
import { trialRecordSchema, TRIAL_STATUSES, type TrialRecord } from '../db/records';
import { computeFeedback, type FeedbackInsight, type ModelFeedback } from '../research/feedback';
import { feedbackTrialOf, type FeedbackTrial } from '../research/feedback-trial';
import {
	leaderboards,
	LEADERBOARD_METRICS,
	type Leaderboard,
	type LeaderboardMetric
} from '../research/leaderboard';
import { db } from './db';
import { decodeDigests, encodeDigests } from './feedback-digests';

const CACHE_KEY = 'feedback-view';
const DIGESTS_KEY = 'feedback-digests';
/** Changes with every write of the stored digests (a small record: checked on every stale visit). */
const DIGESTS_STAMP_KEY = 'feedback-digests-stamp';

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

/** The page's view of these trials (records or their digests: the same view): pure. */
export function feedbackViewOf(trials: readonly FeedbackTrial[], version: string): FeedbackView {
	const report = computeFeedback(trials);
	const boards = leaderboards(trials, Object.keys(LEADERBOARD_METRICS) as LeaderboardMetric[], {
		perCell: 1
	});
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

interface Digests {
	/** The stored digests' stamp these were read from or written as; null when not stored yet. */
	readonly stamp: string | null;
	readonly byId: ReadonlyMap<string, FeedbackTrial>;
}

/** This tab's digests, current as of the last view computed; used while the stored stamp is the same. */
let memo: Digests | null = null;
/** Digests computed for a view and not stored yet (saveFeedbackView stores them). */
let unsaved: { readonly version: string; readonly digests: readonly FeedbackTrial[] } | null = null;

/** Forgets this tab's digests, as a reload does: the next stale visit starts from the stored ones. */
export function forgetTabDigests(): void {
	memo = null;
	unsaved = null;
}

/** The digests to start from: this tab's, else the stored ones, else none. */
async function startingDigests(): Promise<Digests | null> {
	const stamp = (await db.settings.get(DIGESTS_STAMP_KEY))?.value;
	if (typeof stamp !== 'string') return null;
	if (memo?.stamp === stamp) return memo;
	const stored = decodeDigests((await db.settings.get(DIGESTS_KEY))?.value);
	return stored && { stamp, byId: new Map(stored.map((d) => [d.id, d])) };
}

const parseTrial = (row: TrialRecord): FeedbackTrial => feedbackTrialOf(trialRecordSchema.parse(row));

/**
 * The digest of every stored trial, by id: those of `start` whose status is still the trial's, the others read
 * and parsed. One read transaction, so the set is of one moment. In no particular order: the feedback report
 * and the leaderboards do not depend on the order of the trials.
 */
async function currentDigests(start: Digests | null): Promise<Map<string, FeedbackTrial>> {
	return db.transaction('r', db.trials, async () => {
		const next = new Map<string, FeedbackTrial>();
		if (!start) {
			for (const row of await db.trials.toArray()) next.set(row.id, parseTrial(row));
			return next;
		}
		const keys = await Promise.all(
			TRIAL_STATUSES.map((s) => db.trials.where('status').equals(s).primaryKeys())
		);
		const stale: string[] = [];
		keys.forEach((ids, i) => {
			for (const id of ids) {
				const d = start.byId.get(id);
				if (d && d.status === TRIAL_STATUSES[i]) next.set(id, d);
				else stale.push(id);
			}
		});
		for (const row of await db.trials.bulkGet(stale)) if (row) next.set(row.id, parseTrial(row));
		return next;
	});
}

/** The stored view when it is of the trials as they are now; else computed from the trials' digests. Live. */
export function watchFeedbackView(): Observable<FeedbackView> {
	return liveQuery(async () => {
		const version = await trialsVersion();
		const cached = (await db.settings.get(CACHE_KEY))?.value as FeedbackView | undefined;
		if (cached && cached.version === version) return { ...cached, fromCache: true };
		const start = await startingDigests();
		const byId = await currentDigests(start);
		const digests = [...byId.values()];
		memo = { stamp: start?.stamp ?? null, byId };
		unsaved = { version, digests };
		return feedbackViewOf(digests, version);
	});
}

/** After the next frame is drawn (at once where there are no frames): stores what the render need not wait for. */
function afterPaint(): Promise<void> {
	if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
	return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Stores the digests a view was computed from, with a new stamp; this tab's digests take that stamp. */
async function saveDigests(digests: readonly FeedbackTrial[]): Promise<void> {
	const stamp = crypto.getRandomValues(new Uint32Array(2)).join('-');
	const value = encodeDigests(digests);
	await db.transaction('rw', db.settings, async () => {
		await db.settings.put({ key: DIGESTS_KEY, value });
		await db.settings.put({ key: DIGESTS_STAMP_KEY, value: stamp });
	});
	// This tab's digests take the stamp only if they are still the ones stored (no newer view computed since).
	if (memo && memo.byId.size === digests.length && digests.every((d) => memo?.byId.get(d.id) === d))
		memo = { stamp, byId: memo.byId };
}

/**
 * Stores a freshly computed view for the next visit, and after the next frame the digests it was computed from
 * (a failure only costs that visit a recomputation).
 */
export async function saveFeedbackView(view: FeedbackView): Promise<void> {
	if (view.fromCache) return;
	await db.settings.put({ key: CACHE_KEY, value: { ...view, fromCache: false } });
	const pending = unsaved;
	if (pending?.version !== view.version) return;
	unsaved = null;
	await afterPaint();
	await saveDigests(pending.digests);
}
