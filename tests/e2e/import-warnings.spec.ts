/**
 * Issue 8 §6, as a new user would meet it: a file the importer had to alter is imported only after the user
 * read and acknowledged what was changed; a file with a close and an adjusted close asks which to use and the
 * choice is stored in the provenance; a saved Polygon response imports, a saved Polygon error says what the API
 * said. The files are the committed corpus (real S&P 500 rows from vega-datasets).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { dumpStorage } from './storage';

const CORPUS = 'tests/fixtures/import/';

async function choose(page: Page, file: string, mimeType = 'text/csv') {
	await page
		.getByLabel(/^File/)
		.setInputFiles({ name: file, mimeType, buffer: readFileSync(`${CORPUS}${file}`) });
	await expect(page.getByRole('button', { name: 'Check rows' })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
	await page.goto('/data/');
	await expect(page.getByRole('heading', { name: 'Import a file' })).toBeVisible();
});

test('hostile header names are listed and Import waits for the acknowledgement', async ({ page }) => {
	await choose(page, 'hostile-headers.csv');
	await page.getByLabel('Source (required)').selectOption('yahoo');
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByTestId('import-report')).toContainText('8 valid rows of 8');

	const warnings = page.getByTestId('import-warnings');
	// header_invisible twice: the file's second byte-order mark, and the zero-width space in "High".
	await expect(warnings.locator('li[data-code="header_invisible"]')).toHaveCount(2);
	for (const code of ['header_empty', 'header_formula', 'header_reserved'])
		await expect(warnings.locator(`li[data-code="${code}"]`)).toBeVisible();
	await expect(warnings).toContainText('"=HYPERLINK(\\"http://example.invalid\\")"');
	const importButton = page.getByRole('button', { name: 'Import 8 rows' });
	await expect(importButton).toBeDisabled();

	await page.getByRole('checkbox', { name: /I have read these \d+ warnings and accept the changes/ }).check();
	await expect(importButton).toBeEnabled();
	await importButton.click();
	await expect(page.getByTestId('import-done')).toContainText('Imported 8 bars from hostile-headers.csv');
	// What was acknowledged is in the audit record of the import.
	expect(await dumpStorage(page)).toMatch(/"warnings":\[\{"code":"header_invisible","count":\d+\}/);
});

test('a Yahoo file asks which close to use, preselects the adjusted close and stores the choice', async ({
	page
}) => {
	await choose(page, 'valid-yahoo-sp500.csv');
	await expect(page.getByRole('group', { name: 'Close to use' })).toBeVisible();
	await expect(page.getByRole('radio', { name: /^Adjusted close \(Adj Close\)/ })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Close as traded (Close)' })).not.toBeChecked();
	await page.getByLabel('Source (required)').selectOption('yahoo');
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByTestId('import-report')).toContainText('30 valid rows of 30');
	// The index's adjusted close equals its close: nothing was changed, so nothing needs acknowledging.
	await expect(page.getByTestId('import-warnings')).toHaveCount(0);
	await page.getByRole('button', { name: 'Import 30 rows' }).click();
	await expect(page.getByTestId('import-done')).toBeVisible();
	expect(await dumpStorage(page)).toContain('"priceBasis":"adjusted_close"');
});

test('a saved Polygon aggregates response imports as bars; a saved Polygon error is refused with its text', async ({
	page
}) => {
	await choose(page, 'polygon-aggs-sp500.json', 'application/json');
	await expect(page.getByLabel('Source (required)')).toHaveValue('polygon');
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByTestId('import-report')).toContainText('10 valid rows of 10');
	await page.getByRole('button', { name: 'Import 10 rows' }).click();
	await expect(page.getByTestId('import-done')).toContainText(
		'Imported 10 bars from polygon-aggs-sp500.json'
	);

	await page.getByLabel(/^File/).setInputFiles({
		name: 'polygon-error-response.json',
		mimeType: 'application/json',
		buffer: readFileSync(`${CORPUS}polygon-error-response.json`)
	});
	await expect(page.getByTestId('import-error')).toContainText('"Unknown API Key"');
	await expect(page.getByTestId('import-error')).toContainText('(api_error)');
});
