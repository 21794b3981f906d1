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
	'YYYY-MM-DD HH:mm:ss',
	/** ISO 8601 with `Z` or an offset (2020-03-02T00:00:00Z, …T09:30:00-05:00): converted to UTC and reported. */
	'YYYY-MM-DDTHH:mm:ss±HH:mm'
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const DECIMALS = ['.', ','] as const;
export type DecimalSeparator = (typeof DECIMALS)[number];

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DETECTED_KINDS = [
	'fred-csv',
	'fred-json',
	'polygon-json',
	'ohlcv',
	'values',
	'unknown'
] as const;
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
	'bad_polygon_json',
	'api_error',
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

/**
 * What the importer had to alter, guess or reinterpret on the way in. The import goes ahead only after the user
 * acknowledged every warning (FileImport.svelte): nothing is changed silently.
 */
export const IMPORT_WARNING_CODES = [
	'sep_line',
	'padded_cells',
	'decimal_comma',
	'header_invisible',
	'header_empty',
	'header_reserved',
	'header_formula',
	'trailing_delimiters',
	'time_zone',
	'newest_first',
	'unsorted_dates',
	'date_order_unconfirmed',
	'ambiguous_dates',
	'unread_dates',
	'constant_column',
	'fred_header',
	'close_choice'
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

export interface ImportWarning {
	readonly code: ImportWarningCode;
	/** What was altered or guessed, and what the user should check. */
	readonly message: string;
	/** Cells, rows or columns concerned (1 for a file-level warning). */
	readonly count: number;
	/** The first lines concerned (1-based, as a text editor counts them); empty for a file-level warning. */
	readonly rows: number[];
}

export const PRICE_BASES = ['close', 'adjusted_close'] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

const columnIndex = z.number().int().min(0).max(10_000);

export const columnMappingSchema = z.strictObject({
	date: columnIndex,
	open: columnIndex.optional(),
	high: columnIndex.optional(),
	low: columnIndex.optional(),
	close: columnIndex.optional(),
	volume: columnIndex.optional(),
	value: columnIndex.optional(),
	/** The adjusted close, when the file also has one (bars only); used when priceBasis is adjusted_close. */
	adjClose: columnIndex.optional()
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
	delimiter: z.enum(DELIMITERS).optional(),
	/**
	 * Bars from a file with a close and an adjusted close: which one is the close. With adjusted_close, open, high
	 * and low are scaled by adjusted close / close on each row, so every bar stays consistent.
	 */
	priceBasis: z.enum(PRICE_BASES).optional()
});
export type ParseOptions = z.infer<typeof parseOptionsSchema>;

export interface Refusal {
	readonly ok: false;
	readonly code: RefusalCode;
	/** What the user reads: what is wrong and what to do. */
	readonly message: string;
}

export interface CloseChoice {
	/** Column indices of the unadjusted and the adjusted close. */
	readonly close: number;
	readonly adjusted: number;
}

export interface SuggestedSettings {
	readonly kind: ImportKind;
	readonly mapping: ColumnMapping;
	readonly dateFormat: DateFormat;
	readonly decimal: DecimalSeparator;
	readonly header: boolean;
	readonly priceBasis?: PriceBasis;
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
	readonly warnings: ImportWarning[];
	/**
	 * Set when the file has both a close and an adjusted close column: the user chooses which one is the close
	 * (adjusted is preselected, since return targets need it); the choice is recorded in the provenance.
	 */
	readonly closeChoice?: CloseChoice;
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
	/** Every alteration or guess; the user acknowledges them before the import is stored. */
	readonly warnings: ImportWarning[];
	/** Which close column the bars use, when the file had a close and an adjusted close. */
	readonly priceBasis?: PriceBasis;
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
