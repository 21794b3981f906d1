/**
 * Exports of a trial: the out-of-sample series as CSV (for a spreadsheet or a notebook) and the whole record as
 * JSON (spec, provenance hash, summary, per-fold metrics), so a result can be checked outside the app.
 */
import type { FoldResultRecord, TrialRecord } from '../db/records';
import { stitchFolds, strategyOf } from '../domain/aggregate';
import { isoDate } from '../domain/series';

/** One row per out-of-sample day: date, prediction, realised target, next-day return, position, net return. */
export function trialSeriesCsv(trial: TrialRecord, results: readonly FoldResultRecord[]): string {
	const s = stitchFolds(results);
	const strat = strategyOf(s, trial.task, trial.spec.strategy);
	const lines = ['date,predicted,realised,next_day_return,position,strategy_net_return'];
	for (let i = 0; i < s.t.length; i++) {
		lines.push(
			[isoDate(s.t[i]), s.predicted[i], s.realised[i], s.nextReturn[i], strat.positions[i], strat.net[i]]
				.map(String)
				.join(',')
		);
	}
	return `${lines.join('\n')}\n`;
}

/** The trial record with per-fold metrics (typed arrays left out: they are in the CSV). */
export function trialJson(trial: TrialRecord, results: readonly FoldResultRecord[]): string {
	const folds = [...results]
		.sort((a, b) => a.fold - b.fold)
		.map((r) => ({
			fold: r.fold,
			attempt: r.attempt,
			train: { from: isoDate(r.trainStartT), to: isoDate(r.trainEndT), rows: r.nTrain },
			test: { from: isoDate(r.testStartT), to: isoDate(r.testEndT), rows: r.nTest },
			metrics: r.metrics,
			fitMs: r.fitMs,
			backend: r.backend,
			modelInfo: r.modelInfo
		}));
	// JSON has no NaN: metrics that are not available become null.
	return JSON.stringify(
		{ format: 'mltrainer-trial@2', trial, folds },
		(_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
		2
	);
}

export function download(filename: string, text: string, type: string): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
