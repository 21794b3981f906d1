/**
 * Calendar days as the US market counts them. Polygon dates its bars in New York time (a daily bar starts at
 * 00:00 America/New_York), so "which day is this bar" and "is this day over" are answered in that zone, never
 * in UTC or the browser's zone. Days are 'YYYY-MM-DD' strings: they compare correctly as strings and survive
 * JSON and IndexedDB unchanged. Ranges are inclusive on both ends.
 */

export type Day = string;
export type DayRange = readonly [from: Day, to: Day];

export const NEW_YORK_TIME_ZONE = 'America/New_York';

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** New York is UTC-5 in winter (EST) and UTC-4 in summer (EDT); midnight is always one of the two. */
const NEW_YORK_UTC_OFFSETS_HOURS = [5, 4] as const;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// One formatter, built once: constructing Intl formatters is far slower than using them.
const newYorkParts = new Intl.DateTimeFormat('en-US', {
	timeZone: NEW_YORK_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

function partsOf(epochMs: number): { day: Day; hour: number; minute: number } {
	const parts: Record<string, string> = {};
	for (const p of newYorkParts.formatToParts(epochMs)) parts[p.type] = p.value;
	return {
		day: `${parts.year}-${parts.month}-${parts.day}`,
		hour: Number(parts.hour),
		minute: Number(parts.minute)
	};
}

/** True for a real calendar day written as YYYY-MM-DD (2024-02-30 is not one). */
export function isDay(text: string): boolean {
	const m = DAY_PATTERN.exec(text);
	if (!m) return false;
	const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	return new Date(t).toISOString().slice(0, 10) === text;
}

function assertDay(day: Day): void {
	if (!isDay(day)) throw new RangeError(`"${day}" is not a YYYY-MM-DD calendar day`);
}

/** The New York calendar day of an instant. */
export function nyDate(epochMs: number): Day {
	if (!Number.isFinite(epochMs)) throw new RangeError(`nyDate needs a finite time, got ${epochMs}`);
	return partsOf(epochMs).day;
}

/** The instant New York's `day` begins: where Polygon puts the `t` of that day's daily bar. */
export function nyMidnight(day: Day): number {
	assertDay(day);
	const utcMidnight = Date.parse(`${day}T00:00:00Z`);
	for (const offsetHours of NEW_YORK_UTC_OFFSETS_HOURS) {
		const t = utcMidnight + offsetHours * MS_PER_HOUR;
		const p = partsOf(t);
		if (p.day === day && p.hour === 0 && p.minute === 0) return t;
	}
	// Unreachable while New York's offsets are the two above and its clocks change at 02:00.
	throw new RangeError(`no New York midnight found for ${day}`);
}

/** `day` moved by `n` calendar days (negative goes back). */
export function addDays(day: Day, n: number): Day {
	assertDay(day);
	if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * A day is closed once New York's date is past it: its bars (daily or intraday, extended hours included) can no
 * longer change, so they may be cached for good.
 */
export function isClosedDay(day: Day, nowMs: number): boolean {
	assertDay(day);
	return nyDate(nowMs) > day;
}

/** The latest closed day at `nowMs`: yesterday in New York. */
export function lastClosedDay(nowMs: number): Day {
	return addDays(nyDate(nowMs), -1);
}

function assertRange([from, to]: DayRange): void {
	assertDay(from);
	assertDay(to);
	if (from > to) throw new RangeError(`day range ${from}..${to} ends before it starts`);
}

/** The part of `range` inside `[from, to]`, or null when they do not meet. */
export function clipRange(range: DayRange, from: Day, to: Day): DayRange | null {
	assertRange(range);
	const lo = range[0] > from ? range[0] : from;
	const hi = range[1] < to ? range[1] : to;
	return lo <= hi ? [lo, hi] : null;
}

/** Sorted, with overlapping and touching ranges joined (…-03 and 04-… are one range: days are discrete). */
export function mergeRanges(ranges: readonly DayRange[]): DayRange[] {
	for (const r of ranges) assertRange(r);
	const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	const out: [Day, Day][] = [];
	for (const [from, to] of sorted) {
		const last = out[out.length - 1];
		if (last && from <= addDays(last[1], 1)) {
			if (to > last[1]) last[1] = to;
		} else {
			out.push([from, to]);
		}
	}
	return out;
}

/** The days of `want` that no range in `have` contains, as sorted disjoint ranges. */
export function subtractRanges(want: DayRange, have: readonly DayRange[]): DayRange[] {
	assertRange(want);
	const missing: DayRange[] = [];
	let cursor: Day = want[0];
	for (const [from, to] of mergeRanges(have)) {
		if (to < cursor) continue;
		if (from > want[1]) break;
		if (from > cursor) missing.push([cursor, addDays(from, -1)]);
		if (to >= want[1]) return missing;
		cursor = addDays(to, 1);
	}
	missing.push([cursor, want[1]]);
	return missing;
}
