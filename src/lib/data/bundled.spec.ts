import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../app/sha256';
import { loadBundledSp500, type ReadText } from './bundled';

/** In Vitest the file's URL is a path from the project root (or /@fs/ and an absolute path), as Vite serves it. */
const readFromProject: ReadText = (url) =>
	readFile(url.startsWith('/@fs/') ? url.slice('/@fs'.length) : resolve(url.slice(1)), 'utf8');

describe('loadBundledSp500', () => {
	it('verifies the bundled file against the hash recorded at build time and keeps its provenance', async () => {
		const ds = await loadBundledSp500(sha256Hex, readFromProject);
		expect(ds.provenance.source).toBe('yahoo');
		expect(ds.provenance.origin).toMatch(/^vega-datasets@\d+\.\d+\.\d+\/data\/sp500-2000\.csv$/);
		expect(ds.provenance.sha256).toBe('9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8');
		expect(ds.provenance.rows).toBe(ds.bars.t.length);
		expect(new Date(ds.provenance.firstT).toISOString().slice(0, 10)).toBe('2000-01-03');
		expect(new Date(ds.provenance.lastT).toISOString().slice(0, 10)).toBe('2020-04-17');
	});

	it('dates the provenance by the package publication, not by the build', async () => {
		const ds = await loadBundledSp500(sha256Hex, readFromProject);
		// The `created` time of vega-datasets 3.2.1's datapackage.json, written when that release was made.
		expect(ds.provenance.retrievedAt).toBe('2025-08-21T23:04:37.691Z');
	});

	it('reads the file only through the reader it is given', async () => {
		const urls: string[] = [];
		await loadBundledSp500(sha256Hex, (url) => {
			urls.push(url);
			return readFromProject(url);
		});
		expect(urls).toHaveLength(1);
		expect(urls[0]).toMatch(/sp500-2000\.csv$/);
	});

	it('refuses the data when the bytes do not match the recorded hash', async () => {
		await expect(loadBundledSp500(async () => '0'.repeat(64), readFromProject)).rejects.toThrow(/hashes to/);
	});
});
