/**
 * Dataset service: makes sure the bundled demo dataset is stored (once, verified), and lists datasets.
 */
import type { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import { bundledSp500Meta, loadBundledSp500, SP500_DATASET_ID, type ReadText } from '../data/bundled';
import { newBarsDataset } from '../data/dataset-record';
import { sha256Hex } from './sha256';

/** The bundled file is ~400 KB from this app's own origin (or its service worker): a minute is generous. */
const BUNDLED_FETCH_DEADLINE_MS = 60_000;

export class BundledFetchError extends Error {
	readonly code = 'dataset_unavailable';
}

/** Fetches the bundled file from the app's origin, with a deadline and a message in words. */
const fetchBundledText: ReadText = async (url) => {
	let response: Response;
	try {
		response = await fetch(url, { signal: AbortSignal.timeout(BUNDLED_FETCH_DEADLINE_MS) });
	} catch (e) {
		throw new BundledFetchError(
			`the demo data file could not be downloaded (${e instanceof Error ? e.message : String(e)}); it is fetched again on the next visit while online`
		);
	}
	if (!response.ok)
		throw new BundledFetchError(`the demo data file could not be downloaded (HTTP ${response.status})`);
	return response.text();
};

/**
 * Stores the bundled S&P 500 dataset unless a copy with the same content hash is already there. Only the
 * hash recorded at build time is read to decide; the file itself is fetched only when it must be stored.
 */
export async function ensureBundledDatasets(
	db: MlTrainerDb,
	now: number = Date.now(),
	readText: ReadText = fetchBundledText
): Promise<DatasetRecord> {
	const existing = await db.datasets.get(SP500_DATASET_ID);
	const meta = await bundledSp500Meta();
	if (existing && existing.provenance.sha256 === meta.sha256) return existing;
	const ds = await loadBundledSp500(sha256Hex, readText);
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
