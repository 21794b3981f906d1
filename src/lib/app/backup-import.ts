/**
 * Workspace import (issue 13): a checked backup (app/backup-read.ts) is compared with what is stored — per
 * store, rows that are new, identical (same key, same content) or conflicting (same key, other content) — and
 * written in ONE read-write transaction over every target store and the audit trail, so an import that fails
 * half-way (a thrown write, a full disk) leaves the workspace exactly as it was.
 *
 * The audit trail is a hash chain and two chains cannot be interleaved: the imported chain is written whole
 * when the local one is empty, its tail is appended when the local chain is a prefix of it, and otherwise it
 * is a conflict and is left out. Either way one `workspace.imported` event is appended for the import.
 */
import { canonicalJson } from '../domain/canonical-json';
import { AppError } from '../domain/errors';
import type { AuditEvent } from '../compliance/audit';
import { appendAuditHere, verifyAuditChain } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import { encodeValue } from '../data/backup-format';
import type { BackupStore } from './backup-stores';
import type { BackupRow, ParsedBackup } from './backup-read';
import { db as appDb } from './db';

export type { ParsedBackup } from './backup-read';
export { readBackup } from './backup-read';

export interface StorePreview {
	readonly store: BackupStore;
	readonly added: number;
	readonly identical: number;
	readonly conflicting: number;
}

export type AuditPlan =
	/** The local trail is empty: the imported chain is written as it is. */
	| { readonly mode: 'all'; readonly append: number }
	/** The local trail is a prefix of the imported one: its remaining events are appended. */
	| { readonly mode: 'append'; readonly append: number }
	/** The two trails have diverged (or the local one is longer): nothing of the imported trail is written. */
	| { readonly mode: 'conflict'; readonly append: 0; readonly reason: string };

export interface ImportPreview {
	readonly stores: readonly StorePreview[];
	readonly audit: AuditPlan;
}

export interface ImportResult {
	readonly added: Readonly<Record<string, number>>;
	readonly skipped: number;
	readonly audit: AuditPlan;
	/** Whether the local chain verifies after the import, and how many events were checked. */
	readonly auditOk: boolean;
	readonly auditVerified: number;
}

/** Keys read per bulkGet when comparing. */
const COMPARE_BATCH = 500;

function sameContent(a: unknown, b: unknown): boolean {
	return canonicalJson(encodeValue(a)) === canonicalJson(encodeValue(b));
}

async function compareStore(
	db: MlTrainerDb,
	store: BackupStore,
	rows: readonly BackupRow[]
): Promise<{ fresh: BackupRow[]; identical: number; conflicting: number }> {
	const fresh: BackupRow[] = [];
	let identical = 0;
	let conflicting = 0;
	for (let i = 0; i < rows.length; i += COMPARE_BATCH) {
		const batch = rows.slice(i, i + COMPARE_BATCH);
		const existing = await db.table(store).bulkGet(batch.map((r) => r.key));
		batch.forEach((r, j) => {
			const mine = existing[j];
			if (mine === undefined) fresh.push(r);
			else if (sameContent(mine, r.row)) identical++;
			else conflicting++;
		});
	}
	return { fresh, identical, conflicting };
}

async function planAudit(db: MlTrainerDb, imported: readonly BackupRow[]): Promise<AuditPlan> {
	const local = (await db.audit.orderBy('seq').toArray()) as AuditEvent[];
	if (local.length === 0) return { mode: 'all', append: imported.length };
	const theirs = imported.map((r) => r.row as AuditEvent);
	if (local.length > theirs.length) {
		return {
			mode: 'conflict',
			append: 0,
			reason: `this device's audit trail has ${local.length} events, the backup's ${theirs.length}: the backup's trail is not merged`
		};
	}
	const diverged = local.findIndex((e, i) => e.hash !== theirs[i].hash);
	if (diverged >= 0) {
		return {
			mode: 'conflict',
			append: 0,
			reason: `the audit trails differ from event ${local[diverged].seq}: two hash chains cannot be merged, so the backup's trail is not imported`
		};
	}
	return { mode: 'append', append: theirs.length - local.length };
}

/** What an import would do, store by store. Reads only. */
export async function previewImport(backup: ParsedBackup, db: MlTrainerDb = appDb): Promise<ImportPreview> {
	const stores: StorePreview[] = [];
	for (const [store, rows] of backup.rows) {
		if (store === 'audit') continue;
		const c = await compareStore(db, store, rows);
		stores.push({ store, added: c.fresh.length, identical: c.identical, conflicting: c.conflicting });
	}
	const imported = backup.rows.get('audit') ?? [];
	const audit = await planAudit(db, imported);
	const auditRow: StorePreview =
		audit.mode === 'conflict'
			? { store: 'audit', added: 0, identical: 0, conflicting: imported.length }
			: { store: 'audit', added: audit.append, identical: imported.length - audit.append, conflicting: 0 };
	return { stores: [...stores, auditRow], audit };
}

/**
 * Adds the backup's new rows and keeps this device's version of every conflicting row, in one transaction.
 * The comparison is made again inside it, so rows written since the preview are respected.
 */
export async function applyImport(
	backup: ParsedBackup,
	db: MlTrainerDb = appDb,
	now: number = Date.now()
): Promise<ImportResult> {
	const tables = [...backup.rows.keys(), 'audit'].map((s) => db.table(s));
	const added: Record<string, number> = {};
	let skipped = 0;
	const audit = await db.transaction('rw', tables, async () => {
		for (const [store, rows] of backup.rows) {
			if (store === 'audit') continue;
			const c = await compareStore(db, store, rows);
			await db.table(store).bulkAdd(c.fresh.map((r) => r.row));
			added[store] = c.fresh.length;
			skipped += c.identical + c.conflicting;
		}
		const imported = backup.rows.get('audit') ?? [];
		const plan = await planAudit(db, imported);
		if (plan.mode !== 'conflict' && plan.append > 0) {
			await db.audit.bulkAdd(imported.slice(imported.length - plan.append).map((r) => r.row as AuditEvent));
		}
		added.audit = plan.append;
		await appendAuditHere(
			db,
			{
				type: 'workspace.imported',
				subject: '',
				summary: `workspace imported: ${Object.values(added).reduce((a, b) => a + b, 0)} rows added, ${skipped} kept as they were`,
				detail: {
					added,
					skipped,
					audit: plan.mode,
					backupCreatedAt: backup.header.createdAt,
					backupAppVersion: backup.header.appVersion
				}
			},
			now
		);
		return plan;
	});
	const verdict = await verifyAuditChain(db);
	return { added, skipped, audit, auditOk: verdict.ok, auditVerified: verdict.checked };
}

/**
 * Deletes every row of every store except the key vault and the settings (so the backup date and the user's
 * settings stay), in one transaction. The bundled demo dataset is stored again on the next load. Refused (an
 * AppError, nothing deleted) while a fold is queued or running or an analysis runs: the engine would go on
 * writing results for records that no longer exist.
 */
export async function clearWorkspace(db: MlTrainerDb = appDb): Promise<void> {
	const keep = new Set<string>(['secrets', 'settings']);
	const tables = db.tables.filter((t) => !keep.has(t.name));
	await db.transaction('rw', tables, async () => {
		const busy =
			(await db.jobs.where('status').anyOf('queued', 'running').count()) +
			(await db.analyses.filter((a) => a.status === 'running').count());
		if (busy > 0)
			throw new AppError(
				'invalid_spec',
				`${busy} fold${busy === 1 ? ' is' : 's are'} queued or running: cancel the trial (or let it finish) before clearing the workspace`
			);
		for (const t of tables) await t.clear();
	});
}
