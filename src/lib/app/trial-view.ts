/**
 * What the trial pages read, as live queries (they update when a fold lands, in any tab). Pages subscribe to
 * these instead of touching the database; every record is parsed at this boundary, so a corrupt row shows as
 * an error on the page rather than as a wrong number.
 */
import { liveQuery, type Observable } from 'dexie';
import {
	datasetRecordSchema,
	foldResultRecordSchema,
	jobRecordSchema,
	trialRecordSchema,
	type DatasetRecord,
	type FoldResultRecord,
	type JobRecord,
	type TrialRecord
} from '../db/records';
import { db } from './db';

/** The record shapes the trial pages display (types only: pages never read the database themselves). */
export type { FoldResultRecord, JobRecord, MetricsBlock, TrialRecord } from '../db/records';

/** The trial, live; null when no trial has this id (undefined only until the first read answers). */
export function watchTrial(id: string): Observable<TrialRecord | null> {
	return liveQuery(async () => {
		const t = await db.trials.get(id);
		return t ? trialRecordSchema.parse(t) : null;
	});
}

export function watchTrials(): Observable<TrialRecord[]> {
	return liveQuery(async () =>
		(await db.trials.orderBy('createdAt').reverse().toArray()).map((t) => trialRecordSchema.parse(t))
	);
}

export function watchJobs(trialId: string): Observable<JobRecord[]> {
	return liveQuery(async () =>
		(await db.jobs.where('trialId').equals(trialId).sortBy('fold')).map((j) => jobRecordSchema.parse(j))
	);
}

/** A trial and its fold results, read once (a study's best trial's tear sheet). */
export async function readTrialWithResults(
	id: string
): Promise<{ trial: TrialRecord; results: FoldResultRecord[] } | null> {
	const t = await db.trials.get(id);
	if (!t) return null;
	const results = (await db.results.where('trialId').equals(id).sortBy('fold')).map((r) =>
		foldResultRecordSchema.parse(r)
	);
	return { trial: trialRecordSchema.parse(t), results };
}

export function watchResults(trialId: string): Observable<FoldResultRecord[]> {
	return liveQuery(async () =>
		(await db.results.where('trialId').equals(trialId).sortBy('fold')).map((r) =>
			foldResultRecordSchema.parse(r)
		)
	);
}

export interface VersionState {
	/** The pinned version as stored now; undefined when it was deleted. */
	readonly pinned: DatasetRecord | undefined;
	/** The newest version of the same series, when it is newer than the pinned one. */
	readonly newer: { readonly id: string; readonly version: number } | null;
}

/** The pinned dataset version of a trial and whether its series has a newer version. */
export function watchTrialData(trial: TrialRecord): Observable<VersionState> {
	return liveQuery(async () => {
		const id = trial.data?.datasetId ?? trial.spec.datasetId;
		const stored = await db.datasets.get(id);
		const pinned = stored && datasetRecordSchema.parse(stored);
		const seriesKey = trial.data?.seriesKey ?? id;
		let newer: VersionState['newer'] = null;
		await db.datasets
			.where('seriesKey')
			.equals(seriesKey)
			.each((v) => {
				if (v.version > (trial.data?.version ?? 1) && (!newer || v.version > newer.version)) {
					newer = { id: v.id, version: v.version };
				}
			});
		return { pinned, newer };
	});
}
