/**
 * The scanner as stored (schema v9, issue 12): promoted trials, scans and the recommendations they produced.
 *
 * - A promoted trial passed the look-ahead check and had its deflated Sharpe ratio shown when it was promoted;
 *   the scanner re-runs its spec on each symbol of a universe for both horizons (walk-forward trials whose
 *   out-of-sample predictions calibrate the score) and refits it on all data up to the last closed bar.
 * - A scan records what it ran per symbol and horizon (the evidence trial, the score or why there is none).
 * - A recommendation is one accepted candidate (research/recommend/rules.ts) with its calibration evidence; its
 *   outcome is filled in once the bars after its data date reach the horizon.
 */
import { z } from 'zod';
import { trialSpecSchema } from '../domain/trial-spec';
import { HORIZONS } from '../research/recommend/rule-settings';

export const horizonSchema = z.enum(HORIZONS);

export const promotedRecordSchema = z.object({
	id: z.string().min(1),
	trialId: z.string().min(1),
	/** The promoted trial's spec: the scanner changes only its dataset, target horizon and embargo. */
	spec: trialSpecSchema,
	label: z.string(),
	promotedAt: z.number(),
	/** What was shown when it was promoted. */
	evidence: z.object({
		lookaheadCheckedAt: z.number(),
		checkedPoints: z.number().int(),
		/** The trial's out-of-sample Sharpe ratio per period, and its DSR among `trials` tried on the same series. */
		sharpe: z.number(),
		dsr: z.number(),
		psr0: z.number(),
		trials: z.number().int()
	}),
	active: z.boolean()
});
export type PromotedRecord = z.infer<typeof promotedRecordSchema>;

export const scanCellSchema = z.object({
	seriesKey: z.string(),
	symbol: z.string(),
	horizon: horizonSchema,
	promotedId: z.string(),
	/** The walk-forward trial on this symbol and horizon whose out-of-sample predictions calibrate the score. */
	trialId: z.string().nullable(),
	status: z.enum(['pending', 'running', 'scored', 'rejected', 'failed']),
	/** Raw model output on the last closed bar, its date (YYYY-MM-DD) and close. */
	score: z.number().nullable().default(null),
	dataDate: z.string().nullable().default(null),
	probability: z.number().nullable().default(null),
	/** Why it failed or was rejected, in words. */
	reason: z.string().nullable().default(null)
});
export type ScanCell = z.infer<typeof scanCellSchema>;

export const regimeSnapshotSchema = z.object({
	state: z.enum(['trending', 'choppy', 'neutral', 'insufficient']),
	trend: z.number().nullable(),
	volPercentile: z.number().nullable(),
	weights: z.object({ short: z.number(), long: z.number() })
});

export const scanRecordSchema = z.object({
	id: z.string().min(1),
	universeName: z.string(),
	seriesKeys: z.array(z.string()),
	promotedIds: z.array(z.string()),
	status: z.enum(['running', 'completed', 'failed', 'cancelled']),
	startedAt: z.number(),
	finishedAt: z.number().nullable(),
	cells: z.array(scanCellSchema),
	/** The newest data date any cell scored on. */
	dataDate: z.string().nullable(),
	/** The §6.7 regime of each scanned series on its last bar (weights of the two horizons), by seriesKey. */
	regimes: z.record(z.string(), regimeSnapshotSchema).default({}),
	error: z.string().nullable().default(null)
});
export type ScanRecord = z.infer<typeof scanRecordSchema>;

const evidenceSchema = z.object({
	method: z.enum(['isotonic', 'platt', 'none']),
	holdoutBrier: z.number(),
	baselineBrier: z.number(),
	holdoutEce: z.number(),
	fitRows: z.number().int(),
	holdoutRows: z.number().int(),
	cutTime: z.number()
});

const expectedReturnSchema = z.object({
	prediction: z.number(),
	estimate: z.number(),
	lower: z.number(),
	upper: z.number(),
	lowerLevel: z.number(),
	upperLevel: z.number(),
	nominalCoverage: z.number().optional()
});

/**
 * What happened after a recommendation: `up` is whether the close `horizonDays` bars after the data date was
 * above the entry (the event its probability was about); `exit` is what its rule (target, stop with the gap
 * rule, timeout at expiry) would have done to a position opened at the entry.
 */
export const recommendationOutcomeSchema = z.object({
	/** Date of the bar that settled `up` (YYYY-MM-DD). */
	resolvedDate: z.string(),
	forwardReturn: z.number(),
	up: z.boolean(),
	exit: z.enum(['target', 'stop', 'timeout']).nullable(),
	exitDate: z.string().nullable(),
	exitReturn: z.number().nullable()
});
export type RecommendationOutcome = z.infer<typeof recommendationOutcomeSchema>;

export const recommendationRecordSchema = z.object({
	id: z.string().min(1),
	scanId: z.string(),
	createdAt: z.number(),
	seriesKey: z.string(),
	symbol: z.string(),
	horizon: horizonSchema,
	horizonLabel: z.string(),
	/** The model's target horizon in trading days (the probability is of a positive return over it). */
	horizonDays: z.number().int().min(1),
	modelId: z.string(),
	promotedId: z.string(),
	trialId: z.string(),
	dataDate: z.string(),
	entry: z.number(),
	probability: z.number(),
	probabilityStdError: z.number().nullable(),
	calibration: evidenceSchema,
	signal: z.number(),
	confidence: z.number(),
	target: z.number(),
	stop: z.number(),
	expiryDays: z.number().int(),
	expiryDate: z.string(),
	riskReward: z.number(),
	expectedReturn: expectedReturnSchema.nullable(),
	composite: z.number(),
	/** 1 = best of its scan. */
	rank: z.number().int().min(1),
	regime: regimeSnapshotSchema.nullable(),
	/** Opened as a paper position (its id), or not. */
	positionId: z.string().nullable().default(null),
	outcome: recommendationOutcomeSchema.nullable().default(null)
});
export type RecommendationRecord = z.infer<typeof recommendationRecordSchema>;
