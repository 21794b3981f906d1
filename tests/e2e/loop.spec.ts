/**
 * Issue 11's autonomous loop, in the production build against the Anthropic mock: the user starts a loop from
 * the chat with a goal and budgets; the app approves each proposed trial itself (inside the budget, through the
 * gateway); every result that goes back is the stored one; code stops the loop (here: no progress beyond fold
 * noise over the last two proposals), says why and audits it; the lineage shows each step, its parent, rationale,
 * stored metric and DSR, with the best path, and exports as CSV.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { cspViolations, requests, script, setUp } from './chat-helpers';
import { startTrial } from './helpers';

const ridge = (name: string) => ({
	name,
	datasetId: 'sp500-daily-vega',
	target: { kind: 'forward_return', horizon: 5 },
	features: { set: 'daily_v1' },
	model: { id: 'ridge', params: { alpha: 1, fit_intercept: true } },
	validation: { mode: 'rolling', trainLength: 2000, testLength: 1000, step: 1000, embargo: 5 },
	strategy: { mode: 'long_short', costBps: 5 },
	seed: 7
});

interface StoredTrial {
	id: string;
	name: string;
	sharpe: number;
}

async function storedTrials(page: Page): Promise<StoredTrial[]> {
	return page.evaluate(
		() =>
			new Promise<StoredTrial[]>((resolve, reject) => {
				const open = indexedDB.open('mltrainer');
				open.onsuccess = () => {
					const req = open.result.transaction('trials').objectStore('trials').getAll();
					req.onsuccess = () => {
						const rows = req.result as {
							id: string;
							createdAt: number;
							spec: { name: string };
							summary: { strategy: { sharpe: number } };
						}[];
						open.result.close();
						resolve(
							rows
								.sort((a, b) => a.createdAt - b.createdAt)
								.map((t) => ({ id: t.id, name: t.spec.name, sharpe: t.summary.strategy.sharpe }))
						);
					};
					req.onerror = () => reject(req.error);
				};
			})
	);
}

async function auditTypes(page: Page): Promise<string[]> {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('mltrainer');
				open.onsuccess = () => {
					const req = open.result.transaction('audit').objectStore('audit').getAll();
					req.onsuccess = () => {
						open.result.close();
						resolve((req.result as { type: string }[]).map((e) => e.type));
					};
					req.onerror = () => reject(req.error);
				};
			})
	);
}

test.afterEach(async ({ page }) => {
	expect(await cspViolations(page)).toEqual([]);
});

test('an autonomous loop runs to a code-decided stop, with a lineage of the stored results', async ({
	page,
	request
}) => {
	test.setTimeout(240_000);
	await setUp(page, request);
	await script(request, [
		{
			text: 'A ridge baseline first.',
			tool_use: {
				name: 'propose_trial',
				input: { spec: ridge('loop ridge 1'), rationale: 'Baseline: ridge on the daily features.' }
			}
		},
		{
			text: 'The same model again: is the baseline stable?',
			tool_use: {
				name: 'propose_trial',
				input: { spec: ridge('loop ridge 2'), rationale: 'Repeat the baseline to see its spread.' }
			}
		},
		{
			text: 'Once more.',
			tool_use: {
				name: 'propose_trial',
				input: { spec: ridge('loop ridge 3'), rationale: 'A third repeat.' }
			}
		},
		{ text: 'Summary: the loop stopped because three identical ridge trials made no progress.' }
	]);

	await page.getByRole('button', { name: 'Start an autonomous loop…' }).click();
	await page
		.getByLabel('Goal', { exact: true })
		.fill('Find a Sharpe ratio above 3 on the S&P 500 daily series');
	await expect(page.getByTestId('loop-panel')).toContainText('Goal met when one trial has sharpe > 3');
	await page.getByLabel('Trials at most').fill('5');
	await page.getByLabel('Stop after this many proposals without progress').fill('2');
	await page.getByRole('button', { name: 'Start the loop' }).click();
	await expect(page.getByTestId('loop-note').first()).toContainText('[Autonomous loop started by the user]');

	// The app approves every proposal itself, and code stops the loop: no progress beyond noise.
	await expect(page.getByTestId('loop-stopped')).toContainText(
		'no progress: the last 2 proposals did not improve on',
		{ timeout: 180_000 }
	);
	await expect(page.getByTestId('msg-assistant').last()).toContainText('Summary: the loop stopped');
	const cards = page.getByTestId('tool-card');
	await expect(cards).toHaveCount(3);
	for (const card of await cards.all()) {
		await expect(card).toHaveAttribute('data-state', 'done');
		await expect(card.getByTestId('loop-approved')).toBeVisible();
	}

	// What went back to Claude is each trial's stored record.
	const trials = await storedTrials(page);
	expect(trials.map((t) => t.name)).toEqual(['loop ridge 1', 'loop ridge 2', 'loop ridge 3']);
	const sent = await requests(request);
	expect(sent).toHaveLength(4);
	for (const [i, t] of trials.entries()) {
		const last = JSON.stringify(sent[i + 1].body.messages.at(-1));
		expect(last).toContain('tool_result');
		expect(last).toContain(t.id);
	}
	// The stop is in the last request's instructions, decided and worded by the app.
	expect(JSON.stringify(sent[3].body.system)).toContain('STOPPED — no progress');
	expect(await auditTypes(page)).toEqual(expect.arrayContaining(['loop.started', 'loop.stopped']));

	// The lineage: three steps, each built on the best before it, with the stored Sharpe and a DSR.
	await page.getByTestId('loop-stopped').getByRole('link', { name: 'Lineage' }).click();
	await expect(page.getByTestId('loop-outcome')).toContainText('stopped — no progress');
	const rows = page.getByTestId('lineage-row');
	await expect(rows).toHaveCount(3);
	for (const [i, t] of trials.entries()) {
		const row = rows.nth(i);
		await expect(row).toHaveAttribute('data-id', t.id);
		await expect(row.getByTestId('lineage-value')).toHaveText(t.sharpe.toFixed(4));
		if (i > 0) await expect(row).toContainText(trials[0].id);
	}
	await expect(rows.nth(0)).toContainText('★ best');
	await expect(rows.nth(1)).toContainText('Repeat the baseline to see its spread.');
	await expect(page.getByTestId('lineage-tree').getByTestId('lineage-node')).toHaveCount(3);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export CSV' }).click()
	]);
	const csv = readFileSync((await download.path()) as string, 'utf8')
		.trim()
		.split('\n');
	expect(csv[0]).toBe('step,id,kind,parent,parent_named,depth,model,state,value,dsr,best_path,rationale');
	expect(csv).toHaveLength(4);
	expect(csv[1].split(',').slice(0, 9)).toEqual([
		'1',
		trials[0].id,
		'trial',
		'',
		'false',
		'0',
		'ridge',
		'complete',
		String(trials[0].sharpe)
	]);

	const [jsonDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export JSON' }).click()
	]);
	const exported = JSON.parse(readFileSync((await jsonDownload.path()) as string, 'utf8')) as {
		format: string;
		bestPath: string[];
		nodes: { id: string; value: number }[];
	};
	expect(exported.format).toBe('mltrainer-lineage@1');
	expect(exported.nodes.map((n) => [n.id, n.value])).toEqual(trials.map((t) => [t.id, t.sharpe]));
	expect(exported.bestPath).toEqual([trials[0].id]);

	await page.getByRole('link', { name: 'Loops' }).click();
	await expect(page.getByTestId('loops-table')).toContainText('stopped: no progress');
});

test('a loop approves a study it can afford, and the Stop button stops it with the study still reported', async ({
	page,
	request
}) => {
	test.setTimeout(240_000);
	await setUp(page, request);
	const baseId = await startTrial(page, {
		model: 'ridge',
		name: 'study base',
		trainLength: 2000,
		testLength: 1000,
		step: 1000
	});
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	await script(request, [
		{
			text: 'A sweep of the ridge penalty.',
			tool_use: {
				name: 'propose_study',
				input: {
					base_trial_id: baseId,
					search: { alpha: { range: [0.01, 100], log: true } },
					sampler: 'random',
					trials: 4,
					objective: 'sharpe',
					rationale: 'How much does the penalty matter?'
				}
			}
		},
		{ text: 'The sweep is in; the loop was stopped by you.' }
	]);
	await page.getByRole('link', { name: 'Chat' }).click();
	await page.getByRole('button', { name: 'Start an autonomous loop…' }).click();
	await page
		.getByLabel('Goal', { exact: true })
		.fill('Explore the ridge penalty on the S&P 500 daily series');
	await page.getByLabel('Trials at most').fill('6');
	await page.getByRole('button', { name: 'Start the loop' }).click();

	const card = page.getByTestId('tool-card');
	await expect(card.getByTestId('loop-approved')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('loop-budgets')).toContainText('trials: 4 of 6');
	await page.getByRole('button', { name: 'Stop the loop' }).click();
	await expect(page.getByTestId('loop-stopped')).toContainText('stopped by the user');

	// The study still runs to its end, and its stored report goes back to Claude.
	await expect(card).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
	await expect(page.getByTestId('msg-assistant').last()).toContainText('The sweep is in');
	const sent = await requests(request);
	const last = JSON.stringify(sent.at(-1)?.body.messages.at(-1));
	expect(last).toContain('tool_result');
	expect(last).toMatch(/deflated_sharpe|dsr/i);
	await card.getByRole('link', { name: 'Open the study' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
