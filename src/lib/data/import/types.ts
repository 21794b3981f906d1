/**
 * Shapes of the file import: the options a caller passes (parsed with zod, since they cross into a worker), the
 * refusal and row-error codes, and the results. Both steps return values, never throw: a hostile file is an
 * expected input, and the worker must answer every call.
 */
import { z } from 'zod';
import { APPROVED_SOURCES, type Source } from '../../compliance/allowlist';

/**
 * The approved sources a file may be declared as: the allowlist itself (compliance/hosts.js), never a copy. A file
 * with no declared source is refused: nothing trains without provenance.
 */
export const IMPORT_SOURCES = APPROVED_SOURCES as readonly [Source, ...Source[]];
export type ImportSource = Source;

export const IMPORT_KINDS = ['bars', 'values'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Explicit formats only, all read as UTC: a guessed format is how 03/04 silently becomes April. */
export const DATE_FORMATS = [
	'YYYY-MM-DD',
	'MM/DD/YYYY',
	'DD/MM/YYYY',
	'YYYYMMDD',
	'YYYY-MM-DD HH:mm:ss'
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const DECIMALS = ['.', ','] as const;
export type DecimalSeparator = (typeof DECIMALS)[number];

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DETECTED_KINDS = ['fred-csv', 'fred-json', 'ohlcv', 'values', 'unknown'] as const;
export type DetectedKind = (typeof DETECTED_KINDS)[number];

/** Why a whole file is refused. */
export const REFUSAL_CODES = [
	'no_source',
	'bad_options',
	'bad_mapping',
	'too_large',
	'too_many_rows',
	'too_many_columns',
	'too_few_columns',
	'field_too_long',
	'binary',
	'utf16',
	'not_utf8',
	'empty',
	'header_only',
	'no_date_column',
	'unbalanced_quotes',
	'mixed_delimiters',
	'duplicate_header',
	'not_csv',
	'unsupported_json',
	'bad_fred_json',
	'source_mismatch',
	'no_valid_rows',
	'invalid_series'
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Why one row (or one cell of it) is reported. Every code but `unsorted_date` skips the row. */
export const ROW_ERROR_CODES = [
	'bad_number',
	'empty_value',
	'not_finite',
	'missing_value',
	'formula_cell',
	'bad_date',
	'future_date',
	'duplicate_date',
	'unsorted_date',
	'ohlc_inconsistent',
	'non_positive_price',
	'negative_volume',
	'wrong_column_count'
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export interface RowError {
	/**
	 * 1-based line number in the file as a text editor shows it (after CR/CRLF became line breaks); for a FRED
	 * JSON file, the 1-based position in `observations`.
	 */
	readonly row: number;
	/** The column's header name, or "column N" (1-based) without a header; "row" for whole-row problems. */
	readonly column: string;
	readonly code: RowErrorCode;
	readonly message: string;
}

export type ErrorCounts = Partial<Record<RowErrorCode, number>>;

const columnIndex = z.number().int().min(0).max(10_000);

export const columnMappingSchema = z.strictObject({
	date: columnIndex,
	open: columnIndex.optional(),
	high: columnIndex.optional(),
	low: columnIndex.optional(),
	close: columnIndex.optional(),
	volume: columnIndex.optional(),
	value: columnIndex.optional()
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const importSourceSchema = z.enum(IMPORT_SOURCES);

export const parseOptionsSchema = z.strictObject({
	fileName: z.string().max(1_000),
	/** Where the file comes from; it must be an approved source (ARCHITECTURE §1, item 3). */
	source: importSourceSchema,
	kind: z.enum(IMPORT_KINDS),
	mapping: columnMappingSchema,
	dateFormat: z.enum(DATE_FORMATS),
	decimal: z.enum(DECIMALS),
	/** Rows dated after this instant are look-ahead and refused; injected so tests are deterministic. */
	nowMs: z.number().finite(),
	header: z.boolean(),
	/** As inspectFile found it; detected again when absent. */
	delimiter: z.enum(DELIMITERS).optional()
});
export type ParseOptions = z.infer<typeof parseOptionsSchema>;

export interface Refusal {
	readonly ok: false;
	readonly code: RefusalCode;
	/** What the user reads: what is wrong and what to do. */
	readonly message: string;
}

export interface SuggestedSettings {
	readonly kind: ImportKind;
	readonly mapping: ColumnMapping;
	readonly dateFormat: DateFormat;
	readonly decimal: DecimalSeparator;
	readonly header: boolean;
}

export interface InspectOk {
	readonly ok: true;
	readonly delimiter: Delimiter;
	/** Header names as written, or "Column 1", "Column 2", … when the file has no header row. */
	readonly headers: string[];
	/** The first data rows, as text. */
	readonly preview: string[][];
	/** Data rows found by the structural pass (empty lines not counted). */
	readonly rowCountEstimate: number;
	readonly suggested: SuggestedSettings;
	readonly detected: DetectedKind;
	readonly fred?: { readonly seriesId: string | null };
	/** Things the user should look at before confirming (ambiguous dates, a sep= line, …). */
	readonly warnings: string[];
}

export type InspectResult = InspectOk | Refusal;

export type FredFrequency = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annual' | 'irregular';

export interface FredImportMeta {
	/** Null when the file does not say (a saved API response carries no series id). */
	readonly seriesId: string | null;
	/** FRED's title when the series is one of POPULAR_FRED_SERIES (files carry no title). */
	readonly title?: string;
	/** Inferred from the median spacing of the imported dates. */
	readonly frequency: FredFrequency;
}

export interface ImportReport {
	/** The first MAX_ROW_ERRORS_KEPT problems, in the order found. */
	readonly rowErrors: RowError[];
	/** All problems found, including those not kept in rowErrors. */
	readonly errorCount: number;
	readonly errorCounts: ErrorCounts;
}

interface ImportOkBase extends ImportReport {
	readonly ok: true;
	/** Epoch ms, strictly ascending. */
	readonly t: Float64Array;
	readonly validRows: number;
	/** Data rows read from the file (header and empty lines excluded); validRows + skippedRows === totalRows. */
	readonly totalRows: number;
	readonly skippedRows: number;
	readonly warnings: string[];
	/** Lower-case hex SHA-256 of the original file bytes: the provenance hash. */
	readonly sha256: string;
	readonly bytes: number;
	readonly firstT: number;
	readonly lastT: number;
	readonly fred?: FredImportMeta;
}

export interface BarColumns {
	readonly open: Float64Array;
	readonly high: Float64Array;
	readonly low: Float64Array;
	readonly close: Float64Array;
	readonly volume: Float64Array;
}

export interface ValueColumns {
	readonly value: Float64Array;
}

export type ImportOk =
	| (ImportOkBase & { readonly kind: 'bars'; readonly columns: BarColumns })
	| (ImportOkBase & { readonly kind: 'values'; readonly columns: ValueColumns });

export interface ImportRefusal extends Refusal, ImportReport {}

export type ImportResult = ImportOk | ImportRefusal;
