/**
 * Step 2 of an import: convert a file with the settings the user confirmed. Every row is either imported or
 * reported with a reason; a file with no valid row is refused. Nothing is written anywhere: the caller stores
 * the result in one transaction after the user confirms "import N valid rows, skip M" (reference B.10).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { checkBars, isoDate } from '../../domain/series';
import { detectLayout, scanRows, type CsvLayout } from './csv';
import { slashFormatUnconfirmed } from './dates';
import { contentKind, decodeImportBytes } from './decode';
import {
	collectFredObservations,
	fredCsvSeriesId,
	inferFrequency,
	readFredObservationsJson,
	seriesIdFromFileName
} from './fred';
import { findFredSeries } from './fred-series';
import { NOT_CSV_MESSAGE } from './inspect';
import { MAX_COLUMN_NAME_CHARS, MAX_IMPORT_ROWS } from './limits';
import { RowErrorLog, summariseCounts } from './report';
import { convertRow, fieldsOf, type RowContext } from './rows';
import { SeriesBuilder } from './series-builder';
import { duplicateHeaderMessage, duplicateHeaders } from './suggest';
import {
	IMPORT_SOURCES,
	parseOptionsSchema,
	type FredImportMeta,
	type ImportResult,
	type ParseOptions,
	type Refusal,
	type RefusalCode
} from './types';

export const NO_SOURCE_MESSAGE =
	'Declare where this file comes from (Polygon/Massive, FRED, Yahoo Finance or Quandl): only data from an approved source can be used.';

function refuse(log: RowErrorLog, code: RefusalCode, message: string): ImportResult {
	return { ok: false, code, message, ...log.report() };
}

function withReport(log: RowErrorLog, r: Refusal): ImportResult {
	return { ...r, ...log.report() };
}

function describeTime(t: number): string {
	const iso = new Date(t).toISOString();
	return iso.endsWith('T00:00:00.000Z') ? isoDate(t) : iso.slice(0, 19).replace('T', ' ');
}

/** Checks the mapping against the kind; the column count is checked once the header is read. */
function mappingProblem(options: ParseOptions): string | null {
	const m = options.mapping;
	const needed = fieldsOf(options.kind);
	const missing = needed.filter((f) => m[f as keyof typeof m] === undefined);
	if (missing.length > 0) return `Choose a column for ${missing.join(', ')}.`;
	const used = [m.date, ...needed.map((f) => m[f as keyof typeof m] as number)];
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
	const { text } = decoded;
	if (text.trim() === '') return refuse(log, 'empty', 'The file has no content.');
	const content = contentKind(text);
	if (content === 'markup') return refuse(log, 'not_csv', NOT_CSV_MESSAGE);
	if (content === 'json') return parseFredJson(bytes, text, opts, log);
	return parseCsv(bytes, text, opts, log);
}

