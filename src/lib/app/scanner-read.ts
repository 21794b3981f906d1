/**
 * The stored scans and recommendations as the pages read them (parsed at this boundary), and the record types
 * pages and components may name.
 */
import { liveQuery, type Observable } from 'dexie';
import type { MlTrainerDb } from '../db/database';
import {
	recommendationRecordSchema,
	scanRecordSchema,
	type RecommendationRecord,
	type ScanRecord
} from '../db/scanner-records';

export type { PromotedRecord, RecommendationRecord, ScanCell, ScanRecord } from '../db/scanner-records';

export async function listScans(db: MlTrainerDb, limit = 20): Promise<ScanRecord[]> {
	const rows = await db.scans.orderBy('startedAt').reverse().limit(limit).toArray();
	return rows.map((r) => scanRecordSchema.parse(r));
}

/** The newest completed scan and its recommendations, best first. */
export async function latestRecommendations(
	db: MlTrainerDb
): Promise<{ scan: ScanRecord; recommendations: RecommendationRecord[] } | null> {
	const scans = await db.scans.orderBy('startedAt').reverse().toArray();
	const last = scans.map((r) => scanRecordSchema.parse(r)).find((s) => s.status === 'completed');
	if (!last) return null;
	const recs = (await db.recommendations.where('scanId').equals(last.id).toArray())
		.map((r) => recommendationRecordSchema.parse(r))
		.sort((a, b) => a.rank - b.rank);
	return { scan: last, recommendations: recs };
}

export function watchScans(db: MlTrainerDb): Observable<ScanRecord[]> {
	return liveQuery(() => listScans(db));
}

export function watchLatestRecommendations(db: MlTrainerDb) {
	return liveQuery(() => latestRecommendations(db));
}
