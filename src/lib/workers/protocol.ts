/**
 * The one typed protocol of the trial worker. Both sides parse what they receive: the worker parses a job, the
 * engine parses the result, so a version skew or a bug shows up as a named validation error, not a wrong number.
 */
import { z } from 'zod';
import { barsRecordSchema, foldResultRecordSchema } from '../db/records';
import { trialSpecSchema } from '../domain/trial-spec';
import { analysisSpecSchema } from '../domain/analysis-spec';
import { analysisResultSchema } from '../models/analysis';
import type { NestedPlan } from '../models/inner-folds';

export const foldSchema = z.object({
	index: z.number().int().min(0),
	trainStart: z.number().int().min(0),
	trainEnd: z.number().int().min(0),
	testStart: z.number().int().min(0),
	testEnd: z.number().int().min(0)
});

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { error: 'expected a Float64Array' });

/**
 * A stored dataset version or value series sent to the worker with what its gateway checks again: the content
 * hash it is pinned to (the worker hashes `columns` and refuses on a mismatch) and its provenance. Analyses and
 * a trial's feature inputs (domain/feature-inputs.ts) use it.
 */
export const pinnedColumnsSchema = z.object({
	kind: z.enum(['dataset', 'series']),
	id: z.string(),
	name: z.string(),
	contentSha256: z.string(),
	provenance: z.unknown(),
	/** Bars for a dataset; t and value for a value series. */
	columns: z
		.object({
			t: f64,
			open: f64.optional(),
			high: f64.optional(),
			low: f64.optional(),
			close: f64.optional(),
			volume: f64.optional(),
			value: f64.optional()
		})
		.refine((c) => (c.value ? true : c.open && c.high && c.low && c.close && c.volume), {
			error: 'columns must be bars (open, high, low, close, volume) or a value series'
		})
});
export type PinnedColumns = z.infer<typeof pinnedColumnsSchema>;

