/**
 * The original's queries on its feedback state (original-system.md §3.9, line 644: get_recommendations and
 * get_learning_summary), on the replayed state of feedback-replay.ts.
 */
import type {
	FeedbackReplay,
	ParamValue,
	ReplayInsight,
	ReplayInsightKind,
	SuccessTrendDirection
} from './feedback-replay';

/** §3.9 queries (line 644): `get_recommendations(action)`. */
export interface ReplayRecommendations {
	readonly modelId: string;
	/** best_parameters overlaid with the optimal values (the original mutated its stored best parameters
	 * doing this; we copy). */
	readonly recommendedParameters: Readonly<Record<string, ParamValue>>;
	readonly warnings: readonly string[];
	/** The model's insights among the last 10 raised (for any model). */
	readonly insights: readonly ReplayInsight[];
}

export const LOW_SUCCESS_RATE = 0.5;
const RECOMMENDATION_INSIGHTS = 10;

/** Python's `f"{x:.2%}"`. */
function percent(x: number): string {
	return `${(x * 100).toFixed(2)}%`;
}

export function replayRecommendations(replay: FeedbackReplay, modelId: string): ReplayRecommendations {
	const a = replay.actions.find((x) => x.modelId === modelId);
	if (!a) return { modelId, recommendedParameters: {}, warnings: [], insights: [] };
	const recommendedParameters: Record<string, ParamValue> = { ...(a.bestParameters ?? {}) };
	for (const p of a.params) if (p.optimal !== undefined) recommendedParameters[p.param] = p.optimal;
	const warnings: string[] = [];
	if (a.successRate < LOW_SUCCESS_RATE)
		warnings.push(`Low success rate (${percent(a.successRate)}) for ${modelId}`);
	if (a.recentTrend.direction === 'declining') warnings.push(`Performance is declining for ${modelId}`);
	const insights = replay.insights.slice(-RECOMMENDATION_INSIGHTS).filter((i) => i.modelId === modelId);
	return { modelId, recommendedParameters, warnings, insights };
}

/** §3.9 queries: `get_learning_summary()`. */
export interface ReplaySummary {
	readonly totalTrials: number;
	readonly totalInsights: number;
	readonly insightsByType: Readonly<Record<ReplayInsightKind, number>>;
	/** The 5 models with the highest success rate (ties: model id). */
	readonly topActions: readonly { modelId: string; successRate: number; executions: number }[];
	/** Success rate below 50 % or a declining trend. */
	readonly needingAttention: readonly {
		modelId: string;
		successRate: number;
		trend: SuccessTrendDirection;
		issue: 'low_success' | 'declining_performance';
	}[];
}

const TOP_ACTIONS = 5;

export function replaySummary(replay: FeedbackReplay): ReplaySummary {
	const insightsByType = { repeated_failure: 0, performance_degradation: 0, parameter_sensitivity: 0 };
	for (const i of replay.insights) insightsByType[i.kind]++;
	const topActions = [...replay.actions]
		.sort((x, y) => y.successRate - x.successRate || (x.modelId < y.modelId ? -1 : 1))
		.slice(0, TOP_ACTIONS)
		.map((a) => ({ modelId: a.modelId, successRate: a.successRate, executions: a.totalExecutions }));
	const needingAttention = replay.actions
		.filter((a) => a.successRate < LOW_SUCCESS_RATE || a.recentTrend.direction === 'declining')
		.map((a) => ({
			modelId: a.modelId,
			successRate: a.successRate,
			trend: a.recentTrend.direction,
			issue: a.successRate < LOW_SUCCESS_RATE ? ('low_success' as const) : ('declining_performance' as const)
		}));
	return {
		totalTrials: replay.actions.reduce((n, a) => n + a.totalExecutions, 0),
		totalInsights: replay.insights.length,
		insightsByType,
		topActions,
		needingAttention
	};
}
