/**
 * Feature sets in the production build: a trial runs on a named set other than daily_v1 and says which, and the
 * catalog's automated_feature_engineering runs as a study over generated sets, each trial on its own recipe.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startTrial } from './helpers';

test('a trial on the 50–70-day set, then an automated feature engineering study from it', async ({
	page
}) => {
	test.setTimeout(300_000);
	await page.goto('/');
	await startTrial(page, {
		model: 'ridge',
		name: 'ridge trend set',
		features: 'trend_50_70_v1',
		trainLength: 1000,
		testLength: 500,
		step: 500
	});
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	await expect(page.getByTestId('trial-features')).toContainText('50–70 days');
	await expect(page.getByTestId('trial-features')).toContainText('trend_50_70_v1');
	// Its calibration evidence: fitted on earlier out-of-sample days, scored on the latest, with the diagram.
	await expect(page.getByTestId('calibration-evidence')).toContainText(
		/held-out Brier \d\.\d{4} against \d\.\d{4}/
	);
	await expect(page.getByRole('img', { name: 'Reliability diagram' })).toBeVisible();
	// Its tear sheet: one HTML file that needs no network, showing what it reports.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download tear sheet (HTML)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^mltrainer-trial-.+-tearsheet\.html$/);
	const html = readFileSync((await download.path()) as string, 'utf8');
	expect(html).not.toMatch(/<script|https?:\/\//i);
	const sheet = await page.context().newPage();
	await sheet.setContent(html);
	await expect(sheet.getByRole('heading', { level: 1 })).toContainText('ridge trend set');
	await expect(sheet.getByRole('img')).toHaveCount(5);
	await expect(sheet.getByRole('table', { name: 'Monthly returns (compounded)' })).toBeVisible();
	await sheet.close();

	await page.getByRole('link', { name: 'Start a study from this trial' }).click();
	await expect(page.getByRole('heading', { name: 'New study' })).toBeVisible();
	await page.locator('#study-procedure').selectOption('automated_feature_engineering');
	await expect(page.getByTestId('procedure-sets')).toContainText('generated feature sets up to depth 3');
	// Features only: the model's parameters stay as in the base trial.
	for (const box of await page.getByRole('checkbox', { name: /^Search / }).all()) await box.uncheck();
	await page.getByLabel('Trials', { exact: true }).fill('4');
	await page.getByRole('button', { name: 'Start study' }).click();
	await page.waitForURL(/\/studies\/view\/\?id=/);
	await expect(page.getByTestId('study-procedure')).toContainText('automated_feature_engineering');
	await expect(page.getByTestId('study-status')).toHaveText('completed', { timeout: 240_000 });
	await expect(page.getByTestId('study-trial-row')).toHaveCount(4);
	await expect(page.getByTestId('study-trials').locator('th')).toContainText(['features.depth']);
	await page.getByTestId('study-trial-row').first().getByRole('link').click();
	await expect(page.getByTestId('trial-status')).toHaveText('completed');
	await expect(page.getByTestId('trial-features')).toContainText('Generated (depth');
	await expect(page.getByTestId('trial-features')).toContainText('generated_v1');
});
