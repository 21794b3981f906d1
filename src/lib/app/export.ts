/**
 * Exports of a trial: the out-of-sample series as CSV (for a spreadsheet or a notebook) and the whole record as
 * JSON (spec, provenance hash, summary, per-fold metrics), so a result can be checked outside the app.
 */
import type { FoldResultRecord, TrialRecord } from '../db/records';
import { stitchFolds, strategyOf } from '../domain/aggregate';
import { isoDate } from '../domain/series';

/** Characters that make a spreadsheet read a text cell as a formula (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Cells that need quoting in RFC 4180 CSV. */
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * One CSV cell. Numbers stay numbers ("-0.5" must still be a number in the spreadsheet); text that starts like a
 * formula gets a leading apostrophe so no spreadsheet runs it, and text with a delimiter, quote or line break
 * is quoted. Every CSV this app writes goes through here.
 */
export function csvCell(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return String(value);
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells → CSV text with a final line break. */
export function csvText(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

/** One row per out-of-sample day: date, prediction, realised target, next-day return, position, net return. */
export function trialSeriesCsv(trial: TrialRecord, results: readonly FoldResultRecord[]): string {
	const s = stitchFolds(results);
	const strat = strategyOf(s, trial.task, trial.spec.strategy);
	// The task's second value per row, named for what it is (domain/task-metrics.ts).
	const auxName = trial.task === 'volatility_forecast' ? 'baseline_variance' : 'regime_position';
	const rows: (string | number)[][] = [
		[
			'date',
			'predicted',
			'realised',
			'next_day_return',
			'position',
			'strategy_net_return',
			...(s.aux ? [auxName] : [])
		]
	];
	for (let i = 0; i < s.t.length; i++) {
		rows.push([
			isoDate(s.t[i]),
			s.predicted[i],
			s.realised[i],
			s.nextReturn[i],
			strat.positions[i],
			strat.net[i],
			...(s.aux ? [s.aux[i]] : [])
		]);
	}
	return csvText(rows);
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
