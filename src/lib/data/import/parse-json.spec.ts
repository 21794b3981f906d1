import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspectFile } from './inspect';
import { parseImport } from './parse';
import type { ParseOptions } from './types';

const enc = (s: string) => new TextEncoder().encode(s);
const NOW_MS = Date.UTC(2026, 0, 1);
const SP500 = fileURLToPath(
	new URL('../../../../node_modules/vega-datasets/data/sp500-2000.csv', import.meta.url)
);

/** The first `n` real S&P 500 bars of the bundled file as a saved Polygon aggregates response. */
function polygonPage(n: number, edit: (bar: Record<string, unknown>, i: number) => void = () => {}): string {
	const lines = readFileSync(SP500, 'utf8')
		.trim()
		.split('\n')
		.slice(1, n + 1);
	const results = lines.map((line, i) => {
		const [date, o, h, l, c, , v] = line.split(',');
		// Polygon stamps a daily bar at midnight New York time: 05:00 UTC in January.
		const bar: Record<string, unknown> = {
			t: Date.parse(`${date}T05:00:00Z`),
			o: +o,
			h: +h,
			l: +l,
			c: +c,
			v: +v
		};
		edit(bar, i);
		return bar;
	});
	return JSON.stringify({ ticker: 'I:SPX', adjusted: true, resultsCount: n, results, status: 'OK' });
}

const polygon: ParseOptions = {
	fileName: 'aggs.json',
	source: 'polygon',
	kind: 'bars',
	mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
	dateFormat: 'YYYY-MM-DD',
	decimal: '.',
	nowMs: NOW_MS,
	header: true
};

describe('a saved Polygon/Massive aggregates response', () => {
	it('is inspected as bars with Polygon as the source to declare', () => {
		const r = inspectFile(enc(polygonPage(3)), 'aggs.json');
		if (!r.ok) throw new Error(r.message);
		expect(r).toMatchObject({ detected: 'polygon-json', headers: ['t', 'o', 'h', 'l', 'c', 'v'] });
		expect(r.preview[0]).toEqual([
			'946875600000',
			'1469.25',
			'1478',
			'1438.359985',
			'1455.219971',
			'931800000'
		]);
		expect(r.suggested.kind).toBe('bars');
	});

	it('imports its bars exactly, with t kept as Polygon sent it', () => {
		const r = parseImport(enc(polygonPage(3)), polygon);
		if (!r.ok || r.kind !== 'bars') throw new Error('expected bars');
		expect(Array.from(r.t)).toEqual([946875600000, 946962000000, 947048400000]);
		expect(Array.from(r.columns.close)).toEqual([1455.219971, 1399.420044, 1402.109985]);
		expect(Array.from(r.columns.volume)).toEqual([931800000, 1009000000, 1085500000]);
		expect(r.warnings).toEqual([]);
	});

	it('reports each bad bar by its position and imports the rest', () => {
		const bytes = enc(
			polygonPage(5, (bar, i) => {
				if (i === 1) bar.c = 'n/a';
				if (i === 2) bar.h = 1; // high below low
				if (i === 3) delete bar.v;
			})
		);
		const r = parseImport(bytes, polygon);
		if (!r.ok) throw new Error(r.message);
		expect(r.validRows).toBe(2);
		expect(r.rowErrors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, 'c', 'bad_number'],
			[3, 'h', 'ohlc_inconsistent'],
			[4, 'v', 'missing_value']
		]);
	});

	it('must be declared as Polygon and imported as bars', () => {
		expect(parseImport(enc(polygonPage(2)), { ...polygon, source: 'yahoo' })).toMatchObject({
			ok: false,
			code: 'source_mismatch'
		});
		expect(
			parseImport(enc(polygonPage(2)), { ...polygon, kind: 'values', mapping: { date: 0, value: 4 } })
		).toMatchObject({ ok: false, code: 'bad_mapping' });
	});

	it('refuses bars in the future and a t in seconds instead of milliseconds', () => {
		const r = parseImport(
			enc(
				polygonPage(3, (bar, i) => {
					if (i === 0) bar.t = Date.UTC(2099, 0, 5);
					if (i === 1) bar.t = (bar.t as number) / 1000;
				})
			),
			polygon
		);
		expect(r.errorCounts).toEqual({ future_date: 1, bad_date: 1 });
	});
});

describe('a saved API error response', () => {
	it('is refused by inspect and by parse with the text the API sent', () => {
		const body = enc('{"status":"ERROR","request_id":"x","error":"Unknown API Key"}');
		expect(inspectFile(body, 'aggs.json')).toMatchObject({
			ok: false,
			code: 'api_error',
			message: expect.stringContaining('"Unknown API Key"')
		});
		expect(parseImport(body, polygon)).toMatchObject({ ok: false, code: 'api_error' });
	});

	it('other JSON is still refused as unsupported', () => {
		expect(inspectFile(enc('{"data":[1,2]}'), 'x.json')).toMatchObject({
			ok: false,
			code: 'unsupported_json'
		});
		expect(inspectFile(enc('{"results": 5}'), 'x.json')).toMatchObject({
			ok: false,
			code: 'unsupported_json'
		});
	});
});
