/**
 * Issue 13, share links, as two people would use them: one imports a file, runs a trial and shares it; the other
 * opens the link in a new browser profile, sees the read-only view, imports the same file, presses Reproduce and
 * reads "identical". A passphrase-protected link refuses a wrong passphrase; a damaged link says why.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const AAPL = readFileSync('node_modules/@observablehq/sample-datasets/aapl.csv');

async function importAapl(page: Page): Promise<void> {
	await page.getByLabel(/^File/).setInputFiles({ name: 'aapl.csv', mimeType: 'text/csv', buffer: AAPL });
	await page.getByLabel('Source (required)').selectOption('yahoo');
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByTestId('import-report')).toBeVisible();
	const acknowledge = page.locator('input[name="acknowledge-warnings"]');
	if (await acknowledge.isVisible()) await acknowledge.check();
	await page.getByRole('button', { name: /^Import \d/ }).click();
	await expect(page.getByTestId('import-done')).toBeVisible();
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
	const aapl = await page.getByLabel('Dataset').locator('option', { hasText: /aapl/i }).getAttribute('value');
	await page.getByLabel('Dataset').selectOption(aapl!);
	await page.getByLabel('Name (optional)').fill('shared ridge');
	await page.getByLabel('Model', { exact: true }).selectOption('ridge');
	await page.getByLabel('Training rows').fill('250');
	await page.getByLabel('Test rows').fill('100');
	await page.getByLabel('Step (rows)').fill('100');
	await page.getByRole('button', { name: 'Start trial' }).click();
	await page.waitForURL(/\/trials\/view\/\?id=/);
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
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

	await importAapl(recipient);
	await expect(missing.getByTestId('data-found')).toBeVisible();
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

	// A damaged link says why and stores nothing.
	await recipient.goto(`${link.slice(0, link.indexOf('#'))}#/s/v1.${'A'.repeat(40)}`);
	await expect(recipient.getByTestId('share-error')).toBeVisible();
	expect(await trialCount(recipient)).toBe(1);
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
