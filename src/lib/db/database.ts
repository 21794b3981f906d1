/**
 * The IndexedDB database (Dexie). Only db/ and the engine's job store touch it; pages read through app/
 * services and liveQuery.
 */
import { Dexie, type EntityTable } from 'dexie';
import { applyV1 } from './migrations/v1';
import type { DatasetRecord, FoldResultRecord, JobRecord, TrialRecord } from './records';

export const DB_NAME = 'mltrainer';

export class MlTrainerDb extends Dexie {
	datasets!: EntityTable<DatasetRecord, 'id'>;
	trials!: EntityTable<TrialRecord, 'id'>;
	jobs!: EntityTable<JobRecord, 'id'>;
	results!: Dexie.Table<FoldResultRecord, [string, number]>;

	constructor(name: string = DB_NAME) {
		// 'strict' durability: a completed transaction has reached disk, so a crash right after a fold's result
		// commits cannot lose it (Chrome defaults to 'relaxed' since 121).
		super(name, { chromeTransactionDurability: 'strict' });
		applyV1(this);
	}
}
