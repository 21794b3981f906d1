/**
 * Dates of an import, read in one explicitly chosen format and always as UTC (a daily bar is stamped at
 * 00:00 UTC of its day). Nothing is guessed per row: 03/04/2020 means what the chosen format says, and a date
 * that does not exist (2023-02-30) or carries a time zone is an error, never rolled over or shifted.
 */
import { DATE_FORMATS, type DateFormat } from './types';

/** Earlier years are a typo or a spreadsheet serial number, and Date.UTC maps years below 100 to 19xx. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export type DateResult =
	{ readonly ok: true; readonly t: number } | { readonly ok: false; readonly reason: string };

const PATTERNS: Readonly<Record<DateFormat, RegExp>> = {
	'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
	'MM/DD/YYYY': /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
	'DD/MM/YYYY': /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
	YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
	'YYYY-MM-DD HH:mm:ss': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
};

const WITH_ZONE = /(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)(?:Z|[+-]\d{2}:?\d{2}|\s+[A-Z]{2,5})$/;

function parts(format: DateFormat, m: RegExpExecArray): [number, number, number, number, number, number] {
	const n = m.slice(1).map(Number);
	switch (format) {
		case 'MM/DD/YYYY':
			return [n[2], n[0], n[1], 0, 0, 0];
		case 'DD/MM/YYYY':
			return [n[2], n[1], n[0], 0, 0, 0];
		case 'YYYY-MM-DD HH:mm:ss':
			return [n[0], n[1], n[2], n[3], n[4], n[5]];
		default:
			return [n[0], n[1], n[2], 0, 0, 0];
	}
}

function why(s: string, format: DateFormat): string {
	if (WITH_ZONE.test(s))
		return `"${s}" carries a time zone; only ${format} in UTC without an offset is accepted`;
	return `"${s}" is not a date in the format ${format}`;
}

/** Parses one date cell in `format` as UTC epoch ms. */
export function parseDateCell(raw: string, format: DateFormat): DateResult {
	const s = raw.trim();
	if (s === '') return { ok: false, reason: 'the date is empty' };
	const m = PATTERNS[format].exec(s);
	if (!m) return { ok: false, reason: why(s, format) };
	const [year, month, day, hour, minute, second] = parts(format, m);
	if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: `"${s}" has an implausible year` };
	if (hour > 23 || minute > 59 || second > 59)
		return { ok: false, reason: `"${s}" is not a valid time of day` };
	const t = Date.UTC(year, month - 1, day, hour, minute, second);
	const d = new Date(t);
	// Date.UTC rolls 2023-02-30 over to March 2; a date that does not round-trip does not exist.
	if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
		return { ok: false, reason: `"${s}" is not a real calendar date` };
	}
	return { ok: true, t };
}

export interface DateFormatGuess {
	readonly format: DateFormat;
	/** Share of the non-empty samples that parse in `format`. */
	readonly share: number;
	/** True when MM/DD/YYYY and DD/MM/YYYY read every sample equally well: the user must choose. */
	readonly ambiguous: boolean;
}

/** Plausible years for guessing only: a column of eight-digit volumes must not pass for YYYYMMDD dates. */
const GUESS_MIN_YEAR = 1700;
const GUESS_MAX_YEAR = 2200;

function plausible(t: number): boolean {
	const y = new Date(t).getUTCFullYear();
	return y >= GUESS_MIN_YEAR && y <= GUESS_MAX_YEAR;
}

/** The format that reads most of `samples` (ties go to the earlier format in DATE_FORMATS). */
export function guessDateFormat(samples: readonly string[]): DateFormatGuess {
	const cells = samples.map((s) => s.trim()).filter((s) => s !== '');
	const shares = new Map<DateFormat, number>();
	for (const format of DATE_FORMATS) {
		let hits = 0;
		for (const c of cells) {
			const r = parseDateCell(c, format);
			if (r.ok && plausible(r.t)) hits++;
		}
		shares.set(format, cells.length === 0 ? 0 : hits / cells.length);
	}
	let best: DateFormat = DATE_FORMATS[0];
	for (const format of DATE_FORMATS) if (shares.get(format)! > shares.get(best)!) best = format;
	const us = shares.get('MM/DD/YYYY')!;
	const ambiguous =
		us > 0 && us === shares.get('DD/MM/YYYY') && (best === 'MM/DD/YYYY' || best === 'DD/MM/YYYY');
	return { format: best, share: shares.get(best)!, ambiguous };
}

/**
 * True when a slash format was chosen and every date has a day of month ≤ 12: read the other way round, each
 * would still be a valid date, so nothing in the file confirms the choice.
 */
export function slashFormatUnconfirmed(format: DateFormat, t: Float64Array): boolean {
	if (format !== 'MM/DD/YYYY' && format !== 'DD/MM/YYYY') return false;
	if (t.length === 0) return false;
	for (let i = 0; i < t.length; i++) if (new Date(t[i]).getUTCDate() > 12) return false;
	return true;
}
