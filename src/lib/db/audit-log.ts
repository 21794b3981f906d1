/**
 * The audit trail's storage: append-only and hash-chained (compliance/audit.ts). An append reads the head and
 * adds the next event inside one IndexedDB transaction, so appends from several tabs serialise and the chain
 * never forks; called inside a wider transaction that includes `audit`, the event commits (or not) with the
 * change it records. Hashing is synchronous (@noble/hashes) because an IndexedDB transaction cannot wait for
 * WebCrypto's promises.
 */
import {
	auditDetail,
	chainEvent,
	toJsonLines,
	verifyChain,
	type AuditDraft,
	type AuditEvent,
	type ChainVerdict
} from '../compliance/audit';
import type { MlTrainerDb } from './database';

export async function appendAudit(
	db: MlTrainerDb,
	draft: AuditDraft,
	now: number = Date.now()
): Promise<AuditEvent> {
	return db.transaction('rw', db.audit, async () => {
		const head = await db.audit.orderBy('seq').last();
		const event = chainEvent(head, { ...draft, detail: auditDetail(draft.detail) }, now);
		await db.audit.add(event);
		return event;
	});
}

export interface AuditQuery {
	readonly types?: readonly string[];
	readonly from?: number;
	readonly to?: number;
	readonly limit?: number;
}

/** Newest first, filtered by type and time. */
export async function queryAudit(db: MlTrainerDb, q: AuditQuery = {}): Promise<AuditEvent[]> {
	const types = q.types && q.types.length > 0 ? new Set(q.types) : null;
	return db.audit
		.orderBy('seq')
		.reverse()
		.filter(
			(e) =>
				(types === null || types.has(e.type)) &&
				(q.from === undefined || e.at >= q.from) &&
				(q.to === undefined || e.at <= q.to)
		)
		.limit(q.limit ?? 500)
		.toArray();
}

/** Walks the whole chain from the genesis event in seq order. */
export async function verifyAuditChain(db: MlTrainerDb): Promise<ChainVerdict> {
	const events = await db.audit.orderBy('seq').toArray();
	return verifyChain(events);
}

export async function exportAuditJsonLines(db: MlTrainerDb): Promise<string> {
	return toJsonLines(await db.audit.orderBy('seq').toArray());
}
