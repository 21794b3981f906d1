/**
 * Shapes of everything persisted in IndexedDB. Each is a zod schema (the type is z.infer) so rows read back
 * from storage, perhaps written by an older version, are parsed rather than trusted.
 */
import { z } from 'zod';
import { provenanceSchema } from '../domain/provenance';
import { pinnedInputSchema } from './analysis-records';
import { TASK_KINDS } from '../domain/task-metrics';
import { trialSpecSchema } from '../domain/trial-spec';

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { error: 'expected a Float64Array' });

/** A metric may be NaN ("not available"); zod's number() refuses NaN, so say it explicitly. */
const metric = z.union([z.number(), z.nan()]);

export const barsRecordSchema = z.object({ t: f64, open: f64, high: f64, low: f64, close: f64, volume: f64 });

/** Baseline statistics of a series' returns (domain/drift.ts); NaN where not computable. */
export const returnStatsRecordSchema = z.object({
	n: z.number(),
	mean: metric,
	std: metric,
	skew: metric,
	firstT: metric,
	lastT: metric
});

/** A drift alert raised when new bars arrived (domain/drift.ts), shown until the user dismisses it. */
export const driftAlertSchema = z.object({
	at: z.number(),
	reasons: z.array(z.string()),
	meanShiftSd: metric,
	varianceRatio: metric,
	skewChange: metric,
	current: returnStatsRecordSchema,
	dismissed: z.boolean()
});
export type DriftAlert = z.infer<typeof driftAlertSchema>;

export const DATASET_FREQUENCIES = [
	'daily',
	'weekly',
	'monthly',
	'quarterly',
	'annual',
	'intraday',
	'irregular'
] as const;

/** How a fetched dataset was asked for, so it can be refreshed with the same request. */
export const barsRequestSchema = z.object({
	provider: z.literal('polygon'),
	ticker: z.string(),
	multiplier: z.number().int(),
	timespan: z.enum(['minute', 'hour', 'day', 'week', 'month']),
	from: z.string(),
	to: z.string(),
	adjusted: z.boolean()
});
export type BarsRequest = z.infer<typeof barsRequestSchema>;

export const datasetRecordSchema = z.object({
	/** This version's id; the first version of a series keeps the series key as its id. */
	id: z.string().min(1),
	/**
	 * The series this is a version of (a ticker and bar size, an imported file's name). A refresh or a longer
	 * range writes a new version with the same key; a version's bars never change (ARCHITECTURE §4).
	 */
	seriesKey: z.string().min(1),
	/** 1 for the first version of a series, then 2, 3, … */
	version: z.number().int().min(1),
	name: z.string().min(1),
	symbol: z.string().min(1),
	frequency: z.enum(DATASET_FREQUENCIES),
	provenance: provenanceSchema,
	bars: barsRecordSchema,
	/** SHA-256 of the stored columns (domain/content-hash.ts), recorded when stored; the gateway re-checks it. */
	contentSha256: z.string(),
	baseline: returnStatsRecordSchema.nullable(),
	drift: driftAlertSchema.nullable(),
	request: barsRequestSchema.nullable(),
	/** Stored with the app (bundled demo) rather than fetched or imported by the user. */
	bundled: z.boolean(),
	createdAt: z.number(),
	updatedAt: z.number()
});
export type DatasetRecord = z.infer<typeof datasetRecordSchema>;

/** A macro or other single-value series (FRED), with the same provenance and integrity rules as bars. */
export const seriesRecordSchema = z.object({
	id: z.string().min(1),
	name: z.string().min(1),
	/** The provider's id, e.g. FRED's "PAYEMS". */
	seriesId: z.string(),
	title: z.string(),
	frequency: z.string(),
	units: z.string(),
	provenance: provenanceSchema,
	t: f64,
	value: f64,
	contentSha256: z.string(),
	baseline: returnStatsRecordSchema.nullable(),
	drift: driftAlertSchema.nullable(),
	createdAt: z.number(),
	updatedAt: z.number(),
	/**
	 * Set on an earlier content of series `archivedFrom`, kept because a trial or analysis pinned it when a refresh
	 * replaced it (db/series-archive.ts). Absent on the current record (and on every record stored before it).
	 */
	archivedFrom: z.string().optional()
});
export type SeriesRecord = z.infer<typeof seriesRecordSchema>;

export const settingRecordSchema = z.object({ key: z.string(), value: z.unknown() });
export type SettingRecord = z.infer<typeof settingRecordSchema>;

export const rateLimitRecordSchema = z.object({
	provider: z.string(),
	calls: z.array(z.number()),
	notBefore: z.number()
});
export type RateLimitRecord = z.infer<typeof rateLimitRecordSchema>;

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

const directionSchema = z.object({ hitRate: metric, ic: metric, n: metric });

const calibrationRowSchema = z.object({
	lo: z.number(),
	hi: z.number(),
	n: z.number(),
	meanPredicted: metric,
	observedRate: metric
});

