import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, exportAuditJsonLines, queryAudit, verifyAuditChain } from './audit-log';
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
