/**
 * Schema version 2 (issue 3): real data in. New stores for macro series (single value column), the sealed key
 * vault, the hash-chained audit trail, the shared rate-limit state, the Polygon bar cache and settings. Existing
 * datasets gain a content hash (so tampering is detectable), baseline return statistics (for drift checks) and
 * an update time.
 */
import type { Dexie, Transaction } from 'dexie';
import { contentSha256 } from '../../domain/content-hash';
import { returnStats, simpleReturns } from '../../domain/drift';

export const V2_STORES = {
	datasets: 'id, createdAt',
	trials: 'id, createdAt, status',
	jobs: 'id, trialId, status, [trialId+fold]',
	results: '[trialId+fold], trialId',
	series: 'id, createdAt',
	secrets: 'id',
	audit: 'seq, type, at',
	rateLimits: 'provider',
	barCache: 'key',
	settings: 'key'
} as const;

export function applyV2(db: Dexie): void {
	db.version(2)
		.stores(V2_STORES)
		.upgrade(async (tx: Transaction) => {
			await tx
				.table('datasets')
				.toCollection()
				.modify((ds: Record<string, unknown>) => {
					const bars = ds.bars as Record<string, Float64Array>;
					ds.contentSha256 = contentSha256(bars);
					ds.baseline = returnStats(bars.t.subarray(1), simpleReturns(bars.close));
					ds.drift = null;
					ds.request = null;
					ds.updatedAt = ds.createdAt;
				});
		});
}
