/**
 * Dataset actions from the Data page: accept drifted data as the new baseline, delete a dataset or series.
 * Each is one transaction with its audit event.
 */
import { acceptDrift } from '../data/dataset-record';
import { appendAudit } from '../db/audit-log';
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

export async function deleteDataset(id: string): Promise<void> {
	await db.transaction('rw', db.datasets, db.series, db.audit, async () => {
		const ds = (await db.datasets.get(id)) ?? (await db.series.get(id));
		if (!ds) return;
		await db.datasets.delete(id);
		await db.series.delete(id);
		await appendAudit(db, {
			type: 'data.deleted',
			subject: id,
			summary: `Dataset ${ds.name} deleted`,
			detail: { sha256: ds.provenance.sha256, rows: ds.provenance.rows, source: ds.provenance.source }
		});
	});
}
