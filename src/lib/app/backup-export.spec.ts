import 'fake-indexeddb/auto';
import { gunzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { contentSha256 } from '../domain/content-hash';
import { SECRET_TEXTS, oddNaNs, seedWorkspace } from '../testing/backup-seed';
import { BACKUP_SETTING_KEY, exportWorkspace, type ExportProgress } from './backup-export';
import { applyImport, previewImport, readBackup } from './backup-import';
import { BACKUP_STORES, CHAT_STORES, type BackupStore } from './backup-stores';

let db: MlTrainerDb;
let other: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`backup-export-${n}`);
	other = new MlTrainerDb(`backup-export-target-${n++}`);
	await db.open();
	await other.open();
});
afterEach(async () => {
	await db.delete();
	await other.delete();
});

/** Rows with every typed array replaced by its class and exact bytes, so toEqual compares bits. */
function bitwise(value: unknown): unknown {
	if (ArrayBuffer.isView(value)) {
		const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
		return { class: value.constructor.name, bytes: Array.from(bytes) };
	}
	if (Array.isArray(value)) return value.map(bitwise);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bitwise(v)]));
	}
	return value;
}

async function rowsOf(d: MlTrainerDb, store: BackupStore): Promise<unknown[]> {
	return bitwise(await d.table(store).toArray()) as unknown[];
}

describe('workspace export and import', () => {
	it('round-trips every store into an empty workspace bit for bit, and every content hash recomputes equal', async () => {
		await seedWorkspace(db);
		const auditBefore = await db.audit.count();
		const file = await exportWorkspace(db, {
			includeChat: true,
			now: Date.UTC(2026, 11, 5),
			appVersion: 't'
		});
		expect(file.filename).toBe('mltrainer-workspace-2026-12-05.jsonl.gz');
		expect(Array.from(new Uint8Array(await file.blob.arrayBuffer()).subarray(0, 2))).toEqual([0x1f, 0x8b]);
		expect(file.rows.audit).toBe(auditBefore);

		const backup = await readBackup(file.blob, undefined, other);
		const preview = await previewImport(backup, other);
		expect(preview.stores.every((s) => s.identical === 0 && s.conflicting === 0)).toBe(true);
		expect(preview.audit).toEqual({ mode: 'all', append: auditBefore });
		const result = await applyImport(backup, other, 100);
		expect(result.auditOk).toBe(true);
		expect(result.auditVerified).toBe(auditBefore + 1);

		for (const store of BACKUP_STORES) {
			if (store === 'audit') continue;
			expect(await rowsOf(other, store), store).toEqual(await rowsOf(db, store));
		}
		// The source has its export event after the exported chain; the target its import event.
		const mine = await rowsOf(db, 'audit');
		const theirs = await rowsOf(other, 'audit');
		expect(theirs.slice(0, auditBefore)).toEqual(mine.slice(0, auditBefore));
		expect((await other.audit.get(auditBefore + 1))?.type).toBe('workspace.imported');
		expect((await db.audit.get(auditBefore + 1))?.type).toBe('workspace.exported');

		const odd = await other.datasets.get('odd');
		expect(odd?.bars.open).toBeInstanceOf(Float64Array);
		expect(new Uint8Array(odd!.bars.open.buffer)).toEqual(new Uint8Array(oddNaNs().buffer));
		for (const ds of await other.datasets.toArray())
			expect(contentSha256({ ...ds.bars })).toBe(ds.contentSha256);
		for (const s of await other.series.toArray()) {
			expect(contentSha256({ t: s.t, value: s.value })).toBe(s.contentSha256);
		}
		const r0 = await other.results.get(['t1', 0]);
		expect(Object.is(r0?.metrics.regression?.mae, -0)).toBe(true);
		expect(r0?.metrics.regression?.rmse).toBeNaN();
		expect((await other.goals.get(1))?.components).toEqual({ $f64: 'not a tag' });
	});

	it('never writes the vault, the settings or a key into the file, and leaves the chat out unless asked', async () => {
		await seedWorkspace(db);
		const file = await exportWorkspace(db, { includeChat: false, compress: true });
		const text = new TextDecoder().decode(gunzipSync(new Uint8Array(await file.blob.arrayBuffer())));
		for (const secret of SECRET_TEXTS) expect(text).not.toContain(secret);
		expect(text).not.toContain('"s":"secrets"');
		expect(text).not.toContain('"s":"settings"');
		for (const store of CHAT_STORES) expect(text).not.toContain(`"s":"${store}"`);
		expect(text).toContain('"s":"trials"');
		expect(JSON.parse(text.split('\n')[0])).toMatchObject({ includesChat: false, version: 1 });
		const withChat = await exportWorkspace(db, { includeChat: true, compress: false });
		const chatText = await withChat.blob.text();
		expect(chatText).toContain('"s":"conversations"');
		for (const secret of SECRET_TEXTS) expect(chatText).not.toContain(secret);
	});

	it('reads each store in pages, hands the page a turn between them and reports progress each time', async () => {
		await seedWorkspace(db);
		const seen: ExportProgress[] = [];
		const file = await exportWorkspace(db, { pageRows: 2, onProgress: (p) => seen.push(p) });
		const jobs = seen.filter((p) => p.store === 'audit');
		expect(jobs.length).toBeGreaterThan(1);
		expect(seen.length).toBeGreaterThan(5);
		for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThan(seen[i - 1].done);
		expect(seen.at(-1)?.done).toBe(file.total);
		expect(seen.at(-1)?.total).toBe(file.total);
	});

	it('remembers when the last export completed', async () => {
		await seedWorkspace(db);
		const file = await exportWorkspace(db, { now: 1234 });
		expect((await db.settings.get(BACKUP_SETTING_KEY))?.value).toEqual({
			at: 1234,
			rows: file.total,
			bytes: file.blob.size
		});
	});
});
