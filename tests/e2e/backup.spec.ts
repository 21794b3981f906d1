/**
 * Issue 13, workspace backup: run a trial, export the workspace to one file, clear the workspace (the trial is
 * gone), import the file (checked, previewed, written) and the trial, its result and a verified audit chain
 * are back.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { startTrial } from './helpers';

async function openSettings(page: Page): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Settings', exact: true })
		.click();
	await expect(page.getByTestId('backup-panel')).toBeVisible();
}

test('export the workspace, clear it, import it: the trial, its result and the audit chain are back', async ({
	page
}) => {
	test.setTimeout(240_000);
	await page.goto('/');
	await expect(page.getByTestId('backup-badge')).toHaveText('not backed up');
	const id = await startTrial(page, {
		model: 'ridge',
		name: 'backed up',
		trainLength: 1000,
		testLength: 500,
		step: 500
	});
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	const strategy = await page.getByTestId('strategy-metrics').innerText();

	// Export: one gzip file whose first line is the versioned header and whose last line is the trailer.
	await openSettings(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export workspace' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^mltrainer-workspace-\d{4}-\d{2}-\d{2}\.jsonl\.gz$/);
	const path = (await download.path()) as string;
	const lines = new TextDecoder()
		.decode(gunzipSync(readFileSync(path)))
		.trimEnd()
		.split('\n');
	expect(JSON.parse(lines[0])).toMatchObject({
		format: 'mltrainer-workspace',
		version: 1,
		includesChat: false
	});
	expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: 'mltrainer-workspace' });
	expect(lines.some((l) => l.includes(`"s":"trials"`) && l.includes(`"id":"${id}"`))).toBe(true);
	await expect(page.getByTestId('backup-note')).toContainText('Exported');
	await expect(page.getByTestId('backup-badge')).toHaveText('backup: today');
	await expect(page.getByTestId('last-backup')).not.toHaveText('never');

	// Clear: after a confirmation, the trial is gone.
	await page.getByRole('button', { name: 'Clear workspace…' }).click();
	await page.getByRole('button', { name: 'Yes, delete everything' }).click();
	await expect(page.getByTestId('backup-note')).toContainText('Workspace cleared');
	await page.getByRole('link', { name: 'Trials', exact: true }).click();
	await expect(page.getByText('No trials yet.')).toBeVisible();
	await expect(page.locator(`[data-trial-id="${id}"]`)).toHaveCount(0);
	await page.goto(`/trials/view/?id=${id}`);
	await expect(page.getByRole('heading', { name: 'Trial not found' })).toBeVisible();

	// Import: the file is checked and previewed, then written.
	await page.goto('/settings/');
	await expect(page.getByTestId('backup-panel')).toBeVisible();
	await page.getByLabel('Backup file').setInputFiles(path);
	const preview = page.getByTestId('import-preview');
	await expect(preview).toBeVisible({ timeout: 60_000 });
	await expect(preview.locator('tr[data-store="trials"] td').nth(1)).toHaveText('1');
	await expect(preview.locator('tr[data-store="results"] td').nth(1)).not.toHaveText('0');
	await expect(preview).toContainText('will be written as it is');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page.getByTestId('import-outcome')).toContainText(/Audit chain verified: \d+ events/);

	// The trial and its result are back, with the same numbers.
	await page.goto(`/trials/view/?id=${id}`);
	await expect(page.getByTestId('trial-status')).toHaveText('completed');
	expect(await page.getByTestId('strategy-metrics').innerText()).toBe(strategy);

	// The audit trail holds the trial's events and the import, and verifies.
	await page.getByRole('link', { name: 'Audit' }).click();
	const table = page.getByRole('table', { name: 'Audit events' });
	await expect(table.locator('tr[data-type="trial.completed"]').first()).toBeVisible();
	await expect(table.locator('tr[data-type="workspace.imported"]')).toHaveCount(1);
	await page.getByRole('button', { name: 'Verify chain' }).click();
	await expect(page.getByTestId('chain-verdict')).toContainText('Chain intact');
});