export const foldJobInputSchema = z.object({
	jobId: z.string(),
	spec: trialSpecSchema,
	fold: foldSchema,
	/** Content hash of the dataset version the trial is pinned to; the worker checks the bars against it and
	 * caches features per hash. */
	datasetKey: z.string(),
	bars: barsRecordSchema,
	/** What the worker's own gateway check needs: the dataset's id, provenance and bar frequency. */
	dataset: z.object({ id: z.string(), provenance: z.unknown(), frequency: z.string() }),
	/**
	 * The data of every input `spec.features.inputs` names (a benchmark, macro series), each pinned by its content
	 * hash: matched to the spec by kind and id, joined as of its availability in the worker. Optional: a job whose
	 * spec names no input needs none (older callers send none).
	 */
	inputs: z.array(pinnedColumnsSchema).optional()
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

/**
 * The fit itself failed (bad parameters for this data, a diverging fit). Fits are deterministic for a spec, a
 * fold and a dataset version, so a retry would fail the same way: the engine fails the job at once.
 */
export const foldFailureSchema = z.object({
	failed: z.literal(true),
	code: z.string(),
	reason: z.string()
});
export type FoldFailure = z.infer<typeof foldFailureSchema>;

export const foldJobResultSchema = z.union([foldRefusalSchema, foldFailureSchema, foldJobOutputSchema]);
export type FoldJobResult = FoldJobOutput | FoldRefusal | FoldFailure;

export interface WorkerInfo {
	readonly ready: true;
}

export const modelCostsSchema = z.object({
	/** Expected fit time of the fold on the reference machine, ms. */
	expectedFitMs: z.number().nonnegative(),
	/** The deadline the engine gives the fold, ms (seam.ts). */
	deadlineMs: z.number().positive()
});
export type ModelCosts = z.infer<typeof modelCostsSchema>;

/** An analysis run: its spec and each input's columns with what the gateway checks again in the worker. */
export const analysisJobInputSchema = z.object({
	id: z.string(),
	spec: analysisSpecSchema,
	inputs: z.array(pinnedColumnsSchema)
});
export type AnalysisJobInput = z.infer<typeof analysisJobInputSchema>;

export const analysisJobOutputSchema = z.object({
	result: analysisResultSchema,
	alignedRows: z.number().int().nullable(),
	firstT: z.number().nullable(),
	lastT: z.number().nullable(),
	runMs: z.number(),
	backend: z.string()
});
export type AnalysisJobOutput = z.infer<typeof analysisJobOutputSchema>;

export const analysisJobResultSchema = z.union([
	foldRefusalSchema,
	foldFailureSchema,
	analysisJobOutputSchema
]);
export type AnalysisJobResult = AnalysisJobOutput | FoldRefusal | FoldFailure;

/** The look-ahead (truncation) check of a stored trial: its spec, its folds as rows and its pinned bars. */
export const lookaheadJobInputSchema = z.object({
	trialId: z.string(),
	spec: trialSpecSchema,
	folds: z.array(foldSchema).min(1),
	datasetKey: z.string(),
	bars: barsRecordSchema,
	dataset: z.object({ id: z.string(), provenance: z.unknown(), frequency: z.string() }),
	/** As in a fold job; the check cuts each by availability at every checked point. */
	inputs: z.array(pinnedColumnsSchema).optional()
});
export type LookaheadJobInput = z.infer<typeof lookaheadJobInputSchema>;

const metricValue = z.union([z.number(), z.nan()]);

export const lookaheadLeakSchema = z.object({
	fold: z.number().int(),
	row: z.number().int(),
	t: z.number(),
	full: metricValue,
	truncated: metricValue
});

export const lookaheadJobOutputSchema = z.object({
	checkedPoints: z.number().int(),
	/** Per fold: points checked and how many changed. */
	folds: z.array(z.object({ fold: z.number().int(), points: z.number().int(), changed: z.number().int() })),
	firstLeak: lookaheadLeakSchema.nullable(),
	runMs: z.number()
});
export type LookaheadJobOutput = z.infer<typeof lookaheadJobOutputSchema>;

export const lookaheadJobResultSchema = z.union([
	foldRefusalSchema,
	foldFailureSchema,
	lookaheadJobOutputSchema
]);
export type LookaheadJobResult = LookaheadJobOutput | FoldRefusal | FoldFailure;

/**
 * Scores chosen rows of a fold: the model fitted on the fold's training rows exactly as a walk-forward fold fits
 * it, its output for `rows` whether or not their targets are known (the scanner scores the last closed bar).
 */
export const scoreJobInputSchema = foldJobInputSchema.extend({
	rows: z.array(z.number().int().min(0)).min(1)
});
export type ScoreJobInput = z.infer<typeof scoreJobInputSchema>;

export const scoreJobOutputSchema = z.object({
	/** One per row; NaN where the bars could not feed the row to the model. */
	predicted: z.array(metricValue),
	runMs: z.number(),
	backend: z.string()
});
export type ScoreJobOutput = z.infer<typeof scoreJobOutputSchema>;

export const scoreJobResultSchema = z.union([foldRefusalSchema, foldFailureSchema, scoreJobOutputSchema]);
export type ScoreJobResult = ScoreJobOutput | FoldRefusal | FoldFailure;

/** What the trial worker exposes through Comlink. */
export interface TrialWorkerApi {
	init(): Promise<WorkerInfo>;
	/** Loads the model's module (once per worker) and says what a fold of this size costs. */
	costs(modelId: string, trainRows: number, params: unknown, nested?: NestedPlan | null): Promise<ModelCosts>;
	runFold(input: FoldJobInput, onProgress: (fraction: number) => void): Promise<FoldJobResult>;
	/** Evaluates an analysis (formula, measure, test, transform) once on its aligned inputs. */
	runAnalysis(input: AnalysisJobInput, onProgress: (fraction: number) => void): Promise<AnalysisJobResult>;
	/** Re-runs a trial's test points on bars cut after each one (models/lookahead.ts). */
	runLookahead(input: LookaheadJobInput, onProgress: (fraction: number) => void): Promise<LookaheadJobResult>;
	/** Fits a fold and predicts chosen rows (workers/score-job.ts). */
	runScore(input: ScoreJobInput, onProgress: (fraction: number) => void): Promise<ScoreJobResult>;
}