function parseCsv(bytes: Uint8Array, text: string, opts: ParseOptions, log: RowErrorLog): ImportResult {
	const detected = detectLayout(text);
	const layout: CsvLayout = opts.delimiter ? { ...detected, delimiter: opts.delimiter } : detected;
	const builder = new SeriesBuilder(fieldsOf(opts.kind));
	let headers: string[] | null = null;
	let ctx: RowContext | null = null;
	let failure: Refusal | null = null;
	let totalRows = 0;
	let skippedRows = 0;
	let trailing = 0;

	const scan = scanRows(layout, (cells, line) => {
		if (opts.header && headers === null) {
			headers = cells.map((c) => c.trim());
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
		if (row.trailingEmpty) trailing++;
		builder.add(line, row.t, row.values);
	});
	if (!scan.ok) return withReport(log, scan);
	if (failure) return withReport(log, failure);
	if (totalRows === 0) {
		return opts.header
			? refuse(log, 'header_only', 'The file has a header row but no data rows.')
			: refuse(log, 'empty', 'The file has no content.');
	}
	const warnings: string[] = [];
	if (layout.sepLine)
		warnings.push('The file starts with an Excel "sep=" line; it was used as the delimiter and skipped.');
	if (trailing > 0)
		warnings.push(`${trailing} row(s) end with empty extra cells (trailing delimiters); they were ignored.`);
	const dateName = (ctx as RowContext | null)?.names[opts.mapping.date] ?? 'date';
	const seriesId = headers ? fredCsvSeriesId(headers) : null;
	if (seriesId && opts.source !== 'fred') {
		warnings.push(
			`The header looks like a FRED download (${seriesId}), but the source is declared as ${opts.source}.`
		);
	}
	return finish({
		bytes,
		opts,
		log,
		builder,
		totalRows,
		skippedRows,
		warnings,
		dateName,
		fredSeriesId: seriesId
	});
}

function columnsProblem(opts: ParseOptions, width: number): Refusal | null {
	if (width < 2) {
		return {
			ok: false,
			code: 'too_few_columns',
			message: 'This file has a single column; an import needs a date column and at least one value column.'
		};
	}
	const fields = ['date', ...fieldsOf(opts.kind)];
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

function parseFredJson(bytes: Uint8Array, text: string, opts: ParseOptions, log: RowErrorLog): ImportResult {
	const read = readFredObservationsJson(text);
	if (!read.ok) return refuse(log, read.code, read.message);
	if (opts.source !== 'fred') {
		return refuse(
			log,
			'source_mismatch',
			'This file is a FRED API response; declare its source as FRED to import it.'
		);
	}
	if (opts.kind !== 'values') {
		return refuse(log, 'bad_mapping', 'A FRED series has one value per date; import it as values, not bars.');
	}
	if (read.observations.length === 0)
		return refuse(log, 'header_only', 'This FRED response has no observations.');
	const builder = new SeriesBuilder(['value']);
	const skippedRows = collectFredObservations(read.observations, opts.nowMs, log, {
		add: (row, t, value) => builder.add(row, t, [value])
	});
	return finish({
		bytes,
		opts,
		log,
		builder,
		totalRows: read.observations.length,
		skippedRows,
		warnings: [],
		dateName: 'date',
		fredSeriesId: seriesIdFromFileName(opts.fileName),
		fredJson: true
	});
}

interface FinishInput {
	readonly bytes: Uint8Array;
	readonly opts: ParseOptions;
	readonly log: RowErrorLog;
	readonly builder: SeriesBuilder;
	readonly totalRows: number;
	readonly skippedRows: number;
	readonly warnings: string[];
	readonly dateName: string;
	readonly fredSeriesId: string | null;
	readonly fredJson?: boolean;
}

function finish(input: FinishInput): ImportResult {
	const { opts, log, builder } = input;
	const built = builder.finish(log, input.dateName, describeTime);
	const validRows = built.t.length;
	const skippedRows = input.skippedRows + built.skipped;
	if (validRows === 0) {
		return refuse(
			log,
			'no_valid_rows',
			`No row of this file could be imported (${input.totalRows} row(s) read: ${summariseCounts(log.report().errorCounts)}).`
		);
	}
	const warnings = [...input.warnings, ...built.warnings];
	if (!input.fredJson && slashFormatUnconfirmed(opts.dateFormat, built.t)) {
		warnings.push(
			`Every date has a day of month of 12 or less, so nothing in the file confirms ${opts.dateFormat} over the other order. Check the dates.`
		);
	}
	built.fields.forEach((column, j) => {
		if (column.length > 1 && column.every((v) => v === column[0])) {
			warnings.push(`The ${builder.fieldNames[j]} column has the same value (${column[0]}) in every row.`);
		}
	});
	const common = {
		ok: true as const,
		t: built.t,
		...log.report(),
		validRows,
		totalRows: input.totalRows,
		skippedRows,
		warnings,
		sha256: bytesToHex(sha256(input.bytes)),
		bytes: input.bytes.length,
		firstT: built.t[0],
		lastT: built.t[validRows - 1]
	};
	const title = input.fredSeriesId ? findFredSeries(input.fredSeriesId)?.title : undefined;
	const fred: FredImportMeta | undefined =
		input.fredJson || input.fredSeriesId
			? { seriesId: input.fredSeriesId, ...(title ? { title } : {}), frequency: inferFrequency(built.t) }
			: undefined;
	if (opts.kind === 'values') {
		return { ...common, kind: 'values', columns: { value: built.fields[0] }, ...(fred ? { fred } : {}) };
	}
	const [open, high, low, close, volume] = built.fields;
	const columns = { open, high, low, close, volume };
	// The rows were checked one by one; this re-checks the whole series against the domain's own rules.
	const problem = checkBars({ t: built.t, ...columns });
	if (problem)
		return refuse(log, 'invalid_series', `The imported bars are inconsistent: ${problem.message}.`);
	return { ...common, kind: 'bars', columns };
}
