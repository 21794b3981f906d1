import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	appendAudit,
	appendAuditHere,
	exportAuditJsonLines,
	inWriteTransaction,
	queryAudit,
	verifyAuditChain
} from './audit-log';
import { MlTrainerDb } from './database';

let db: MlTrainerDb;
let n = 0;

beforeEach(() => {
	db = new MlTrainerDb(`audit-test-${n++}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

const draft = (i: number) => ({
	type: 'data.import' as const,
	subject: `ds-${i}`,
	summary: `import ${i}`,
	detail: { rows: i }
});

describe('the stored audit trail', () => {
	it('appends events with consecutive sequence numbers and a verifiable chain', async () => {
		for (let i = 0; i < 20; i++) await appendAudit(db, draft(i), 1_000 + i);
		const verdict = await verifyAuditChain(db);
		expect(verdict).toMatchObject({ ok: true, checked: 20 });
	});

	it('never forks the chain when appends race (as several tabs would)', async () => {
		const other = new MlTrainerDb(db.name); // a second connection, like another tab
		await Promise.all(
			Array.from({ length: 30 }, (_, i) => appendAudit(i % 2 ? db : other, draft(i), 2_000 + i))
		);
		other.close();
		const events = await db.audit.orderBy('seq').toArray();
		expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('reports the first broken link when one stored event is edited', async () => {
		for (let i = 0; i < 10; i++) await appendAudit(db, draft(i), 3_000 + i);
		await db.audit.update(4, { summary: 'import 3 (quietly changed)' });
		const verdict = await verifyAuditChain(db);
		expect(verdict).toMatchObject({ ok: false, brokenAt: 4, code: 'hash_mismatch' });
	});

	it('reports a deleted event as a gap at its sequence number', async () => {
		for (let i = 0; i < 5; i++) await appendAudit(db, draft(i), 4_000 + i);
		await db.audit.delete(3);
		const verdict = await verifyAuditChain(db);
		expect(verdict.ok).toBe(false);
		if (!verdict.ok) expect(verdict.brokenAt).toBe(3);
	});

	it('rolls back with the transaction it records: a failed change leaves no event behind', async () => {
		await expect(
			db.transaction('rw', db.audit, db.settings, async () => {
				await appendAudit(db, draft(1), 5_000);
				throw new Error('the change itself failed');
			})
		).rejects.toThrow('the change itself failed');
		expect(await db.audit.count()).toBe(0);
	});

	it('filters by type and time, newest first', async () => {
		await appendAudit(db, draft(1), 10);
		await appendAudit(db, { ...draft(2), type: 'settings.changed' }, 20);
		await appendAudit(db, draft(3), 30);
		expect((await queryAudit(db, { types: ['data.import'] })).map((e) => e.seq)).toEqual([3, 1]);
		expect((await queryAudit(db, { from: 15, to: 25 })).map((e) => e.seq)).toEqual([2]);
	});

	it('exports one JSON object per line that verifies on its own', async () => {
		for (let i = 0; i < 3; i++) await appendAudit(db, draft(i), 6_000 + i);
		const lines = (await exportAuditJsonLines(db)).trimEnd().split('\n');
		expect(lines).toHaveLength(3);
		const { verifyChain } = await import('../compliance/audit');
		expect(verifyChain(lines.map((l) => JSON.parse(l))).ok).toBe(true);
	});
});

describe('appending inside the caller’s transaction', () => {
	it('writes exactly the events appendAudit writes (same fields, same hashes)', async () => {
		const other = new MlTrainerDb(`${db.name}-other`);
		const details = [{ rows: 1 }, { note: '  two\nlines ', at: new Date(0), gone: undefined, n: -0 }];
		for (const [i, detail] of details.entries()) {
			await appendAudit(db, { ...draft(i), detail }, 6_000 + i);
			await other.transaction('rw', other.audit, () =>
				appendAuditHere(other, { ...draft(i), detail }, 6_000 + i)
			);
		}
		expect(await other.audit.orderBy('seq').toArray()).toEqual(await db.audit.orderBy('seq').toArray());
		other.close();
		await other.delete();
	});

	it('rolls back with that transaction: a failed change leaves no event behind', async () => {
		await expect(
			db.transaction('rw', db.audit, db.settings, async () => {
				await appendAuditHere(db, draft(1), 7_000);
				throw new Error('the change itself failed');
			})
		).rejects.toThrow('the change itself failed');
		expect(await db.audit.count()).toBe(0);
	});

	it('opens its own transaction outside one, and fails as appendAudit does in one without the audit trail', async () => {
		await appendAuditHere(db, draft(1), 8_000);
		await expect(
			db.transaction('rw', db.settings, () => appendAuditHere(db, draft(2), 8_001))
		).rejects.toThrow('Table audit not included in parent transaction');
		await expect(db.transaction('rw', db.settings, () => appendAudit(db, draft(2), 8_001))).rejects.toThrow(
			'Table audit not included in parent transaction'
		);
		expect((await db.audit.orderBy('seq').toArray()).map((e) => e.subject)).toEqual(['ds-1']);
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('knows when it runs in an active read-write transaction over the given tables', async () => {
		expect(inWriteTransaction(db.audit)).toBe(false);
		expect(await db.transaction('r', db.audit, () => inWriteTransaction(db.audit))).toBe(false);
		expect(await db.transaction('rw', db.settings, () => inWriteTransaction(db.audit))).toBe(false);
		expect(
			await db.transaction('rw', db.audit, db.settings, async () => {
				await db.audit.count();
				return inWriteTransaction(db.audit, db.settings);
			})
		).toBe(true);
	});
});
