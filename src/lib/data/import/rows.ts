/**
 * One CSV data row → one candidate bar or value, or row errors. Every mapped cell is checked (so the report
 * names all of a row's problems at once), and a row with any error is skipped as a whole: a bar with a
 * guessed field is worse than no bar.
 */
import { parseDateCell } from './dates';
import { isFormulaCell, parseStrictNumber } from './numbers';
import { quoteCell, type RowErrorLog } from './report';
import type {
	ColumnMapping,
	DateFormat,
	DecimalSeparator,
	ImportKind,
	ImportSource,
	PriceBasis
} from './types';

export const BAR_VALUE_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
export const VALUE_FIELDS = ['value'] as const;

export interface RowContext {
	readonly kind: ImportKind;
	readonly mapping: ColumnMapping;
	readonly dateFormat: DateFormat;
	readonly decimal: DecimalSeparator;
	readonly source: ImportSource;
	readonly nowMs: number;
	/** Column names for messages, as written in the header (or "column N"). */
	readonly names: readonly string[];
	readonly width: number;
	readonly priceBasis?: PriceBasis;
}

export interface RowOk {
	readonly ok: true;
	readonly t: number;
	readonly values: number[];
	/** The row has empty cells past the header's last column (trailing delimiters). */
	readonly trailingEmpty: boolean;
	/** A mapped cell had spaces or tabs around its value, which were removed. */
	readonly padded: boolean;
	/** A number was read with a decimal comma. */
	readonly comma: boolean;
	/** The time zone the date carried ("Z", "-05:00"), when the format has one. */
	readonly zone?: string;
	/** The adjusted close differed from the close, so open, high and low were scaled. */
	readonly scaled: boolean;
}

export type RowOutcome = RowOk | { readonly ok: false };

/** Spaces and tabs around a value: removed, and counted so the import reports it. */
function isPadded(raw: string): boolean {
	return raw !== raw.trim() && raw.trim() !== '';
}

/** A line break inside a mapped cell: a quoted field that spans lines is never a number or a date. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

export function fieldsOf(kind: ImportKind): readonly string[] {
	return kind === 'bars' ? BAR_VALUE_FIELDS : VALUE_FIELDS;
}

export function convertRow(
	cells: readonly string[],
	line: number,
	ctx: RowContext,
	log: RowErrorLog
): RowOutcome {
	let trailingEmpty = false;
	if (cells.length !== ctx.width) {
		// Excel and some exporters end every row with a delimiter: extra cells that are all empty are harmless.
		const extraEmpty = cells.length > ctx.width && cells.slice(ctx.width).every((c) => c.trim() === '');
		if (!extraEmpty) {
			log.add(
				line,
				'row',
				'wrong_column_count',
				`the row has ${cells.length} cells; the header has ${ctx.width} columns`
			);
			return { ok: false };
		}
		trailingEmpty = true;
	}
	let bad = false;
	let padded = false;
	let scaled = false;
	let zone: string | undefined;
	const dateIndex = ctx.mapping.date;
	const dateRaw = cells[dateIndex];
	const dateCell = dateRaw.trim();
	let t = Number.NaN;
	if (LINE_BREAK.test(dateRaw)) {
		log.add(
			line,
			ctx.names[dateIndex],
			'bad_date',
			`the date cell holds a line break (a quoted field spanning lines): ${quoteCell(dateRaw)}`
		);
		bad = true;
	} else if (isFormulaCell(dateCell)) {
		log.add(
			line,
			ctx.names[dateIndex],
			'formula_cell',
			`the date cell is a spreadsheet formula (${quoteCell(dateCell)})`
		);
		bad = true;
	} else {
		const d = parseDateCell(dateCell, ctx.dateFormat);
		if (!d.ok) {
			log.add(line, ctx.names[dateIndex], 'bad_date', d.reason);
			bad = true;
		} else if (d.t > ctx.nowMs) {
			log.add(
				line,
				ctx.names[dateIndex],
				'future_date',
				`${quoteCell(dateCell)} is after the time of import: future rows would leak look-ahead data`
			);
			bad = true;
		} else {
			t = d.t;
			zone = d.zone;
			padded = isPadded(dateRaw);
		}
	}
	const fields = fieldsOf(ctx.kind);
	const values: number[] = [];
	let comma = false;
	for (const field of fields) {
		const index = ctx.mapping[field as keyof ColumnMapping] as number;
		const raw = cells[index];
		if (LINE_BREAK.test(raw)) {
			log.add(
				line,
				ctx.names[index],
				'bad_number',
				`${field}: the cell holds a line break (a quoted field spanning lines): ${quoteCell(raw)}`
			);
			values.push(Number.NaN);
			bad = true;
			continue;
		}
		const r = parseStrictNumber(raw, ctx.decimal);
		if (r.ok) {
			values.push(r.value);
			if (isPadded(raw)) padded = true;
			if (ctx.decimal === ',' && raw.includes(',')) comma = true;
			continue;
		}
		// FRED writes a missing observation as "." (older files) or as an empty cell (current downloads).
		const code = r.code === 'empty_value' && ctx.source === 'fred' ? 'missing_value' : r.code;
		const shown = raw.trim() === '' || code === 'missing_value' ? '' : ` (${quoteCell(raw.trim())})`;
		log.add(line, ctx.names[index], code, `${field}: ${r.reason}${shown}`);
		values.push(Number.NaN);
		bad = true;
	}
	if (!bad && ctx.kind === 'bars' && ctx.priceBasis === 'adjusted_close') {
		const index = ctx.mapping.adjClose!;
		const raw = cells[index];
		const r = LINE_BREAK.test(raw)
			? ({ ok: false, code: 'bad_number', reason: 'the cell holds a line break' } as const)
			: parseStrictNumber(raw, ctx.decimal);
		if (!r.ok) {
			const shown = raw.trim() === '' ? '' : ` (${quoteCell(raw.trim())})`;
			log.add(line, ctx.names[index], r.code, `adjusted close: ${r.reason}${shown}`);
			bad = true;
		} else {
			scaled = adjust(values, r.value);
			if (isPadded(raw)) padded = true;
			if (ctx.decimal === ',' && raw.includes(',')) comma = true;
		}
	}
	if (!bad && ctx.kind === 'bars') {
		const m = ctx.mapping;
		const names: BarColumnNames = {
			open: ctx.names[m.open!],
			high: ctx.names[m.high!],
			low: ctx.names[m.low!],
			close: ctx.names[m.close!],
			volume: ctx.names[m.volume!]
		};
		if (!barConsistent(values, line, names, log)) bad = true;
	}
	if (bad) return { ok: false };
	return { ok: true, t, values, trailingEmpty, padded, comma, scaled, ...(zone ? { zone } : {}) };
}

/**
 * Puts [open, high, low, close, volume] on the adjusted basis: the close becomes the adjusted close and open,
 * high and low are scaled by the same factor (how Yahoo adjusts a bar), so high ≥ close ≥ low still holds.
 * Volume stays as traded. Non-positive prices are left for barConsistent to report.
 */
