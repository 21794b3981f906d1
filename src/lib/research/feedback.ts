/**
 * The trial feedback manager (original-system §3.9): what the stored trials teach about each model. The original
 * kept running state (EMAs, running means) that was never fed by a real trial; this is recomputed from the
 * trial records every time, so every number here can be traced to a stored trial and recomputed from it.
 *
 * Adapted from §3.9: the "action" is the model id; the outcome is success (completed) or failure (failed).
 * The original's third outcome, "partial", is gone: the engine completes a trial only when every fold succeeded
 * and fails it otherwise (engine/job-store.ts settleTrial), so no stored trial could ever be partial. Queued,
 * running and cancelled trials teach nothing yet and are only counted. Performance is the trial summary's out-of-sample strategy Sharpe, IC and hit rate.
 *
 * There is no overfitting warning: a trial record holds only the stitched out-of-sample summary, with neither
 * per-fold nor in-sample metrics, so the spread across folds cannot be computed from it. It would need the fold
 * results (db.results), and a warning made up from what is here would be an invented number.
 */
import type { FeedbackTrial } from './feedback-trial';
import {
	mean,
	metricStats,
	paramSensitivity,
	sharpeTrend,
	type MetricStats,
	type ParamSensitivity,
	type ScoredTrial,
	type SharpeTrend
} from './feedback-stats';
import { chronologicalRows, type FeedbackRow } from './feedback-rows';
import { replayRows, type ActionLearning, type FeedbackReplay, type ReplayInsight } from './feedback-replay';
import { fixed, idText, paramsText, plural, quoteData } from './prompt-text';

export type TrialOutcome = 'success' | 'failure';

/** The original scored an outcome 1 / 0.5 / 0 (partial in the middle) and averaged the scores; so do we. */
export const OUTCOME_SCORE: Readonly<Record<TrialOutcome, number>> = { success: 1, failure: 0 };

/** The original's repeated-failure rule: at least 3 failures of one action among the last 10 records. */
export const RECENT_FAILURE_WINDOW = 10;
export const REPEATED_FAILURE_MIN = 3;

export interface BestTrial {
	readonly trialId: string;
	readonly name: string;
	readonly datasetId: string;
	readonly sharpe: number;
	/** Buy-and-hold over the same out-of-sample rows; NaN when not available. */
	readonly buyHoldSharpe: number;
	readonly ic: number;
	readonly hitRate: number;
	readonly params: Readonly<Record<string, unknown>>;
}

export interface ModelFeedback {
	readonly modelId: string;
	/** Completed plus failed trials of this model. */
	readonly trials: number;
	readonly successes: number;
	readonly failures: number;
	/** Mean outcome score (OUTCOME_SCORE): the share of finished trials that completed. */
	readonly successRate: number;
	readonly sharpe: MetricStats;
	readonly ic: MetricStats;
	readonly hitRate: MetricStats;
	readonly best: BestTrial | null;
	readonly trend: SharpeTrend | null;
	readonly sensitivity: readonly ParamSensitivity[];
	/** The error of the model's latest failed trial, as stored. */
	readonly lastError: string | null;
	/** The original's §3.9 state for this model, replayed from the records (feedback-replay.ts). */
	readonly learning: ActionLearning;
}

/**
 * repeated_failure, performance_degradation and parameter_sensitivity are the original's three insights (§3.9
 * step 3); degradation (a falling Sharpe) and promising are ours.
 */
export type InsightKind =
	'repeated_failure' | 'performance_degradation' | 'parameter_sensitivity' | 'degradation' | 'promising';

export interface FeedbackInsight {
	readonly kind: InsightKind;
	readonly modelId: string;
	/** One sentence built from the numbers above; ids and names in it are quoted as data. */
	readonly message: string;
	readonly trialIds: readonly string[];
}

export interface FeedbackReport {
	/** Completed and failed trials, the ones feedback is computed from. */
	readonly considered: number;
	/** Queued, running and cancelled trials: not finished, so not counted. */
	readonly skipped: number;
	/** Most trials first, then by model id. */
	readonly models: readonly ModelFeedback[];
	readonly insights: readonly FeedbackInsight[];
	/** The original's whole replayed state, with every insight it would have raised (feedback-replay-queries.ts
	 * reads it as the original's get_recommendations and get_learning_summary did). */
	readonly replay: FeedbackReplay;
}

