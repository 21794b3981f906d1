/**
 * The one render path for Claude's text (reference B.7): markdown → HTML with marked, raw HTML off → DOMPurify
 * with a small allowlist → a string for `{@html}` in `ui/Markdown.svelte`. Nothing else in the app may put
 * model-authored text into the DOM as HTML.
 *
 * Two layers, on purpose: marked never emits an element the model wrote (raw HTML and images become text), and
 * DOMPurify drops anything outside the allowlist even if marked, or a future change to this file, lets it through.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { logger } from '../security/logger';
import { overRenderBudget } from './render-budget';

export type { Purifier };

/**
 * Longest reply we parse, in UTF-16 code units. A long answer is ~20k characters; the cap keeps one hostile or
 * runaway reply from freezing the tab in the parser, and it bounds marked's regexes however they behave.
 */
export const MAX_MARKDOWN_CHARS = 100_000;

/** Shown above a reply too costly to format (render-budget.ts), with the reason. */
export const PLAIN_TEXT_NOTICE = 'Shown as plain text: formatting this reply would freeze the page, because';

/** Shown after a reply cut at MAX_MARKDOWN_CHARS, so the user knows the rest exists. */
export const TRUNCATION_NOTICE = '… (reply shortened for display)';

/**
 * Links may point only at absolute http(s) URLs. `javascript:`, `data:`, `vbscript:`, `mailto:`, relative and
 * protocol-relative URLs all fail, so the `href` is dropped and the link text stays as plain text.
 */
export const SAFE_LINK_URL = /^https?:\/\//i;

/** `rel` on every link: no `window.opener` for the target, no Referer leak, no endorsement of the host. */
export const LINK_REL = 'noopener noreferrer nofollow';

/** Frozen so no importer can widen the allowlist at run time; typed mutable only because DOMPurify's Config is. */
function frozen(...items: string[]): string[] {
	return Object.freeze(items) as string[];
}

/**
 * What the sanitiser lets through. Text, lists, code, tables, quotes and links only: no img/svg/math/iframe/
 * style/form/media (charts come from our own components, never from model HTML). h1/h2 are absent because
 * the renderer shifts model headings down two levels (see `heading` below).
 */
export const SANITIZE_CONFIG: Readonly<Config> = Object.freeze({
	ALLOWED_TAGS: frozen(
		'p',
		'br',
		'strong',
		'em',
		'del',
		'code',
		'pre',
		'blockquote',
		'ul',
		'ol',
		'li',
		'h3',
		'h4',
		'h5',
		'h6',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'a',
		'hr',
		'span'
	),
	// No class, id, style, title, target or on* from the model; the link hook adds target/rel/title itself.
	ALLOWED_ATTR: frozen('href', 'align', 'start'),
	// DOMPurify checks every attribute not on its URI-safe list against ALLOWED_URI_REGEXP, which would drop a
	// table cell's `align="left"` and an ordered list's `start="3"`; the hook below vets their values instead.
	ADD_URI_SAFE_ATTR: frozen('align', 'start'),
	ALLOWED_URI_REGEXP: SAFE_LINK_URL,
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false,
	ALLOW_UNKNOWN_PROTOCOLS: false,
	ALLOW_SELF_CLOSE_IN_ATTR: false,
	// A string, not TrustedHTML: the page does not enforce Trusted Types yet (B.6 "later"), and a string is
	// what `{@html}` and the tests compare. Flip this, and the return type, when the CSP gains the directive.
	RETURN_TRUSTED_TYPE: false
});

const ALIGN_VALUES = new Set(['left', 'center', 'right']);
const LIST_START = /^\d{1,9}$/;

/** Levels a model heading is pushed down, so `# Title` cannot outrank the page's own h1/h2. */
const HEADING_SHIFT = 2;

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Escapes text for an HTML text node or quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * A private marked instance: `marked.use` on the shared singleton would change markdown rendering for every
 * other importer. Synchronous (`async: false`) because `{@html}` needs the string now.
 */
