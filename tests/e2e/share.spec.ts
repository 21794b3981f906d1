/**
 * Issue 13, share links, as two people would use them: one imports a file, runs a trial and shares it; the other
 * opens the link in a new browser profile, sees the read-only view, imports the same file, presses Reproduce and
 * reads "identical". A passphrase-protected link refuses a wrong passphrase; a damaged link says why.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { POLYGON_MOCK_ORIGIN } from '../../playwright.config';

const AAPL = readFileSync('node_modules/@observablehq/sample-datasets/aapl.csv');

const nav = (page: Page, name: string) =>
	page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** A session-only Polygon key and the mock as the Polygon host, set on the Settings page. */
async function usePolygonMock(page: Page, open = true): Promise<void> {
	if (open) await page.goto('/settings/');
	await page.getByLabel('Polygon.io / Massive API key').fill('mock-polygon-key');
	await page.getByLabel('Polygon.io / Massive API key').press('Enter');
	await expect(page.getByTestId('key-status-polygon')).toHaveText('set');
	await page.getByLabel('Polygon / Massive host').selectOption(POLYGON_MOCK_ORIGIN);
	await expect(page.getByTestId('settings-message')).toHaveText('Settings saved.');
}

/** Imports the Apple file; `done` is what shows it worked (the Data page's note, or the Reproduce panel finding it). */
async function importAapl(page: Page, done = page.getByTestId('import-done')): Promise<void> {
	await page.getByLabel(/^File/).setInputFiles({ name: 'aapl.csv', mimeType: 'text/csv', buffer: AAPL });
	await page.getByLabel('Source (required)').selectOption('yahoo');
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByTestId('import-report')).toBeVisible();
	const acknowledge = page.locator('input[name="acknowledge-warnings"]');
	if (await acknowledge.isVisible()) await acknowledge.check();
	await page.getByRole('button', { name: /^Import \d/ }).click();
	await expect(done).toBeVisible();
}

/** A ridge trial (250/100/100 rows) on the dataset whose option matches `dataset`, run to completion. */
async function ridgeOnAapl(page: Page, dataset: string | RegExp, name: string): Promise<void> {
	const aapl = await page.getByLabel('Dataset').locator('option', { hasText: dataset }).getAttribute('value');
	await page.getByLabel('Dataset').selectOption(aapl!);
	await page.getByLabel('Name (optional)').fill(name);
	await page.getByLabel('Model', { exact: true }).selectOption('ridge');
	await page.getByLabel('Training rows').fill('250');
	await page.getByLabel('Test rows').fill('100');
	await page.getByLabel('Step (rows)').fill('100');
	await page.getByRole('button', { name: 'Start trial' }).click();
	await page.waitForURL(/\/trials\/view\/\?id=/);
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
}

