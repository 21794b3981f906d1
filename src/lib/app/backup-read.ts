/**
 * Reading a workspace backup (data/backup-format.ts) from a file, streamed: the bytes are gunzipped (fflate's
 * streaming Gunzip, when the file starts with gzip's magic bytes) and decoded to lines chunk by chunk. Nothing
 * is trusted before it is checked, in this order: the header (format, then version: a newer one is refused),
 * the trailer (present, hash over every line, counts), then each row (decoded, its key, its record schema,
 * a dataset's or series' content hash recomputed) and the audit chain. Any failure throws a BackupError.
 */
import type { IndexableType } from 'dexie';
import { Gunzip } from 'fflate';
import { verifyChain } from '../compliance/audit';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	BackupError,
	LineHasher,
	backupHeaderSchema,
	backupTrailerSchema,
	decodeValue,
	type BackupHeader
} from '../data/backup-format';
import type { MlTrainerDb } from '../db/database';
import { db as appDb } from './db';
import { checkRow, isBackupStore, storesFor, type BackupStore } from './backup-stores';
import { turnTaker } from './page-turns';

export interface BackupRow {
	readonly key: IndexableType;
	readonly row: Record<string, unknown>;
}

export interface ParsedBackup {
	readonly header: BackupHeader;
	/** Rows by store, in the file's order (each store's primary-key order). */
	readonly rows: ReadonlyMap<BackupStore, readonly BackupRow[]>;
	readonly total: number;
}

export interface ReadProgress {
	readonly phase: 'reading' | 'checking';
	readonly done: number;
	readonly total: number;
}

/** Checking gives the page a turn at least this often (a frame or so), however large the rows. */
const CHECK_TURN_MS = 30;

async function* fileBytes(file: Blob): AsyncGenerator<Uint8Array> {
	const reader = file.stream().getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			if (value.length > 0) yield value;
		}
	} finally {
		reader.releaseLock();
	}
}

/** The file's bytes, gunzipped when they start with gzip's magic number (0x1f 0x8b). */
async function* plainBytes(file: Blob): AsyncGenerator<Uint8Array> {
	let gunzip: Gunzip | null = null;
	let first = true;
	const out: Uint8Array[] = [];
	for await (const chunk of fileBytes(file)) {
		if (first) {
			first = false;
			if (chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) {
				gunzip = new Gunzip((data) => out.push(data));
			}
		}
		if (!gunzip) {
			yield chunk;
			continue;
		}
		try {
			gunzip.push(chunk, false);
		} catch {
			throw new BackupError('corrupt', 'the file is not valid gzip: it is damaged');
		}
		yield* out.splice(0);
	}
	if (gunzip) {
		try {
			gunzip.push(new Uint8Array(0), true);
		} catch {
			throw new BackupError('truncated', 'the compressed file ends early: it was cut off');
		}
		yield* out.splice(0);
	}
}

/**
 * Lines without their "\n"; the last piece is yielded even without one (a cut file). Only each new chunk is
 * searched for line breaks, so a line of many megabytes (a long dataset) costs linear time.
 */
async function* lines(file: Blob, onBytes: (n: number) => void): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let pending: string[] = [];
	let read = 0;
	const decode = (bytes?: Uint8Array) => {
		try {
			return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
		} catch {
			throw new BackupError('corrupt', 'the file is not UTF-8 text: it is damaged or not a backup');
		}
	};
	for await (const chunk of plainBytes(file)) {
		read += chunk.length;
		onBytes(read);
		const text = decode(chunk);
		let from = 0;
		for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
			pending.push(text.slice(from, nl));
			yield pending.join('');
			pending = [];
			from = nl + 1;
		}
		if (from < text.length) pending.push(text.slice(from));
	}
	const last = pending.join('') + decode();
	if (last.length > 0) yield last;
}

function parseJson(text: string, lineNo: number): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new BackupError('corrupt', `line ${lineNo} is not valid JSON: the file is damaged`);
	}
}

function readHeader(text: string): BackupHeader {
	const raw = parseJson(text, 1) as Record<string, unknown> | null;
	if (typeof raw !== 'object' || raw === null || raw.format !== BACKUP_FORMAT) {
		throw new BackupError('bad_format', 'this is not an mlTrainer workspace backup (its first line says so)');
	}
	if (raw.version !== BACKUP_VERSION) {
		throw new BackupError(
			'bad_version',
			typeof raw.version === 'number' && raw.version > BACKUP_VERSION
				? `the backup is format version ${raw.version}, made by a newer mlTrainer; this app reads version ${BACKUP_VERSION}`
				: `the backup's format version ${String(raw.version)} is not one this app knows (it reads version ${BACKUP_VERSION})`
		);
	}
	const parsed = backupHeaderSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new BackupError(
			'bad_format',
			`the backup's header is not valid (${issue.path.join('.')}: ${issue.message})`
		);
	}
	return parsed.data;
}