const markdown = new Marked({
	async: false,
	gfm: true,
	breaks: false,
	// A parser error must reach our catch, not be swallowed into an HTML error message.
	silent: false,
	renderer: {
		// Raw HTML, block or inline, is shown as the text the model wrote, never parsed into elements.
		html({ text, block }: Tokens.HTML | Tokens.Tag): string {
			return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
		},
		// An image would be an outbound request that can carry data in its URL (EchoLeak, B.7): alt text only.
		image({ text }: Tokens.Image): string {
			return escapeHtml(text);
		},
		heading({ tokens, depth }: Tokens.Heading): string {
			const level = Math.min(depth + HEADING_SHIFT, 6);
			return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
		},
		// A task-list box as a character: `<input>` is not on the allowlist, and the box is not interactive anyway.
		checkbox({ checked }: Tokens.Checkbox): string {
			return checked ? '☑ ' : '☐ ';
		}
	}
});

/** Cuts overlong input without splitting a surrogate pair, and says that it did. */
function cap(text: string): string {
	if (text.length <= MAX_MARKDOWN_CHARS) return text;
	let cut = text.slice(0, MAX_MARKDOWN_CHARS);
	const last = cut.charCodeAt(cut.length - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	return `${cut}\n\n${TRUNCATION_NOTICE}`;
}

/** The user's fallback view: the reply as plain text, each line kept. */
function plainText(text: string): string {
	return `<p>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p>`;
}

/** The hover text of a link: the URL as the browser will resolve it, so a look-alike host shows as `xn--…`. */
function displayUrl(href: string): string {
	try {
		return new URL(href).href;
	} catch {
		return href;
	}
}

/** Runs after DOMPurify has removed disallowed attributes, so what it sets is not re-checked: keep it ours. */
function afterSanitizeAttributes(node: Element): void {
	const align = node.getAttribute('align');
	if (align !== null && !ALIGN_VALUES.has(align.toLowerCase())) node.removeAttribute('align');
	const start = node.getAttribute('start');
	if (start !== null && !LIST_START.test(start)) node.removeAttribute('start');

	if (node.nodeName.toLowerCase() !== 'a') return;
	const href = node.getAttribute('href');
	// Second check of the scheme, so an empty `href` (allowed by DOMPurify) cannot point back at our own page.
	if (href !== null && !SAFE_LINK_URL.test(href.trim())) node.removeAttribute('href');
	const safeHref = node.getAttribute('href');
	node.setAttribute('target', '_blank');
	node.setAttribute('rel', LINK_REL);
	if (safeHref === null) node.removeAttribute('title');
	else node.setAttribute('title', displayUrl(safeHref));
}

/**
 * The page's DOMPurify, or null where there is no DOM (Node, a worker). Without a DOM `sanitize` returns its
 * input unchanged, so "unsupported" must mean "do not emit HTML", never "skip sanitising".
 */
function browserPurifier(): Purifier | null {
	return typeof window !== 'undefined' && DOMPurify.isSupported ? DOMPurify : null;
}

/**
 * Renders Claude's markdown as safe HTML for `{@html}`. Never throws: on any internal error, or without a DOM to
 * sanitise with, it returns the text escaped. `purify` is for tests (a jsdom-backed instance); the page omits it.
 */
export function renderMarkdown(markdownText: string, purify?: Purifier): string {
	const text = typeof markdownText === 'string' ? cap(markdownText) : '';
	try {
		const sanitizer = purify ?? browserPurifier();
		if (sanitizer === null || !sanitizer.isSupported) return plainText(text);
		const tooCostly = overRenderBudget(text);
		if (tooCostly !== null)
			return `<p><em>${escapeHtml(`${PLAIN_TEXT_NOTICE} ${tooCostly}.`)}</em></p>${plainText(text)}`;
		const html = markdown.parse(text, { async: false });
		// Added per call and removed after, so the shared page instance carries no hook of ours between calls.
		sanitizer.addHook('afterSanitizeAttributes', afterSanitizeAttributes);
		try {
			return sanitizer.sanitize(html, SANITIZE_CONFIG);
		} finally {
			sanitizer.removeHook('afterSanitizeAttributes', afterSanitizeAttributes);
		}
	} catch (error) {
		// Not the text itself: it is the model's reply and may quote the user's data.
		logger.warn('markdown render failed; showing plain text', error);
		return plainText(text);
	}
}