export function trialOutcome(trial: FeedbackTrial): TrialOutcome | null {
	if (trial.status === 'failed') return 'failure';
	if (trial.status !== 'completed') return null;
	return 'success';
}

function modelFeedback(
	modelId: string,
	rows: readonly FeedbackRow[],
	learning: ActionLearning
): ModelFeedback {
	const scores: number[] = [];
	const sharpes: number[] = [];
	const ics: number[] = [];
	const hitRates: number[] = [];
	const scored: ScoredTrial[] = [];
	let successes = 0;
	let lastFailed: FeedbackTrial | undefined;
	for (const r of rows) {
		scores.push(OUTCOME_SCORE[r.completed ? 'success' : 'failure']);
		if (!r.completed) {
			lastFailed = r.trial;
			continue;
		}
		successes++;
		sharpes.push(r.sharpe);
		ics.push(r.ic);
		hitRates.push(r.hitRate);
		if (Number.isFinite(r.sharpe)) scored.push({ trial: r.trial, sharpe: r.sharpe, params: r.params });
	}
	const bestScored = scored.length === 0 ? null : scored.reduce((a, b) => (b.sharpe > a.sharpe ? b : a));
	return {
		modelId,
		trials: rows.length,
		successes,
		failures: rows.length - successes,
		successRate: mean(scores),
		sharpe: metricStats(sharpes),
		ic: metricStats(ics),
		hitRate: metricStats(hitRates),
		best: bestScored && bestTrial(bestScored),
		trend: sharpeTrend(sharpes),
		sensitivity: paramSensitivity(scored),
		lastError: lastFailed ? (lastFailed.error ?? null) : null,
		learning
	};
}

function bestTrial({ trial, sharpe }: ScoredTrial): BestTrial {
	const summary = trial.summary;
	return {
		trialId: trial.id,
		name: trial.spec.name,
		datasetId: trial.spec.datasetId,
		sharpe,
		buyHoldSharpe: summary?.buyHold.sharpe ?? Number.NaN,
		ic: summary?.direction.ic ?? Number.NaN,
		hitRate: summary?.direction.hitRate ?? Number.NaN,
		params: trial.spec.model.params
	};
}

/** The original's degradation and sensitivity insights as its latest feedback of each model raised them. */
function replayedInsights(
	m: ModelFeedback,
	raised: readonly ReplayInsight[],
	lastTrialId: string
): FeedbackInsight[] {
	const out: FeedbackInsight[] = [];
	const l = m.learning;
	for (const i of raised) {
		if (i.kind === 'performance_degradation') {
			const { firstHalf: a, secondHalf: b } = l.recentTrend;
			out.push({
				kind: 'performance_degradation',
				modelId: m.modelId,
				message:
					`${idText(m.modelId)} is declining by the original's rule: ${b.successes} of its later ${b.n} trials among the last 20 finished ` +
					`completed, against ${a.successes} of the earlier ${a.n}; success rate ${fixed(l.successRate, 2)} over ${plural(l.totalExecutions, 'trial')}. ` +
					`This counts completions, not Sharpe. Review recent changes and consider reverting.`,
				trialIds: [lastTrialId]
			});
		} else if (i.kind === 'parameter_sensitivity' && i.sensitive) {
			const values = Object.fromEntries(i.sensitive.map((s) => [s.param, s.optimal ?? null]));
			out.push({
				kind: 'parameter_sensitivity',
				modelId: m.modelId,
				message:
					`${idText(m.modelId)}: the original's sensitivity (std/mean of Sharpe over its trials, failed or n/a counted as 0) is ` +
					`${i.sensitive.map((s) => `${quoteData(s.param, 40)} ${fixed(s.sensitivity, 2)}`).join(', ')} (above 0.3); its best-Sharpe values ` +
					`${paramsText(values, 160)}. That ratio is the spread of all the model's results, the same for every parameter set in ` +
					`every trial, so it does not show that these parameters matter: see the Spearman sensitivity and parameter importance.`,
				trialIds: [lastTrialId]
			});
		}
	}
	return out;
}

