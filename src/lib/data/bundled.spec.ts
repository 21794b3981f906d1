import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../app/sha256';
import { loadBundledSp500 } from './bundled';

describe('loadBundledSp500', () => {
	it('verifies the bundled file against the hash recorded at build time and keeps its provenance', async () => {
		const ds = await loadBundledSp500(sha256Hex);
		expect(ds.provenance.source).toBe('yahoo');
		expect(ds.provenance.origin).toMatch(/^vega-datasets@\d+\.\d+\.\d+\/data\/sp500-2000\.csv$/);
		expect(ds.provenance.sha256).toBe('9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8');
		expect(ds.provenance.rows).toBe(ds.bars.t.length);
		expect(new Date(ds.provenance.firstT).toISOString().slice(0, 10)).toBe('2000-01-03');
		expect(new Date(ds.provenance.lastT).toISOString().slice(0, 10)).toBe('2020-04-17');
	});

	it('refuses the data when the bytes do not match the recorded hash', async () => {
		await expect(loadBundledSp500(async () => '0'.repeat(64))).rejects.toThrow(/hashes to/);
	});
});
