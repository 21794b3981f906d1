import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundledDatasets, bundledFileFacts } from './vite-bundled-datasets';

/** The source the plugin gives Vite for a module id, as a build would ask for it. */
function loadSource(id: string): string {
	const plugin = bundledDatasets();
	const resolved = (plugin.resolveId as (id: string) => string | null)(id);
	return (plugin.load as (id: string) => string)(resolved!);
}

afterEach(() => vi.useRealTimers());

describe('bundledDatasets', () => {
	it('gives the same module to two builds run at different times (reproducible provenance)', () => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
		const first = loadSource('virtual:bundled/sp500-2000');
		vi.setSystemTime(new Date('2031-06-15T12:00:00Z'));
		const second = loadSource('virtual:bundled/sp500-2000');
		expect(second).toBe(first);
		expect(first).not.toContain('2030');
	});

	it('records the package version, the hash and size of the file, and the package publication time', () => {
		const { meta, path } = bundledFileFacts('sp500-2000');
		expect(meta).toEqual({
			origin: 'vega-datasets@3.2.1/data/sp500-2000.csv',
			sha256: '9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8',
			bytes: 415968,
			publishedAt: '2025-08-21T23:04:37.691Z'
		});
		expect(path).toMatch(/vega-datasets[/\\]data[/\\]sp500-2000\.csv$/);
	});

	it('exports the file as a URL, not as text inside the module', () => {
		const source = loadSource('virtual:bundled/sp500-2000');
		expect(source).toMatch(/export \{ default as url \} from ".*sp500-2000\.csv\?url"/);
		expect(source).not.toContain('2000-01-03');
		expect(source.length).toBeLessThan(1000);
	});

	it('refuses a dataset it does not know', () => {
		expect(() => loadSource('virtual:bundled/nope')).toThrow(/unknown bundled dataset nope/);
	});
});