function insightsOf(
	models: readonly ModelFeedback[],
	ordered: readonly FeedbackRow[],
	replay: FeedbackReplay,
	lastTrial: ReadonlyMap<string, string>
): FeedbackInsight[] {
	const out: FeedbackInsight[] = [];
	const recent = ordered.slice(-RECENT_FAILURE_WINDOW);
	for (const m of models) {
		const failed = recent.filter((t) => t.modelId === m.modelId && !t.completed);
		if (failed.length >= REPEATED_FAILURE_MIN) {
			out.push({
				kind: 'repeated_failure',
				modelId: m.modelId,
				message: `${idText(m.modelId)} failed ${failed.length} of the last ${plural(recent.length, 'finished trial')}${
					m.lastError ? `; latest error: ${quoteData(m.lastError)}` : ''
				}. Check its parameters and data, or try another model.`,
				trialIds: failed.map((t) => t.id)
			});
		}
	}
	const raised = new Map<string, ReplayInsight[]>();
	for (const i of replay.insights) {
		if (lastTrial.get(i.modelId) !== i.trialId) continue;
		const list = raised.get(i.modelId);
		if (list) list.push(i);
		else raised.set(i.modelId, [i]);
	}
	for (const m of models)
		out.push(...replayedInsights(m, raised.get(m.modelId) ?? [], lastTrial.get(m.modelId) ?? ''));
	for (const m of models) {
		if (m.trend?.direction !== 'declining') continue;
		out.push({
			kind: 'degradation',
			modelId: m.modelId,
			message: `${idText(m.modelId)} is declining: mean Sharpe ${fixed(m.trend.firstHalfMean, 2)} in the earlier half of its last ${plural(m.trend.n, 'completed trial')}, ${fixed(m.trend.secondHalfMean, 2)} in the later half. Review what changed.`,
			trialIds: []
		});
	}
	for (const m of models) {
		const b = m.best;
		// Beating a falling market by losing less is not promising, so the Sharpe itself must be positive too.
		if (!b || !Number.isFinite(b.buyHoldSharpe) || !(b.sharpe > b.buyHoldSharpe) || !(b.sharpe > 0)) continue;
		out.push({
			kind: 'promising',
			modelId: m.modelId,
			message: `${idText(m.modelId)}: trial ${idText(b.trialId)} reached Sharpe ${fixed(b.sharpe, 2)} against buy-and-hold ${fixed(b.buyHoldSharpe, 2)} on the same out-of-sample rows. Worth confirming on other periods or datasets.`,
			trialIds: [b.trialId]
		});
	}
	return out;
}

/**
 * Learning insights from stored trials. Only completed and failed trials count; the result depends on the
 * records alone (not on their order in the array), and an empty input gives an empty report.
 */
export function computeFeedback(trials: readonly FeedbackTrial[]): FeedbackReport {
	const finished = chronologicalRows(trials);
	const byModel = new Map<string, FeedbackRow[]>();
	for (const r of finished) {
		const list = byModel.get(r.modelId);
		if (list) list.push(r);
		else byModel.set(r.modelId, [r]);
	}
	const replay = replayRows(finished);
	const learning = new Map(replay.actions.map((a) => [a.modelId, a]));
	const lastTrial = new Map([...byModel].map(([id, list]) => [id, list[list.length - 1].id]));
	const models = [...byModel]
		.map(([id, list]) => modelFeedback(id, list, learning.get(id) as ActionLearning))
		.sort((a, b) => b.trials - a.trials || (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0));
	return {
		considered: finished.length,
		skipped: trials.length - finished.length,
		models,
		insights: insightsOf(models, finished, replay, lastTrial),
		replay
	};
}

export { feedbackLines, formatFeedback } from './feedback-format';
export {
	SENSITIVITY_MIN_TRIALS,
	TREND_MIN_SHARPE_CHANGE,
	TREND_MIN_TRIALS,
	TREND_RELATIVE_CHANGE,
	TREND_WINDOW_TRIALS,
	metricStats,
	paramSensitivity,
	sharpeTrend
} from './feedback-stats';
export type { MetricStats, ParamSensitivity, SharpeTrend, TrendDirection } from './feedback-stats';
export { replayFeedback } from './feedback-replay';
export type {
	ActionLearning,
	FeedbackReplay,
	ParamLearning,
	ReplayInsight,
	SuccessTrend
} from './feedback-replay';
export { replayRecommendations, replaySummary } from './feedback-replay-queries';
