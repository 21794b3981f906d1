import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { SP500_DATASET_ID } from '../data/bundled';
import { ensureBundledDatasets } from './datasets';

let n = 0;
const dbs: MlTrainerDb[] = [];
function freshDb(): MlTrainerDb {
	const db = new MlTrainerDb(`datasets-spec-${n++}`);
	dbs.push(db);
	return db;
}
afterEach(async () => {
	for (const db of dbs.splice(0)) await db.delete();
	vi.unstubAllGlobals();
});

/** Counts the reads of the bundled file; the file comes from the project as Vite serves it in tests. */
function countingReader() {
	const urls: string[] = [];
	return {
		urls,
		read: (url: string) => {
			urls.push(url);
			return readFile(resolve(url.slice(1)), 'utf8');
		}
	};
}

describe('ensureBundledDatasets', () => {
	it('fetches the bundled file once to store it, and not again when the stored copy has the same hash', async () => {
		const db = freshDb();
		const reader = countingReader();
		const stored = await ensureBundledDatasets(db, 1000, reader.read);
		expect(reader.urls).toHaveLength(1);
		expect(stored.id).toBe(SP500_DATASET_ID);
		expect(stored.provenance.retrievedAt).toBe('2025-08-21T23:04:37.691Z');
		const again = await ensureBundledDatasets(db, 2000, reader.read);
		expect(reader.urls).toHaveLength(1);
		expect(again.contentSha256).toBe(stored.contentSha256);
	});

	it('stores nothing when the file cannot be read', async () => {
		const db = freshDb();
		await expect(ensureBundledDatasets(db, 1000, () => Promise.reject(new Error('offline')))).rejects.toThrow(
			'offline'
		);
		expect(await db.datasets.count()).toBe(0);
	});

	it('says in words that the demo file could not be downloaded, with the reason', async () => {
		vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
		await expect(ensureBundledDatasets(freshDb())).rejects.toMatchObject({
			code: 'dataset_unavailable',
			message: expect.stringMatching(/demo data file could not be downloaded \(Failed to fetch\)/)
		});
		vi.stubGlobal('fetch', () => Promise.resolve(new Response('gone', { status: 404 })));
		await expect(ensureBundledDatasets(freshDb())).rejects.toThrow(/could not be downloaded \(HTTP 404\)/);
	});
});
