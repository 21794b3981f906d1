/**
 * Text hygiene for the tool boundary, both ways: text Claude sends in (shown to the user on an approval card)
 * and text the app sends out (dataset and trial names, which came from files, providers or the user).
 */

import { isVisibleText, stripHidden } from '../../domain/text';

/** True when the text holds no character that could hide or reorder what a reader sees (domain/text.ts). */
export { isVisibleText };

/** Untrusted text as data: hidden characters removed, cut to `maxChars` with an ellipsis. */
export function dataText(text: unknown, maxChars: number): string {
	return cutText(stripHidden(typeof text === 'string' ? text : '').text, maxChars);
}

/** `text` cut to at most `maxChars` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function cutText(text: string, maxChars: number): string {
	if (text.length <= maxChars) return text;
	let end = Math.max(0, maxChars - 1);
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end--;
	return `${text.slice(0, end)}…`;
}

/**
 * JSON text for Claude. Angle brackets are escaped so a name cannot fake a tag of the prompt, and the separators,
 * bidirectional controls, zero-width and tag characters so none survives as a raw character; the text still
 * parses to the same value.
 */
export function jsonForClaude(value: unknown): string {
	return JSON.stringify(value).replace(
		/[<>\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g,
		(c) => {
			let out = '';
			// By UTF-16 unit: a tag character is a surrogate pair, written as two escapes.
			for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
			return out;
		}
	);
}

/** A value Claude sent, quoted for an error message: JSON-escaped and cut, so it cannot break the message. */
export function quoteInput(value: unknown, maxChars = 64): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : String(JSON.stringify(value));
	} catch {
		text = '(unreadable)';
	}
	return jsonForClaude(cutText(text, maxChars));
}
