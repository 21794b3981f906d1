import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export interface TrialOptions {
	model:
		| 'ridge'
		| 'xgboost'
		| 'feedforward_mlp'
		| 'logistic_regression'
		| 'ema_crossover_model'
		| 'gradient_boosting';
	name: string;
	params?: Record<string, string>;
	trainLength?: number;
	testLength?: number;
	step?: number;
	/** A named feature set (the form's Features select); daily_v1 when absent. */
	features?: 'daily_v1' | 'swing_7_12_v1' | 'trend_50_70_v1';
}

/** Fills the New trial form as a user would and starts the trial; returns the new trial's id. */
export async function startTrial(page: Page, o: TrialOptions): Promise<string> {
	await page.getByRole('link', { name: 'New trial' }).first().click();
	await expect(page.getByRole('heading', { name: 'New trial' })).toBeVisible();
	// The form remembers the last trial's settings; start each test trial from the defaults.
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await page.getByLabel('Name (optional)').fill(o.name);
	await page.getByLabel('Model', { exact: true }).selectOption(o.model);
	for (const [param, value] of Object.entries(o.params ?? {}))
		await page.locator(`#param-${param}`).fill(value);
	if (o.features) await page.getByLabel('Features', { exact: true }).selectOption(o.features);
	if (o.trainLength) await page.getByLabel('Training rows').fill(String(o.trainLength));
	if (o.testLength) await page.getByLabel('Test rows').fill(String(o.testLength));
	if (o.step) await page.getByLabel('Step (rows)').fill(String(o.step));
	await expect(page.getByTestId('fold-count')).toBeVisible();
	await page.getByRole('button', { name: 'Start trial' }).click();
	await page.waitForURL(/\/trials\/view\/\?id=/);
	return new URL(page.url()).searchParams.get('id')!;
}

/** Counts the stored fold results of a trial straight from IndexedDB. */
export async function countResults(
	page: Page,
	trialId: string
): Promise<{ results: number; folds: number[] }> {
	return page.evaluate(
		(id) =>
			new Promise<{ results: number; folds: number[] }>((resolve, reject) => {
				const open = indexedDB.open('mltrainer');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('results', 'readonly');
					const req = tx.objectStore('results').index('trialId').getAll(id);
					req.onsuccess = () => {
						const rows = req.result as Array<{ fold: number }>;
						open.result.close();
						resolve({ results: rows.length, folds: rows.map((r) => r.fold).sort((a, b) => a - b) });
					};
					req.onerror = () => reject(req.error);
				};
			}),
		trialId
	);
}
