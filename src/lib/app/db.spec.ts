import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DB_NAME } from '../db/database';
import { applyV1 } from '../db/migrations/v1';
import { applyV2 } from '../db/migrations/v2';
import { applyV3 } from '../db/migrations/v3';
import { engineStatus } from './engine-status.svelte';

describe("the page's database connection", () => {
	it('says so when an older tab that will not close blocks its schema upgrade, and upgrades once it closes', async () => {
		// An older version of the app (schema 3) holds the database open and ignores the request to close.
		const older = new Dexie(DB_NAME);
		applyV1(older);
		applyV2(older);
		applyV3(older);
		older.on('versionchange', () => false);
		await older.open();

		const { db } = await import('./db');
		const opening = db.open();
		await expect.poll(() => engineStatus.blockedByOlderTab).toBe(true);
		older.close();
		await opening;
		expect(db.verno).toBe(9);
	});

	it('stops and shows the reload banner when a newer version upgrades the database elsewhere', async () => {
		const { db } = await import('./db');
		await db.open();
		const newer = indexedDB.open(DB_NAME, 1_000);
		await new Promise<void>((resolve, reject) => {
			newer.onsuccess = () => {
				newer.result.close();
				resolve();
			};
			newer.onerror = () => reject(newer.error);
		});
		expect(engineStatus.upgradedElsewhere).toBe(true);
		expect(db.isOpen()).toBe(false);
	});
});
