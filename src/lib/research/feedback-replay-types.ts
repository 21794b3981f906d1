/**
 * Shapes of the original's feedback state as replayed by feedback-replay.ts (original-system.md §3.9).
 */
import type { TrialRecord } from '../db/records';

export type ParamValue = TrialRecord['spec']['model']['params'][string];
export type ParamsRecord = TrialRecord['spec']['model']['params'];

export type SuccessTrendDirection = 'improving' | 'declining' | 'stable';

export interface SuccessTrend {
	readonly direction: SuccessTrendDirection;
	/** The model's trials among the last 20 finished when it was last fed back (0 when fewer than 5). */
	readonly n: number;
	readonly firstHalf: { readonly successes: number; readonly n: number };
	readonly secondHalf: { readonly successes: number; readonly n: number };
}

/** One parameter set's EMA score (§3.9 step 1). */
export interface ParamSetScore {
	readonly params: ParamsRecord;
	readonly ema: number;
	/** Trials run with exactly these params. */
	readonly runs: number;
}

/** §3.9 step 2 for one parameter of one model. */
export interface ParamLearning {
	readonly param: string;
	/** Recorded values (every finished trial that set it). */
	readonly n: number;
	/** Over numeric values only (the original's Python min/max fails on mixed types); null when none. */
	readonly min: number | null;
	readonly max: number | null;
	readonly distinctValues: number;
	/** The value of the first trial with the highest performance; undefined until n ≥ 5. */
	readonly optimal: ParamValue | undefined;
	/** std/mean of the performances (population std); 0 when the mean ≤ 0; null until n ≥ 5 and 2+ values. */
	readonly sensitivity: number | null;
}

export interface ActionLearning {
	readonly modelId: string;
	readonly totalExecutions: number;
	/** Running mean of the outcome values. */
	readonly successRate: number;
	/** Mean of finishedAt − startedAt over trials with both (ms); NaN when none. */
	readonly avgExecutionMs: number;
	readonly timedExecutions: number;
	/** Best EMA first (ties: more runs, then the params' sorted-key JSON). */
	readonly parameterPerformance: readonly ParamSetScore[];
	readonly bestParameters: ParamsRecord | null;
	readonly bestParametersTrialId: string | null;
	readonly recentTrend: SuccessTrend;
	readonly params: readonly ParamLearning[];
	/** Trials whose primary metric was absent (failed, or Sharpe not computable) and counted as 0, as the
	 * original's `performance_metrics.get("primary_metric", 0.0)` does. */
	readonly performanceDefaulted: number;
}

export type ReplayInsightKind = 'repeated_failure' | 'performance_degradation' | 'parameter_sensitivity';

export interface ReplayInsight {
	readonly kind: ReplayInsightKind;
	readonly modelId: string;
	/** The trial whose feedback raised it, and when it finished. */
	readonly trialId: string;
	readonly at: number;
	/** The original's message and recommendation, verbatim but for the names (it had no recommendation for
	 * parameter_sensitivity, only the optimal values). */
	readonly message: string;
	readonly recommendation: string | null;
	readonly failures?: number;
	readonly currentSuccessRate?: number;
	readonly sensitive?: readonly { param: string; sensitivity: number; optimal: ParamValue | undefined }[];
}

export interface FeedbackReplay {
	readonly actions: readonly ActionLearning[];
	/** Every insight the original would have appended, oldest first (it raises them again at every feedback). */
	readonly insights: readonly ReplayInsight[];
}
