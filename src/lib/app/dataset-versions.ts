/**
 * Dataset versions (ARCHITECTURE §4): a series' stored bars never change; a refresh writes a new version. An
 * older version stays while any trial is pinned to it, so "Run again" reproduces it; the others are removed
 * when they are superseded, and the user may remove the rest (their trials keep their results but can no
 * longer be re-run).
 */
import { liveQuery, type Observable } from 'dexie';
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import { datasetRecordSchema, type DatasetRecord } from '../db/records';
import { db as appDb } from './db';

/** The newest version of a series, or undefined when it has none. */
export async function latestVersion(db: MlTrainerDb, seriesKey: string): Promise<DatasetRecord | undefined> {
	const versions = await db.datasets.where('seriesKey').equals(seriesKey).toArray();
	let latest: DatasetRecord | undefined;
	for (const v of versions) if (!latest || v.version > latest.version) latest = v;
	return latest && datasetRecordSchema.parse(latest);
}

/** How many trials are pinned to each dataset version id. */
export async function trialsByVersion(db: MlTrainerDb): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	await db.trials.each((t) => counts.set(t.spec.datasetId, (counts.get(t.spec.datasetId) ?? 0) + 1));
	return counts;
}

/**
 * Removes the versions of `latest`'s series older than it that no trial is pinned to. Call inside a
 * transaction over datasets, trials and audit. Returns the ids removed.
 */
export async function pruneUnusedVersions(
	db: MlTrainerDb,
	latest: DatasetRecord,
	now: number
): Promise<string[]> {
	const older = await db.datasets
		.where('seriesKey')
		.equals(latest.seriesKey)
		.filter((v) => v.version < latest.version)
		.toArray();
	const removed: string[] = [];
	for (const v of older) {
		const pinned = await db.trials.where('spec.datasetId').equals(v.id).count();
		if (pinned > 0) continue;
		await db.datasets.delete(v.id);
		removed.push(v.id);
		await appendAudit(
			db,
			{
				type: 'data.deleted',
				subject: v.id,
				summary: `${v.name} version ${v.version} removed: superseded by version ${latest.version} and used by no trial`,
				detail: {
					reason: 'superseded',
					version: v.version,
					contentSha256: v.contentSha256,
					sha256: v.provenance.sha256,
					rows: v.provenance.rows
				}
			},
			now
		);
	}
	return removed;
}

/** A series as the pages list it: its newest version, with how many older versions trials still pin. */
export interface SeriesView {
	readonly latest: DatasetRecord;
	readonly olderVersions: readonly {
		readonly id: string;
		readonly version: number;
		readonly trials: number;
	}[];
}

/** Every series, newest version first within each, oldest series first; live across tabs. */
export function watchSeries(): Observable<SeriesView[]> {
	return liveQuery(async () => {
		const all = (await appDb.datasets.orderBy('createdAt').toArray()).map((d) =>
			datasetRecordSchema.parse(d)
		);
		const pinned = await trialsByVersion(appDb);
		const bySeries = new Map<string, DatasetRecord[]>();
		for (const d of all) bySeries.set(d.seriesKey, [...(bySeries.get(d.seriesKey) ?? []), d]);
		return [...bySeries.values()].map((versions) => {
			versions.sort((a, b) => b.version - a.version);
			return {
				latest: versions[0],
				olderVersions: versions
					.slice(1)
					.map((v) => ({ id: v.id, version: v.version, trials: pinned.get(v.id) ?? 0 }))
			};
		});
	});
}

/**
 * Removes an older version the user no longer wants, even when trials are pinned to it: their results stay,
 * but they can no longer be re-run. The newest version of a series is removed with the series itself.
 */
export async function pruneVersion(id: string): Promise<void> {
	await appDb.transaction('rw', appDb.datasets, appDb.audit, async () => {
		const v = await appDb.datasets.get(id);
		if (!v) return;
		const latest = await latestVersion(appDb, v.seriesKey);
		if (latest && latest.id === v.id)
			throw new Error('the newest version is removed with its series, on the Data page');
		await appDb.datasets.delete(id);
		await appendAudit(appDb, {
			type: 'data.deleted',
			subject: id,
			summary: `${v.name} version ${v.version} removed by the user`,
			detail: {
				reason: 'pruned',
				version: v.version,
				contentSha256: v.contentSha256,
				sha256: v.provenance.sha256
			}
		});
	});
}
