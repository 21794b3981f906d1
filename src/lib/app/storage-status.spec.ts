import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { seedWorkspace } from '../testing/backup-seed';
import { exportWorkspace } from './backup-export';
import {
	BACKUP_REMINDER_MS,
	backupAgeLabel,
	formatBytes,
	requestPersistence,
	storageStatus,
	type StorageApi
} from './storage-status';

let db: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`storage-status-${n++}`);
	await db.open();
	await seedWorkspace(db);
});
afterEach(async () => db.delete());

const DAY = 24 * 60 * 60 * 1000;

async function finishTrial(id: string, at: number): Promise<void> {
	await db.trials.update(id, { status: 'completed', finishedAt: at });
}

describe('storage status', () => {
	it('says "unsupported" for every browser API that is missing', async () => {
		const s = await storageStatus(db, 0, null);
		expect(s).toMatchObject({ persist: 'unsupported', usage: null, quota: null, lastBackupAt: null });
		expect(await requestPersistence(null)).toBe('unsupported');
		expect(await requestPersistence({})).toBe('unsupported');
		expect(formatBytes(null)).toBe('not supported by this browser');
	});

	it('reports persistence and quota as the browser gives them, and asks for persistence', async () => {
		let kept = false;
		const api: StorageApi = {
			persisted: async () => kept,
			persist: async () => (kept = true),
			estimate: async () => ({ usage: 5 * 1024 * 1024, quota: 2 * 1024 ** 3 })
		};
		expect((await storageStatus(db, 0, api)).persist).toBe('not_persisted');
		expect(await requestPersistence(api)).toBe('persisted');
		const s = await storageStatus(db, 0, api);
		expect(s.persist).toBe('persisted');
		expect([formatBytes(s.usage), formatBytes(s.quota)]).toEqual(['5.0 MB', '2.0 GB']);
		expect(await requestPersistence({ persist: async () => false })).toBe('refused');
	});

	it('reminds when a completed result has waited more than a week without a backup', async () => {
		const t0 = Date.UTC(2026, 0, 1);
		await finishTrial('t1', t0);
		const fresh = await storageStatus(db, t0 + BACKUP_REMINDER_MS - 1, null);
		expect(fresh).toMatchObject({ unsaved: 1, oldestUnsavedAt: t0, remind: false });
		expect((await storageStatus(db, t0 + BACKUP_REMINDER_MS + 1, null)).remind).toBe(true);

		await exportWorkspace(db, { now: t0 + DAY });
		const after = await storageStatus(db, t0 + 30 * DAY, null);
		expect(after).toMatchObject({ lastBackupAt: t0 + DAY, unsaved: 0, remind: false });
		await finishTrial('t2', t0 + 2 * DAY);
		expect(await storageStatus(db, t0 + 30 * DAY, null)).toMatchObject({ unsaved: 1, remind: true });
	});

	it('words the badge by whole days since the last backup', () => {
		expect(backupAgeLabel(null, 0)).toBe('not backed up');
		expect(backupAgeLabel(0, DAY - 1)).toBe('backup: today');
		expect(backupAgeLabel(0, 3 * DAY + 5)).toBe('backup: 3 d ago');
	});
});
