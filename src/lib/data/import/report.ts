/**
 * The row-error report of one import: the first MAX_ROW_ERRORS_KEPT errors in full and a count of every code,
 * so a file with a million bad rows still produces a small, useful answer (reference B.10).
 */
import { MAX_ROW_ERRORS_KEPT, MESSAGE_CELL_CHARS } from './limits';
import type { ErrorCounts, ImportReport, RowError, RowErrorCode } from './types';

export class RowErrorLog {
	readonly #kept: RowError[] = [];
	#count = 0;
	// Keys are our own codes, never file content, so a plain object is safe here.
	readonly #counts: ErrorCounts = {};

	add(row: number, column: string, code: RowErrorCode, message: string): void {
		this.#count++;
		this.#counts[code] = (this.#counts[code] ?? 0) + 1;
		if (this.#kept.length < MAX_ROW_ERRORS_KEPT) this.#kept.push({ row, column, code, message });
	}

	get count(): number {
		return this.#count;
	}

	report(): ImportReport {
		return { rowErrors: this.#kept.slice(), errorCount: this.#count, errorCounts: { ...this.#counts } };
	}
}

/** A cell as shown inside a message: quoted, escaped and cut short. */
export function quoteCell(cell: string): string {
	const cut = cell.length > MESSAGE_CELL_CHARS ? `${cell.slice(0, MESSAGE_CELL_CHARS)}…` : cell;
	return JSON.stringify(cut);
}

/** "bad_date ×3, empty_value ×1": the summary of a refusal for a file without valid rows. */
export function summariseCounts(counts: ErrorCounts): string {
	return Object.entries(counts)
		.sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
		.map(([code, n]) => `${code} ×${n}`)
		.join(', ');
}