async function createLink(page: Page, passphrase = ''): Promise<string> {
	const share = page.getByTestId('share');
	if (await share.getByRole('button', { name: 'Share as a link…' }).isVisible())
		await share.getByRole('button', { name: 'Share as a link…' }).click();
	await share.getByLabel('Passphrase (optional)').fill(passphrase);
	await share.getByRole('button', { name: 'Create link' }).click();
	const url = share.getByTestId('share-url');
	await expect(url).toHaveValue(passphrase ? /#\/s\/v1e\./ : /#\/s\/v1\./);
	return url.inputValue();
}

test('a shared trial opens read-only in a new profile and reproduces to the last digit', async ({
	page,
	browser
}) => {
	test.setTimeout(300_000);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));

	// The sender: a file of real Apple bars, a ridge trial on it, a link.
	await page.goto('/data/');
	await importAapl(page);
	await page.getByRole('link', { name: 'New trial' }).first().click();
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await ridgeOnAapl(page, /aapl/i, 'shared ridge');
	const link = await createLink(page);
	expect(link.length).toBeLessThan(2_000);
	const sealed = await createLink(page, 'correct horse battery');

	// The recipient: a new profile with nothing of the sender's.
	const other = await browser.newContext({ serviceWorkers: 'allow' });
	const recipient = await other.newPage();
	recipient.on('pageerror', (e) => errors.push(e.message));
	await recipient.goto(link);
	await expect(recipient.getByTestId('shared-banner')).toContainText('Shared — not in your workspace');
	await expect(recipient.getByTestId('shared-title')).toHaveText('shared ridge');
	const missing = recipient.getByTestId('reproduce');
	await expect(missing.getByTestId('missing-data')).toBeVisible();
	await expect(missing).toContainText('yahoo');
	const hash = await recipient.getByTestId('shared-hash').first().textContent();
	await expect(missing).toContainText(hash!);
	// Opening the link stored no trial.
	expect(await trialCount(recipient)).toBe(0);

	await importAapl(recipient, missing.getByTestId('data-found'));
	await missing.getByRole('button', { name: 'Reproduce' }).click();
	await expect(missing.getByTestId('reproduce-verdict')).toContainText('identical', { timeout: 120_000 });
	await expect(missing.getByTestId('reproduce-verdict')).toContainText('match the re-run to the last digit');
	expect(await trialCount(recipient)).toBe(1);

	// The sealed link asks for its passphrase and refuses a wrong one.
	await recipient.goto(sealed);
	await expect(recipient.getByRole('heading', { name: 'A protected link' })).toBeVisible();
	await recipient.getByLabel('Passphrase', { exact: true }).fill('wrong horse battery');
	await recipient.getByRole('button', { name: 'Open' }).click();
	await expect(recipient.getByTestId('share-error')).toContainText('the passphrase does not open this link');
	await recipient.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
	await recipient.getByRole('button', { name: 'Open' }).click();
	await expect(recipient.getByTestId('shared-title')).toHaveText('shared ridge');

	// A damaged link says why, stores nothing and calls nowhere.
	const origin = new URL(link).origin;
	const calls: string[] = [];
	recipient.on('request', (r) => {
		if (!r.url().startsWith(origin)) calls.push(r.url());
	});
	await recipient.goto(`${origin}/#/s/v1.${'A'.repeat(40)}`);
	await expect(recipient.getByTestId('share-error')).toBeVisible();
	expect(await trialCount(recipient)).toBe(1);
	expect(calls).toEqual([]);

	// Once the app is stored for offline use, a link opens with no network at all.
	await expect(recipient.getByTestId('offline-status')).toHaveText('works offline', { timeout: 60_000 });
	// The first visit is not yet controlled by the service worker (none is before a reload).
	await recipient.reload();
	await expect
		.poll(() => recipient.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
		.toBe(true);
	await other.setOffline(true);
	await recipient.goto('about:blank');
	await recipient.goto(link);
	await expect(recipient.getByTestId('shared-title')).toHaveText('shared ridge');
	await expect(recipient.getByTestId('reproduce').getByTestId('data-found')).toBeVisible();
	expect(errors).toEqual([]);
	await other.close();
});

function trialCount(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('mltrainer');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('trials', 'readonly').objectStore('trials').count();
					req.onsuccess = () => {
						open.result.close();
						resolve(req.result);
					};
					req.onerror = () => reject(req.error);
				};
			})
	);
}

test('a link to a trial on Polygon bars: the recipient fetches the same bars through the connector and reproduces', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(300_000);
	await request.post(`${POLYGON_MOCK_ORIGIN}/__mock/reset`);
	await usePolygonMock(page);
	await nav(page, 'Data').click();
	await page.getByLabel('Ticker').fill('AAPL');
	await page.getByLabel('Bars', { exact: true }).selectOption({ label: 'Daily' });
	await page.getByLabel('From', { exact: true }).fill('2013-05-13');
	await page.getByLabel('To', { exact: true }).fill('2016-12-30');
	await page.getByRole('button', { name: 'Fetch bars' }).click();
	await expect(page.getByTestId('fetch-outcome')).toContainText('new dataset stored');
	await nav(page, 'New trial').click();
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await ridgeOnAapl(page, 'AAPL', 'ridge on polygon');
	const link = await createLink(page);

	const other = await browser.newContext({ serviceWorkers: 'allow' });
	const recipient = await other.newPage();
	await recipient.goto(link);
	const panel = recipient.getByTestId('reproduce');
	await expect(panel).toContainText('polygon');
	const fetchButton = panel.getByRole('button', { name: 'Fetch AAPL 2013-05-13…2016-12-30 from Polygon' });
	// Without a key the connector says so (and nothing is fetched).
	await fetchButton.click();
	await expect(panel.getByTestId('fetch-note')).toContainText(/key/i);
	// A key for this session, then back to the link (client-side navigation keeps a session-only key).
	await nav(recipient, 'Settings').click();
	await usePolygonMock(recipient, false);
	await recipient.goBack();
	await fetchButton.click();
	await expect(panel.getByTestId('data-found')).toBeVisible();
	await panel.getByRole('button', { name: 'Reproduce' }).click();
	await expect(panel.getByTestId('reproduce-verdict')).toContainText('identical', { timeout: 120_000 });
	await other.close();
});
