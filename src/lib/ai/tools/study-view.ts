/**
 * get_study_results: one stored study as Claude reads it — its size beside its best score, the Deflated Sharpe
 * Ratio with the luck label, the PBO, and the best trials with the protocol. Every number is read from the
 * stored record and only rounded; a number the study could not compute is null with its reason.
 */
import { searchedDepth } from '../../research/study/feature-search';
import type { StudyRecord } from '../../db/study-records';
import { holdoutView } from '../../research/study/holdout';
import { bestOf } from '../../research/study/plan';
import { LUCK_LABEL, LUCK_THRESHOLD } from '../../research/study/report';
import { failure, num, answer, type ToolResult } from './format';
import { dataText } from './text';

const MAX_ID_CHARS = 64;
const MAX_NOTE_CHARS = 200;
/** Trials listed, best first. */
const TOP_TRIALS = 5;

export function studyView(s: StudyRecord): Record<string, unknown> {
	const dir = s.spec.objective.direction;
	const best = bestOf(s.trials, dir);
	const complete = s.trials.filter(
		(t) => t.state === 'complete' && t.value !== null && Number.isFinite(t.value)
	);
	const top = [...complete]
		.sort(
			(a, b) =>
				((a.value as number) - (b.value as number)) * (dir === 'maximize' ? -1 : 1) || a.number - b.number
		)
		.slice(0, TOP_TRIALS);
	const v = s.spec.base.validation;
	const r = s.report;
	const h = holdoutView(s, 4);
	return {
		study_id: dataText(s.id, MAX_ID_CHARS),
		name: dataText(s.spec.name, MAX_ID_CHARS),
		model: s.spec.base.model.id,
		dataset: { id: dataText(s.data.datasetId, MAX_ID_CHARS), version: s.data.version },
		status: s.status,
		stop_reason: s.stopReason ? dataText(s.stopReason, MAX_NOTE_CHARS) : null,
		// An imported study's sampler is not known; a procedure's is the one it set.
		sampler: s.origin ? 'unknown (imported from an Optuna CSV)' : s.spec.sampler,
		...(s.procedure
			? { procedure: { id: s.procedure.id, params: s.procedure.params, notes: s.procedure.notes } }
			: {}),
		...(s.origin
			? {
					imported: {
						from: 'an Optuna trials_dataframe CSV',
						file: dataText(s.origin.fileName, MAX_ID_CHARS),
						note: 'observations only: its trials have no trial record, folds or returns here; the protocol is the base trial’s, not necessarily the one the values came from'
					}
				}
			: {}),
		objective: { metric: s.spec.objective.metric, direction: dir },
		searched: Object.keys(s.spec.search),
		...(s.spec.featureSearch
			? {
					feature_search: `generated feature sets (features.* parameters) up to depth ${searchedDepth(s.spec.featureSearch.maxDepth)}; columns correlated beyond ${(1 - s.spec.featureSearch.selection).toFixed(2)} dropped per fold`
				}
			: {}),
		trials: {
			sampled: s.trials.length,
			budget: s.spec.budget.trials,
			complete: s.trials.filter((t) => t.state === 'complete').length,
			pruned: s.trials.filter((t) => t.state === 'pruned').length,
			failed: s.trials.filter((t) => t.state === 'failed').length,
			running: s.trials.filter((t) => t.state === 'running').length
		},
		protocol: s.origin
			? `not known (imported); the base trial's is ${v.mode} walk-forward, train ${v.trainLength}, test ${v.testLength}, step ${v.step}, embargo ${v.embargo} rows`
			: `${v.mode} walk-forward, train ${v.trainLength}, test ${v.testLength}, step ${v.step}, embargo ${v.embargo} rows; costs ${s.spec.base.strategy.costBps} bps; target ${s.spec.base.target.kind} h=${s.spec.base.target.horizon}${s.spec.holdout ? `; search tests and targets end before the holdout from ${s.spec.holdout.from}` : ''}`,
		best: best
			? { number: best.number + 1, trial_id: best.trialId, value: num(best.value), params: best.params }
			: null,
		deflated_sharpe: !r
			? { value: null, note: 'computed when the study finishes' }
			: r.dsr.ok
				? {
						value: num(r.dsr.dsr),
						of_trial: r.bestNumber === null ? null : r.bestNumber + 1,
						trials_counted: r.dsr.trials,
						threshold: LUCK_THRESHOLD,
						verdict: r.dsr.distinguishable
							? 'distinguishable from luck'
							: `${LUCK_LABEL}: do not present it as an edge`,
						psr_without_trial_count: num(r.dsr.psr0),
						daily_sharpe: num(r.dsr.sharpe),
						expected_max_daily_sharpe_of_luck: num(r.dsr.expectedMaxSharpe)
					}
				: { value: null, note: dataText(r.dsr.reason, MAX_NOTE_CHARS) },
		probability_of_backtest_overfitting: !r
			? { value: null, note: 'computed when the study finishes' }
			: r.pbo.ok
				? {
						value: num(r.pbo.pbo),
						probability_of_loss: num(r.pbo.probabilityOfLoss),
						splits: r.pbo.splits,
						blocks: r.pbo.blocks
					}
				: { value: null, note: dataText(r.pbo.reason, MAX_NOTE_CHARS) },
		// Scored once, after the search, on dates no search trial saw: the honest estimate of the best trial.
		holdout: h
			? {
					from: h.from,
					state: h.state,
					value: num(h.holdout),
					search_best_value: num(h.searchBest),
					of_trial: h.number === null ? null : h.number + 1,
					trial_id: h.trialId,
					summary: dataText(h.line, MAX_NOTE_CHARS)
				}
			: null,
		top_trials: top.map((t) => ({
			number: t.number + 1,
			trial_id: t.trialId,
			value: num(t.value),
			params: t.params
		}))
	};
}

export function getStudyResults(id: string, studies: readonly StudyRecord[]): ToolResult {
	const s = studies.find((x) => x.id === id);
	if (!s)
		return failure(`no stored study has the id ${JSON.stringify(dataText(id, MAX_ID_CHARS))}`, {
			study_count: studies.length,
			recent_ids: studies.slice(0, 10).map((x) => dataText(x.id, MAX_ID_CHARS))
		});
	return answer(studyView(s));
}
