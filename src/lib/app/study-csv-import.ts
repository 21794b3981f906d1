/**
 * Reading an Optuna `study.trials_dataframe()` CSV (as pandas writes it, and as app/study-export.ts studyCsv
 * writes it) back into study trials. Two passes, because the file names no model: `readOptunaCsv` checks the
 * file's structure, numbers, states and times; `optunaTrialsFor` then maps its `params_<name>` columns onto a
 * catalog model's parameters (the base trial's model, chosen by the user), refusing unknown or unsearchable
 * parameters and out-of-range values. Every problem names its row (as a spreadsheet numbers it: the header is
 * row 1) and its column. Pure: no storage.
 *
 * Columns read: number, value, datetime_start, datetime_complete, params_*, user_attrs_note, state. Every other
 * column (duration, other user_attrs_*, system_attrs_*, a pandas index column) is listed as ignored. Times are
 * read as UTC (pandas writes them without a zone; this app's export writes UTC).
 */
import Papa from 'papaparse';
import { getEntry } from '../catalog/catalog';
import type { ParamSpec } from '../catalog/params';
import type { StudyTrial } from '../db/study-records';
import { MAX_STUDY_TRIALS } from '../research/study/spec';
import { dimensionOf, type ParamValue } from '../research/study/space';

/** A study here holds at most this many trials; a larger file is refused rather than cut. */
export const MAX_CSV_TRIALS = MAX_STUDY_TRIALS;
/** A CSV of 500 trials is well under a megabyte; refuse anything far larger before parsing it. */
export const MAX_CSV_CHARS = 5_000_000;
/** Problems listed before the rest are only counted. */
export const MAX_CSV_ISSUES = 20;

export interface CsvIssue {
	/** Spreadsheet row (header = 1, first trial = 2); null for the file as a whole. */
	readonly row: number | null;
	/** The column at fault; null when the whole row or file is. */
	readonly column: string | null;
	readonly message: string;
}

/** One trial as the file gives it: parameters still as text (their types come from the model). */
export interface CsvTrial {
	readonly row: number;
	readonly number: number;
	readonly state: StudyTrial['state'];
	readonly value: number | null;
	readonly createdAt: number | null;
	readonly finishedAt: number | null;
	readonly note: string | null;
	/** Non-empty parameter cells by parameter name (without `params_`). */
	readonly params: Readonly<Record<string, string>>;
}

export interface OptunaCsv {
	readonly trials: readonly CsvTrial[];
	/** Parameter names (without `params_`) of the columns with at least one value, in file order. */
	readonly paramNames: readonly string[];
	readonly ignoredColumns: readonly string[];
}

export type CsvResult<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly CsvIssue[] };

const STATE_OF: Readonly<Record<string, StudyTrial['state']>> = {
	COMPLETE: 'complete',
	PRUNED: 'pruned',
	FAIL: 'failed',
	RUNNING: 'running'
};

/** Spreadsheet-safe text (export.ts csvCell) put a quote before a leading =, +, -, @, tab or CR: take it off. */
function unguard(cell: string): string {
	return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** pandas' Timestamp text ("2026-12-05 04:33:42.123000") or ISO 8601, read as UTC; NaN when neither. */
export function parsePandasTimestamp(text: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]00:?00)?$/.exec(text);
	if (!m) return Number.NaN;
	const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
	const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
	// Date.UTC rolls 2026-02-31 over into March: refuse dates that do not exist.
	return new Date(t).getUTCDate() === +m[3] ? t : Number.NaN;
}

class Issues {
	readonly list: CsvIssue[] = [];
	#more = 0;
	add(row: number | null, column: string | null, message: string): void {
		if (this.list.length < MAX_CSV_ISSUES) this.list.push({ row, column, message });
		else this.#more++;
	}
	done(): CsvIssue[] {
		return this.#more > 0
			? [...this.list, { row: null, column: null, message: `and ${this.#more} more problems` }]
			: this.list;
	}
}

