/**
 * What the feedback manager and the leaderboard read of a trial record, and nothing else: its id, status and
 * times, its error, its spec, the pinned data's series and version, and the few summary figures they rank and
 * report. A TrialRecord is one (structurally); feedbackTrialOf copies just these fields out of it, a few hundred
 * bytes instead of a record's kilobytes, so the Feedback page can keep one per trial (app/feedback-view.ts) and
 * recompute its report from them without reading and parsing every record again.
 */
import { z } from 'zod';
import type { TrialRecord, TrialStatus } from '../db/records';
import { trialSpecSchema } from '../domain/trial-spec';

/** A metric may be NaN ("not available"); zod's number() refuses NaN (as db/records.ts). */
const metric = z.union([z.number(), z.nan()]);

/** The summary figures read: the leaderboard's metrics (leaderboard.ts), buy-and-hold Sharpe, the rows span. */
export const feedbackSummarySchema = z.object({
	strategy: z.object({
		sharpe: metric,
		sortino: metric,
		calmar: metric,
		annualReturn: metric,
		maxDrawdown: metric
	}),
	buyHold: z.object({ sharpe: metric }),
	direction: z.object({ ic: metric, hitRate: metric }),
	regression: z.object({ rmse: metric, mae: metric, r2: metric }).nullable(),
	classification: z.object({ accuracy: metric, rocAuc: metric, logLoss: metric, brier: metric }).nullable(),
	forecast: z.object({ mase: metric }).nullable(),
	volatility: z.object({ qlike: metric }).nullable(),
	rows: z.number(),
	firstT: z.number(),
	lastT: z.number()
});
export type FeedbackSummary = z.infer<typeof feedbackSummarySchema>;

/**
 * db/records.ts's TRIAL_STATUSES (research/ may import only types from db/): a status missing here would make a
 * TrialRecord no longer a FeedbackTrial, which tsc reports wherever records are passed to computeFeedback.
 */
const STATUSES = [
	'queued',
	'running',
	'completed',
	'failed',
	'cancelled'
] as const satisfies readonly TrialStatus[];

export const feedbackTrialSchema = z.object({
	id: z.string().min(1),
	status: z.enum(STATUSES),
	createdAt: z.number(),
	startedAt: z.number().nullable(),
	finishedAt: z.number().nullable(),
	error: z.string().nullable(),
	spec: trialSpecSchema,
	summary: feedbackSummarySchema.nullable(),
	data: z.object({ seriesKey: z.string(), version: z.number().int() }).nullable()
});
/** A TrialRecord is a FeedbackTrial; so is its digest (feedbackTrialOf). */
export type FeedbackTrial = z.infer<typeof feedbackTrialSchema>;

function summaryOf(s: NonNullable<TrialRecord['summary']>): FeedbackSummary {
	const { strategy: st, regression: re, classification: cl } = s;
	return {
		strategy: {
			sharpe: st.sharpe,
			sortino: st.sortino,
			calmar: st.calmar,
			annualReturn: st.annualReturn,
			maxDrawdown: st.maxDrawdown
		},
		buyHold: { sharpe: s.buyHold.sharpe },
		direction: { ic: s.direction.ic, hitRate: s.direction.hitRate },
		regression: re && { rmse: re.rmse, mae: re.mae, r2: re.r2 },
		classification: cl && { accuracy: cl.accuracy, rocAuc: cl.rocAuc, logLoss: cl.logLoss, brier: cl.brier },
		forecast: s.forecast && { mase: s.forecast.mase },
		volatility: s.volatility && { qlike: s.volatility.qlike },
		rows: s.rows,
		firstT: s.firstT,
		lastT: s.lastT
	};
}

/**
 * The fields of `t` that computeFeedback and leaderboard read, copied (the spec is shared, not copied: a parsed
 * record's spec is not mutated by anyone). Both give the same result for the digests as for the records.
 */
export function feedbackTrialOf(t: TrialRecord): FeedbackTrial {
	return {
		id: t.id,
		status: t.status,
		createdAt: t.createdAt,
		startedAt: t.startedAt,
		finishedAt: t.finishedAt,
		error: t.error,
		spec: t.spec,
		summary: t.summary && summaryOf(t.summary),
		data: t.data && { seriesKey: t.data.seriesKey, version: t.data.version }
	};
}
