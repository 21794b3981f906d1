/**
 * The work a reply may ask of the Markdown renderer. marked and the DOM are fast on prose but super-linear on a
 * few structures a hostile or runaway reply can be made of: deeply nested quotes and lists, long runs of
 * emphasis delimiters, and tables of thousands of rows. Measured in Chromium (bench/markdown.ts) a 100,000-
 * character reply of such structure took up to 2.5 s on the main thread; the bound is 200 ms. One linear pass
 * counts these structures, and a reply over any limit is shown as plain text instead, with the reason.
 * The limits are far above anything a real answer uses, and each was chosen so a reply at the limit still
 * renders within the bound (the bench has a pattern at each limit).
 */

/** Quote levels ("> > > …") on one line. */
export const MAX_QUOTE_DEPTH = 8;
/** Leading columns before a list marker: 12 is six nested levels at two spaces each (four at three). */
export const MAX_LIST_INDENT = 12;
/** `*`, `_` and `~` in the whole reply: emphasis matching is quadratic in the worst case. */
export const MAX_EMPHASIS_DELIMITERS = 4_000;
/** List items in the whole reply: marked's list parsing and the DOM cost grow with the items times their depth. */
export const MAX_LIST_ITEMS = 1_500;
/** Backticks in the whole reply: 2,000 inline code spans, or hundreds of fenced blocks. */
export const MAX_BACKTICKS = 4_000;
/** Lines that hold a `|`: a table row each, at most. */
export const MAX_TABLE_ROWS = 1_000;

const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

function columns(indent: string): number {
	let n = 0;
	for (const c of indent) n += c === '\t' ? 4 - (n % 4) : 1;
	return n;
}

/** Why the reply is too costly to format, in words for the user; null when it is within every limit. */
export function overRenderBudget(text: string): string | null {
	let delimiters = 0;
	let backticks = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 42 || c === 95 || c === 126) delimiters++;
		else if (c === 96) backticks++;
	}
	if (backticks > MAX_BACKTICKS)
		return `it has ${backticks.toLocaleString('en-US')} backticks; the limit is ${MAX_BACKTICKS.toLocaleString('en-US')}`;
	if (delimiters > MAX_EMPHASIS_DELIMITERS)
		return `it has ${delimiters.toLocaleString('en-US')} emphasis marks (* _ ~); the limit is ${MAX_EMPHASIS_DELIMITERS.toLocaleString('en-US')}`;
	let tableRows = 0;
	let listItems = 0;
	for (const line of text.split('\n')) {
		if (line.includes('|') && ++tableRows > MAX_TABLE_ROWS)
			return `it has more than ${MAX_TABLE_ROWS.toLocaleString('en-US')} table rows`;
		let depth = 0;
		for (let i = 0; i < line.length; i++) {
			const c = line[i];
			if (c === '>') depth++;
			else if (c !== ' ' && c !== '\t') break;
		}
		if (depth > MAX_QUOTE_DEPTH)
			return `it nests quotes ${depth} levels deep; the limit is ${MAX_QUOTE_DEPTH}`;
		const item = LIST_ITEM.exec(line);
		if (!item) continue;
		if (columns(item[1]) > MAX_LIST_INDENT)
			return `it indents a list item by ${columns(item[1])} columns; the limit is ${MAX_LIST_INDENT}`;
		if (++listItems > MAX_LIST_ITEMS)
			return `it has more than ${MAX_LIST_ITEMS.toLocaleString('en-US')} list items`;
	}
	return null;
}
