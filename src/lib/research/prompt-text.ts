/**
 * Plain-text formatting shared by the feedback summary (research/feedback-format.ts) and the system prompt
 * (ai/system-prompt.ts). Both put stored numbers and user-supplied strings in front of Claude, so both need the
 * same two guarantees: a number that is not available reads "n/a", never 0 or a blank, and a string that came
 * from a file, a provider or the user is quoted as data so it cannot pose as an instruction.
 */

import { stripHidden } from '../domain/text';

export const NOT_AVAILABLE = 'n/a';

/** A quoted field longer than this is cut: names and messages are labels, not documents. */
export const QUOTED_MAX_CHARS = 120;

/** A finite number with fixed decimals, or "n/a". */
export function fixed(v: number | null | undefined, digits: number): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return NOT_AVAILABLE;
	// -0.00 would read as a sign where there is none.
	const text = v.toFixed(digits);
	return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** An epoch-ms time as an ISO date (UTC), or "n/a". */
export function isoDate(t: number | null | undefined): string {
	if (t === null || t === undefined || !Number.isFinite(t)) return NOT_AVAILABLE;
	const d = new Date(t);
	return Number.isNaN(d.getTime()) ? NOT_AVAILABLE : d.toISOString().slice(0, 10);
}

/**
 * A string from outside the program (dataset name, series title, trial name, error text) as one JSON string
 * literal: quotes, backslashes and line breaks are escaped, so the text cannot close its quotes or start a new
 * line of the prompt that looks like ours. Angle brackets are escaped too, so it cannot fake a section tag,
 * and the Unicode line and paragraph separators and bidirectional controls, which can reorder or break what a
 * reader sees. Characters nobody can see (domain/text.ts) are removed. Long text is cut with an ellipsis.
 */
export function quoteData(text: string, maxChars: number = QUOTED_MAX_CHARS): string {
	// Zero-width and tag characters are dropped, not escaped: they could spell a whole hidden instruction.
	return escapeUnsafe(JSON.stringify(cut(stripHidden(text).text, maxChars)));
}

/** Longest string parameter value shown; string params are enum choices, so a longer one is not ours. */
const PARAM_STRING_MAX_CHARS = 40;

/**
 * A params object as compact JSON with its keys sorted. Whole entries are dropped from the end when it is too
 * long (never cut inside a string, which would leave a quote open for the rest of the line).
 */
export function paramsText(params: Readonly<Record<string, unknown>>, maxChars: number): string {
	let text = '{';
	const keys = Object.keys(params).sort();
	for (const [i, key] of keys.entries()) {
		const raw = params[key];
		const value = typeof raw === 'string' ? cut(raw, PARAM_STRING_MAX_CHARS) : raw;
		const entry = `${JSON.stringify(cut(key, PARAM_STRING_MAX_CHARS))}:${JSON.stringify(value) ?? 'null'}`;
		const next = `${text}${i > 0 ? ',' : ''}${entry}`;
		if (next.length + 1 > maxChars) {
			text += i > 0 ? ',…' : '…';
			break;
		}
		text = next;
	}
	return escapeUnsafe(`${text}}`);
}

function cut(text: string, maxChars: number): string {
	return text.length > maxChars ? `${text.slice(0, Math.max(0, maxChars - 1))}…` : text;
}

/** Characters that could fake a tag or change what a reader sees, as JSON \u escapes. */
function escapeUnsafe(json: string): string {
	return json.replace(
		/[<>\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
}

/** An id that is plain letters, digits and `_ . : -` is shown bare; anything else is quoted as data. */
export function idText(id: string): string {
	return /^[A-Za-z0-9_.:-]{1,64}$/.test(id) ? id : quoteData(id, 64);
}

/** "1 trial", "3 trials": the prompt is read as prose. */
export function plural(n: number, noun: string): string {
	if (!Number.isFinite(n)) return `${NOT_AVAILABLE} ${noun}s`;
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
