/**
 * Dates of an import, read in one explicitly chosen format and always as UTC (a daily bar is stamped at
 * 00:00 UTC of its day). Nothing is guessed per row: 03/04/2020 means what the chosen format says, and a date
 * that does not exist (2023-02-30) is an error, never rolled over. A time zone is accepted only in the ISO 8601
 * format that spells it out (`Z` or `±HH:mm`); the instant is converted to UTC and the zone is returned, so the
 * import reports it.
 */
import { DATE_FORMATS, type DateFormat } from './types';

/** Earlier years are a typo or a spreadsheet serial number, and Date.UTC maps years below 100 to 19xx. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export type DateResult =
	| { readonly ok: true; readonly t: number; readonly zone?: string }
	| { readonly ok: false; readonly reason: string };

const ISO_ZONED: DateFormat = 'YYYY-MM-DDTHH:mm:ss±HH:mm';
/** Offsets real places use run from -12:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

const PATTERNS: Readonly<Record<DateFormat, RegExp>> = {
	'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
	'MM/DD/YYYY': /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
	'DD/MM/YYYY': /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
	YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
	'YYYY-MM-DD HH:mm:ss': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
	// Seconds optional, milliseconds kept (more digits would be dropped, so they are not accepted).
	'YYYY-MM-DDTHH:mm:ss±HH:mm':
		/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/
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
		case 'YYYY-MM-DDTHH:mm:ss±HH:mm':
			return [n[0], n[1], n[2], n[3], n[4], m[6] === undefined ? 0 : n[5]];
		default:
			return [n[0], n[1], n[2], 0, 0, 0];
	}
}

function why(s: string, format: DateFormat): string {
	if (format !== ISO_ZONED && WITH_ZONE.test(s))
		return `"${s}" carries a time zone; choose the format ${ISO_ZONED} (ISO 8601 with Z or an offset) to convert it to UTC`;
	return `"${s}" is not a date in the format ${format}`;
}

/** "Z", "+01:00", "-0500", "+09" → minutes east of UTC, and the zone as written with a colon. */
function offsetOf(zone: string): { minutes: number; label: string } | null {
	if (zone === 'Z') return { minutes: 0, label: 'Z' };
	const sign = zone[0] === '-' ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
	if (minutes > 59) return null;
	const total = hours * 60 + minutes;
	if (total > MAX_OFFSET_MINUTES) return null;
	return {
		minutes: sign * total,
		label: `${zone[0]}${digits.slice(0, 2)}:${String(minutes).padStart(2, '0')}`
	};
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
	const local = Date.UTC(year, month - 1, day, hour, minute, second);
	const d = new Date(local);
	// Date.UTC rolls 2023-02-30 over to March 2; a date that does not round-trip does not exist.
	if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
		return { ok: false, reason: `"${s}" is not a real calendar date` };
	}
	if (format !== ISO_ZONED) return { ok: true, t: local };
	const offset = offsetOf(m[8]);
	if (!offset) return { ok: false, reason: `"${s}" has an impossible UTC offset` };
	const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
	return { ok: true, t: local + millis - offset.minutes * 60_000, zone: offset.label };
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
