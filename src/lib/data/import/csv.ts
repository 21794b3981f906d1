/**
 * The structural pass over a CSV text: delimiter detection, then PapaParse row by row (header: false, so no
 * header name ever becomes an object key; dynamicTyping off, so every cell stays text for the strict parsers),
 * with the column and field limits checked on each row before any value is converted. Used by both inspect
 * and parse, so both refuse the same files with the same codes.
 */
import Papa from 'papaparse';
import { MAX_FIELD_CHARS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, SNIFF_LINES } from './limits';
import { refusal } from './decode';
import { DELIMITERS, type Delimiter, type Refusal } from './types';

const DELIMITER_NAMES: Readonly<Record<Delimiter, string>> = {
	',': 'comma',
	';': 'semicolon',
	'\t': 'tab',
	'|': 'pipe'
};

export function delimiterName(d: Delimiter): string {
	return DELIMITER_NAMES[d];
}

export interface CsvLayout {
	readonly delimiter: Delimiter;
	/** The text after an Excel `sep=` line, if there was one. */
	readonly body: string;
	/** Line number (1-based) of the body's first line in the file. */
	readonly firstLine: number;
	/** True when an Excel `sep=;` line named the delimiter. */
	readonly sepLine: boolean;
}

/** The first `max` non-blank lines. */
function sampleLines(text: string, max: number): string[] {
	const out: string[] = [];
	let start = 0;
	while (start <= text.length && out.length < max) {
		let end = text.indexOf('\n', start);
		if (end === -1) end = text.length;
		const line = text.slice(start, end);
		if (line.trim() !== '') out.push(line);
		start = end + 1;
	}
	return out;
}

/** Delimiters outside double quotes (approximate across lines: detection only needs most lines right). */
function countOutsideQuotes(line: string, d: string): number {
	let n = 0;
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (c === '"') quoted = !quoted;
		else if (c === d && !quoted) n++;
	}
	return n;
}

/**
 * Picks the delimiter whose count on the header line is matched by the most sample lines; ties go to the
 * larger count, then to the order comma, semicolon, tab, pipe. A file without any of them is one column.
 */
export function detectLayout(text: string): CsvLayout {
	const sep = /^sep=(.)\n/.exec(text);
	if (sep && (DELIMITERS as readonly string[]).includes(sep[1])) {
		return { delimiter: sep[1] as Delimiter, body: text.slice(sep[0].length), firstLine: 2, sepLine: true };
	}
	const lines = sampleLines(text, SNIFF_LINES);
	let best: Delimiter = ',';
	let bestScore = -1;
	let bestCount = 0;
	for (const d of DELIMITERS) {
		const headerCount = lines.length > 0 ? countOutsideQuotes(lines[0], d) : 0;
		if (headerCount === 0) continue;
		let score = 0;
		for (const line of lines) if (countOutsideQuotes(line, d) === headerCount) score++;
		if (score > bestScore || (score === bestScore && headerCount > bestCount)) {
			best = d;
			bestScore = score;
			bestCount = headerCount;
		}
	}
	return { delimiter: best, body: text, firstLine: 1, sepLine: false };
}

export interface ScanOk {
	readonly ok: true;
	/** Non-empty rows seen, header included. */
	readonly rows: number;
}

/** Called for every non-empty row; return false to stop early (the preview does). */
export type RowVisitor = (cells: string[], line: number) => boolean | void;

/**
 * Runs PapaParse over `layout.body` and hands each row, with its 1-based line number in the file, to `visit`.
 * Refuses on broken quoting, too many columns, too long a field, or rows that use another delimiter.
 */
export function scanRows(layout: CsvLayout, visit: RowVisitor): ScanOk | Refusal {
	const { body, delimiter } = layout;
	let failure: Refusal | null = null;
	let rows = 0;
	let width = -1;
	// Line numbers from Papa's cursor: count line breaks up to the end of each row, incrementally.
	let scanned = 0;
	let breaks = 0;
	const others = DELIMITERS.filter((d) => d !== delimiter);
	Papa.parse<string[]>(body, {
		delimiter,
		header: false,
		dynamicTyping: false,
		skipEmptyLines: 'greedy',
		step(result, parser) {
			const cells = result.data;
			let end = result.meta.cursor;
			if (end > 0 && body.charCodeAt(end - 1) === 10) end--;
			for (; scanned < end; scanned++) if (body.charCodeAt(scanned) === 10) breaks++;
			let embedded = 0;
			for (const c of cells) for (let i = c.indexOf('\n'); i !== -1; i = c.indexOf('\n', i + 1)) embedded++;
			const line = layout.firstLine + breaks - embedded;
			if (result.errors.length > 0) {
				failure = quoteRefusal(body, layout.firstLine, result.errors);
				return parser.abort();
			}
			failure = checkRow(cells, line, width, delimiter, others);
			if (failure) return parser.abort();
			rows++;
			if (rows > MAX_IMPORT_ROWS + 1) {
				failure = refusal(
					'too_many_rows',
					`The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows.`
				);
				return parser.abort();
			}
			if (width === -1) width = cells.length;
			if (visit(cells, line) === false) parser.abort();
		}
	});
	return failure ?? { ok: true, rows };
}

/**
 * A quoting error, named by the line where the faulty quoted field opens: PapaParse's `index` is the offset of
 * the field's first character (just after the opening quote), which can be many lines above the row's end.
 */
function quoteRefusal(body: string, firstLine: number, errors: readonly Papa.ParseError[]): Refusal {
	const index = Math.min(...errors.map((e) => e.index ?? body.length));
	// The opening quote is the character before the field; count the line breaks above it.
	const open = Math.max(0, Math.min(index - 1, body.length));
	let line = firstLine;
	for (let i = body.indexOf('\n'); i !== -1 && i < open; i = body.indexOf('\n', i + 1)) line++;
	const missing = errors.some((e) => e.code === 'MissingQuotes');
	return refusal(
		'unbalanced_quotes',
		missing
			? `Line ${line} opens a quoted field that is never closed; everything after it would shift. Fix the quotes and import again.`
			: `Line ${line} opens a quoted field that is closed wrongly (a quote inside it is not doubled, or text follows the closing quote); everything after it would shift. Fix the quotes and import again.`
	);
}

function checkRow(
	cells: string[],
	line: number,
	width: number,
	delimiter: Delimiter,
	others: readonly Delimiter[]
): Refusal | null {
	if (cells.length > MAX_IMPORT_COLUMNS) {
		return refusal(
			'too_many_columns',
			`Line ${line} has ${cells.length.toLocaleString('en-US')} columns; the import takes up to ${MAX_IMPORT_COLUMNS}.`
		);
	}
	for (const c of cells) {
		if (c.length > MAX_FIELD_CHARS) {
			return refusal(
				'field_too_long',
				`Line ${line} has a field of ${c.length.toLocaleString('en-US')} characters; fields may have up to ${MAX_FIELD_CHARS.toLocaleString('en-US')}.`
			);
		}
	}
	if (width > 1 && cells.length === 1) {
		const used = others.find((d) => countOutsideQuotes(cells[0], d) >= width - 1);
		if (used) {
			return refusal(
				'mixed_delimiters',
				`Line ${line} is separated by ${delimiterName(used)}s while the file uses ${delimiterName(delimiter)}s. Re-export the file with one delimiter.`
			);
		}
	}
	return null;
}
