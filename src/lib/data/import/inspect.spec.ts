import { describe, expect, it } from 'vitest';
import { inspectFile } from './inspect';

const enc = (s: string) => new TextEncoder().encode(s);

describe('inspectFile', () => {
	it('previews the first 20 data rows and counts them all', () => {
		const rows = Array.from(
			{ length: 30 },
			(_, i) => `2000-02-${String((i % 28) + 1).padStart(2, '0')},${i + 1}`
		);
		const r = inspectFile(enc(`Date,Value\n${rows.join('\n')}\n`), 'v.csv');
		if (!r.ok) throw new Error(r.message);
		expect(r.preview).toHaveLength(20);
		expect(r.preview[0]).toEqual(['2000-02-01', '1']);
		expect(r.rowCountEstimate).toBe(30);
		expect(r.headers).toEqual(['Date', 'Value']);
	});

	it('suggests bars for a Yahoo header, choosing Close over Adj Close', () => {
		const r = inspectFile(
			enc(
				'Date,Open,High,Low,Close,Adj Close,Volume\n2000-01-03,1469.25,1478,1438.36,1455.22,1455.22,931800000\n'
			),
			'GSPC.csv'
		);
		expect(r).toMatchObject({
			ok: true,
			detected: 'ohlcv',
			suggested: {
				kind: 'bars',
				mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 6 },
				dateFormat: 'YYYY-MM-DD',
				decimal: '.',
				header: true
			}
		});
	});

	it('recognises a FRED CSV and names its series', () => {
		const r = inspectFile(enc('observation_date,UNRATE\n2020-01-01,3.6\n2020-02-01,.\n'), 'fredgraph.csv');
		expect(r).toMatchObject({
			ok: true,
			detected: 'fred-csv',
			fred: { seriesId: 'UNRATE' },
			suggested: { kind: 'values' }
		});
	});

	it('recognises a saved FRED JSON response and takes its series id from the file name', () => {
		const json = JSON.stringify({ observations: [{ date: '2020-01-01', value: '3.6' }] });
		const r = inspectFile(enc(json), 'UNRATE.json');
		expect(r).toMatchObject({
			ok: true,
			detected: 'fred-json',
			fred: { seriesId: 'UNRATE' },
			headers: ['date', 'value'],
			preview: [['2020-01-01', '3.6']],
			rowCountEstimate: 1
		});
	});

	it('names generic columns for a file without a header', () => {
		const r = inspectFile(enc('2000-01-03,1455.22\n2000-01-04,1399.42\n'), 'x.csv');
		expect(r).toMatchObject({
			ok: true,
			headers: ['Column 1', 'Column 2'],
			suggested: { header: false },
			rowCountEstimate: 2
		});
	});

	it('suggests the comma decimal for a semicolon file that writes 1455,22', () => {
		const r = inspectFile(enc('Date;Close\n2000-01-03;1455,22\n2000-01-04;1399,42\n'), 'x.csv');
		expect(r).toMatchObject({ ok: true, delimiter: ';', suggested: { decimal: ',' } });
	});

	it('warns when the dates read both as MM/DD and as DD/MM', () => {
		const r = inspectFile(enc('Date,Close\n01/03/2000,1455.22\n01/04/2000,1399.42\n'), 'x.csv');
		if (!r.ok) throw new Error(r.message);
		expect(r.suggested.dateFormat).toBe('MM/DD/YYYY');
		expect(r.warnings.map((w) => w.message).join(' ')).toMatch(/MM\/DD\/YYYY and as DD\/MM\/YYYY/);
	});

	it('refuses a file whose header repeats a name, whatever the name', () => {
		expect(inspectFile(enc('Date,__proto__,__proto__\n2000-01-03,1,2\n'), 'x.csv')).toMatchObject({
			ok: false,
			code: 'duplicate_header'
		});
	});

	it('warns that a decimal comma was guessed and preselected', () => {
		const r = inspectFile(enc('Date;Close\n2000-01-03;1455,22\n2000-01-04;1399,42\n'), 'eu.csv');
		if (!r.ok) throw new Error(r.message);
		expect(r.suggested.decimal).toBe(',');
		expect(r.warnings.map((w) => w.code)).toEqual(['decimal_comma']);
		expect(r.warnings[0].message).toMatch(/guessed from the data/);
	});

	it('offers the choice between the close and the adjusted close, adjusted preselected', () => {
		const r = inspectFile(
			enc(
				'Date,Open,High,Low,Close,Adj Close,Volume\n2000-01-03,1469.25,1478,1438.36,1455.22,1455.22,931800000\n'
			),
			'GSPC.csv'
		);
		if (!r.ok) throw new Error(r.message);
		expect(r.closeChoice).toEqual({ close: 4, adjusted: 5 });
		expect(r.suggested).toMatchObject({ priceBasis: 'adjusted_close', mapping: { close: 4, adjClose: 5 } });
		expect(r.warnings.map((w) => w.code)).toEqual(['close_choice']);
	});

	it('shows header names without their invisible characters', () => {
		const r = inspectFile(enc('\ufeff\ufeffDate,Clo\u200bse\n2000-01-03,1\n'), 'x.csv');
		if (!r.ok) throw new Error(r.message);
		expect(r.headers).toEqual(['Date', 'Close']);
		expect(r.warnings.map((w) => w.code)).toEqual(['header_invisible', 'header_invisible']);
		expect(r.warnings[0].message).toMatch(/starts with 2 byte-order marks/);
		expect(r.warnings[1].message).toMatch(/"Close" contain invisible characters/);
	});
});
