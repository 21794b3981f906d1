/**
 * Exports of a study: Optuna's `study.trials_dataframe()` as CSV (the columns and formats pandas writes, so a
 * notebook or optuna-dashboard user reads it as they would their own) and the whole record as JSON.
 */
import type { StudyRecord, StudyTrial } from '../db/study-records';
import { csvText } from './export';

const OPTUNA_STATE: Readonly<Record<StudyTrial['state'], string>> = {
	complete: 'COMPLETE',
	pruned: 'PRUNED',
	failed: 'FAIL',
	running: 'RUNNING'
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** pandas' Timestamp text: "2026-12-05 04:33:42.123000". */
export function pandasTimestamp(ms: number): string {
	const d = new Date(ms);
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`
	);
}

/** pandas' Timedelta text: "0 days 00:01:02.500000". */
export function pandasTimedelta(ms: number): string {
	const days = Math.floor(ms / 86_400_000);
	let rest = ms - days * 86_400_000;
	const h = Math.floor(rest / 3_600_000);
	rest -= h * 3_600_000;
	const m = Math.floor(rest / 60_000);
	rest -= m * 60_000;
	const s = Math.floor(rest / 1_000);
	const msPart = Math.round(rest - s * 1_000);
	return `${days} days ${pad(h)}:${pad(m)}:${pad(s)}.${pad(msPart, 3)}000`;
}

function paramCell(v: unknown): string | number | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number') return v;
	if (typeof v === 'boolean') return v ? 'True' : 'False';
	return String(v);
}

/**
 * number, value, datetime_start, datetime_complete, duration, params_<name> (alphabetical, as Optuna), then
 * user_attrs_note and user_attrs_trial_id, then state. Values in the objective's own units; an objective that
 * is not available is an empty cell.
 */
export function studyCsv(study: StudyRecord): string {
	const names = [...new Set(study.trials.flatMap((t) => Object.keys(t.params)))].sort();
	const header = [
		'number',
		'value',
		'datetime_start',
		'datetime_complete',
		'duration',
		...names.map((n) => `params_${n}`),
		'user_attrs_note',
		'user_attrs_trial_id',
		'state'
	];
	const rows = study.trials.map((t) => [
		t.number,
		t.value !== null && Number.isFinite(t.value) ? t.value : null,
		pandasTimestamp(t.createdAt),
		t.finishedAt === null ? null : pandasTimestamp(t.finishedAt),
		t.finishedAt === null ? null : pandasTimedelta(t.finishedAt - t.createdAt),
		...names.map((n) => paramCell(t.params[n])),
		t.note,
		t.trialId,
		OPTUNA_STATE[t.state]
	]);
	return csvText([header, ...rows]);
}

/** The study record as JSON (NaN as null), with a format tag for a later import. */
export function studyJson(study: StudyRecord): string {
	return JSON.stringify(
		{ format: 'mltrainer-study@1', study },
		(_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
		2
	);
}