function adjust(values: number[], adjClose: number): boolean {
	const close = values[3];
	values[3] = adjClose;
	if (!(close > 0 && adjClose > 0 && adjClose !== close)) return false;
	const factor = adjClose / close;
	values[0] *= factor;
	values[1] *= factor;
	values[2] *= factor;
	return true;
}

/** The column name each bar field is reported under. */
export type BarColumnNames = Readonly<Record<(typeof BAR_VALUE_FIELDS)[number], string>>;

/**
 * The rules of checkBars (domain/series.ts) per row, plus the order high ≥ open, close ≥ low, on
 * [open, high, low, close, volume]. Problems go to `log` under the names in `names`.
 */
export function barConsistent(
	values: readonly number[],
	line: number,
	names: BarColumnNames,
	log: RowErrorLog
): boolean {
	const [open, high, low, close, volume] = values;
	let ok = true;
	for (const [field, v] of [
		['open', open],
		['high', high],
		['low', low],
		['close', close]
	] as const) {
		if (!(v > 0) || !Number.isFinite(v)) {
			log.add(line, names[field], 'non_positive_price', `${field} must be a positive price, got ${v}`);
			ok = false;
		}
	}
	if (!(volume >= 0) || !Number.isFinite(volume)) {
		log.add(line, names.volume, 'negative_volume', `volume must not be negative, got ${volume}`);
		ok = false;
	}
	if (!ok) return false;
	const problems: string[] = [];
	if (high < low) problems.push(`high ${high} is below low ${low}`);
	if (high < open) problems.push(`high ${high} is below open ${open}`);
	if (high < close) problems.push(`high ${high} is below close ${close}`);
	if (low > open) problems.push(`low ${low} is above open ${open}`);
	if (low > close) problems.push(`low ${low} is above close ${close}`);
	if (problems.length > 0) {
		log.add(line, names.high, 'ohlc_inconsistent', problems.join('; '));
		return false;
	}
	return true;
}
