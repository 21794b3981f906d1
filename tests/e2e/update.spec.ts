/**
 * Service-worker updates are offered, never forced, and never while a trial runs: a new version is simulated by
 * changing the bytes of the built sw.js (its precache list is part of it, so any real release does the same).
 */
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { serveStatic, type StaticServer } from '../support/static-server';
import { startTrial } from './helpers';

const SW_PATH = 'build/sw.js';
let server: StaticServer;

/**
 * The same sw.js with one precache revision changed, as a new release would have.
 */
function nextRelease(sw: string): string {
	const m = /revision:"([0-9a-f]+)"/.exec(sw);
	if (!m) throw new Error('no precache revision found in sw.js');
	const flipped = m[1].replace(/^./, (c) => (c === '0' ? '1' : '0'));
	return sw.replace(m[0], `revision:"${flipped}"`);
}
let original: string;

test.beforeAll(async () => {
	original = readFileSync(SW_PATH, 'utf8');
	server = await serveStatic(4178);
});

test.afterAll(async () => {
	writeFileSync(SW_PATH, original);
	await server.stop();
});

test('an update is offered, held back while a trial runs, and applied only when the user asks', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ serviceWorkers: 'allow' });
	const page = await context.newPage();
	await page.goto(`${server.origin}/`);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

	// Start a trial long enough to be running when the update arrives.
	await startTrial(page, {
		model: 'xgboost',
		name: 'update guard',
		// Heavy enough (seconds per fold, dozens of folds) to still run while the update installs.
		params: { n_estimators: '1000', max_depth: '10', learning_rate: '0.02' },
		testLength: 63,
		step: 63
	});
	await expect(page.locator('[data-testid="fold-row"][data-status="running"]')).toHaveCount(1, {
		timeout: 60_000
	});

	writeFileSync(SW_PATH, nextRelease(original));
	let navigations = 0;
	page.on('framenavigated', (f) => {
		if (f === page.mainFrame()) navigations++;
	});
	await page.evaluate(async () => {
		await (await navigator.serviceWorker.ready).update();
	});
	const banner = page.getByRole('status').filter({ hasText: 'A new version of mlTrainer is ready' });
	await expect(banner).toBeVisible({ timeout: 30_000 });
	await expect(banner).toContainText('offered again when the running trial finishes');
	await expect(banner.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);

	await expect(page.getByTestId('trial-status')).toHaveText('running');
	expect(navigations).toBe(0); // nothing reloaded the page while the trial ran
	// Once nothing runs any more (here: the user cancels), the update can be applied.
	await page.getByRole('button', { name: 'Cancel trial' }).click();
	await expect(page.getByTestId('trial-status')).toHaveText('cancelled');
	const reload = banner.getByRole('button', { name: 'Reload to update' });
	await expect(reload).toBeVisible({ timeout: 5_000 });
	await reload.click();
	await expect.poll(() => navigations, { timeout: 30_000 }).toBeGreaterThan(0);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(banner).toHaveCount(0);
	await context.close();
});
