/** The Audit page's reads: live event queries, chain verification and export, on the app's database. */
import { liveQuery, type Observable } from 'dexie';
import type { AuditEvent, ChainVerdict } from '../compliance/audit';
import { exportAuditJsonLines, queryAudit, verifyAuditChain, type AuditQuery } from '../db/audit-log';
import { db } from './db';

export function watchAuditCount(): Observable<number> {
	return liveQuery(() => db.audit.count());
}

export function watchAudit(q: AuditQuery): Observable<AuditEvent[]> {
	return liveQuery(() => queryAudit(db, q));
}

export function verifyChain(): Promise<ChainVerdict> {
	return verifyAuditChain(db);
}

export function auditJsonLines(): Promise<string> {
	return exportAuditJsonLines(db);
}
