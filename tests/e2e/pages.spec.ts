import { expect, test } from '@playwright/test';

test('the Models page lists all 137 entries and never shows an unimplemented one as runnable', async ({
	page
}) => {
	await page.goto('/models');
	await expect(page.getByTestId('catalog-entry')).toHaveCount(137);
	await expect(page.locator('[data-testid="catalog-entry"][data-status="runnable"]')).toHaveCount(105);
	// The three study procedures are runnable as studies, and say so.
	await expect(page.getByTestId('runs-as-study')).toHaveCount(3);
	await page.getByLabel('Status').selectOption('unavailable');
	const unavailable = page.getByTestId('catalog-entry');
	expect(await unavailable.count()).toBeGreaterThan(0);
	for (const status of await unavailable.evaluateAll((els) =>
		els.map((e) => e.getAttribute('data-status'))
	)) {
		expect(status).toBe('unavailable');
	}
	await page.getByLabel('Status').selectOption('runnable');
	await page.getByLabel('Task kind').selectOption('classification');
	await expect(page.getByTestId('catalog-entry')).toHaveCount(2);
	await expect(page.getByTestId('catalog-entry').first()).toContainText('logistic_regression');
	await page.getByLabel('Task kind').selectOption('volatility_forecast');
	await expect(page.getByTestId('catalog-entry')).toHaveCount(2);
	await expect(page.getByTestId('catalog-entry').first()).toContainText('garch');
	await expect(page.getByTestId('catalog-entry').last()).toContainText('ewma_risk_metrics');
	// An analysis links to the analysis form, a walk-forward model to the trial form.
	await page.getByLabel('Task kind').selectOption('test');
	await page.getByText('adf_kpss_tests').first().click();
	await expect(page.getByRole('link', { name: 'Run this analysis' }).first()).toHaveAttribute(
		'href',
		/\/analyses\/new\/\?model=/
	);
	await page.getByLabel('Task kind').selectOption('all');
	await page.getByLabel('Status').selectOption('all');
	await page.getByLabel('Category').selectOption('traditional_ml');
	await expect(page.getByTestId('catalog-entry')).toHaveCount(11);
	await page.getByText('Gradient-boosted trees').first().click();
	await expect(page.getByRole('cell', { name: 'n_estimators' })).toBeVisible();
});

test('an invalid trial is refused with a message naming the field, and nothing is created', async ({
	page
}) => {
	await page.goto('/trials/new');
	await expect(page.getByTestId('fold-count')).toBeVisible();
	await page.getByLabel('Horizon (trading days)').fill('10');
	await page.getByLabel('Embargo (rows)').fill('3');
	await page.locator('#param-alpha').fill('5000');
	await page.getByRole('button', { name: 'Start trial' }).click();
	const summary = page.locator('#form-summary');
	await expect(summary).toContainText('validation.embargo');
	await expect(summary).toContainText('model.params.alpha');
	await expect(page).toHaveURL(/\/trials\/new/);
	await page.goto('/trials');
	await expect(page.getByTestId('trial-row')).toHaveCount(0);
});

async function unnamedControls(page: import('@playwright/test').Page): Promise<string[]> {
	return page.locator('input, select, button, textarea').evaluateAll((els) =>
		els
			.filter((el) => {
				const e = el as HTMLInputElement;
				const named =
					(e.labels && e.labels.length > 0) || e.getAttribute('aria-label') || e.textContent?.trim();
				return !named;
			})
			.map((el) => el.outerHTML.slice(0, 80))
	);
}

test('every control on every page has an accessible name', async ({ page }) => {
	for (const path of ['/', '/chat/', '/goal/', '/data/', '/models/', '/trials/', '/audit/', '/settings/']) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		expect(await unnamedControls(page), path).toEqual([]);
	}
	await page.goto('/trials/new/');
	await expect(page.getByTestId('fold-count')).toBeVisible();
	for (const model of ['ridge', 'xgboost', 'feedforward_mlp']) {
		await page.getByLabel('Model', { exact: true }).selectOption(model);
		expect(await unnamedControls(page), model).toEqual([]);
	}
});

test('the layout fits a phone-width screen without horizontal scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 740 });
	for (const path of ['/', '/data', '/models', '/trials/new', '/trials', '/analyses/new', '/analyses']) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow, path).toBeLessThanOrEqual(0);
	}
});

test('the close chart zooms and pans from the keyboard and the mouse wheel', async ({ page }) => {
	await page.goto('/data');
	const chart = page.getByRole('application', { name: /Daily close/ });
	await expect(chart).toHaveAttribute('data-x-min', /\d/);
	const range = async () => {
		const min = Number(await chart.getAttribute('data-x-min'));
		const max = Number(await chart.getAttribute('data-x-max'));
		return { min, max, width: max - min };
	};
	const full = await range();
	await chart.focus();
	await page.keyboard.press('+');
	const zoomed = await range();
	expect(zoomed.width).toBeLessThan(full.width * 0.9);
	await page.keyboard.press('ArrowLeft');
	const panned = await range();
	expect(panned.min).toBeLessThan(zoomed.min);
	expect(panned.width).toBeCloseTo(zoomed.width, 0);
	const box = (await chart.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.wheel(0, -240);
	await expect.poll(async () => (await range()).width).toBeLessThan(panned.width);
	await page.keyboard.press('0');
	expect((await range()).width).toBeCloseTo(full.width, 0);
});

test('the New trial form keeps what was typed across a reload', async ({ page }) => {
	await page.goto('/trials/new');
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await page.getByLabel('Model', { exact: true }).selectOption('xgboost');
	await page.locator('#param-max_depth').fill('4');
	await page.getByLabel('Name (optional)').fill('draft survives');
	await page.reload();
	await expect(page.getByLabel('Model', { exact: true })).toHaveValue('xgboost');
	await expect(page.locator('#param-max_depth')).toHaveValue('4');
	await expect(page.getByLabel('Name (optional)')).toHaveValue('draft survives');
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await expect(page.getByLabel('Model', { exact: true })).toHaveValue('ridge');
});
