/**
 * The demo dataset shipped with the app: real daily S&P 500 bars from the npm package vega-datasets (source:
 * Yahoo Finance), shipped as a static file beside the app. Its hash was recorded at build time and is checked
 * again in the browser before the data is stored: what trains is provably the file named in its provenance.
 * Its provenance time is when the package published the data, so every build records the same provenance.
 */
import { parseOhlcvCsv } from './csv-bars';
import type { Bars } from '../domain/series';
import type { Provenance } from '../domain/provenance';

export const SP500_DATASET_ID = 'sp500-daily-vega';

export interface BundledDataset {
	readonly id: string;
	readonly name: string;
	readonly symbol: string;
	readonly bars: Bars;
	readonly provenance: Provenance;
}

export class IntegrityError extends Error {
	readonly code = 'dataset_integrity';
}

/** Reads the bundled file at a URL (a fetch in the browser, the file itself in Node tests). */
export type ReadText = (url: string) => Promise<string>;

/** What the build recorded of the bundled S&P 500 file: enough to tell whether a stored copy is current. */
export async function bundledSp500Meta(): Promise<{ sha256: string; origin: string; publishedAt: string }> {
	return (await import('virtual:bundled/sp500-2000')).meta;
}

/**
 * Loads, verifies and parses the bundled S&P 500 file. `hash` and `readText` are injected so Node tests and the
 * browser use the same code.
 */
export async function loadBundledSp500(
	hash: (text: string) => Promise<string>,
	readText: ReadText
): Promise<BundledDataset> {
	const { meta, url } = await import('virtual:bundled/sp500-2000');
	const text = await readText(url);
	const actual = await hash(text);
	if (actual !== meta.sha256) {
		throw new IntegrityError(
			`the bundled S&P 500 file hashes to ${actual}, but the build recorded ${meta.sha256}`
		);
	}
	const bars = parseOhlcvCsv(text);
	return {
		id: SP500_DATASET_ID,
		name: 'S&P 500 index, daily',
		symbol: '^GSPC',
		bars,
		provenance: {
			source: 'yahoo',
			origin: meta.origin,
			// The bytes were taken from the package, as the package published them.
			retrievedAt: meta.publishedAt,
			sha256: meta.sha256,
			rows: bars.t.length,
			firstT: bars.t[0],
			lastT: bars.t[bars.t.length - 1]
		}
	};
}
