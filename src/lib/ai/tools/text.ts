/**
 * Text hygiene for the tool boundary, both ways: text Claude sends in (shown to the user on an approval card)
 * and text the app sends out (dataset and trial names, which came from files, providers or the user).
 */

/**
 * C0 controls other than tab, line feed and carriage return; DEL; C1 controls; the Unicode line and paragraph
 * separators; and the bidirectional embeddings, overrides and isolates. Any of them can hide or reorder what a
 * reader sees, and the user must approve exactly what is shown. (By code, not by regex: a regex of control
 * characters is unreadable.)
 */
function isHiddenChar(code: number): boolean {
	return (
		(code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x2028 ||
		code === 0x2029 ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

/** True when the text holds no character that could hide or reorder what a reader sees. */
export function isVisibleText(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (isHiddenChar(text.charCodeAt(i))) return false;
	return true;
}

/** Untrusted text as data: hidden characters removed, cut to `maxChars` with an ellipsis. */
export function dataText(text: unknown, maxChars: number): string {
	let s = typeof text === 'string' ? text : '';
	if (!isVisibleText(s)) {
		let kept = '';
		for (let i = 0; i < s.length; i++) if (!isHiddenChar(s.charCodeAt(i))) kept += s[i];
		s = kept;
	}
	return cutText(s, maxChars);
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
 * JSON text for Claude. Angle brackets are escaped so a name cannot fake a tag of the prompt, and the separators
 * and bidirectional controls so none survives as a raw character; the text still parses to the same value.
 */
export function jsonForClaude(value: unknown): string {
	return JSON.stringify(value).replace(
		/[<>\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
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
