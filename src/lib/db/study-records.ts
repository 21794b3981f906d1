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
	trials: z.array(studyTrialSchema)
});
export type StudyRecord = z.infer<typeof studyRecordSchema>;
