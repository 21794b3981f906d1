/**
 * The one typed protocol of the import worker. The worker parses what it receives (the options, through
 * parseImport's own schema); the page parses what comes back with the schemas below, so a version skew shows up
 * as a named validation error instead of a half-read result.
 */
import { z } from 'zod';
import {
	DATE_FORMATS,
	DECIMALS,
	DELIMITERS,
	DETECTED_KINDS,
	IMPORT_KINDS,
	IMPORT_WARNING_CODES,
	PRICE_BASES,
	REFUSAL_CODES,
	ROW_ERROR_CODES,
	columnMappingSchema,
	type ImportResult,
	type InspectResult,
	type ParseOptions
} from '../data/import/types';

export const inspectRequestSchema = z.object({
	bytes: z.instanceof(Uint8Array),
	fileName: z.string().max(1_000)
});

const float64 = z.custom<Float64Array>((v) => v instanceof Float64Array, {
	error: 'expected a Float64Array'
});

const rowErrorSchema = z.object({
	row: z.number().int(),
	column: z.string(),
	code: z.enum(ROW_ERROR_CODES),
	message: z.string()
});

const warningSchema = z.object({
	code: z.enum(IMPORT_WARNING_CODES),
	message: z.string(),
	count: z.number().int().min(0),
	rows: z.array(z.number().int())
});

const reportShape = {
	rowErrors: z.array(rowErrorSchema),
	errorCount: z.number().int().min(0),
	errorCounts: z.partialRecord(z.enum(ROW_ERROR_CODES), z.number().int().min(0))
};

const refusalShape = { ok: z.literal(false), code: z.enum(REFUSAL_CODES), message: z.string() };

export const inspectResultSchema = z.discriminatedUnion('ok', [
	z.object({
		ok: z.literal(true),
		delimiter: z.enum(DELIMITERS),
		headers: z.array(z.string()),
		preview: z.array(z.array(z.string())),
		rowCountEstimate: z.number().int().min(0),
		suggested: z.object({
			kind: z.enum(IMPORT_KINDS),
			mapping: columnMappingSchema,
			dateFormat: z.enum(DATE_FORMATS),
			decimal: z.enum(DECIMALS),
			header: z.boolean(),
			priceBasis: z.enum(PRICE_BASES).optional()
		}),
		detected: z.enum(DETECTED_KINDS),
		fred: z.object({ seriesId: z.string().nullable() }).optional(),
		warnings: z.array(warningSchema),
		closeChoice: z.object({ close: z.number().int().min(0), adjusted: z.number().int().min(0) }).optional()
	}),
	z.object(refusalShape)
]);

const importOkShape = {
	ok: z.literal(true),
	t: float64,
	...reportShape,
	validRows: z.number().int().min(1),
	totalRows: z.number().int().min(1),
	skippedRows: z.number().int().min(0),
	warnings: z.array(warningSchema),
	priceBasis: z.enum(PRICE_BASES).optional(),
	sha256: z.string().regex(/^[0-9a-f]{64}$/),
	bytes: z.number().int().min(1),
	firstT: z.number().finite(),
	lastT: z.number().finite(),
	fred: z
		.object({
			seriesId: z.string().nullable(),
			title: z.string().optional(),
			frequency: z.enum(['daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular'])
		})
		.optional()
};

export const importResultSchema = z.union([
	z.object({
		...importOkShape,
		kind: z.literal('bars'),
		columns: z.object({ open: float64, high: float64, low: float64, close: float64, volume: float64 })
	}),
	z.object({ ...importOkShape, kind: z.literal('values'), columns: z.object({ value: float64 }) }),
	z.object({ ...refusalShape, ...reportShape })
]);

/** The column buffers of a result, to transfer (not copy) back to the page. */
export function importTransferables(result: ImportResult): ArrayBuffer[] {
	if (!result.ok) return [];
	const columns: Float64Array[] = [result.t, ...Object.values(result.columns)];
	return columns.map((c) => c.buffer as ArrayBuffer);
}

/** What the import worker exposes through Comlink. */
export interface ImportWorkerApi {
	inspect(bytes: Uint8Array, fileName: string): Promise<InspectResult>;
	parse(bytes: Uint8Array, options: ParseOptions): Promise<ImportResult>;
}