/** The file's trials with their numbers, states, values and times checked; parameters still as text. */
export function readOptunaCsv(text: string): CsvResult<OptunaCsv> {
	const fail = (message: string): CsvResult<OptunaCsv> => ({
		ok: false,
		issues: [{ row: null, column: null, message }]
	});
	if (text.length > MAX_CSV_CHARS)
		return fail(`the file is larger than ${MAX_CSV_CHARS.toLocaleString('en-US')} characters`);
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		header: false,
		delimiter: ',',
		skipEmptyLines: 'greedy'
	});
	// A quote left open swallows the rest of the file into one cell: say where it starts rather than misread it.
	const quote = parsed.errors.find((e) => e.type === 'Quotes');
	if (quote)
		return {
			ok: false,
			issues: [
				{ row: (quote.row ?? 0) + 1, column: null, message: 'a quoted cell is never closed (a missing ")' }
			]
		};
	const [header, ...rows] = parsed.data;
	if (!header || header.length < 2) return fail('the file has no header row of trials_dataframe columns');
	const col = (name: string) => header.indexOf(name);
	if (header.some((h) => /^values_\d+$/.test(h)))
		return fail(
			'the file is of a multi-objective study (values_0, values_1…): a study here has one objective'
		);
	for (const required of ['number', 'value', 'state'])
		if (col(required) < 0) return fail(`the header has no "${required}" column`);
	const dup = header.find((h, i) => h !== '' && header.indexOf(h) !== i);
	if (dup !== undefined) return fail(`the header names column "${dup}" twice`);
	if (rows.length === 0) return fail('the file has no trial rows');
	if (rows.length > MAX_CSV_TRIALS)
		return fail(`the file has ${rows.length} trials; a study here holds at most ${MAX_CSV_TRIALS}`);

	const read = new Set([
		'number',
		'value',
		'datetime_start',
		'datetime_complete',
		'user_attrs_note',
		'state'
	]);
	const paramCols = header.flatMap((h, i) => (h.startsWith('params_') && h.length > 7 ? [i] : []));
	const ignoredColumns = header
		.filter((h) => !read.has(h) && !(h.startsWith('params_') && h.length > 7))
		.map((h) => (h === '' ? '(unnamed index column)' : h));
	const issues = new Issues();
	const seen = new Map<number, number>();
	const trials: CsvTrial[] = [];
	rows.forEach((cells, i) => {
		const row = i + 2;
		if (cells.length !== header.length) {
			issues.add(row, null, `has ${cells.length} cells; the header has ${header.length}`);
			return;
		}
		const cell = (name: string) => (col(name) < 0 ? '' : cells[col(name)].trim());
		const number = Number(cell('number'));
		if (cell('number') === '' || !Number.isInteger(number) || number < 0) {
			issues.add(row, 'number', `"${cell('number')}" is not a trial number (a whole number from 0)`);
			return;
		}
		if (seen.has(number)) issues.add(row, 'number', `trial ${number} is also on row ${seen.get(number)}`);
		seen.set(number, row);
		const stateText = cell('state').replace(/^TrialState\./, '');
		const state = STATE_OF[stateText];
		if (!state)
			issues.add(
				row,
				'state',
				`"${cell('state')}" is not a trial state: COMPLETE, PRUNED, FAIL or RUNNING${stateText === 'WAITING' ? ' (a WAITING trial never ran: leave it out)' : ''}`
			);
		const valueText = cell('value');
		let value: number | null = null;
		if (valueText !== '' && !/^nan$/i.test(valueText)) {
			value = Number(valueText);
			if (!Number.isFinite(value)) {
				issues.add(row, 'value', `"${valueText}" is not a finite number (leave it empty when there is none)`);
				value = null;
			}
		}
		const time = (name: string): number | null => {
			const t = cell(name);
			if (t === '' || t === 'NaT') return null;
			const ms = parsePandasTimestamp(t);
			if (Number.isNaN(ms))
				issues.add(row, name, `"${t}" is not a date and time like 2026-12-05 04:33:42.123000`);
			return Number.isNaN(ms) ? null : ms;
		};
		const createdAt = time('datetime_start');
		const finishedAt = time('datetime_complete');
		const params: Record<string, string> = {};
		for (const c of paramCols) {
			const v = cells[c].trim();
			if (v !== '' && !/^nan$/i.test(v)) params[header[c].slice(7)] = v;
		}
		const noteIndex = col('user_attrs_note');
		const note = noteIndex < 0 || cells[noteIndex] === '' ? null : unguard(cells[noteIndex]);
		if (state) trials.push({ row, number, state, value, createdAt, finishedAt, note, params });
	});
	if (issues.list.length > 0) return { ok: false, issues: issues.done() };
	const used = new Set(trials.flatMap((t) => Object.keys(t.params)));
	const paramNames = paramCols.map((c) => header[c].slice(7)).filter((n) => used.has(n));
	const empty = paramCols.map((c) => header[c]).filter((h) => !used.has(h.slice(7)));
	if (paramNames.length === 0)
		return fail('the file has no params_ column with a value: nothing was searched');
	trials.sort((a, b) => a.number - b.number);
	return { ok: true, value: { trials, paramNames, ignoredColumns: [...ignoredColumns, ...empty] } };
}

