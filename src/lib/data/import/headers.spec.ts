import { describe, expect, it } from 'vitest';
import { readHeaders, stripInvisible } from './headers';

const unnamed = (j: number) => `column ${j + 1}`;
const codes = (cells: string[]) => readHeaders(cells, 1, unnamed).warnings.map((w) => w.code);

describe('readHeaders', () => {
	it('reads plain names, trimmed, without a warning', () => {
		expect(readHeaders([' Date ', 'Close'], 1, unnamed)).toEqual({ names: ['Date', 'Close'], warnings: [] });
	});

	it('removes zero-width characters, a second BOM and tag characters, and says so', () => {
		const r = readHeaders(['\ufeffDate', 'Clo\u200bse', 'Vol\u{e0041}ume', 'Low'], 4, unnamed);
		expect(r.names).toEqual(['Date', 'Close', 'Volume', 'Low']);
		expect(r.warnings).toEqual([
			{
				code: 'header_invisible',
				message: expect.stringContaining('"Date", "Close", "Volume"'),
				count: 3,
				rows: [4]
			}
		]);
	});

	it('names an empty header "column N" and says when the header line ends with a delimiter', () => {
		const trailing = readHeaders(['Date', 'Close', ''], 1, unnamed);
		expect(trailing.names).toEqual(['Date', 'Close', 'column 3']);
		expect(trailing.warnings[0]).toMatchObject({ code: 'header_empty', count: 1 });
		expect(trailing.warnings[0].message).toMatch(/ends with a delimiter/);
		const middle = readHeaders(['Date', ' ', 'Close'], 1, unnamed);
		expect(middle.warnings[0].message).not.toMatch(/ends with a delimiter/);
	});

	it('reports JavaScript prototype keys and spreadsheet formulas as header names', () => {
		expect(codes(['Date', '__proto__', 'constructor', 'toString', 'prototype'])).toEqual(['header_reserved']);
		expect(codes(['Date', '=HYPERLINK("x")', '+SUM(1)', '@A1'])).toEqual(['header_formula']);
		expect(readHeaders(['Date', '__proto__', 'hasOwnProperty'], 1, unnamed).warnings[0].count).toBe(2);
	});

	it('does not mistake a name with a minus or a plus for a formula', () => {
		expect(codes(['Date', 'T10Y2Y', 'Close-Open', '-'])).toEqual([]);
	});

	it('reports every kind of problem of one header at once', () => {
		expect(codes(['\ufeffDate', '', '=1+1', '__proto__'])).toEqual([
			'header_invisible',
			'header_empty',
			'header_reserved',
			'header_formula'
		]);
	});
});

describe('stripInvisible', () => {
	it('keeps visible text, accents and spaces', () => {
		expect(stripInvisible('Société Générale Close')).toBe('Société Générale Close');
		expect(stripInvisible('\u202eesolC\u202c')).toBe('esolC');
	});
});
