/**
 * The audit trail's storage: append-only and hash-chained (compliance/audit.ts). An append reads the head and
 * adds the next event inside one IndexedDB transaction, so appends from several tabs serialise and the chain
 * never forks; called inside a wider transaction that includes `audit`, the event commits (or not) with the
 * change it records. Hashing is synchronous (@noble/hashes) because an IndexedDB transaction cannot wait for
 * WebCrypto's promises.
 */
import { Dexie } from 'dexie';
import {
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
	return db.transaction('rw', db.audit, () => append(db, draft, now));
}

/** Reads the head and adds the next event, in the caller's transaction. chainEvent normalises the detail. */
async function append(db: MlTrainerDb, draft: AuditDraft, now: number): Promise<AuditEvent> {
	const head = await db.audit.orderBy('seq').last();
	const event = chainEvent(head, draft, now);
	await db.audit.add(event);
	return event;
}

/**
 * True when code runs inside a Dexie transaction that is still active and can write every one of `tables`:
 * work on them can then join it, rather than open a sub-transaction (which commits or fails with it all the
 * same, but costs a scope and a queue of its own).
 */
export function inWriteTransaction(...tables: readonly { readonly name: string }[]): boolean {
	const tx = Dexie.currentTransaction;
	return (
		tx !== null && tx.active && tx.mode === 'readwrite' && tables.every((t) => tx.storeNames.includes(t.name))
	);
}

/**
 * appendAudit for a caller already inside a read-write transaction that includes `audit`: the event joins that
 * transaction instead of opening a sub-transaction of it (the same writes, committed or rolled back with the
 * change they record). Anywhere else it is appendAudit.
 */
export async function appendAuditHere(
	db: MlTrainerDb,
	draft: AuditDraft,
	now: number = Date.now()
): Promise<AuditEvent> {
	return inWriteTransaction(db.audit) ? append(db, draft, now) : appendAudit(db, draft, now);
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
