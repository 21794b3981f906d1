/**
 * Worst-case Markdown rendering on the main thread (issue 8 §8): hostile 100,000-character replies go through
 * the one render path (ai/render.ts: marked, then DOMPurify) and into the DOM, as `{@html}` puts them, in
 * Debian's Chromium. The budget is 200 ms per reply; every pattern is one a parser can be slow on (deep nesting,
 * unclosed emphasis and link brackets, long tables, raw HTML, entity runs). The renderer is bundled on the fly
 * with esbuild, so this measures the current code with the browser's own DOM, not jsdom.
 *
 * Run: npx tsx bench/markdown.ts — one JSON line per pattern ({"name","value","unit","note"}), the median of
 * RUNS renders after one warm-up, then a summary line with the worst median. Exits 1 when any is over budget.
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import {
	MAX_BACKTICKS,
	MAX_EMPHASIS_DELIMITERS,
	MAX_LIST_INDENT,
	MAX_LIST_ITEMS,
	MAX_QUOTE_DEPTH,
	MAX_TABLE_ROWS
} from '../src/lib/ai/render-budget';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../tests/support/chromium';

/** The issue's bound for one reply on the main thread. */
const BUDGET_MS = 200;
/** A hostile reply of exactly this many characters (the renderer's own cap is 100,000 too). */
const REPLY_CHARS = 100_000;
const RUNS = 5;

function fill(unit: string): string {
	return unit.repeat(Math.ceil(REPLY_CHARS / unit.length)).slice(0, REPLY_CHARS);
}

/** Each a known way to make a Markdown parser (or the DOM after it) do super-linear or heavy work. */
const PATTERNS: Record<string, string> = {
	'nested blockquotes': fill('>'),
	'nested lists': Array.from({ length: 5_000 }, (_, i) => `${'  '.repeat(i % 400)}- item ${i}`)
		.join('\n')
		.slice(0, REPLY_CHARS),
	'unclosed emphasis': fill('*a _b '),
	'emphasis delimiter run': fill('*_'),
	'unclosed link brackets': fill('[a]('),
	'nested link brackets': fill('['),
	'backtick runs': fill('`a``b```'),
	'wide table': `${'|h'.repeat(500)}|\n${'|-'.repeat(500)}|\n${fill('|x')}`.slice(0, REPLY_CHARS),
	'long table': `|a|b|\n|-|-|\n${fill('|1|2|\n')}`.slice(0, REPLY_CHARS),
	'raw html tags': fill('<div><span onclick=x>'),
	entities: fill('&amp;&#x41;&lt;'),
	autolinks: fill('https://a.example/x?y=1 '),
	'plain prose': fill('The model reached a Sharpe of 0.81 on the held-out folds. '),
	// At each limit of ai/render-budget.ts: the most work a reply can still ask for and be formatted.
	'quotes at the depth limit': fill(`${'> '.repeat(MAX_QUOTE_DEPTH)}a\n`),
	'flat list': fill('- item\n'),
	'lists at the indent and item limits': `${Array.from(
		{ length: MAX_LIST_ITEMS },
		(_, i) => `${'  '.repeat(i % (MAX_LIST_INDENT / 2 + 1))}- item ${i}\n`
	).join('')}\n${fill('word ')}`.slice(0, REPLY_CHARS),
	'emphasis at the delimiter limit': `${'*_'.repeat(MAX_EMPHASIS_DELIMITERS / 2)}${fill('a ')}`.slice(
		0,
		REPLY_CHARS
	),
	'code spans at the backtick limit': `${'`a` '.repeat(MAX_BACKTICKS / 2)}${fill('b ')}`.slice(
		0,
		REPLY_CHARS
	),
	'table at the row limit': `|a|b|\n|-|-|\n${'|1|2|\n'.repeat(MAX_TABLE_ROWS - 2)}${fill('word ')}`.slice(
		0,
		REPLY_CHARS
	)
};

const entry = fileURLToPath(new URL('../src/lib/ai/render.ts', import.meta.url));
const bundle = await build({
	stdin: {
		contents: `import { renderMarkdown } from ${JSON.stringify(entry)}; globalThis.renderMarkdown = renderMarkdown;`,
		resolveDir: process.cwd(),
		loader: 'ts'
	},
	bundle: true,
	write: false,
	format: 'iife',
	platform: 'browser',
	target: 'es2022'
});

function emit(name: string, value: number | null, unit: string, note: string): void {
	console.log(JSON.stringify({ name, value, unit, note }));
}

const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] });
let worst = 0;
try {
	const page = await browser.newPage();
	await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
	await page.addScriptTag({ content: bundle.outputFiles[0].text });
	for (const [name, text] of Object.entries(PATTERNS)) {
		const times = await page.evaluate(
			({ text, runs }) => {
				const render = (globalThis as unknown as { renderMarkdown: (t: string) => string }).renderMarkdown;
				const out = document.getElementById('out')!;
				const ms: number[] = [];
				for (let i = 0; i <= runs; i++) {
					out.innerHTML = '';
					const t0 = performance.now();
					out.innerHTML = render(text);
					// Reading layout forces style and layout, which the user waits for too.
					void out.getBoundingClientRect().height;
					if (i > 0) ms.push(performance.now() - t0);
				}
				return ms.sort((a, b) => a - b);
			},
			{ text, runs: RUNS }
		);
		const median = times[Math.floor(times.length / 2)];
		worst = Math.max(worst, median);
		emit(
			`markdown worst case: ${name}`,
			Math.round(median * 10) / 10,
			'ms',
			`${text.length.toLocaleString('en-US')} chars, median of ${RUNS} (max ${Math.round(times.at(-1)! * 10) / 10} ms); render + DOM insert + layout in Chromium`
		);
	}
} finally {
	await browser.close();
}
emit(
	'markdown worst case: slowest pattern',
	Math.round(worst * 10) / 10,
	'ms',
	`budget ${BUDGET_MS} ms per ${REPLY_CHARS.toLocaleString('en-US')}-character reply; ${worst <= BUDGET_MS ? 'within' : 'OVER'} budget`
);
process.exit(worst <= BUDGET_MS ? 0 : 1);
