import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeFeedback } from '../research/feedback';
import { fixtureTrial } from '../testing/feedback-fixtures';
import { buildSystemPrompt } from './system-prompt';
import { toolDefinitions } from './tools/definitions';
import { ACTING_TOOLS, READ_ONLY_TOOLS, TOOL_NAMES } from './tools/schemas';

/**
 * The prompt must describe only what exists. Each capability it could claim is listed with the thing that makes
 * it true; a claim of something that does not exist (yet) fails here until the feature lands.
 */
const FEATURES_NOT_BUILT: readonly { readonly words: RegExp; readonly what: string }[] = [
	{ words: /autonomous|auto-?approv|loop/i, what: 'an autonomous loop that approves proposals' },
	{ words: /schedul(e|ing) (a|the) trial|in the background while/i, what: 'scheduling trials on its own' },
	{ words: /web search|brows(e|ing) the web|internet search/i, what: 'searching the web' },
	{ words: /send (an )?e-?mail|notify the user by/i, what: 'notifications outside the app' },
	{ words: /run (python|code)|execute code/i, what: 'running code' }
];

/** The app pages the prompt may send the user to, by the words it uses for them. */
const PAGES: Readonly<Record<string, string>> = {
	'Data page': 'src/routes/data/+page.svelte',
	'Goal page': 'src/routes/goal/+page.svelte',
	'Trials page': 'src/routes/trials/+page.svelte',
	Settings: 'src/routes/settings/+page.svelte',
	'New trial form': 'src/routes/trials/new/+page.svelte'
};

function fullPrompt(lockdown: boolean): string {
	const trials = [fixtureTrial('t-1', Date.UTC(2024, 0, 1), { sharpe: 0.5, ic: 0.02, hitRate: 0.52 })];
	return buildSystemPrompt(
		{
			now: new Date(Date.UTC(2024, 5, 1)),
			goalBlock: 'OVERRIDING GOAL: predict 7-12 day S&P 500 moves',
			datasets: [],
			latestTrials: trials,
			feedback: computeFeedback(trials),
			lockdown
		},
		{ budgetTokens: 1_000_000 }
	).text;
}

describe('what the system prompt claims', () => {
	const prompts = [fullPrompt(false), fullPrompt(true)];
	const descriptions = toolDefinitions()
		.map((t) => t.description)
		.join('\n');

	it('claims no feature the app does not have', () => {
		for (const text of [...prompts, descriptions])
			for (const { words, what } of FEATURES_NOT_BUILT) expect(text, what).not.toMatch(words);
	});

	it('names only tools that exist, and every acting tool is described as a proposal the user approves', () => {
		const named = new Set(
			prompts.flatMap((p) =>
				[...p.matchAll(/\b(?:list|get|compare|propose|request)_[a-z_]+\b/g)].map((m) => m[0])
			)
		);
		for (const name of named) expect(TOOL_NAMES, name).toContain(name);
		for (const tool of toolDefinitions())
			if ((ACTING_TOOLS as readonly string[]).includes(tool.name))
				expect(tool.description, tool.name).toMatch(/only PROPOSES.*user approves/);
		expect(prompts[0]).toMatch(/nothing runs until the user approves it/);
	});

	it('offers a tool for each thing it says Claude can look up', () => {
		const text = prompts[0];
		const lookUps: [RegExp, string][] = [
			[/tool result/i, 'get_trial_results'],
			[/runnable catalog models/i, 'list_models'],
			[/propos\w+ walk-forward trials/i, 'propose_trial']
		];
		for (const [claim, tool] of lookUps) {
			expect(text).toMatch(claim);
			expect([...READ_ONLY_TOOLS, ...ACTING_TOOLS] as string[]).toContain(tool);
		}
	});

	it('sends the user only to pages the app has', () => {
		for (const text of [...prompts, descriptions])
			for (const [words, file] of Object.entries(PAGES))
				if (text.includes(words)) expect(existsSync(file), `${words} → ${file}`).toBe(true);
		expect(prompts[0].includes('Data page') || descriptions.includes('Data page')).toBe(true);
	});
});
