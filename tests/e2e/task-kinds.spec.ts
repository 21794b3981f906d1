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

test('walk-forward optimisation: a learner chooses its parameters by nested walk-forward on each fold', async ({
	page
}) => {
	await page.goto('/trials/new/');
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await page.getByLabel('Model', { exact: true }).selectOption('ridge');
	await page.getByLabel('Name (optional)').fill('ridge nested e2e');
	// Opt-in for a learner: closed, nothing of it is submitted.
	await expect(page.getByTestId('tune-fields')).toHaveCount(0);
	await page.getByTestId('tune-open').click();
	const tune = page.getByTestId('tune-fields');
	await tune.getByLabel('alpha').fill('0.1, 1, 10');
	await expect(tune.getByLabel('Inner training window (rows)')).toHaveValue('252');
	await expect(tune.getByLabel('Inner test step (rows)')).toHaveValue('22');
	await page.getByRole('button', { name: 'Start trial' }).click();
	await page.waitForURL(/\/trials\/view\/\?id=/);
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	await expect(page.getByTestId('trial-tune')).toContainText('alpha');
	const choices = page.getByTestId('fold-choice');
	expect(await choices.count()).toBeGreaterThanOrEqual(3);
	for (const text of await choices.allTextContents()) expect(text).toMatch(/alpha=(0\.1|1|10)\b/);
});

test('a signal chooses its parameters on each training window: the form takes the values, each fold shows its choice', async ({
	page
}) => {
	await page.goto('/trials/new/');
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await page.getByLabel('Model', { exact: true }).selectOption('rsi_model');
	await page.getByLabel('Name (optional)').fill('rsi tuned e2e');
	const tune = page.getByTestId('tune-fields');
	await expect(tune).toBeVisible();
	// A bad list is named with its range and blocks Start; a good one is kept across a reload.
	await tune.getByLabel('window').fill('7, 3');
	await page.getByRole('button', { name: 'Start trial' }).click();
	await expect(page.getByTestId('form-issues')).toContainText('Values of window');
	await tune.getByLabel('window').fill('7, 14, 21');
	await page.reload();
	await expect(page.getByTestId('tune-fields').getByLabel('window')).toHaveValue('7, 14, 21');
	await expect(page.getByTestId('fold-count')).toBeVisible();
	await page.getByRole('button', { name: 'Start trial' }).click();
	await page.waitForURL(/\/trials\/view\/\?id=/);
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	await expect(page.getByTestId('trial-tune')).toContainText('window');
	const choices = page.getByTestId('fold-choice');
	expect(await choices.count()).toBeGreaterThanOrEqual(3);
	for (const text of await choices.allTextContents()) expect(text).toMatch(/window=(7|14|21)/);
});
