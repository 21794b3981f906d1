/**
 * How safe the workspace is on this device (issue 13): whether the browser keeps its storage (persist),
 * how much is used of the quota, when the last backup was made, and whether finished results have waited more
 * than a week without one. Every browser API is optional: where one is missing the status says "unsupported".
 */
import type { MlTrainerDb } from '../db/database';
import { db as appDb } from './db';

/**
 * The settings row that remembers the last completed export (written by app/backup-export.ts). Declared here so
 * the header's badge does not load the exporter (and its compressor) on every page.
 */
export const BACKUP_SETTING_KEY = 'backup';

/** Results finished this long after the last backup (or with none) bring up the reminder. */
export const BACKUP_REMINDER_MS = 7 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The parts of `navigator.storage` used here, any of which a browser may lack. */
export interface StorageApi {
	persisted?: () => Promise<boolean>;
	persist?: () => Promise<boolean>;
	estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

export type PersistState = 'persisted' | 'not_persisted' | 'unsupported';

export interface StorageStatus {
	readonly persist: PersistState;
	/** Bytes; null where the browser does not say. */
	readonly usage: number | null;
	readonly quota: number | null;
	/** Epoch ms of the last completed export; null: never. */
	readonly lastBackupAt: number | null;
	/** Completed trials, studies and analyses finished after the last backup. */
	readonly unsaved: number;
	/** When the oldest of them finished; null when there are none. */
	readonly oldestUnsavedAt: number | null;
	/** True when the oldest unsaved result is more than a week old. */
	readonly remind: boolean;
}

export function browserStorage(): StorageApi | null {
	return typeof navigator === 'undefined' ? null : (navigator.storage ?? null);
}

export async function lastBackupAt(db: MlTrainerDb = appDb): Promise<number | null> {
	const value = (await db.settings.get(BACKUP_SETTING_KEY))?.value as { at?: unknown } | undefined;
	return typeof value?.at === 'number' && Number.isFinite(value.at) ? value.at : null;
}

/** Finish times of the completed results not in a backup. */
async function unsavedTimes(db: MlTrainerDb, since: number): Promise<number[]> {
	const after = (f: number | null): f is number => f !== null && f > since;
	const trials = await db.trials
		.where('status')
		.equals('completed')
		.filter((t) => after(t.finishedAt))
		.toArray();
	const studies = await db.studies.filter((s) => s.status === 'completed' && after(s.finishedAt)).toArray();
	const analyses = await db.analyses.filter((a) => a.status === 'completed' && after(a.finishedAt)).toArray();
	return [...trials, ...studies, ...analyses].map((r) => r.finishedAt as number);
}

export async function storageStatus(
	db: MlTrainerDb = appDb,
	now: number = Date.now(),
	storage: StorageApi | null = browserStorage()
): Promise<StorageStatus> {
	let persist: PersistState = 'unsupported';
	if (storage?.persisted)
		persist = (await storage.persisted().catch(() => false)) ? 'persisted' : 'not_persisted';
	let usage: number | null = null;
	let quota: number | null = null;
	if (storage?.estimate) {
		const e = await storage.estimate().catch(() => ({}) as { usage?: number; quota?: number });
		usage = e.usage ?? null;
		quota = e.quota ?? null;
	}
	const last = await lastBackupAt(db);
	const times = await unsavedTimes(db, last ?? -Infinity);
	const oldest = times.length > 0 ? Math.min(...times) : null;
	return {
		persist,
		usage,
		quota,
		lastBackupAt: last,
		unsaved: times.length,
		oldestUnsavedAt: oldest,
		remind: oldest !== null && now - oldest > BACKUP_REMINDER_MS
	};
}

/** Asks the browser to keep this origin's storage under pressure ("Keep data on this device"). */
export async function requestPersistence(
	storage: StorageApi | null = browserStorage()
): Promise<'persisted' | 'refused' | 'unsupported'> {
	if (!storage?.persist) return 'unsupported';
	return (await storage.persist().catch(() => false)) ? 'persisted' : 'refused';
}

/** The header badge's words: "backup: today", "backup: 3 d ago", or "not backed up". */
export function backupAgeLabel(last: number | null, now: number): string {
	if (last === null) return 'not backed up';
	const days = Math.floor(Math.max(0, now - last) / DAY_MS);
	return days === 0 ? 'backup: today' : `backup: ${days} d ago`;
}

/** Bytes in words (KB, MB, GB; powers of 1024, as the browsers' own storage pages count). */
export function formatBytes(bytes: number | null): string {
	if (bytes === null) return 'not supported by this browser';
	const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
	let v = bytes;
	let u = 0;
	while (v >= 1024 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	return u === 0 ? `${v} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
