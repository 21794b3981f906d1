/**
 * The home page's figures: how many datasets (series) are stored and the latest trials. The trials are parsed
 * with their schema like everywhere else, but the schema module is loaded only when there are trials to show,
 * so a first visit's JavaScript stays small (bench/first-load.ts).
 */
import { liveQuery, type Observable } from 'dexie';
import type { TrialRecord } from '../db/records';
import { db } from './db';

export interface Overview {
	readonly datasets: number;
	readonly recent: readonly TrialRecord[];
}

export function watchOverview(limit: number): Observable<Overview> {
	return liveQuery(async () => {
		// Both reads come first: liveQuery observes the queries made before its first non-database await.
		const series = await db.datasets.orderBy('seriesKey').uniqueKeys();
		const rows = await db.trials.orderBy('createdAt').reverse().limit(limit).toArray();
		if (rows.length === 0) return { datasets: series.length, recent: [] };
		const { trialRecordSchema } = await import('../db/records');
		return { datasets: series.length, recent: rows.map((t) => trialRecordSchema.parse(t)) };
	});
}
