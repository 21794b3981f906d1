/**
 * The IndexedDB database (Dexie). Only db/, the engine's job store and app/ services touch it; pages read through
 * app/ services and liveQuery.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { AuditEvent } from '../compliance/audit';
import { applyV1 } from './migrations/v1';
import { applyV2 } from './migrations/v2';
import { applyV3 } from './migrations/v3';
import { applyV4 } from './migrations/v4';
import { applyV5 } from './migrations/v5';
import { applyV6 } from './migrations/v6';
import { applyV7 } from './migrations/v7';
import { applyV8 } from './migrations/v8';
import { applyV9 } from './migrations/v9';
import type { UniverseRecord } from './universe-records';
import type { PromotedRecord, RecommendationRecord, ScanRecord } from './scanner-records';
import type { PortfolioEventRecord, PortfolioRecord } from './portfolio-records';
import type { WatchEntry } from '../research/portfolio/watchlist';
import type { AnalysisRecord } from './analysis-records';
import type { StudyRecord } from './study-records';
import type { LoopRecord } from './loop-records';
import type { ChatMessage, Conversation, GoalRecord, ToolCallRecord, UsageRecord } from './chat-records';
import type {
	DatasetRecord,
	FoldResultRecord,
	JobRecord,
	RateLimitRecord,
	SeriesRecord,
	SettingRecord,
	TrialRecord
} from './records';

export const DB_NAME = 'mltrainer';

/** Rows whose shape a module above db/ owns and parses on read (vault, bar cache). */
export type OpaqueRow<K extends string> = { [key in K]: string } & Record<string, unknown>;

export class MlTrainerDb extends Dexie {
	datasets!: EntityTable<DatasetRecord, 'id'>;
	trials!: EntityTable<TrialRecord, 'id'>;
	jobs!: EntityTable<JobRecord, 'id'>;
	results!: Dexie.Table<FoldResultRecord, [string, number]>;
	series!: EntityTable<SeriesRecord, 'id'>;
	/** The sealed key vault (security/vault.ts): ciphertext only, never a key in plain text. */
	secrets!: EntityTable<OpaqueRow<'id'>, 'id'>;
	audit!: EntityTable<AuditEvent, 'seq'>;
	rateLimits!: EntityTable<RateLimitRecord, 'provider'>;
	barCache!: EntityTable<OpaqueRow<'key'>, 'key'>;
	settings!: EntityTable<SettingRecord, 'key'>;
	conversations!: EntityTable<Conversation, 'id'>;
	messages!: EntityTable<ChatMessage, 'id'>;
	toolCalls!: EntityTable<ToolCallRecord, 'id'>;
	goals!: EntityTable<GoalRecord, 'seq'>;
	usage!: EntityTable<UsageRecord, 'month'>;
	analyses!: EntityTable<AnalysisRecord, 'id'>;
	studies!: EntityTable<StudyRecord, 'id'>;
	loops!: EntityTable<LoopRecord, 'id'>;
	portfolios!: EntityTable<PortfolioRecord, 'id'>;
	portfolioEvents!: EntityTable<PortfolioEventRecord, 'seq'>;
	watchlist!: EntityTable<WatchEntry, 'id'>;
	universes!: EntityTable<UniverseRecord, 'id'>;
	/** Runs of one spec across a universe; rows parsed by their owner module. */
	universeRuns!: EntityTable<OpaqueRow<'id'>, 'id'>;
	promoted!: EntityTable<PromotedRecord, 'id'>;
	scans!: EntityTable<ScanRecord, 'id'>;
	recommendations!: EntityTable<RecommendationRecord, 'id'>;

	constructor(name: string = DB_NAME) {
		// 'strict' durability: a completed transaction has reached disk, so a crash right after a fold's result
		// commits cannot lose it (Chrome defaults to 'relaxed' since 121).
		super(name, { chromeTransactionDurability: 'strict' });
		applyV1(this);
		applyV2(this);
		applyV3(this);
		applyV4(this);
		applyV5(this);
		applyV6(this);
		applyV7(this);
		applyV8(this);
		applyV9(this);
	}
}