/** One parameter cell as the catalog type of `spec`, or the problem in words. */
function paramOf(spec: ParamSpec, text: string): { value: ParamValue } | { problem: string } {
	const t = unguard(text);
	switch (spec.type) {
		case 'int':
		case 'float': {
			const v = Number(t);
			if (t === '' || !Number.isFinite(v)) return { problem: `"${t}" is not a number` };
			// pandas writes a whole-number column with gaps as floats ("3.0"): the value is what counts.
			if (spec.type === 'int' && !Number.isInteger(v)) return { problem: `${t} is not a whole number` };
			if (v < spec.min || v > spec.max)
				return { problem: `${t} is outside the range [${spec.min}, ${spec.max}]` };
			return { value: v };
		}
		case 'bool':
			if (/^true$/i.test(t)) return { value: true };
			if (/^false$/i.test(t)) return { value: false };
			return { problem: `"${t}" is not True or False` };
		case 'enum':
			return spec.choices.includes(t)
				? { value: t }
				: { problem: `"${t}" is not one of ${spec.choices.join(', ')}` };
		default:
			return { problem: 'a list parameter, which a study cannot search' };
	}
}

/**
 * A file's trials as trials of `modelId`: every `params_` column a searchable catalog parameter of it, every
 * value inside its catalog range. A trial without a start time gets `now` (the time it came in).
 */
export function optunaTrialsFor(
	csv: OptunaCsv,
	modelId: string,
	now: number
): CsvResult<Omit<StudyTrial, 'trialId'>[]> {
	const entry = getEntry(modelId);
	if (!entry)
		return { ok: false, issues: [{ row: null, column: null, message: `${modelId} is not a catalog model` }] };
	const issues = new Issues();
	for (const name of csv.paramNames) {
		const spec = entry.params[name];
		if (!spec) issues.add(1, `params_${name}`, `${name} is not a parameter of ${modelId}`);
		else if (!dimensionOf(name, spec))
			issues.add(
				1,
				`params_${name}`,
				`${name} is a list parameter of ${modelId}, which a study cannot search`
			);
	}
	if (issues.list.length > 0) return { ok: false, issues: issues.done() };
	const trials = csv.trials.map((t) => {
		const params: Record<string, ParamValue> = {};
		for (const [name, text] of Object.entries(t.params)) {
			const r = paramOf(entry.params[name], text);
			if ('problem' in r) issues.add(t.row, `params_${name}`, `${modelId}.${name}: ${r.problem}`);
			else params[name] = r.value;
		}
		return {
			number: t.number,
			params,
			state: t.state,
			value: t.value,
			intermediate: [],
			note: t.note,
			createdAt: t.createdAt ?? now,
			finishedAt: t.finishedAt
		};
	});
	return issues.list.length > 0 ? { ok: false, issues: issues.done() } : { ok: true, value: trials };
}

/** An issue as one line: "row 4, params_alpha: …". */
export function csvIssueText(i: CsvIssue): string {
	const where = [i.row === null ? null : `row ${i.row}`, i.column].filter((x) => x !== null).join(', ');
	return where ? `${where}: ${i.message}` : i.message;
}

/** Of `modelIds`, those whose catalog parameters take every trial of the file (the base trials it can go with). */
export function modelsAccepting(csv: OptunaCsv, modelIds: Iterable<string>): Set<string> {
	const out = new Set<string>();
	for (const id of new Set(modelIds)) if (optunaTrialsFor(csv, id, 0).ok) out.add(id);
	return out;
}

/** How many trials of each state the file holds, for the page's summary. */
export function stateCounts(csv: OptunaCsv): Record<StudyTrial['state'], number> {
	const counts = { complete: 0, pruned: 0, failed: 0, running: 0 };
	for (const t of csv.trials) counts[t.state]++;
	return counts;
}
