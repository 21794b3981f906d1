/** Words for the Backup panel (issue 13): progress, the preview's rows and an import's outcome. */
import type { ImportPreview, ImportResult, StorePreview } from '$lib/app/backup-import';

export function percent(done: number, total: number): string {
	return total > 0 ? `${Math.min(100, Math.round((done / total) * 100))} %` : '';
}

/** The preview's rows with anything in them (an empty store is not worth a line). */
export function previewRows(p: ImportPreview): StorePreview[] {
	return p.stores.filter((s) => s.added + s.identical + s.conflicting > 0);
}

export function auditPlanText(p: ImportPreview): string {
	switch (p.audit.mode) {
		case 'all':
			return `The audit trail (${p.audit.append} events) will be written as it is.`;
		case 'append':
			return p.audit.append === 0
				? 'The audit trail is already here.'
				: `This device's audit trail is the start of the backup's: ${p.audit.append} events will be appended.`;
		case 'conflict':
			return `Audit trail not merged: ${p.audit.reason}.`;
	}
}

export function importResultText(r: ImportResult): string {
	const added = Object.entries(r.added)
		.filter(([, n]) => n > 0)
		.map(([store, n]) => `${store} ${n}`);
	const total = Object.values(r.added).reduce((a, b) => a + b, 0);
	const what = added.length > 0 ? `Added ${total} rows (${added.join(', ')})` : 'Nothing new to add';
	const kept = r.skipped > 0 ? `; ${r.skipped} already here or kept as they were` : '';
	const chain = r.auditOk
		? `audit chain verified: ${r.auditVerified} events`
		: `the audit chain does NOT verify (${r.auditVerified} events checked)`;
	return `${what}${kept}. ${chain[0].toUpperCase()}${chain.slice(1)}.`;
}
