/**
 * Suggestions for the import dialog, from a sample of rows: is the first row a header, which column is the
 * date and in what format, which columns are open/high/low/close/volume or the value, and which decimal
 * separator the numbers use. Only suggestions: the user confirms them, and parseImport takes them explicitly.
 */
import { guessDateFormat, parseDateCell } from './dates';
import { fredCsvSeriesId } from './fred';
import { parseStrictNumber } from './numbers';
import {
	DATE_FORMATS,
	type CloseChoice,
	type ColumnMapping,
	type DateFormat,
	type DecimalSeparator,
	type DetectedKind,
	type ImportKind,
	type PriceBasis
} from './types';

/** A column is a date column when this share of its sampled cells reads as dates in one format. */
const DATE_COLUMN_SHARE = 0.8;
/** A column is numeric when this share of its non-empty sampled cells is a number (or FRED's "."). */
const NUMERIC_COLUMN_SHARE = 0.5;

const DATE_NAMES = new Set([
	'date',
	'observationdate',
	'time',
	'timestamp',
	'datetime',
	'day',
	'month',
	'period'
]);
const FIELD_NAMES: Readonly<Record<'open' | 'high' | 'low' | 'close' | 'volume', readonly string[]>> = {
	open: ['open'],
	high: ['high'],
	low: ['low'],
	close: ['close', 'last'],
	volume: ['volume', 'vol']
};
const VALUE_NAMES = ['value', 'close', 'adjclose', 'last', 'price'];
/** Names of an adjusted close column: Yahoo's "Adj Close", Quandl's "Adj. Close", "Adjusted Close". */
const ADJUSTED_CLOSE_NAMES = ['adjclose', 'adjustedclose'];

