/**
 * Stored studies (sweeps): the spec, the data every trial pins, and one entry per sampled trial in sampling
 * order. A trial's entry and the trial itself are written in one transaction, so after a crash every entry has
 * its trial and no trial lacks its entry: nothing lost, nothing duplicated.
 */
import { z } from 'zod';
import { studySpecSchema } from '../research/study/spec';
import { pinnedDataSchema } from './records';

export const STUDY_STATUSES = ['running', 'completed', 'stopped', 'failed'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

export const STUDY_TRIAL_STATES = ['running', 'complete', 'pruned', 'failed'] as const;

const metric = z.union([z.number(), z.nan()]);
const paramValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const studyTrialSchema = z.object({
	number: z.number().int().min(0),
	/** The trial's id; null when the gateway refused the sampled parameters (then `error` says why). */
	trialId: z.string().nullable(),
	params: z.record(z.string(), paramValue),
	state: z.enum(STUDY_TRIAL_STATES),
	/** The objective in its own units once complete (or the last running value when pruned); null otherwise. */
	value: metric.nullable(),
	/** The running objective after 1, 2, … consecutive folds (plan.ts runningObjective). */
	intermediate: z.array(metric),
	/** Why it failed or was pruned, in words. */
	note: z.string().nullable(),
	createdAt: z.number(),
	finishedAt: z.number().nullable()
});
export type StudyTrial = z.infer<typeof studyTrialSchema>;

const unavailable = z.object({ ok: z.literal(false), reason: z.string() });

/** research/study/report.ts StudyReport, computed when the study finishes. */
export const studyReportSchema = z.object({
	computedAt: z.number(),
	bestNumber: z.number().int().nullable(),
	dsr: z.union([
		z.object({
			ok: z.literal(true),
			dsr: metric,
			psr0: metric,
			sharpe: metric,
			expectedMaxSharpe: metric,
			skew: metric,
			kurtosis: metric,
			trials: z.number().int(),
			sharpeVariance: metric,
			periods: z.number().int(),
			distinguishable: z.boolean()
		}),
		unavailable
	]),
	pbo: z.union([
		z.object({
			ok: z.literal(true),
			pbo: metric,
			probabilityOfLoss: metric,
			splits: z.number().int(),
			blocks: z.number().int(),
			periods: z.number().int(),
			trials: z.number().int(),
			degradationSlope: metric,
			logits: z.array(metric)
		}),
		unavailable
	])
});
export type StoredStudyReport = z.infer<typeof studyReportSchema>;

export const HOLDOUT_STATES = ['running', 'complete', 'failed', 'skipped'] as const;

/** The holdout trial of a study with a holdout (research/study/spec.ts), once the search has ended. */
export const studyHoldoutSchema = z.object({
	/** The search trial it re-runs on the holdout (the best); null when skipped because none completed. */
	number: z.number().int().min(0).nullable(),
	/** `<study>.holdout`; null when the gateway refused it or it was skipped. */
	trialId: z.string().nullable(),
	state: z.enum(HOLDOUT_STATES),
	/** The objective on the holdout, in its own units, once complete (NaN when the metric is not available). */
	value: metric.nullable(),
	note: z.string().nullable(),
	createdAt: z.number(),
	finishedAt: z.number().nullable()
});
export type StudyHoldout = z.infer<typeof studyHoldoutSchema>;

/** The catalog procedure that set a study's sampler and budget (research/study/procedures.ts ProcedureRun); the
 * id is kept as text so a record still loads if the catalog's list of study procedures changes. */
export const studyProcedureSchema = z.object({
	id: z.string().min(1).max(64),
	/** Its catalog parameters as chosen, defaults filled in (n_trials as asked, even when capped). */
	params: z.record(z.string(), paramValue),
	/** What the mapping changed, in words (n_trials capped at the study limit). */
	notes: z.array(z.string().max(500)).max(10).default([])
});
export type StudyProcedure = z.infer<typeof studyProcedureSchema>;

/**
 * Where an imported study's trials came from, when not from this app: an Optuna `trials_dataframe` CSV
 * (app/study-csv-import.ts). Its entries are observations only — parameters, value and state — with no trial
 * record, folds or returns here; the base trial (a stored trial of the same model) supplied the rest of the spec.
 */
export const studyOriginSchema = z.object({
	kind: z.literal('optuna_csv'),
	fileName: z.string().max(255),
	importedAt: z.number(),
	baseTrialId: z.string(),
	/** Columns of the file that were not read (user and system attributes, duration…). */
	ignoredColumns: z.array(z.string().max(200)).max(200).default([])
});
export type StudyOrigin = z.infer<typeof studyOriginSchema>;

export const studyRecordSchema = z.object({
	id: z.string().min(1),
	spec: studySpecSchema,
	status: z.enum(STUDY_STATUSES),
	/** Why the study stopped sampling, in words (budget reached, time up, stopped by the user…). */
	stopReason: z.string().nullable(),
	error: z.string().nullable(),
	createdAt: z.number(),
	finishedAt: z.number().nullable(),
	/** Epoch ms until which a tab's study runner holds the study; 0 when none does. */
	leaseUntil: z.number(),
	/** Which runner (tab) holds the lease. */
	leaseOwner: z.string(),
	/** The dataset version every trial of the study pins (checked again for each trial). */
	data: pinnedDataSchema,
	appVersion: z.string(),
	trials: z.array(studyTrialSchema),
	/** The overfitting report, once the study has finished (null before, or if it could not be computed). */
	report: studyReportSchema.nullable().default(null),
	/** The holdout trial, run once after the search (null before, and for a study without a holdout). */
	holdout: studyHoldoutSchema.nullable().default(null),
	/** The catalog procedure the study ran (absent: a plain study). */
	procedure: studyProcedureSchema.optional(),
	/** Absent for a study run here (or imported from this app's JSON); set for one imported from an Optuna CSV. */
	origin: studyOriginSchema.optional()
});
export type StudyRecord = z.infer<typeof studyRecordSchema>;
