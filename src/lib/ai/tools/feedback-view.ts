/**
 * get_feedback: what the feedback manager says of the stored trials (research/feedback.ts, leaderboard.ts), as
 * Claude reads it. Every number comes from a stored trial and is only rounded; names and errors are data.
 */
import type { TrialRecord } from '../../db/records';
import { computeFeedback } from '../../research/feedback';
import { leaderboard, protocolText, type LeaderboardMetric } from '../../research/leaderboard';
import { fitList, num, type ToolResult } from './format';
import { dataText } from './text';

const MAX_ID_CHARS = 64;
const MAX_TEXT_CHARS = 300;

export function getFeedback(metric: LeaderboardMetric, trials: readonly TrialRecord[]): ToolResult {
	const report = computeFeedback(trials);
	const board = leaderboard(trials, { metric, perCell: 1 });
	const cells = board.cells.map((c) => ({
		model: c.modelId,
		dataset: dataText(c.dataset, MAX_ID_CHARS),
		best: num(c.best[0]?.value),
		best_trial_id: dataText(c.best[0]?.trialId ?? '', MAX_ID_CHARS),
		trials_in_cell: c.trials,
		completed: c.completed,
		failed: c.failed,
		protocol: c.best[0] ? protocolText(c.best[0].protocol) : null
	}));
	const { content } = fitList(cells, (shown, total) => ({
		finished_trials: report.considered,
		not_counted: report.skipped,
		insights: report.insights.map((i) => ({
			kind: i.kind,
			model: i.modelId,
			message: dataText(i.message, MAX_TEXT_CHARS)
		})),
		leaderboard: {
			metric,
			label: board.label,
			better: board.direction === 'max' ? 'higher' : 'lower',
			cells: shown,
			cells_total: total
		},
		models: report.models.map((m) => ({
			model: m.modelId,
			finished: m.trials,
			failed: m.failures,
			success_rate: num(m.successRate),
			median_sharpe: num(m.sharpe.median),
			median_ic: num(m.ic.median),
			sharpe_trend: m.trend?.direction ?? null
		})),
		note: 'A best score out of many trials is partly luck: discount it by trials_in_cell (a study reports the exact Deflated Sharpe Ratio). null means not available.'
	}));
	return { content, isError: false };
}
