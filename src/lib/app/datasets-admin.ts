/**
 * Dataset actions from the Data page: accept drifted data as the new baseline, delete a dataset or series.
 * Each is one transaction with its audit event.
 */
import { acceptDrift } from '../data/dataset-record';
import { liveQuery, type Observable } from 'dexie';
import { appendAudit } from '../db/audit-log';
import { isArchivedSeries } from '../db/series-archive';
import { seriesRecordSchema, type SeriesRecord } from '../db/records';
import { db } from './db';

export async function acceptDatasetDrift(id: string): Promise<void> {
	await db.transaction('rw', db.datasets, db.audit, async () => {
		const ds = await db.datasets.get(id);
		if (!ds || !ds.drift) return;
		await db.datasets.put(acceptDrift(ds));
		await appendAudit(db, {
			type: 'data.drift',
			subject: id,
			summary: `Drift alert on ${ds.name} accepted; the whole series is the new baseline`,
			detail: { accepted: true, reasons: ds.drift.reasons }
		});
	});
}

/** Deletes a value series, or a bar dataset with every version of its series; trials keep their results. */
export async function deleteDataset(id: string): Promise<void> {
	await db.transaction('rw', db.datasets, db.series, db.audit, async () => {
		const bars = await db.datasets.get(id);
		const ds = bars ?? (await db.series.get(id));
		if (!ds) return;
		const ids = bars ? await db.datasets.where('seriesKey').equals(bars.seriesKey).primaryKeys() : [id];
		await db.datasets.bulkDelete(ids);
		await db.series.delete(id);
		// The copies kept for trials pinned to earlier content go with it.
		if (!bars) await db.series.bulkDelete(await db.series.filter((s) => s.archivedFrom === id).primaryKeys());
		await appendAudit(db, {
			type: 'data.deleted',
			subject: id,
			summary: `Dataset ${ds.name} deleted${ids.length > 1 ? ` with its ${ids.length} versions` : ''}`,
			detail: {
				sha256: ds.provenance.sha256,
				rows: ds.provenance.rows,
				source: ds.provenance.source,
				versions: ids.length
			}
		});
	});
}

/** Macro and other single-value series (FRED), oldest first, live across tabs. */
export function watchValueSeries(): Observable<SeriesRecord[]> {
	return liveQuery(async () =>
		(await db.series.orderBy('createdAt').toArray())
			.map((s) => seriesRecordSchema.parse(s))
			// Earlier contents kept for pinned trials are not series of their own.
			.filter((s) => !isArchivedSeries(s))
	);
}
