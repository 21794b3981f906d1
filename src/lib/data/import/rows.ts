/**
 * One CSV data row → one candidate bar or value, or row errors. Every mapped cell is checked (so the report
 * names all of a row's problems at once), and a row with any error is skipped as a whole: a bar with a
 * guessed field is worse than no bar.
 */
import { parseDateCell } from './dates';
import { isFormulaCell, parseStrictNumber } from './numbers';
import { quoteCell, type RowErrorLog } from './report';
import type { ColumnMapping, DateFormat, DecimalSeparator, ImportKind, ImportSource } from './types';

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
}

export type RowOutcome =
	| { readonly ok: true; readonly t: number; readonly values: number[]; readonly trailingEmpty: boolean }
	| { readonly ok: false };

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
	const dateIndex = ctx.mapping.date;
	const dateCell = cells[dateIndex].trim();
	let t = Number.NaN;
	if (isFormulaCell(dateCell)) {
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
		}
	}
	const fields = fieldsOf(ctx.kind);
	const values: number[] = [];
	for (const field of fields) {
		const index = ctx.mapping[field as keyof ColumnMapping] as number;
		const raw = cells[index];
		const r = parseStrictNumber(raw, ctx.decimal);
		if (r.ok) {
			values.push(r.value);
			continue;
		}
		// FRED writes a missing observation as "." (older files) or as an empty cell (current downloads).
		const code = r.code === 'empty_value' && ctx.source === 'fred' ? 'missing_value' : r.code;
		const shown = raw.trim() === '' || code === 'missing_value' ? '' : ` (${quoteCell(raw.trim())})`;
		log.add(line, ctx.names[index], code, `${field}: ${r.reason}${shown}`);
		values.push(Number.NaN);
		bad = true;
	}
	if (!bad && ctx.kind === 'bars' && !barConsistent(values, line, ctx, log)) bad = true;
	return bad ? { ok: false } : { ok: true, t, values, trailingEmpty };
}

/** The rules of checkBars (domain/series.ts) per row, plus the order high ≥ open, close ≥ low. */
function barConsistent(values: readonly number[], line: number, ctx: RowContext, log: RowErrorLog): boolean {
	const [open, high, low, close, volume] = values;
	const m = ctx.mapping;
	let ok = true;
	for (const [field, v, index] of [
		['open', open, m.open],
		['high', high, m.high],
		['low', low, m.low],
		['close', close, m.close]
	] as const) {
		if (!(v > 0)) {
			log.add(line, ctx.names[index!], 'non_positive_price', `${field} must be a positive price, got ${v}`);
			ok = false;
		}
	}
	if (!(volume >= 0)) {
		log.add(line, ctx.names[m.volume!], 'negative_volume', `volume must not be negative, got ${volume}`);
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
		log.add(line, ctx.names[m.high!], 'ohlc_inconsistent', problems.join('; '));
		return false;
	}
	return true;
}
