/**
 * What the universe run page reads, live (it updates as each sub-trial's folds land, in any tab): the run, each
 * member's sub-trial as stored now, and — once every sub-trial has finished — the universe metrics
 * (research/universe-metrics.ts) over the sub-trials that completed with out-of-sample rows. Fold results are read only then, so a
 * running universe does not re-read every symbol's predictions on each fold.
 */
import { liveQuery, type Observable } from 'dexie';
import type { MlTrainerDb } from '../db/database';
import { foldResultRecordSchema, trialRecordSchema, type TrialRecord } from '../db/records';
import type { UniverseRunMember, UniverseRunRecord } from '../db/universe-run-records';
import { stitchFolds } from '../domain/aggregate';
import { universeMetrics, type UniverseMetrics } from '../research/universe-metrics';
import { db as appDb } from './db';
import { readUniverseRun } from './universe-runs';

export interface UniverseRunMemberView extends UniverseRunMember {
	/** The sub-trial as stored now; undefined without one, or when it was deleted. */
	readonly trial: TrialRecord | undefined;
}

export interface UniverseRunView {
	readonly run: UniverseRunRecord;
	readonly members: readonly UniverseRunMemberView[];
	/** Sub-trials still queued or running. */
	readonly pending: number;
	/** Null until no sub-trial is pending, or when none completed. */
	readonly metrics: UniverseMetrics | null;
	/** The symbols the metrics cover (their sub-trials completed). */
	readonly covered: readonly string[];
}

const FINISHED: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

export async function readUniverseRunView(db: MlTrainerDb, id: string): Promise<UniverseRunView | undefined> {
	const run = await readUniverseRun(db, id);
	if (!run) return undefined;
	const members: UniverseRunMemberView[] = await Promise.all(
		run.members.map(async (m) => {
			const raw = m.trialId === null ? undefined : await db.trials.get(m.trialId);
			return { ...m, trial: raw && trialRecordSchema.parse(raw) };
		})
	);
	const pending = members.filter((m) => m.trial && !FINISHED.has(m.trial.status)).length;
	const completed = members.filter((m) => m.trial?.status === 'completed');
	if (pending > 0 || completed.length === 0) return { run, members, pending, metrics: null, covered: [] };
	const symbols = await Promise.all(
		completed.map(async (m) => {
			const results = (await db.results.where('trialId').equals(m.trialId!).toArray()).map((r) =>
				foldResultRecordSchema.parse(r)
			);
			return { symbol: m.symbol, series: stitchFolds(results) };
		})
	).then((all) => all.filter((s) => s.series.t.length > 0));
	// A completed sub-trial whose results were removed has no rows to score.
	if (symbols.length === 0) return { run, members, pending, metrics: null, covered: [] };
	// Shared settings: every sub-trial has the run's task and strategy (the gateway fixed the task per model).
	const first = completed[0].trial!;
	return {
		run,
		members,
		pending,
		metrics: universeMetrics(first.task, first.spec.strategy, symbols),
		covered: symbols.map((s) => s.symbol)
	};
}

export function watchUniverseRun(id: string): Observable<UniverseRunView | undefined> {
	return liveQuery(() => readUniverseRunView(appDb, id));
}
