/**
 * Shapes of everything persisted in IndexedDB. Each is a zod schema (the type is z.infer) so rows read back
 * from storage, perhaps written by an older version, are parsed rather than trusted.
 */
import { z } from 'zod';
import { provenanceSchema } from '../domain/provenance';
import { trialSpecSchema } from '../domain/trial-spec';

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { error: 'expected a Float64Array' });

/** A metric may be NaN ("not available"); zod's number() refuses NaN, so say it explicitly. */
const metric = z.union([z.number(), z.nan()]);

export const barsRecordSchema = z.object({ t: f64, open: f64, high: f64, low: f64, close: f64, volume: f64 });

export const datasetRecordSchema = z.object({
	id: z.string().min(1),
	name: z.string().min(1),
	symbol: z.string().min(1),
	frequency: z.literal('daily'),
	provenance: provenanceSchema,
	bars: barsRecordSchema,
	/** Stored with the app (bundled demo) rather than fetched or imported by the user. */
	bundled: z.boolean(),
	createdAt: z.number()
});
export type DatasetRecord = z.infer<typeof datasetRecordSchema>;

export const TRIAL_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

const perfSchema = z.object({
	totalReturn: metric,
	annualReturn: metric,
	volatility: metric,
	sharpe: metric,
	sortino: metric,
	maxDrawdown: metric,
	calmar: metric,
	turnover: metric,
	periods: metric
});

const regressionSchema = z.object({
	rmse: metric,
	mae: metric,
	r2: metric,
	hitRate: metric,
	ic: metric,
	n: metric
});

export const metricsBlockSchema = z.object({
	regression: regressionSchema,
	strategy: perfSchema,
	buyHold: perfSchema
});
export type MetricsBlock = z.infer<typeof metricsBlockSchema>;

export const trialSummarySchema = metricsBlockSchema.extend({
	/** Out-of-sample rows stitched across folds (each test row counted once). */
	rows: z.number(),
	firstT: z.number(),
	lastT: z.number()
});
export type TrialSummary = z.infer<typeof trialSummarySchema>;

export const trialRecordSchema = z.object({
	id: z.string().min(1),
	spec: trialSpecSchema,
	status: z.enum(TRIAL_STATUSES),
	createdAt: z.number(),
	startedAt: z.number().nullable(),
	finishedAt: z.number().nullable(),
	folds: z.number().int(),
	foldsDone: z.number().int(),
	foldsFailed: z.number().int(),
	error: z.string().nullable(),
	summary: trialSummarySchema.nullable(),
	/** What produced the numbers: app version and the dataset's content hash (ARCHITECTURE §6). */
	appVersion: z.string(),
	datasetSha256: z.string()
});
export type TrialRecord = z.infer<typeof trialRecordSchema>;

export const jobRecordSchema = z.object({
	/** `${trialId}/${fold}` */
	id: z.string(),
	trialId: z.string(),
	fold: z.number().int(),
	status: z.enum(JOB_STATUSES),
	attempts: z.number().int(),
	/** Epoch ms until which a running job is leased to the scheduler that claimed it; 0 when not running. */
	leaseUntil: z.number(),
	/** Epoch ms before which a queued retry must not start (back-off). */
	notBefore: z.number(),
	error: z.string().nullable(),
	updatedAt: z.number()
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

export const foldResultRecordSchema = z.object({
	trialId: z.string(),
	fold: z.number().int(),
	/** The job attempt that produced this result. */
	attempt: z.number().int(),
	trainStartT: z.number(),
	trainEndT: z.number(),
	testStartT: z.number(),
	testEndT: z.number(),
	nTrain: z.number().int(),
	nTest: z.number().int(),
	/** Test rows: bar time, prediction, realised target, and the next-day simple return the strategy earns. */
	t: f64,
	predicted: f64,
	realised: f64,
	nextReturn: f64,
	/** Row index of each test row in the dataset, used to stitch overlapping folds. */
	row: f64,
	metrics: metricsBlockSchema,
	importance: f64.nullable(),
	fitMs: z.number(),
	predictMs: z.number(),
	backend: z.string(),
	modelInfo: z.record(z.string(), z.union([z.string(), z.number()])),
	finishedAt: z.number()
});
export type FoldResultRecord = z.infer<typeof foldResultRecordSchema>;

export function jobId(trialId: string, fold: number): string {
	return `${trialId}/${fold}`;
}
