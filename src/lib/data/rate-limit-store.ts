/**
 * The rate limiter's state in IndexedDB: the start times of recent calls and any Retry-After deadline, per
 * provider. Every tab and worker opens the same database, so they all read and write one budget (the limiter
 * serialises the read-modify-write with a Web Lock).
 */
import type { MlTrainerDb } from '../db/database';
import type { LimiterStore } from './rate-limiter';

export function createDexieLimiterStore(db: MlTrainerDb): LimiterStore {
	return {
		async read(provider) {
			const row = await db.rateLimits.get(provider);
			return row ? { calls: row.calls, notBefore: row.notBefore } : undefined;
		},
		async write(provider, state) {
			await db.rateLimits.put({ provider, calls: [...state.calls], notBefore: state.notBefore });
		}
	};
}
