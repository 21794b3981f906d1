/**
 * Characters a reader cannot see. Zero-width characters and Unicode tag characters (U+E0000–U+E007F) can carry a
 * whole hidden sentence through a text that looks harmless ("ASCII smuggling"), and controls, separators and
 * bidirectional overrides can hide or reorder what is shown. Every boundary where text enters the app (Claude's
 * tool inputs, the goal, the chat box, imported names) strips or refuses them and says what it removed, so a
 * hidden instruction can never be approved, stored and then sent back in a later prompt.
 *
 * Pure: used by the chat, the goal and the importers alike. By code point, not by regex: a regex of invisible
 * characters is itself unreadable.
 */

/** The kinds of hidden character, each with the words the user and Claude are shown. */
export const HIDDEN_KINDS = {
	control: 'control character',
	separator: 'line or paragraph separator',
	bidi: 'bidirectional formatting character',
	zero_width: 'zero-width or invisible formatting character',
	tag: 'Unicode tag character (U+E0000–U+E007F)',
	variation: 'variation selector',
	filler: 'blank filler character'
} as const;
export type HiddenKind = keyof typeof HIDDEN_KINDS;

const ZERO_WIDTH = new Set([
	0x00ad, // soft hyphen
	0x034f, // combining grapheme joiner
	0x180e, // Mongolian vowel separator
	0x200b, // zero width space
	0x200c, // zero width non-joiner
	0x200d, // zero width joiner
	0x2060, // word joiner
	0x2061,
	0x2062,
	0x2063,
	0x2064, // invisible operators
	0xfeff // zero width no-break space (BOM)
]);

/** The emoji and text presentation selectors: one after a visible character is ordinary emoji text. */
const PRESENTATION_SELECTORS = new Set([0xfe0e, 0xfe0f]);

/** The kind of hidden character `cp` is, or null for a visible one (tab, line feed and carriage return are visible). */
export function hiddenKind(cp: number): HiddenKind | null {
	if ((cp <= 0x1f && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f))
		return 'control';
	if (cp === 0x2028 || cp === 0x2029) return 'separator';
	if (
		(cp >= 0x202a && cp <= 0x202e) ||
		(cp >= 0x2066 && cp <= 0x2069) ||
		cp === 0x200e ||
		cp === 0x200f ||
		cp === 0x061c
	)
		return 'bidi';
	if (ZERO_WIDTH.has(cp) || (cp >= 0x206a && cp <= 0x206f) || (cp >= 0xfff9 && cp <= 0xfffb))
		return 'zero_width';
	if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
	if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'variation';
	if (cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) return 'filler';
	return null;
}

/** What was found (or removed): how many of each kind, in the order first seen. */
export interface HiddenReport {
	readonly total: number;
	readonly kinds: readonly { readonly kind: HiddenKind; readonly count: number }[];
}

export interface StrippedText {
	readonly text: string;
	readonly removed: HiddenReport;
}

/** Walks the code points; `onHidden` gets each hidden one, `onVisible` each other one. */
function walk(
	text: string,
	onVisible: (ch: string) => void,
	onHidden: (ch: string, kind: HiddenKind) => void
) {
	let prevVisible = false;
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		let kind = hiddenKind(cp);
		// "❤️" is U+2764 U+FE0F: a lone presentation selector after a visible character stays.
		if (kind === 'variation' && PRESENTATION_SELECTORS.has(cp) && prevVisible) kind = null;
		if (kind === null) {
			onVisible(ch);
			prevVisible = !PRESENTATION_SELECTORS.has(cp);
		} else {
			onHidden(ch, kind);
			prevVisible = false;
		}
	}
}

function report(counts: Map<HiddenKind, number>): HiddenReport {
	let total = 0;
	const kinds = [...counts].map(([kind, count]) => {
		total += count;
		return { kind, count };
	});
	return { total, kinds };
}

/** The text without any hidden character, and what was removed. Text without one comes back unchanged. */
export function stripHidden(text: string): StrippedText {
	const counts = new Map<HiddenKind, number>();
	let kept = '';
	walk(
		text,
		(ch) => (kept += ch),
		(_ch, kind) => counts.set(kind, (counts.get(kind) ?? 0) + 1)
	);
	const removed = report(counts);
	return { text: removed.total === 0 ? text : kept, removed };
}

/** What hidden characters the text holds (none: total 0). */
export function findHidden(text: string): HiddenReport {
	return stripHidden(text).removed;
}

/** True when the text holds no character that could hide or reorder what a reader sees. */
export function isVisibleText(text: string): boolean {
	return findHidden(text).total === 0;
}

/** "3 zero-width or invisible formatting characters and 14 Unicode tag characters (U+E0000–U+E007F)". */
export function describeHidden(found: HiddenReport): string {
	const parts = found.kinds.map(({ kind, count }) => {
		const label = HIDDEN_KINDS[kind];
		if (count === 1) return `1 ${label}`;
		// Pluralise the noun before any parenthesis: "characters (U+E0000–U+E007F)".
		const open = label.indexOf(' (');
		return open < 0 ? `${count} ${label}s` : `${count} ${label.slice(0, open)}s${label.slice(open)}`;
	});
	if (parts.length <= 1) return parts.join('');
	return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The text with each hidden character shown as its code, e.g. "a⟦U+200B⟧b": what a card shows of raw input. */
export function revealHidden(text: string): string {
	let out = '';
	walk(
		text,
		(ch) => (out += ch),
		(ch) => (out += `⟦U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟧`)
	);
	return out;
}
