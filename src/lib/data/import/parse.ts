/**
 * Step 2 of an import: convert a file with the settings the user confirmed. Every row is either imported or
 * reported with a reason; a file with no valid row is refused. Nothing is written anywhere: the caller stores
 * the result in one transaction after the user confirms "import N valid rows, skip M" (reference B.10).
 */
import { detectLayout, scanRows, type CsvLayout } from './csv';
import { contentKind, decodeImportBytes } from './decode';
import { finish, refuse } from './finish';
import { fredCsvSeriesId } from './fred';
import { readHeaders } from './headers';
import { NOT_CSV_MESSAGE } from './inspect';
import { MAX_COLUMN_NAME_CHARS, MAX_IMPORT_ROWS } from './limits';
import { parseJson } from './parse-json';
import { RowErrorLog } from './report';
import { convertRow, fieldsOf, type RowContext } from './rows';
import { SeriesBuilder } from './series-builder';
import { closeChoiceOf, duplicateHeaderMessage, duplicateHeaders } from './suggest';
import {
	IMPORT_SOURCES,
	parseOptionsSchema,
	type ImportResult,
	type ImportWarning,
	type ParseOptions,
	type PriceBasis,
	type Refusal
} from './types';
import { extraBomWarning, warning, WarningTally } from './warnings';

export const NO_SOURCE_MESSAGE =
	'Declare where this file comes from (Polygon/Massive, FRED, Yahoo Finance or Quandl): only data from an approved source can be used.';

function withReport(log: RowErrorLog, r: Refusal): ImportResult {
	return { ...r, ...log.report() };
}

/** Checks the mapping against the kind; the column count is checked once the header is read. */
function mappingProblem(options: ParseOptions): string | null {
	const m = options.mapping;
	const needed = fieldsOf(options.kind);
	const missing = needed.filter((f) => m[f as keyof typeof m] === undefined);
	if (missing.length > 0) return `Choose a column for ${missing.join(', ')}.`;
	const used = [m.date, ...needed.map((f) => m[f as keyof typeof m] as number)];
	if (options.priceBasis === 'adjusted_close') {
		if (options.kind !== 'bars' || m.adjClose === undefined)
			return 'Choose the adjusted close column, or use the close as traded.';
		used.push(m.adjClose);
	}
	if (new Set(used).size !== used.length) return 'Each field needs its own column.';
	return null;
}

export function parseImport(bytes: Uint8Array, options: ParseOptions): ImportResult {
	const log = new RowErrorLog();
	const declared: unknown = (options as Partial<ParseOptions> | null | undefined)?.source;
	if (!(IMPORT_SOURCES as readonly unknown[]).includes(declared))
		return refuse(log, 'no_source', NO_SOURCE_MESSAGE);
	const parsed = parseOptionsSchema.safeParse(options);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return refuse(
			log,
			'bad_options',
			`Import settings are invalid (${issue.path.join('.') || 'options'}: ${issue.message}).`
		);
	}
	const opts = parsed.data;
	const problem = mappingProblem(opts);
	if (problem) return refuse(log, 'bad_mapping', problem);

	const decoded = decodeImportBytes(bytes, opts.header ? MAX_IMPORT_ROWS + 1 : MAX_IMPORT_ROWS);
	if (!decoded.ok) return withReport(log, decoded);
	const { text, extraBoms } = decoded;
	if (text.trim() === '') return refuse(log, 'empty', 'The file has no content.');
	const content = contentKind(text);
	if (content === 'markup') return refuse(log, 'not_csv', NOT_CSV_MESSAGE);
	if (content === 'json') return parseJson(bytes, text, opts, log);
	return parseCsv(bytes, text, opts, log, extraBoms);
}

