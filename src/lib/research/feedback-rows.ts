/**
 * What the feedback manager reads of each finished trial, read once. Ten thousand trial records lie scattered in
 * memory, and every pass that follows a record's pointers (spec → model → params, summary → strategy) misses the
 * cache again; the replay, the per-model statistics and the insights all read these rows instead.
 */
import type { FeedbackTrial } from './feedback-trial';
import type { ParamsRecord } from './feedback-replay-types';

export interface FeedbackRow {
	readonly trial: FeedbackTrial;
	readonly id: string;
	readonly modelId: string;
	/** Completed (else failed: only finished trials have rows). */
	readonly completed: boolean;
	readonly params: ParamsRecord;
	/** When it happened, for ordering: finished, else started, else created. */
	readonly time: number;
	readonly createdAt: number;
	/** finishedAt ?? createdAt (when its insights were raised). */
	readonly at: number;
	/** finishedAt − startedAt; NaN when either is missing. */
	readonly ms: number;
	/** The summary's out-of-sample figures; NaN when failed or not available. */
	readonly sharpe: number;
	readonly ic: number;
	readonly hitRate: number;
}

/** The row of a completed or failed trial; null for any other. */
export function feedbackRow(t: FeedbackTrial): FeedbackRow | null {
	const completed = t.status === 'completed';
	if (!completed && t.status !== 'failed') return null;
	const summary = completed ? t.summary : null;
	return {
		trial: t,
		id: t.id,
		modelId: t.spec.model.id,
		completed,
		params: t.spec.model.params,
		time: t.finishedAt ?? t.startedAt ?? t.createdAt,
		createdAt: t.createdAt,
		at: t.finishedAt ?? t.createdAt,
		ms: t.startedAt !== null && t.finishedAt !== null ? t.finishedAt - t.startedAt : Number.NaN,
		sharpe: summary?.strategy.sharpe ?? Number.NaN,
		ic: summary?.direction.ic ?? Number.NaN,
		hitRate: summary?.direction.hitRate ?? Number.NaN
	};
}

/** The rows of the finished trials in the order they happened: time, createdAt, id; input order on ties. */
export function chronologicalRows(trials: readonly FeedbackTrial[]): FeedbackRow[] {
	const rows: FeedbackRow[] = [];
	for (const t of trials) {
		const row = feedbackRow(t);
		if (row) rows.push(row);
	}
	return rows.sort(
		(a, b) => a.time - b.time || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}
