/**
 * The one strict number parser of the import (reference B.10). It accepts plain decimal numbers with the
 * declared decimal separator, an optional sign and an optional exponent, and nothing else: no thousands
 * separators, currency, accounting parentheses, hex or words. Every refusal says why, so the user can fix the
 * export instead of importing a silently wrong column. `Number()` alone is not enough: it reads '' as 0,
 * '0x10' as 16 and ' 12 ' as 12.
 */
import type { DecimalSeparator, RowErrorCode } from './types';

export type NumberResult =
	| { readonly ok: true; readonly value: number }
	| { readonly ok: false; readonly code: RowErrorCode; readonly reason: string };

const DOT_NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(?:\d+(?:,\d+)?|,\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_WORD = /^[+-]?(?:nan|inf|infinity|1\.#inf|1\.#ind)$/i;
/** What is left after a sign if the cell is just a number written some other way (not a formula). */
const NUMBER_LIKE = /^[\d.,\s$€£¥₹]*(?:[eE][+-]?\d*)?$/;
const CURRENCY = /[$€£¥₹]/;

function fail(code: RowErrorCode, reason: string): NumberResult {
	return { ok: false, code, reason };
}

/**
 * A cell a spreadsheet would run as a formula (CSV injection): it starts with = or @, or with + or - followed by
 * something that is not a number ("-5.2" is a number, "-1+1" and "+SUM(1)" are formulas).
 */
export function isFormulaCell(trimmed: string): boolean {
	const first = trimmed.charAt(0);
	if (first === '=' || first === '@') return true;
	if (first !== '+' && first !== '-') return false;
	const rest = trimmed.slice(1);
	if (
		rest === '' ||
		NON_FINITE_WORD.test(trimmed) ||
		DOT_NUMBER.test(trimmed) ||
		COMMA_NUMBER.test(trimmed)
	) {
		return false;
	}
	return !NUMBER_LIKE.test(rest);
}

/** Parses one cell. FRED's "." (no observation) is `missing_value`, not a bad number. */
export function parseStrictNumber(raw: string, decimal: DecimalSeparator): NumberResult {
	const s = raw.trim();
	if (s === '') return fail('empty_value', 'the cell is empty');
	if (s === '.') return fail('missing_value', 'the cell is "." (no observation)');
	if (NON_FINITE_WORD.test(s)) return fail('not_finite', `${s} is not a finite number`);
	if (isFormulaCell(s)) return fail('formula_cell', 'the cell is a spreadsheet formula, not a number');
	const pattern = decimal === '.' ? DOT_NUMBER : COMMA_NUMBER;
	if (pattern.test(s)) {
		const value = Number(decimal === ',' ? s.replace(',', '.') : s);
		if (!Number.isFinite(value)) return fail('not_finite', `${s} is too large to be a finite number`);
		return { ok: true, value };
	}
	return fail('bad_number', explain(s, decimal));
}

function explain(s: string, decimal: DecimalSeparator): string {
	if (/^\(.*\)$/.test(s)) return 'accounting negatives in parentheses are not accepted; write -30.00';
	if (CURRENCY.test(s)) return 'currency symbols are not accepted; export plain numbers';
	if (/^[+-]?0x/i.test(s)) return 'hexadecimal numbers are not accepted';
	if (/^#/.test(s)) return 'the cell is a spreadsheet error value';
	if (/\d\s+\d/.test(s)) return 'spaces inside a number (thousands separators) are not accepted';
	const other = decimal === '.' ? ',' : '.';
	if (s.includes(other) && s.includes(decimal)) {
		return `thousands separators are not accepted (the decimal separator is "${decimal}")`;
	}
	if (s.includes(other)) {
		return `"${other}" is not the decimal separator of this import ("${decimal}"); choose the other separator or remove thousands separators`;
	}
	if (s.split(decimal).length > 2) return `more than one "${decimal}" in a number`;
	return 'not a number';
}
