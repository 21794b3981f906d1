import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { APPROVED_SOURCE_HOSTS } from '../../compliance/hosts.js';
import { parseImport } from './parse';
import { IMPORT_SOURCES, type ParseOptions } from './types';

const enc = (s: string) => new TextEncoder().encode(s);
const NOW_MS = Date.UTC(2026, 0, 1);
const YAHOO = 'Date,Open,High,Low,Close,Adj Close,Volume\n';
const BAR_3 = '2000-01-03,1469.25,1478,1438.359985,1455.219971,1455.219971,931800000';
const BAR_4 = '2000-01-04,1455.219971,1455.219971,1397.430054,1399.420044,1399.420044,1009000000';

const bars: ParseOptions = {
	fileName: 'GSPC.csv',
	source: 'yahoo',
	kind: 'bars',
	mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 6 },
	dateFormat: 'YYYY-MM-DD',
	decimal: '.',
	nowMs: NOW_MS,
	header: true
};
const values: ParseOptions = { ...bars, kind: 'values', mapping: { date: 0, value: 1 } };

describe('parseImport', () => {
	it('imports bars with their hash, size and time range', () => {
		const bytes = enc(`${YAHOO}${BAR_3}\n${BAR_4}\n`);
		const r = parseImport(bytes, bars);
		if (!r.ok || r.kind !== 'bars') throw new Error('expected bars');
		expect(Array.from(r.t)).toEqual([Date.UTC(2000, 0, 3), Date.UTC(2000, 0, 4)]);
		expect(Array.from(r.columns.close)).toEqual([1455.219971, 1399.420044]);
		expect(r.sha256).toBe(bytesToHex(sha256(bytes)));
		expect(r).toMatchObject({
			bytes: bytes.length,
			firstT: r.t[0],
			lastT: r.t[1],
			validRows: 2,
			totalRows: 2
		});
	});

	it('refuses a file whose source is missing or not approved, before reading it', () => {
		const bytes = enc(`${YAHOO}${BAR_3}\n`);
		for (const source of [undefined, '', 'stooq', 'synthetic']) {
			const r = parseImport(bytes, { ...bars, source } as unknown as ParseOptions);
			expect(r).toMatchObject({
				ok: false,
				code: 'no_source',
				message: expect.stringMatching(/^Declare where this file comes from/)
			});
		}
		expect(parseImport(bytes, null as unknown as ParseOptions)).toMatchObject({
			ok: false,
			code: 'no_source'
		});
	});

	it('accepts exactly the sources of the compliance allowlist', () => {
		expect([...IMPORT_SOURCES].sort()).toEqual(Object.keys(APPROVED_SOURCE_HOSTS).sort());
	});

	it('refuses malformed settings and mappings with their own codes', () => {
		const bytes = enc(`${YAHOO}${BAR_3}\n`);
		expect(
			parseImport(bytes, { ...bars, dateFormat: 'DD.MM.YYYY' } as unknown as ParseOptions)
		).toMatchObject({ code: 'bad_options' });
		expect(parseImport(bytes, { ...bars, nowMs: Number.NaN })).toMatchObject({ code: 'bad_options' });
		expect(parseImport(bytes, { ...bars, mapping: { date: 0, close: 4 } })).toMatchObject({
			code: 'bad_mapping'
		});
		expect(
			parseImport(bytes, { ...bars, mapping: { date: 0, open: 1, high: 1, low: 3, close: 4, volume: 6 } })
		).toMatchObject({
			code: 'bad_mapping'
		});
		expect(parseImport(bytes, { ...values, mapping: { date: 0, value: 9 } })).toMatchObject({
			code: 'bad_mapping',
			message: expect.stringMatching(/column 10, but the file has 7 columns/)
		});
	});

	it('refuses dates after nowMs as look-ahead and keeps the rest', () => {
		const r = parseImport(enc(`${YAHOO}${BAR_3}\n${BAR_4}\n`), { ...bars, nowMs: Date.UTC(2000, 0, 3, 12) });
		expect(r).toMatchObject({ ok: true, validRows: 1, skippedRows: 1, errorCounts: { future_date: 1 } });
	});

	it('keeps the first 100 row errors in full and counts all of them', () => {
		const rows = Array.from(
			{ length: 250 },
			(_, i) => `${new Date(Date.UTC(2001, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},x`
		);
		const r = parseImport(enc(`Date,Close\n2000-01-03,1455.22\n${rows.join('\n')}\n`), values);
		expect(r).toMatchObject({
			ok: true,
			validRows: 1,
			skippedRows: 250,
			errorCount: 250,
			errorCounts: { bad_number: 250 }
		});
		expect(r.rowErrors).toHaveLength(100);
		expect(r.rowErrors[99].row).toBe(102);
	});

	it('refuses a file with no valid row and still reports why', () => {
		const r = parseImport(enc('Date,Close\n2000-01-03,n/a\n2000-01-04,\n'), values);
		expect(r).toMatchObject({
			ok: false,
			code: 'no_valid_rows',
			errorCount: 2,
			errorCounts: { bad_number: 1, empty_value: 1 }
		});
		expect(r.ok ? '' : r.message).toMatch(/2 row\(s\) read/);
	});

	it('calls an empty FRED cell a missing value, and an empty Yahoo cell an empty value', () => {
		const text = enc('observation_date,PAYEMS\n2006-01-01,135450\n2006-02-01,\n');
		expect(parseImport(text, { ...values, source: 'fred' })).toMatchObject({
			errorCounts: { missing_value: 1 }
		});
		expect(parseImport(text, values)).toMatchObject({ errorCounts: { empty_value: 1 } });
	});

	it('reports every bad cell of a row but skips the row once', () => {
		const r = parseImport(enc(`${YAHOO}2000-01-03,x,,1438.36,NaN,1455.22,-1\n${BAR_4}\n`), bars);
		expect(r).toMatchObject({ ok: true, validRows: 1, skippedRows: 1, errorCount: 3 });
		expect(r.rowErrors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, 'Open', 'bad_number'],
			[2, 'High', 'empty_value'],
			[2, 'Close', 'not_finite']
		]);
	});

	it('parses a FRED JSON response only when the source is FRED and the kind is values', () => {
		const json = enc(JSON.stringify({ observations: [{ date: '2006-01-01', value: '135450' }] }));
		expect(parseImport(json, { ...values, source: 'fred', fileName: 'PAYEMS.json' })).toMatchObject({
			ok: true,
			validRows: 1,
			fred: { seriesId: 'PAYEMS', frequency: 'irregular' }
		});
		expect(parseImport(json, values)).toMatchObject({ ok: false, code: 'source_mismatch' });
		expect(parseImport(json, { ...bars, source: 'fred' })).toMatchObject({ ok: false, code: 'bad_mapping' });
	});

	it('uses the delimiter it is given over the one it would detect', () => {
		const text = enc('Date;Close\n2000-01-03;1455.22\n');
		expect(parseImport(text, { ...values, delimiter: ';' })).toMatchObject({ ok: true, validRows: 1 });
		expect(parseImport(text, { ...values, delimiter: ',' })).toMatchObject({
			ok: false,
			code: 'too_few_columns'
		});
	});

	it('warns about a constant column and about a FRED header declared as another source', () => {
		const r = parseImport(enc('observation_date,DFF\n2020-01-01,1.55\n2020-01-02,1.55\n'), values);
		if (!r.ok) throw new Error(r.message);
		expect(r.warnings.map((w) => w.message).join(' ')).toMatch(/same value \(1\.55\) in every row/);
		expect(r.warnings.map((w) => w.message).join(' ')).toMatch(
			/looks like a FRED download \(DFF\), but the source is declared as yahoo/
		);
	});

	it('writes nothing and changes no input: the same bytes give the same result twice', () => {
		const bytes = enc(`${YAHOO}${BAR_4}\n${BAR_3}\n`);
		const copy = bytes.slice();
		const a = parseImport(bytes, bars);
		const b = parseImport(bytes, bars);
		expect(bytes).toEqual(copy);
		expect(a).toEqual(b);
	});
});

