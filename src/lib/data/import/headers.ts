/**
 * Header names as the import reads them. A name is only ever a label (never an object key), but a name the user
 * cannot see as written is a trap: invisible characters make "Close" and "Close\u200b" two columns, an empty
 * name hides a column, and a name like "=HYPERLINK(…)" or "__proto__" says the file was made to attack a
 * spreadsheet or a parser. Each is reported as a warning to acknowledge; invisible characters are removed from
 * the name shown, and the warning says so.
 */
import { isFormulaCell } from './numbers';
import type { ImportWarning } from './types';
import { warning } from './warnings';

/**
 * Zero-width and joiner characters, soft hyphen, bidirectional controls, word joiner and invisible operators,
 * a BOM after the first one, and Unicode tag characters.
 */
const INVISIBLE =
	/[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/gu;
/** The same set without the global flag, whose `test` keeps no state between calls. */
const HAS_INVISIBLE = new RegExp(INVISIBLE.source, 'u');

/** Names that are built-in properties of every JavaScript object (PapaParse #1095 and friends). */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function stripInvisible(name: string): string {
	return name.replace(INVISIBLE, '');
}

export interface ReadHeaders {
	/** The names as shown: trimmed, invisible characters removed, an empty name as "column N". */
	readonly names: string[];
	readonly warnings: ImportWarning[];
}

const quoted = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/** Reads the header row found on `line`. `unnamed(j)` names column j (0-based) when its header is empty. */
export function readHeaders(
	cells: readonly string[],
	line: number,
	unnamed: (j: number) => string
): ReadHeaders {
	const invisible: string[] = [];
	const empty: number[] = [];
	const reserved: string[] = [];
	const formulas: string[] = [];
	const names = cells.map((cell, j) => {
		const visible = stripInvisible(cell).trim();
		// Not `visible !== cell.trim()`: String.prototype.trim removes U+FEFF itself, so a second BOM would hide.
		if (HAS_INVISIBLE.test(cell)) invisible.push(visible || unnamed(j));
		if (visible === '') {
			empty.push(j);
			return unnamed(j);
		}
		if (RESERVED.has(visible)) reserved.push(visible);
		else if (isFormulaCell(visible)) formulas.push(visible);
		return visible;
	});
	const warnings: ImportWarning[] = [];
	const at = [line];
	if (invisible.length > 0) {
		warnings.push(
			warning(
				'header_invisible',
				`The header names ${quoted(invisible)} contain invisible characters (zero-width, a second byte-order mark or direction marks); they were removed from the names shown. Check that the file is the one you meant to import.`,
				invisible.length,
				at
			)
		);
	}
	if (empty.length > 0) {
		const trailing = empty.every((j, k) => j === cells.length - empty.length + k);
		warnings.push(
			warning(
				'header_empty',
				`${empty.length === 1 ? 'Column' : 'Columns'} ${empty.map((j) => j + 1).join(', ')} ${empty.length === 1 ? 'has' : 'have'} no name in the header${trailing ? ' (the header line ends with a delimiter)' : ''}; shown as ${quoted(empty.map(unnamed))}.`,
				empty.length,
				at
			)
		);
	}
	if (reserved.length > 0) {
		warnings.push(
			warning(
				'header_reserved',
				`The header names ${quoted(reserved)} are JavaScript built-in property names, which hostile files use to attack parsers; they are kept as plain labels. Check where the file comes from.`,
				reserved.length,
				at
			)
		);
	}
	if (formulas.length > 0) {
		warnings.push(
			warning(
				'header_formula',
				`The header names ${quoted(formulas)} start like spreadsheet formulas; they are kept as text and never evaluated. Check where the file comes from.`,
				formulas.length,
				at
			)
		);
	}
	return { names, warnings };
}
