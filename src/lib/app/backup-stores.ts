/**
 * What a workspace backup holds (issue 13) and how each row is checked on import. Never in it: the key vault
 * (`secrets`), `settings` (holds the app's settings and counters beside other rows; leaving the whole store
 * out means no future setting can carry a secret into a file), and the transient stores (bar cache, rate limits)
 * that the app rebuilds. The fold jobs are kept: they are the engine's queue, so a trial exported while it ran
 * carries on after an import (a running job's lease has expired by then, and the engine takes it again).
 */
import type { IndexableType } from 'dexie';
import type { z } from 'zod';
import { auditEventSchema } from '../compliance/audit';
import { BackupError } from '../data/backup-format';
import { analysisRecordSchema } from '../db/analysis-records';
import {
	chatMessageSchema,
	conversationSchema,
	goalRecordSchema,
	toolCallSchema,
	usageRecordSchema
} from '../db/chat-records';
import type { MlTrainerDb } from '../db/database';
import { loopRecordSchema } from '../db/loop-records';
import { portfolioEventRecordSchema, portfolioRecordSchema } from '../db/portfolio-records';
import {
	datasetRecordSchema,
	foldResultRecordSchema,
	jobRecordSchema,
	seriesRecordSchema,
	trialRecordSchema
} from '../db/records';
import { promotedRecordSchema, recommendationRecordSchema, scanRecordSchema } from '../db/scanner-records';
import { studyRecordSchema } from '../db/study-records';
import { universeRecordSchema } from '../db/universe-records';
import { universeRunRecordSchema } from '../db/universe-run-records';
import { contentSha256 } from '../domain/content-hash';
import { watchEntrySchema } from '../research/portfolio/watchlist';

/** Always exported, in this order (the audit trail last: it is checked as one chain). */
export const CORE_STORES = [
	'datasets',
	'series',
	'trials',
	'jobs',
	'results',
	'studies',
	'analyses',
	'loops',
	'portfolios',
	'portfolioEvents',
	'watchlist',
	'universes',
	'universeRuns',
	'promoted',
	'scans',
	'recommendations',
	'goals',
	'audit'
] as const;
/** Exported only when the user asks for the chat. */
export const CHAT_STORES = ['conversations', 'messages', 'toolCalls', 'usage'] as const;
export const BACKUP_STORES = [...CORE_STORES, ...CHAT_STORES] as const;
export type BackupStore = (typeof BACKUP_STORES)[number];

/** Never written to a backup and never read from one. */
export const NEVER_EXPORTED = ['secrets', 'settings', 'barCache', 'rateLimits'] as const;

const SCHEMAS: Record<BackupStore, z.ZodType> = {
	datasets: datasetRecordSchema,
	series: seriesRecordSchema,
	trials: trialRecordSchema,
	jobs: jobRecordSchema,
	results: foldResultRecordSchema,
	studies: studyRecordSchema,
	analyses: analysisRecordSchema,
	loops: loopRecordSchema,
	portfolios: portfolioRecordSchema,
	portfolioEvents: portfolioEventRecordSchema,
	watchlist: watchEntrySchema,
	universes: universeRecordSchema,
	universeRuns: universeRunRecordSchema,
	promoted: promotedRecordSchema,
	scans: scanRecordSchema,
	recommendations: recommendationRecordSchema,
	goals: goalRecordSchema,
	audit: auditEventSchema,
	conversations: conversationSchema,
	messages: chatMessageSchema,
	toolCalls: toolCallSchema,
	usage: usageRecordSchema
};

export function isBackupStore(name: string): name is BackupStore {
	return (BACKUP_STORES as readonly string[]).includes(name);
}

export function storesFor(includeChat: boolean): readonly BackupStore[] {
	return includeChat ? BACKUP_STORES : CORE_STORES;
}

/** The primary key of `row` in `store` (an array for compound keys), or undefined when a part is missing. */
export function rowKey(db: MlTrainerDb, store: BackupStore, row: unknown): IndexableType | undefined {
	const path = db.table(store).schema.primKey.keyPath;
	const get = (p: string): unknown =>
		typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[p] : undefined;
	const valid = (v: unknown): v is IndexableType =>
		(typeof v === 'string' && v.length > 0) || (typeof v === 'number' && Number.isFinite(v));
	if (Array.isArray(path)) {
		const parts = path.map(get);
		return parts.every(valid) ? (parts as unknown as IndexableType) : undefined;
	}
	const v = path ? get(path) : undefined;
	return valid(v) ? v : undefined;
}

function keyText(key: IndexableType | undefined): string {
	return Array.isArray(key) ? key.join('/') : String(key);
}

/**
 * Checks one decoded row: its key, its record schema, and for data its content hash recomputed from the
 * columns. Throws a BackupError naming the line and the row.
 */
export function checkRow(db: MlTrainerDb, store: BackupStore, row: unknown, line: number): IndexableType {
	const key = rowKey(db, store, row);
	if (key === undefined) {
		throw new BackupError('invalid_row', `line ${line}: a row of ${store} has no valid key`);
	}
	const parsed = SCHEMAS[store].safeParse(row);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
		throw new BackupError(
			'invalid_row',
			`line ${line}: ${store} row ${keyText(key)} is not valid (${where}${issue.message})`
		);
	}
	if (store === 'datasets' || store === 'series') {
		const r = row as { contentSha256: string; bars?: Record<string, Float64Array> } & Record<string, unknown>;
		const columns =
			store === 'datasets' ? { ...r.bars } : { t: r.t as Float64Array, value: r.value as Float64Array };
		const actual = contentSha256(columns);
		if (actual !== r.contentSha256) {
			const kind = store === 'datasets' ? 'dataset' : 'series';
			throw new BackupError(
				'hash_mismatch',
				`line ${line}: the ${kind} ${keyText(key)} does not match its content hash (its columns hash to ${actual.slice(0, 12)}…, it records ${String(r.contentSha256).slice(0, 12)}…)`
			);
		}
	}
	return key;
}
