/**
 * The one typed protocol of the trial worker. Both sides parse what they receive: the worker parses a job, the
 * engine parses the result, so a version skew or a bug shows up as a named validation error, not a wrong number.
 */
import { z } from 'zod';
import { barsRecordSchema, foldResultRecordSchema } from '../db/records';
import { trialSpecSchema } from '../domain/trial-spec';

export const foldSchema = z.object({
	index: z.number().int().min(0),
	trainStart: z.number().int().min(0),
	trainEnd: z.number().int().min(0),
	testStart: z.number().int().min(0),
	testEnd: z.number().int().min(0)
});

export const foldJobInputSchema = z.object({
	jobId: z.string(),
	spec: trialSpecSchema,
	fold: foldSchema,
	/** Content hash of the dataset as recorded when stored; the worker caches features per hash. */
	datasetKey: z.string(),
	bars: barsRecordSchema,
	/** What the worker's own gateway check needs: the dataset's id, provenance and bar frequency. */
	dataset: z.object({ id: z.string(), provenance: z.unknown(), frequency: z.string() })
});
export type FoldJobInput = z.infer<typeof foldJobInputSchema>;

export const foldJobOutputSchema = foldResultRecordSchema.omit({
	trialId: true,
	fold: true,
	attempt: true,
	finishedAt: true
});
export type FoldJobOutput = z.infer<typeof foldJobOutputSchema>;

/** The worker's gateway said no: a value, not a thrown error, so its code survives the message channel. */
export const foldRefusalSchema = z.object({
	refused: z.literal(true),
	code: z.string(),
	reason: z.string()
});
export type FoldRefusal = z.infer<typeof foldRefusalSchema>;

export const foldJobResultSchema = z.union([foldRefusalSchema, foldJobOutputSchema]);

export interface WorkerInfo {
	readonly ready: true;
}

/** What the trial worker exposes through Comlink. */
export interface TrialWorkerApi {
	init(): Promise<WorkerInfo>;
	runFold(input: FoldJobInput, onProgress: (fraction: number) => void): Promise<FoldJobOutput | FoldRefusal>;
}
