/**
 * Workspace export (issue 13): every store of the backup (app/backup-stores.ts) read in pages by primary key,
 * written as the lines of data/backup-format.ts and gzip-compressed with fflate's streaming Gzip into the
 * parts of a Blob, so neither the rows nor the file are ever one string. Between pages the event loop gets a
 * turn, so a workspace of hundreds of megabytes does not freeze the page.
 */
import type { IndexableType, Table } from 'dexie';
import { Gzip } from 'fflate';
import { version } from '$app/environment';
import { appendAuditHere } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	LineHasher,
	rowLine,
	type BackupHeader,
	type BackupTrailer
} from '../data/backup-format';
import { storesFor, type BackupStore } from './backup-stores';
import { BACKUP_SETTING_KEY } from './storage-status';
import { nextTurn, turnTaker } from './page-turns';
import { db as appDb } from './db';

/** Rows per read, and a turn for the page after each page of rows. */
export const EXPORT_PAGE_ROWS = 200;
/** Rows per read of the stores that hold columns (a dataset can be megabytes): memory and turns stay small. */
export const EXPORT_COLUMN_PAGE_ROWS = 4;
const COLUMN_STORES: ReadonlySet<string> = new Set(['datasets', 'series', 'results']);
export { BACKUP_SETTING_KEY };
/** Text is handed to the compressor in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 18;

export interface ExportProgress {
	readonly done: number;
	readonly total: number;
	readonly store: BackupStore;
}

export interface ExportOptions {
	readonly includeChat?: boolean;
	/** gzip (default) or plain JSON Lines. */
	readonly compress?: boolean;
	readonly onProgress?: (p: ExportProgress) => void;
	readonly pageRows?: number;
	readonly now?: number;
	readonly appVersion?: string;
}

export interface ExportedWorkspace {
	readonly blob: Blob;
	readonly filename: string;
	readonly rows: Readonly<Record<string, number>>;
	readonly total: number;
}

export function backupFilename(now: number, compress: boolean): string {
	return `mltrainer-workspace-${new Date(now).toISOString().slice(0, 10)}.jsonl${compress ? '.gz' : ''}`;
}

/** Collects text into Blob parts, gzip-compressed or as UTF-8. */
class PartWriter {
	readonly parts: BlobPart[] = [];
	readonly #gzip: Gzip | null;
	readonly #encoder = new TextEncoder();
	#pending: string[] = [];
	#pendingChars = 0;

	constructor(compress: boolean) {
		this.#gzip = compress ? new Gzip({ level: 6 }) : null;
		if (this.#gzip) this.#gzip.ondata = (chunk) => this.parts.push(chunk);
	}

	write(text: string): void {
		this.#pending.push(text);
		this.#pendingChars += text.length;
		if (this.#pendingChars >= FLUSH_CHARS) this.#flush(false);
	}

	#flush(final: boolean): void {
		const bytes = this.#encoder.encode(this.#pending.join(''));
		this.#pending = [];
		this.#pendingChars = 0;
		if (this.#gzip) this.#gzip.push(bytes, final);
		else this.parts.push(bytes);
	}

	finish(type: string): Blob {
		this.#flush(true);
		return new Blob(this.parts, { type });
	}
}

/**
 * Writes the workspace to a backup file. Reads are not one transaction (a long one would block the engine's
 * writes); a row written while the export runs may or may not be in the file, and the counts always match
 * the rows actually written.
 */
export async function exportWorkspace(
	db: MlTrainerDb = appDb,
	o: ExportOptions = {}
): Promise<ExportedWorkspace> {
	const includeChat = o.includeChat ?? false;
	const compress = o.compress ?? true;
	const pageRows = o.pageRows ?? EXPORT_PAGE_ROWS;
	const now = o.now ?? Date.now();
	const stores = storesFor(includeChat);

	const counts: Record<string, number> = {};
	for (const s of stores) counts[s] = await db.table(s).count();
	const total = Object.values(counts).reduce((a, b) => a + b, 0);

	const out = new PartWriter(compress);
	const hasher = new LineHasher();
	const turn = turnTaker();
	const emit = (line: string) => {
		hasher.update(line);
		out.write(line);
	};
	// The header's counts are what was there when the export began; the trailer's are what was written.
	const header: BackupHeader = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		appVersion: o.appVersion ?? version,
		createdAt: now,
		includesChat: includeChat,
		stores: counts
	};
	emit(`${JSON.stringify(header)}\n`);

	const written: Record<string, number> = {};
	let done = 0;
	for (const store of stores) {
		written[store] = 0;
		const table = db.table(store);
		const limit = COLUMN_STORES.has(store) ? Math.min(pageRows, EXPORT_COLUMN_PAGE_ROWS) : pageRows;
		let last: IndexableType | undefined;
		for (;;) {
			const page =
				last === undefined
					? await table.orderBy(':id').limit(limit).toArray()
					: await table.where(':id').above(last).limit(limit).toArray();
			if (page.length === 0) break;
			for (const row of page) {
				emit(rowLine(store, row));
				await turn();
			}
			written[store] += page.length;
			done += page.length;
			last = keyOf(table, page.at(-1));
			o.onProgress?.({ done, total: Math.max(total, done), store });
			await nextTurn();
			if (page.length < limit) break;
		}
	}
	const trailer: BackupTrailer = { end: BACKUP_FORMAT, stores: written, sha256: hasher.hex() };
	out.write(`${JSON.stringify(trailer)}\n`);
	const blob = out.finish(compress ? 'application/gzip' : 'application/jsonl');

	const rows = Object.values(written).reduce((a, b) => a + b, 0);
	await db.transaction('rw', db.settings, db.audit, async () => {
		await db.settings.put({ key: BACKUP_SETTING_KEY, value: { at: now, rows, bytes: blob.size } });
		await appendAuditHere(
			db,
			{
				type: 'workspace.exported',
				subject: '',
				summary: `workspace exported: ${rows} rows, ${blob.size} bytes${includeChat ? ', chat included' : ''}`,
				detail: { rows: written, bytes: blob.size, includesChat: includeChat, sha256: trailer.sha256 }
			},
			now
		);
	});
	return { blob, filename: backupFilename(now, compress), rows: written, total: rows };
}

function keyOf(table: Table, row: unknown): IndexableType {
	const path = table.schema.primKey.keyPath;
	const r = row as Record<string, IndexableType>;
	// Compound keys are arrays of their parts (Dexie's IndexableType spells arrays oddly).
	return Array.isArray(path) ? (path.map((p) => r[p]) as unknown as IndexableType) : r[path as string];
}

/** Hands the file to the browser as a download (the Blob's parts are never joined into one string). */
export function downloadBlob(filename: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