function parseCsv(
	bytes: Uint8Array,
	text: string,
	opts: ParseOptions,
	log: RowErrorLog,
	extraBoms: number
): ImportResult {
	const detected = detectLayout(text);
	const layout: CsvLayout = opts.delimiter ? { ...detected, delimiter: opts.delimiter } : detected;
	const builder = new SeriesBuilder(fieldsOf(opts.kind));
	const tally = new WarningTally();
	const zones = new Map<string, number>();
	const warnings: ImportWarning[] = extraBomWarning(extraBoms);
	let headers: string[] | null = null;
	let ctx: RowContext | null = null;
	let failure: Refusal | null = null;
	let totalRows = 0;
	let skippedRows = 0;

	const scan = scanRows(layout, (cells, line) => {
		if (opts.header && headers === null) {
			const read = readHeaders(cells, line, (j) => `column ${j + 1}`);
			headers = read.names;
			warnings.push(...read.warnings);
			const dups = duplicateHeaders(headers);
			if (dups.length > 0) {
				failure = { ok: false, code: 'duplicate_header', message: duplicateHeaderMessage(dups) };
				return false;
			}
			return;
		}
		if (ctx === null) {
			const width = headers?.length ?? cells.length;
			failure = columnsProblem(opts, width);
			if (failure) return false;
			// Names go into every row error: a 10,000-character header must not be copied a hundred times.
			const names = (headers ?? Array.from({ length: width }, (_, j) => `column ${j + 1}`)).map((h) =>
				h.length > MAX_COLUMN_NAME_CHARS ? `${h.slice(0, MAX_COLUMN_NAME_CHARS)}…` : h
			);
			ctx = { ...opts, names, width };
		}
		totalRows++;
		const row = convertRow(cells, line, ctx, log);
		if (!row.ok) {
			skippedRows++;
			return;
		}
		if (row.trailingEmpty) tally.add('trailing_delimiters', line);
		if (row.padded) tally.add('padded_cells', line);
		if (row.comma) tally.add('decimal_comma', line);
		if (row.scaled) tally.add('close_choice', line);
		if (row.zone) {
			tally.add('time_zone', line);
			zones.set(row.zone, (zones.get(row.zone) ?? 0) + 1);
		}
		builder.add(line, row.t, row.values);
	});
	if (!scan.ok) return withReport(log, scan);
	if (failure) return withReport(log, failure);
	if (totalRows === 0) {
		return opts.header
			? refuse(log, 'header_only', 'The file has a header row but no data rows.')
			: refuse(log, 'empty', 'The file has no content.');
	}
	if (layout.sepLine) {
		warnings.push(
			warning(
				'sep_line',
				'The file starts with an Excel "sep=" line; it was used as the delimiter and skipped.',
				1,
				[1]
			)
		);
	}
	warnings.push(...rowWarnings(tally, zones));
	const dateName = (ctx as RowContext | null)?.names[opts.mapping.date] ?? 'date';
	const seriesId = headers ? fredCsvSeriesId(headers) : null;
	if (seriesId && opts.source !== 'fred') {
		warnings.push(
			warning(
				'fred_header',
				`The header looks like a FRED download (${seriesId}), but the source is declared as ${opts.source}.`
			)
		);
	}
	const basis = closeBasis(opts, headers, tally);
	if (basis?.warning) warnings.push(basis.warning);
	return finish({
		bytes,
		opts,
		log,
		builder,
		totalRows,
		skippedRows,
		warnings,
		dateName,
		fredSeriesId: seriesId,
		...(basis ? { priceBasis: basis.priceBasis } : {})
	});
}

/**
 * Which close the bars use, when the file has a close and an adjusted close (or the caller chose one). The
 * choice itself was made in the form; only rows whose prices it changed need a warning.
 */
function closeBasis(
	opts: ParseOptions,
	headers: readonly string[] | null,
	tally: WarningTally
): { priceBasis: PriceBasis; warning?: ImportWarning } | null {
	const choice = headers ? closeChoiceOf(headers) : null;
	if (opts.kind === 'values') {
		// A value series picks its column directly: the close or the adjusted close is the choice.
		if (choice && opts.mapping.value === choice.adjusted) return { priceBasis: 'adjusted_close' };
		if (choice && opts.mapping.value === choice.close) return { priceBasis: 'close' };
		return null;
	}
	if (opts.priceBasis === undefined && !choice) return null;
	if (opts.priceBasis !== 'adjusted_close') return { priceBasis: 'close' };
	const name = (i: number | undefined) => JSON.stringify(headers?.[i ?? -1] ?? `column ${(i ?? 0) + 1}`);
	const [scaled] = tally.take(
		'close_choice',
		(n) =>
			`${n} row(s) have an adjusted close (${name(opts.mapping.adjClose)}) that differs from the close (${name(opts.mapping.close)}): their close is the adjusted one and open, high and low were scaled by the same factor. Volume is as traded.`
	);
	return { priceBasis: 'adjusted_close', ...(scaled ? { warning: scaled } : {}) };
}

/** The warnings of what was altered in imported rows, each with its count and first lines. */
function rowWarnings(tally: WarningTally, zones: ReadonlyMap<string, number>): ImportWarning[] {
	const zoneList = [...zones.entries()]
		.sort((a, b) => b[1] - a[1])
		.map(([z, n]) => `${z} ×${n}`)
		.join(', ');
	return [
		...tally.take(
			'trailing_delimiters',
			(n) =>
				`${n} row(s) end with extra delimiters (empty cells past the header's last column); the empty cells were ignored.`
		),
		...tally.take(
			'padded_cells',
			(n) =>
				`${n} row(s) have spaces or tabs around a date or a number; they were removed before reading the value. Check that the file was exported as intended.`
		),
		...tally.take(
			'decimal_comma',
			(n) =>
				`${n} row(s) have numbers read with a decimal comma (1455,22 → 1455.22). Check that the file really uses decimal commas, not thousands separators.`
		),
		...tally.take(
			'time_zone',
			(n) =>
				`${n} timestamp(s) carry a time zone (${zoneList}); they were converted to UTC${zones.size > 1 || !zones.has('Z') ? ', which can move a time to another calendar day' : ''}.`
		)
	];
}

function columnsProblem(opts: ParseOptions, width: number): Refusal | null {
	if (width < 2) {
		return {
			ok: false,
			code: 'too_few_columns',
			message: 'This file has a single column; an import needs a date column and at least one value column.'
		};
	}
	const fields = [
		'date',
		...fieldsOf(opts.kind),
		...(opts.priceBasis === 'adjusted_close' ? ['adjClose'] : [])
	];
	for (const f of fields) {
		const index = opts.mapping[f as keyof ParseOptions['mapping']] as number;
		if (index >= width) {
			return {
				ok: false,
				code: 'bad_mapping',
				message: `The ${f} column is set to column ${index + 1}, but the file has ${width} columns.`
			};
		}
	}
	return null;
}