/** Reads and checks a whole backup file; throws a BackupError naming what failed. Writes nothing. */
export async function readBackup(
	file: Blob,
	onProgress?: (p: ReadProgress) => void,
	db: MlTrainerDb = appDb
): Promise<ParsedBackup> {
	let header: BackupHeader | null = null;
	let trailerText: string | null = null;
	let lineNo = 0;
	const hasher = new LineHasher();
	const raw: { store: BackupStore; r: unknown; line: number }[] = [];
	const counts = new Map<BackupStore, number>();
	// The lines arrive through async generators, which resolve as microtasks: without turns, reading a large
	// file would hold the page from the first line to the last.
	const turn = turnTaker(CHECK_TURN_MS);

	for await (const text of lines(file, (n) =>
		onProgress?.({ phase: 'reading', done: n, total: file.size })
	)) {
		await turn();
		lineNo++;
		if (trailerText !== null) {
			if (text.length === 0) continue;
			throw new BackupError(
				'corrupt',
				`line ${lineNo} comes after the file's last line: the file is damaged`
			);
		}
		if (lineNo === 1) {
			header = readHeader(text);
			hasher.update(`${text}\n`);
			continue;
		}
		const obj = parseJson(text, lineNo) as Record<string, unknown> | null;
		if (typeof obj === 'object' && obj !== null && 'end' in obj) {
			trailerText = text;
			const trailer = backupTrailerSchema.safeParse(obj);
			if (!trailer.success)
				throw new BackupError('corrupt', `the last line (${lineNo}) is not a valid trailer`);
			checkTrailer(trailer.data, hasher.hex(), counts);
			continue;
		}
		hasher.update(`${text}\n`);
		const store = typeof obj === 'object' && obj !== null ? obj.s : undefined;
		if (typeof store !== 'string' || !isBackupStore(store) || !('r' in (obj as object))) {
			throw new BackupError('corrupt', `line ${lineNo} is not a row of a known store: the file is damaged`);
		}
		if (!storesFor(header!.includesChat).includes(store)) {
			throw new BackupError(
				'corrupt',
				`line ${lineNo} holds ${store}, which the header says is not included`
			);
		}
		counts.set(store, (counts.get(store) ?? 0) + 1);
		raw.push({ store, r: (obj as Record<string, unknown>).r, line: lineNo });
	}
	if (header === null) throw new BackupError('bad_format', 'the file is empty');
	if (trailerText === null) {
		throw new BackupError(
			'truncated',
			`the file ends at line ${lineNo} without its last line: it was cut off`
		);
	}

	const rows = new Map<BackupStore, BackupRow[]>();
	for (let i = 0; i < raw.length; i++) {
		const { store, r, line } = raw[i];
		const row = decodeValue(r, `line ${line}`) as Record<string, unknown>;
		const key = checkRow(db, store, row, line);
		const list = rows.get(store) ?? [];
		list.push({ key, row });
		rows.set(store, list);
		onProgress?.({ phase: 'checking', done: i + 1, total: raw.length });
		await turn();
	}
	const audit = (rows.get('audit') ?? []).map((r) => r.row);
	const verdict = verifyChain(audit);
	if (!verdict.ok) {
		throw new BackupError('audit_broken', `the backup's audit trail does not verify: ${verdict.reason}`);
	}
	return { header, rows, total: raw.length };
}

function checkTrailer(
	trailer: { stores: Record<string, number>; sha256: string },
	actualHash: string,
	counts: ReadonlyMap<BackupStore, number>
): void {
	if (trailer.sha256 !== actualHash) {
		throw new BackupError(
			'corrupt',
			'the file was changed after it was written: its lines do not match the hash in its last line'
		);
	}
	for (const [store, n] of Object.entries(trailer.stores)) {
		const got = isBackupStore(store) ? (counts.get(store) ?? 0) : 0;
		if (got !== n) {
			throw new BackupError('corrupt', `the file holds ${got} rows of ${store}, its last line says ${n}`);
		}
	}
	for (const [store, n] of counts) {
		if (!(store in trailer.stores)) {
			throw new BackupError('corrupt', `the file holds ${n} rows of ${store}, its last line names none`);
		}
	}
}
