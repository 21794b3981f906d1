/**
 * Issue 12, macro inputs from Polygon: an index has no volume (Polygon sends none; the mock is asked to behave so),
 * so it cannot be a trial's dataset — the Data page says why and offers to store its closes as a value series. That
 * series then enters a trial as a macro input, one observation of publication lag, pinned and listed on the trial.
 */
import { expect, test } from '@playwright/test';
import { POLYGON_MOCK_ORIGIN } from '../../playwright.config';

test('an index without volume becomes a macro input of a trial', async ({ page, request }) => {
	test.setTimeout(180_000);
	await request.post(`${POLYGON_MOCK_ORIGIN}/__mock/reset`);
	await request.post(`${POLYGON_MOCK_ORIGIN}/__mock/index-volume?on=0`);
	try {
		await page.goto('/settings/');
		await page.getByLabel('Polygon.io / Massive API key').fill('mock-polygon-key');
		await page.getByLabel('Polygon.io / Massive API key').press('Enter');
		await page.getByLabel('Polygon / Massive host').selectOption(POLYGON_MOCK_ORIGIN);
		// Six pages of bars: a paid plan's budget, so the test does not wait a minute for the free one.
		await page.getByLabel('Calls per minute (your plan; free = 5)').fill('100');
		await page.getByLabel('Calls per minute (your plan; free = 5)').press('Tab');

		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Data', exact: true })
			.click();
		await page.getByLabel('Ticker').fill('I:SPX');
		await page.getByLabel('Bars', { exact: true }).selectOption({ label: 'Daily' });
		await page.getByLabel('From', { exact: true }).fill('2000-01-03');
		await page.getByLabel('To', { exact: true }).fill('2020-04-17');
		await page.getByRole('button', { name: 'Fetch bars' }).click();
		await expect(page.getByTestId('fetch-error')).toContainText('Polygon reports no volume for I:SPX');
		await page.getByRole('button', { name: 'Store its closes as a value series' }).click();
		await expect(page.getByTestId('closes-stored')).toContainText(
			'5,105 closes of I:SPX stored as the value series "I:SPX closes (Polygon)"'
		);

		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New trial' }).click();
		await page.getByRole('button', { name: 'Reset to defaults' }).click();
		await page.getByLabel('Name (optional)').fill('ridge with the index as a macro input');
		await page.getByLabel('Model', { exact: true }).selectOption('ridge');
		const inputs = page.getByTestId('feature-inputs');
		const option = await inputs
			.getByLabel('Input to add')
			.locator('option', { hasText: 'I:SPX closes (Polygon)' })
			.getAttribute('value');
		await inputs.getByLabel('Input to add').selectOption(option!);
		await inputs.getByRole('button', { name: 'Add input' }).click();
		const row = inputs.getByTestId('feature-input-row');
		await expect(row.getByLabel('Role')).toHaveValue('macro');
		await expect(row.getByLabel('Lag', { exact: true })).toHaveValue('1');
		await page.getByRole('button', { name: 'Start trial' }).click();
		await page.waitForURL(/\/trials\/view\/\?id=/);
		await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
		await expect(page.getByTestId('trial-inputs')).toContainText('I:SPX closes (Polygon)');
	} finally {
		await request.post(`${POLYGON_MOCK_ORIGIN}/__mock/reset`);
	}
});
