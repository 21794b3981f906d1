import { expect, test } from '@playwright/test';
import { startTrial } from './helpers';

test('a classifier predicts the probability of an up move and its trial page shows classification metrics and calibration', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'New trial' }).first().click();
	await page.getByLabel('Model', { exact: true }).selectOption('logistic_regression');
	// A classifier's target is the direction: the form says so and will not offer another.
	await expect(page.getByLabel('Target')).toBeDisabled();
	await expect(page.getByLabel('Target')).toHaveValue('direction');
	await expect(page.getByLabel('Position size')).toBeVisible();

	const id = await startTrial(page, { model: 'logistic_regression', name: 'logit e2e' });
	expect(id).toBeTruthy();
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	const metrics = page.getByTestId('prediction-metrics');
	await expect(metrics).toHaveAttribute('data-task', 'classification');
	await expect(metrics).toContainText('ROC AUC');
	await expect(metrics).toContainText('Brier score');
	await expect(page.getByTestId('calibration-table').locator('tbody tr')).toHaveCount(10);
	await expect(page.getByTestId('folds-table')).toContainText('AUC');
	// What produced the numbers: the pinned version of the dataset, by its content hash.
	await expect(page.getByTestId('pinned-dataset')).toContainText('version 1');
	await expect(page.getByTestId('pinned-content-sha')).toHaveText(/^[0-9a-f]{64}$/);
});

test('a signal trades its own positions and its trial page shows exposure and the positions it took', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'New trial' }).first().click();
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await page.getByLabel('Model', { exact: true }).selectOption('ema_crossover_model');
	// A rule between two parameters is checked like a range, with both fields named.
	await page.locator('#param-fast_period').fill('30');
	await page.locator('#param-slow_period').fill('20');
	await expect(page.getByTestId('form-issues')).toContainText(
		'fast_period (30) must be less than slow_period (20)'
	);
	await expect(page.getByTestId('fold-count')).toHaveCount(0);

	await startTrial(page, { model: 'ema_crossover_model', name: 'ema e2e' });
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	const metrics = page.getByTestId('prediction-metrics');
	await expect(metrics).toHaveAttribute('data-task', 'signal');
	await expect(metrics).toContainText('Exposure');
	await expect(
		page.getByRole('application', { name: 'Positions of the signal over the test rows' })
	).toBeVisible();
	await expect(page.getByTestId('trial-params')).toHaveText('{"fast_period":12,"slow_period":26}');
});
