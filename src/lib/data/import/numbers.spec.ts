import { describe, expect, it } from 'vitest';
import { isFormulaCell, parseStrictNumber } from './numbers';

const value = (raw: string, decimal: '.' | ',' = '.') => {
	const r = parseStrictNumber(raw, decimal);
	return r.ok ? r.value : r.code;
};

describe('parseStrictNumber', () => {
	it.each([
		['1455.219971', 1455.219971],
		['-5.2', -5.2],
		['+5.2', 5.2],
		['  42  ', 42],
		['.5', 0.5],
		['007', 7],
		['1e3', 1000],
		['-1.5E-2', -0.015],
		['-0', -0]
	])('reads %s as %s with a dot decimal', (raw, expected) => {
		expect(value(raw)).toBe(expected);
	});

	it('reads a comma decimal only when the comma is the declared separator', () => {
		expect(value('1455,22', ',')).toBe(1455.22);
		expect(value('1455,22', '.')).toBe('bad_number');
		expect(value('1455.22', ',')).toBe('bad_number');
	});

	it.each([
		['(30.00)', /parentheses/],
		['1.234,5', /thousands separators/],
		['1,234.50', /thousands separators/],
		['$12.50', /currency/],
		['€12,50', /currency/],
		['0x10', /hexadecimal/],
		['#N/A', /error value/],
		['1 234', /spaces/],
		['1.2.3', /more than one/],
		['12abc', /not a number/],
		['-', /not a number/],
		['1.', /not a number/]
	])('refuses %s as bad_number and says why', (raw, reason) => {
		const r = parseStrictNumber(raw, '.');
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.code).toBe('bad_number');
			expect(r.reason).toMatch(reason);
		}
	});

	it.each(['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '-inf', '+inf', '1e400', '-1e400', '1.#INF'])(
		'refuses %s as not_finite',
		(raw) => {
			expect(value(raw)).toBe('not_finite');
		}
	);

	it('calls an empty cell empty_value and a lone "." missing_value, never zero', () => {
		expect(value('')).toBe('empty_value');
		expect(value('   ')).toBe('empty_value');
		expect(value('.')).toBe('missing_value');
	});

	it.each(["=cmd|' /C calc'!A0", '+SUM(1)', '@SUM(A1)', '-1+1', '=1', '=HYPERLINK("http://x","y")', ' =1'])(
		'refuses the formula %s as formula_cell',
		(raw) => {
			expect(value(raw)).toBe('formula_cell');
		}
	);
});

describe('isFormulaCell', () => {
	it('treats a signed number as a number, not a formula', () => {
		expect(isFormulaCell('-5.2')).toBe(false);
		expect(isFormulaCell('+5')).toBe(false);
		expect(isFormulaCell('-1,5')).toBe(false);
		expect(isFormulaCell('-inf')).toBe(false);
	});

	it('treats = and @ at the start as a formula whatever follows', () => {
		expect(isFormulaCell('=1')).toBe(true);
		expect(isFormulaCell('@x')).toBe(true);
	});
});
