import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { PLAIN_TEXT_NOTICE, renderMarkdown, type Purifier } from './render';
import {
	MAX_BACKTICKS,
	MAX_EMPHASIS_DELIMITERS,
	MAX_LIST_INDENT,
	MAX_LIST_ITEMS,
	MAX_QUOTE_DEPTH,
	MAX_TABLE_ROWS,
	overRenderBudget
} from './render-budget';

const purify = createDOMPurify(new JSDOM('').window) as unknown as Purifier;

describe('the render budget', () => {
	it('lets an ordinary long answer be formatted', () => {
		const answer = [
			'### Results',
			'| trial | Sharpe |',
			'|-|-|',
			'| t-1 | 0.81 |',
			'> **Note:** out of sample, after costs.',
			'- ridge, `alpha = 1`',
			'  - nested _detail_'
		]
			.join('\n')
			.repeat(100);
		expect(overRenderBudget(answer)).toBeNull();
	});

	it('refuses each costly structure just past its limit, and accepts it at the limit', () => {
		const cases: [string, string][] = [
			[`${'> '.repeat(MAX_QUOTE_DEPTH)}a`, `${'> '.repeat(MAX_QUOTE_DEPTH + 1)}a`],
			[`${' '.repeat(MAX_LIST_INDENT)}- a`, `${' '.repeat(MAX_LIST_INDENT + 1)}- a`],
			['- a\n'.repeat(MAX_LIST_ITEMS), '- a\n'.repeat(MAX_LIST_ITEMS + 1)],
			['*'.repeat(MAX_EMPHASIS_DELIMITERS), '*'.repeat(MAX_EMPHASIS_DELIMITERS + 1)],
			['`'.repeat(MAX_BACKTICKS), '`'.repeat(MAX_BACKTICKS + 1)],
			['|a|\n'.repeat(MAX_TABLE_ROWS), '|a|\n'.repeat(MAX_TABLE_ROWS + 1)]
		];
		for (const [at, past] of cases) {
			expect(overRenderBudget(at), at.slice(0, 20)).toBeNull();
			expect(overRenderBudget(past), past.slice(0, 20)).not.toBeNull();
		}
	});

	it('shows a reply over budget as escaped plain text, saying why', () => {
		const hostile = `${'>'.repeat(50_000)} <img src=x onerror=alert(1)>`;
		const html = renderMarkdown(hostile, purify);
		expect(html).toContain(PLAIN_TEXT_NOTICE);
		expect(html).toContain('nests quotes 50000 levels deep');
		expect(html).not.toContain('<blockquote');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;img');
	});
});
