/**
 * Dataset service: makes sure the bundled demo dataset is stored (once, verified), and lists datasets.
 */
import type { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import { bundledSp500Meta, loadBundledSp500, SP500_DATASET_ID, type ReadText } from '../data/bundled';
import { newBarsDataset, versionId } from '../data/dataset-record';
import { latestVersion } from './dataset-versions';
import { db as appDb } from './db';
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
	db: MlTrainerDb = appDb,
	now: number = Date.now(),
	readText: ReadText = fetchBundledText
): Promise<DatasetRecord> {
	const existing = await latestVersion(db, SP500_DATASET_ID);
	const meta = await bundledSp500Meta();
	if (existing && existing.provenance.sha256 === meta.sha256) return existing;
	const ds = await loadBundledSp500(sha256Hex, readText);
	// A different file in a newer app is a new version of the series: trials keep the version they ran on.
	const version = existing ? existing.version + 1 : 1;
	const record: DatasetRecord = newBarsDataset({
		id: versionId(SP500_DATASET_ID, version),
		seriesKey: SP500_DATASET_ID,
		version,
		name: ds.name,
		symbol: ds.symbol,
		frequency: 'daily',
		provenance: ds.provenance,
		bars: ds.bars,
		bundled: true,
		request: null,
		now
	});
	await db.datasets.add(record);
	return record;
}