/** "Adj. Close" → "adjclose": names compared without case, spaces or punctuation. */
export function normaliseName(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The close and adjusted close columns, when the file has both (the user then chooses; see ParseOptions). */
export function closeChoiceOf(headers: readonly string[]): CloseChoice | null {
	const names = headers.map(normaliseName);
	const close = names.findIndex((n) => FIELD_NAMES.close.includes(n));
	const adjusted = names.findIndex((n) => ADJUSTED_CLOSE_NAMES.includes(n));
	return close !== -1 && adjusted !== -1 ? { close, adjusted } : null;
}

function isDateLike(cell: string): boolean {
	return DATE_FORMATS.some((f) => parseDateCell(cell, f).ok);
}

function isNumberLike(cell: string): boolean {
	return parseStrictNumber(cell, '.').ok || parseStrictNumber(cell, ',').ok;
}

/** The first row is a header when some cell is text where the next row has a date or a number. */
export function looksLikeHeader(rows: readonly string[][]): boolean {
	if (rows.length === 0) return false;
	const [first, second] = rows;
	const isText = (c: string) => c.trim() !== '' && !isDateLike(c) && !isNumberLike(c) && c.trim() !== '.';
	if (!second) return first.some(isText);
	return first.some(
		(c, j) => isText(c) && second[j] !== undefined && (isDateLike(second[j]) || isNumberLike(second[j]))
	);
}

/** Names that appear twice (ignoring case, spaces and punctuation); empty names are unnamed, not duplicates. */
export function duplicateHeaders(headers: readonly string[]): string[] {
	const seen = new Map<string, number>();
	const dups: string[] = [];
	for (const h of headers) {
		const key = h.trim().toLowerCase();
		if (key === '') continue;
		const n = (seen.get(key) ?? 0) + 1;
		seen.set(key, n);
		if (n === 2) dups.push(h.trim());
	}
	return dups;
}

export function duplicateHeaderMessage(dups: readonly string[]): string {
	return `The header names ${dups.map((d) => JSON.stringify(d)).join(', ')} more than once; give every column its own name.`;
}

function column(rows: readonly string[][], j: number): string[] {
	return rows.map((r) => r[j] ?? '').filter((c) => c.trim() !== '');
}

export function guessDecimal(rows: readonly string[][], skip: number): DecimalSeparator {
	let comma = 0;
	let dot = 0;
	for (const r of rows) {
		r.forEach((c, j) => {
			if (j === skip) return;
			const s = c.trim();
			if (/^[+-]?\d+,\d+$/.test(s)) comma++;
			else if (/^[+-]?\d*\.\d+$/.test(s)) dot++;
		});
	}
	return comma > dot ? ',' : '.';
}

export interface Suggestion {
	readonly dateIndex: number;
	readonly dateFormat: DateFormat;
	readonly dateShare: number;
	readonly ambiguousDates: boolean;
	readonly decimal: DecimalSeparator;
	readonly kind: ImportKind;
	readonly mapping: ColumnMapping;
	readonly detected: DetectedKind;
	readonly fredSeriesId: string | null;
	readonly priceBasis?: PriceBasis;
}

export type SuggestionResult =
	| { readonly ok: true; readonly suggestion: Suggestion }
	| { readonly ok: false; readonly code: 'no_date_column' | 'too_few_columns' };

/** `headers` are names (or "Column N"); `data` are sampled data rows. */
export function suggestMapping(headers: readonly string[], data: readonly string[][]): SuggestionResult {
	const names = headers.map(normaliseName);
	let dateIndex = names.findIndex((n) => DATE_NAMES.has(n));
	const guesses = headers.map((_, j) => guessDateFormat(column(data, j)));
	if (dateIndex === -1) dateIndex = guesses.findIndex((g) => g.share >= DATE_COLUMN_SHARE);
	if (dateIndex === -1) return { ok: false, code: 'no_date_column' };
	if (headers.length < 2) return { ok: false, code: 'too_few_columns' };
	const guess = guesses[dateIndex];
	const decimal = guessDecimal(data, dateIndex);
	const numeric = headers.map((_, j) => {
		if (j === dateIndex) return false;
		const cells = column(data, j);
		if (cells.length === 0) return false;
		const hits = cells.filter((c) => {
			const r = parseStrictNumber(c, decimal);
			return r.ok || r.code === 'missing_value';
		}).length;
		return hits / cells.length >= NUMERIC_COLUMN_SHARE;
	});
	const byName = (wanted: readonly string[]) =>
		names.findIndex((n, j) => j !== dateIndex && wanted.includes(n));
	const fredSeriesId = fredCsvSeriesId(headers);
	const bars = {
		open: byName(FIELD_NAMES.open),
		high: byName(FIELD_NAMES.high),
		low: byName(FIELD_NAMES.low),
		close: byName(FIELD_NAMES.close),
		volume: byName(FIELD_NAMES.volume)
	};
	const base = {
		dateIndex,
		dateFormat: guess.format,
		dateShare: guess.share,
		ambiguousDates: guess.ambiguous,
		decimal
	};
	if (!fredSeriesId && Object.values(bars).every((j) => j !== -1)) {
		const choice = closeChoiceOf(headers);
		// Returns need the adjusted close, so it is preselected; the user can choose the close as traded.
		const mapping = { date: dateIndex, ...bars, ...(choice ? { adjClose: choice.adjusted } : {}) };
		const priceBasis = choice ? ('adjusted_close' as const) : undefined;
		return {
			ok: true,
			suggestion: { ...base, kind: 'bars', mapping, detected: 'ohlcv', fredSeriesId, priceBasis }
		};
	}
	// With a close and an adjusted close, the adjusted one is preselected: returns need it.
	const adjusted = fredSeriesId ? null : closeChoiceOf(headers);
	let value = fredSeriesId ? 1 : (adjusted?.adjusted ?? byName(VALUE_NAMES));
	if (value === -1) value = numeric.findIndex((isNum) => isNum);
	if (value === -1) {
		// No numeric column in the sample: offer the first other column and let the parse report its cells.
		value = headers.findIndex((_, j) => j !== dateIndex);
		const mapping = { date: dateIndex, value };
		return { ok: true, suggestion: { ...base, kind: 'values', mapping, detected: 'unknown', fredSeriesId } };
	}
	const detected: DetectedKind = fredSeriesId ? 'fred-csv' : numeric[value] ? 'values' : 'unknown';
	const mapping = { date: dateIndex, value };
	return { ok: true, suggestion: { ...base, kind: 'values', mapping, detected, fredSeriesId } };
}
