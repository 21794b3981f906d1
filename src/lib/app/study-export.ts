/**
 * Exports of a study: Optuna's `study.trials_dataframe()` as CSV (the columns and formats pandas writes, so a
 * notebook or optuna-dashboard user reads it as they would their own) and the whole record as JSON.
 */
import { studyRecordSchema, type StudyRecord, type StudyTrial } from '../db/study-records';
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

/** A study file is at most this large (a 500-trial study exports to about 0.5 MB). */
export const MAX_STUDY_FILE_CHARS = 5_000_000;

export type StudyImport = { ok: true; study: StudyRecord } | { ok: false; reason: string };

/** JSON has no NaN: the export wrote unavailable numbers as null; put them back where the schema wants numbers. */
function nullsToNaN(value: unknown, key = ''): unknown {
	if (Array.isArray(value)) return value.map((v) => nullsToNaN(v, key));
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullsToNaN(v, k)]));
	// Only numeric fields can have been NaN; nullable fields of other kinds are left alone by name.
	return value === null && NAN_FIELDS.has(key) ? Number.NaN : value;
}

/** Fields that hold a number that may be "not available" (NaN) in a study record. */
const NAN_FIELDS = new Set([
	'intermediate',
	'dsr',
	'psr0',
	'sharpe',
	'expectedMaxSharpe',
	'skew',
	'kurtosis',
	'sharpeVariance',
	'pbo',
	'probabilityOfLoss',
	'degradationSlope',
	'logits'
]);

/**
 * Reads a study exported by studyJson: the format tag, then the whole record checked by its schema. A study that
 * was still running when exported comes in stopped (its trials are not in this workspace to finish).
 */
export function parseStudyJson(text: string): StudyImport {
	if (text.length > MAX_STUDY_FILE_CHARS)
		return {
			ok: false,
			reason: `the file is larger than ${MAX_STUDY_FILE_CHARS.toLocaleString('en-US')} characters`
		};
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return { ok: false, reason: 'the file is not JSON' };
	}
	if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== 'mltrainer-study@1')
		return { ok: false, reason: 'the file is not a study exported by mlTrainer (format mltrainer-study@1)' };
	const parsed = studyRecordSchema.safeParse(nullsToNaN((raw as { study?: unknown }).study));
	if (!parsed.success) {
		const i = parsed.error.issues[0];
		return {
			ok: false,
			reason: `the study in the file is not valid: ${i.path.join('.') || 'study'}: ${i.message}`
		};
	}
	const read = parsed.data;
	// Its holdout trial cannot finish here either.
	const s =
		read.holdout?.state === 'running'
			? {
					...read,
					holdout: { ...read.holdout, state: 'failed' as const, note: 'imported while it was running' }
				}
			: read;
	return {
		ok: true,
		study:
			s.status === 'running'
				? {
						...s,
						status: 'stopped',
						stopReason: 'imported while it was running',
						leaseUntil: 0,
						leaseOwner: ''
					}
				: { ...s, leaseUntil: 0, leaseOwner: '' }
	};
}