const classificationSchema = z.object({
	accuracy: metric,
	balancedAccuracy: metric,
	rocAuc: metric,
	logLoss: metric,
	brier: metric,
	n: metric,
	positiveRate: metric,
	calibration: z.array(calibrationRowSchema).readonly()
});

const signalSchema = z.object({
	exposure: metric,
	longShare: metric,
	shortShare: metric,
	trades: metric,
	n: metric
});

const forecastSchema = z.object({ mase: metric, smape: metric, naiveSmape: metric, n: metric });

const volatilitySchema = z.object({
	qlike: metric,
	baselineQlike: metric,
	mse: metric,
	baselineMse: metric,
	forecastVol: metric,
	realisedVol: metric,
	exposure: metric,
	n: metric
});

const regimeStateSchema = z.object({
	state: z.number().int(),
	n: metric,
	share: metric,
	meanReturn: metric,
	vol: metric,
	sharpe: metric,
	avgDuration: metric
});

const regimeSchema = z.object({
	states: z.number().int(),
	perState: z.array(regimeStateSchema),
	transitions: z.array(z.array(metric)),
	switches: metric,
	n: metric
});

/**
 * Metrics of a fold or a whole trial (domain/task-metrics.ts); the blocks of other tasks are null. The forecast,
 * volatility and regime blocks came after schema v4 and default to null in records written before them.
 */
export const metricsBlockSchema = z.object({
	task: z.enum(TASK_KINDS),
	direction: directionSchema,
	regression: regressionSchema.nullable(),
	classification: classificationSchema.nullable(),
	signal: signalSchema.nullable(),
	forecast: forecastSchema.nullable().default(null),
	volatility: volatilitySchema.nullable().default(null),
	regime: regimeSchema.nullable().default(null),
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

/**
 * The exact data a trial runs on, recorded when it is submitted: every fold, retry and re-run uses this version
 * (its content hash is checked before each fit) or is refused.
 */
export const pinnedDataSchema = z.object({
	datasetId: z.string(),
	seriesKey: z.string(),
	version: z.number().int(),
	name: z.string(),
	/** SHA-256 of the stored columns of the version (domain/content-hash.ts). */
	contentSha256: z.string(),
	provenance: provenanceSchema,
	rows: z.number().int(),
	firstT: z.number(),
	lastT: z.number()
});
export type PinnedData = z.infer<typeof pinnedDataSchema>;

/** A fold's rows as dates (epoch ms of the first and last row of each range), fixed at submission. */
export const foldBoundsSchema = z.object({
	trainStartT: z.number(),
	trainEndT: z.number(),
	testStartT: z.number(),
	testEndT: z.number()
});
export type FoldBounds = z.infer<typeof foldBoundsSchema>;

/** The look-ahead (truncation) check of a trial (models/lookahead.ts), stored once it has run. */
export const lookaheadVerdictSchema = z.object({
	checkedAt: z.number(),
	checkedPoints: z.number().int(),
	folds: z.array(z.object({ fold: z.number().int(), points: z.number().int(), changed: z.number().int() })),
	/** The first checked prediction that changed when later bars were removed; null: none did. */
	firstLeak: z
		.object({ fold: z.number().int(), row: z.number().int(), t: z.number(), full: metric, truncated: metric })
		.nullable(),
	runMs: z.number()
});
export type LookaheadVerdict = z.infer<typeof lookaheadVerdictSchema>;

export const trialRecordSchema = z.object({
	id: z.string().min(1),
	spec: trialSpecSchema,
	/** The model's task kind when submitted (the catalog's), which decides how the fold is scored. */
	task: z.enum(TASK_KINDS),
	status: z.enum(TRIAL_STATUSES),
	createdAt: z.number(),
	startedAt: z.number().nullable(),
	finishedAt: z.number().nullable(),
	folds: z.number().int(),
	foldsDone: z.number().int(),
	foldsFailed: z.number().int(),
	error: z.string().nullable(),
	summary: trialSummarySchema.nullable(),
	/** What produced the numbers (ARCHITECTURE §6): app version and the pinned dataset version. */
	appVersion: z.string(),
	/** Null only for a trial from before versions (schema 3) whose dataset was deleted before the upgrade. */
	data: pinnedDataSchema.nullable(),
	/** One entry per fold; empty only with `data` null. */
	foldBounds: z.array(foldBoundsSchema),
	/** The look-ahead check, once run (absent in records from before issue 11). */
	lookahead: lookaheadVerdictSchema.nullable().default(null),
	/**
	 * The versions of the feature inputs `spec.features.inputs` names (benchmark, macro series), pinned at
	 * submission like `data`: each fold sends them with these hashes. Absent when the spec names none (and in
	 * records from before inputs existed).
	 */
	inputs: z.array(pinnedInputSchema).optional()
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
	/** The task's second value per test row (domain/task-metrics.ts), or null; absent before forecasts came. */
	aux: f64.nullable().default(null),
	metrics: metricsBlockSchema,
	importance: f64.nullable(),
	/** The names of `importance`'s columns when they are not daily_v1's (other sets; generated sets per fold). */
	featureNames: z.array(z.string()).optional(),
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
