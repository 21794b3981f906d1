/**
 * The warnings of one import: what the importer altered, guessed or reinterpreted. Each code is counted with its
 * first few lines, so a file that pads a million cells still gives one short warning; the user acknowledges the
 * list before anything is stored (issue 8 §6: never silently fixed).
 */
import type { ImportWarning, ImportWarningCode } from './types';

/** Lines kept per warning: enough to find the pattern in an editor, few enough to read. */
export const MAX_WARNING_ROWS_KEPT = 5;

export function warning(
	code: ImportWarningCode,
	message: string,
	count = 1,
	rows: number[] = []
): ImportWarning {
	return { code, message, count, rows: rows.slice(0, MAX_WARNING_ROWS_KEPT) };
}

/** Counts occurrences of row-level warning codes; messages are written once the whole file is read. */
export class WarningTally {
	// Keys are our own codes, never file content, so a Map keyed by them is safe and ordered.
	readonly #counts = new Map<ImportWarningCode, { count: number; rows: number[]; last: number }>();

	add(code: ImportWarningCode, row: number): void {
		const entry = this.#counts.get(code) ?? { count: 0, rows: [], last: Number.NaN };
		// A row with several padded cells is one row: count rows, not cells.
		if (entry.last === row) return;
		entry.last = row;
		entry.count++;
		if (entry.rows.length < MAX_WARNING_ROWS_KEPT) entry.rows.push(row);
		this.#counts.set(code, entry);
	}

	count(code: ImportWarningCode): number {
		return this.#counts.get(code)?.count ?? 0;
	}

	/** The warning for `code` with `message(count)`, or nothing when the code never occurred. */
	take(code: ImportWarningCode, message: (count: number) => string): ImportWarning[] {
		const entry = this.#counts.get(code);
		return entry ? [warning(code, message(entry.count), entry.count, entry.rows)] : [];
	}
}

/** "lines 3, 5 and 9" / "line 3" / "lines 3, 5, 9, 12, 14, …": where to look, for a message. */
export function linesText(rows: readonly number[], count: number): string {
	if (rows.length === 0) return '';
	const shown = rows.join(', ');
	return `${rows.length === 1 && count === 1 ? 'line' : 'lines'} ${shown}${count > rows.length ? ', …' : ''}`;
}

/** The warning for byte-order marks after the first at the start of a file (see decodeImportBytes). */
export function extraBomWarning(extraBoms: number): ImportWarning[] {
	if (extraBoms === 0) return [];
	return [
		warning(
			'header_invisible',
			`The file starts with ${extraBoms + 1} byte-order marks (invisible U+FEFF characters) instead of one; the extra ${extraBoms === 1 ? 'one was' : 'ones were'} removed. Check that the file is the one you meant to import.`,
			extraBoms,
			[1]
		)
	];
}
