/**
 * Dataset service: makes sure the bundled demo dataset is stored (once, verified), and lists datasets.
 */
import type { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import { loadBundledSp500, SP500_DATASET_ID } from '../data/bundled';
import { newBarsDataset } from '../data/dataset-record';
import { sha256Hex } from './sha256';

/** Stores the bundled S&P 500 dataset unless a copy with the same content hash is already there. */
export async function ensureBundledDatasets(
	db: MlTrainerDb,
	now: number = Date.now()
): Promise<DatasetRecord> {
	const existing = await db.datasets.get(SP500_DATASET_ID);
	const { meta } = await import('virtual:bundled/sp500-2000');
	if (existing && existing.provenance.sha256 === meta.sha256) return existing;
	const ds = await loadBundledSp500(sha256Hex);
	const record: DatasetRecord = newBarsDataset({
		id: ds.id,
		name: ds.name,
		symbol: ds.symbol,
		frequency: 'daily',
		provenance: ds.provenance,
		bars: ds.bars,
		bundled: true,
		request: null,
		now
	});
	await db.datasets.put(record);
	return record;
}