describe('parseImport never alters a file silently', () => {
	const codes = (r: ReturnType<typeof parseImport>) => (r.ok ? r.warnings.map((w) => w.code) : r.code);

	it('reports padded numbers with their count and first lines', () => {
		const r = parseImport(
			enc('Date,Close\n2000-01-03, 1455.22\n2000-01-04,1399.42\n2000-01-05,1402.11 \n'),
			values
		);
		if (!r.ok) throw new Error(r.message);
		expect(r.warnings).toEqual([
			{
				code: 'padded_cells',
				message: expect.stringMatching(/^2 row\(s\) have spaces/),
				count: 2,
				rows: [2, 4]
			}
		]);
	});

	it('reports every number read with a decimal comma', () => {
		const r = parseImport(enc('Date;Close\n2000-01-03;1455,22\n2000-01-04;1399\n'), {
			...values,
			decimal: ','
		});
		if (!r.ok) throw new Error(r.message);
		expect(r.warnings).toEqual([expect.objectContaining({ code: 'decimal_comma', count: 1, rows: [2] })]);
	});

	it('reports rows with trailing delimiters, and an unnamed column in a header that ends with one', () => {
		expect(codes(parseImport(enc('Date,Close\n2000-01-03,1455.22,\n'), values))).toEqual([
			'trailing_delimiters'
		]);
		expect(codes(parseImport(enc('Date,Close,\n2000-01-03,1455.22,\n'), values))).toEqual(['header_empty']);
	});

	it('converts zoned timestamps to UTC and names the zones it saw', () => {
		const r = parseImport(
			enc('Date,Close\n2020-03-02T00:00:00Z,1\n2020-03-03T00:00:00+01:00,2\n2020-03-04T00:00:00+01:00,3\n'),
			{ ...values, dateFormat: 'YYYY-MM-DDTHH:mm:ss±HH:mm' }
		);
		if (!r.ok) throw new Error(r.message);
		expect(Array.from(r.t)).toEqual([
			Date.UTC(2020, 2, 2),
			Date.UTC(2020, 2, 2, 23),
			Date.UTC(2020, 2, 3, 23)
		]);
		expect(r.warnings).toEqual([
			expect.objectContaining({
				code: 'time_zone',
				count: 3,
				message: expect.stringMatching(/\(\+01:00 ×2, Z ×1\); they were converted to UTC, which can move/)
			})
		]);
	});

	it('reports hostile header names and refuses names that differ only by invisible characters', () => {
		expect(codes(parseImport(enc('\ufeff\ufeffDate,=SUM(A1)\n2000-01-03,1\n'), values))).toEqual([
			'header_invisible',
			'header_formula'
		]);
		expect(parseImport(enc('Date,Close,Close\u200b\n2000-01-03,1,2\n'), values)).toMatchObject({
			ok: false,
			code: 'duplicate_header'
		});
	});

	it('records which close the bars use when the file has a close and an adjusted close', () => {
		const adjusted = {
			...bars,
			mapping: { ...bars.mapping, adjClose: 5 },
			priceBasis: 'adjusted_close' as const
		};
		// The S&P 500 index pays no dividend into its price: adjusted close = close, nothing is scaled.
		const same = parseImport(enc(`${YAHOO}${BAR_3}\n`), adjusted);
		expect(same).toMatchObject({ ok: true, priceBasis: 'adjusted_close', warnings: [] });
		const split = parseImport(enc(`${YAHOO}2000-01-03,10,12,9,11,5.5,1000\n${BAR_4}\n`), adjusted);
		if (!split.ok || split.kind !== 'bars') throw new Error('expected bars');
		expect(Array.from(split.columns.open)).toEqual([5, 1455.219971]);
		expect(split.warnings).toEqual([
			expect.objectContaining({
				code: 'close_choice',
				count: 1,
				rows: [2],
				message: expect.stringMatching(
					/adjusted close \("Adj Close"\) that differs from the close \("Close"\)/
				)
			})
		]);
		const traded = parseImport(enc(`${YAHOO}${BAR_3}\n`), bars);
		expect(traded).toMatchObject({ ok: true, priceBasis: 'close', warnings: [] });
	});

	it('records the basis of a value series taken from the close or the adjusted close column', () => {
		const file = enc(`${YAHOO}${BAR_3}\n`);
		expect(parseImport(file, { ...values, mapping: { date: 0, value: 5 } })).toMatchObject({
			priceBasis: 'adjusted_close'
		});
		expect(parseImport(file, { ...values, mapping: { date: 0, value: 4 } })).toMatchObject({
			priceBasis: 'close'
		});
		expect(parseImport(file, { ...values, mapping: { date: 0, value: 1 } })).not.toHaveProperty('priceBasis');
	});

	it('refuses the adjusted basis without an adjusted close column', () => {
		expect(parseImport(enc(`${YAHOO}${BAR_3}\n`), { ...bars, priceBasis: 'adjusted_close' })).toMatchObject({
			ok: false,
			code: 'bad_mapping'
		});
	});
});
