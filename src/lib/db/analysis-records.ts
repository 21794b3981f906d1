/**
 * Stored analysis runs (formulas, measures, tests, transforms): the spec, the exact data it read (each input's
 * version, content hash and provenance) and the result record, parsed on read like every other row.
 */
import { z } from 'zod';
import { ANALYSIS_INPUTS, ANALYSIS_TASKS } from '../catalog/analysis-kinds';
import { analysisSpecSchema } from '../domain/analysis-spec';
import { provenanceSchema } from '../domain/provenance';
import { analysisResultSchema } from '../models/analysis';

export const ANALYSIS_STATUSES = ['running', 'completed', 'failed'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

/** One input as it was when the run was admitted: what it read is provable afterwards. */
export const pinnedInputSchema = z.object({
	kind: z.enum(['dataset', 'series']),
	id: z.string(),
	name: z.string(),
	/** Dataset versions only (a value series has one version). */
	version: z.number().int().nullable(),
	contentSha256: z.string(),
	provenance: provenanceSchema,
	rows: z.number().int(),
	firstT: z.number(),
	lastT: z.number()
});
export type PinnedInput = z.infer<typeof pinnedInputSchema>;

export const analysisRecordSchema = z.object({
	id: z.string().min(1),
	spec: analysisSpecSchema,
	task: z.enum(ANALYSIS_TASKS),
	input: z.enum(ANALYSIS_INPUTS),
	status: z.enum(ANALYSIS_STATUSES),
	inputs: z.array(pinnedInputSchema),
	/** Rows every input has after aligning on common days (and the from/to range); null before it ran. */
	alignedRows: z.number().int().nullable(),
	firstT: z.number().nullable(),
	lastT: z.number().nullable(),
	result: analysisResultSchema.nullable(),
	error: z.object({ code: z.string(), reason: z.string() }).nullable(),
	/** A tab running it holds it until then; a crashed tab's run is taken over once this has passed. */
	leaseUntil: z.number(),
	attempts: z.number().int().min(0),
	runMs: z.number().nullable(),
	appVersion: z.string(),
	createdAt: z.number(),
	finishedAt: z.number().nullable()
});
export type AnalysisRecord = z.infer<typeof analysisRecordSchema>;
