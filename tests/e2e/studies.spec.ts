/**
 * Issue 11, studies: a 30-trial TPE study of the gradient-boosting model on the bundled S&P 500 runs in the
 * production build, survives a reload in the middle with no trial lost or duplicated, draws its charts, reports
 * its trial count, DSR and PBO, checks its best trial for look-ahead, and exports Optuna's CSV.
 */
import { expect, test, type Page } from '@playwright/test';
import { startTrial } from './helpers';

/** The study's trial entries as stored: numbers and trial ids. */
async function storedStudy(page: Page, id: string): Promise<{ numbers: number[]; trialIds: string[] }> {
	return page.evaluate(
		(studyId) =>
			new Promise<{ numbers: number[]; trialIds: string[] }>((resolve, reject) => {
				const open = indexedDB.open('mltrainer');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('studies', 'readonly').objectStore('studies').get(studyId);
					req.onsuccess = () => {
						const trials = (req.result?.trials ?? []) as Array<{ number: number; trialId: string | null }>;
						open.result.close();
						resolve({
							numbers: trials.map((t) => t.number),
							trialIds: trials.map((t) => t.trialId).filter((x): x is string => x !== null)
						});
					};
					req.onerror = () => reject(req.error);
				};
			}),
		id
	);
}

async function storedTrialIds(page: Page, prefix: string): Promise<string[]> {
	return page.evaluate(
		(p) =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('mltrainer');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('trials', 'readonly').objectStore('trials').getAllKeys();
					req.onsuccess = () => {
						open.result.close();
						resolve((req.result as string[]).filter((k) => k.startsWith(p)));
					};
					req.onerror = () => reject(req.error);
				};
			}),
		prefix
	);
}

test('a 30-trial TPE study of gradient boosting survives a reload and reports its size, DSR, PBO and look-ahead', async ({
	page
}) => {
	test.setTimeout(600_000);
	await page.goto('/');
	const baseId = await startTrial(page, {
		model: 'gradient_boosting',
		name: 'gbm base',
		params: { n_estimators: '10' },
		trainLength: 1000,
		testLength: 1000,
		step: 1000
	});
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	await page.getByRole('link', { name: 'Start a study from this trial' }).click();
	await expect(page.getByRole('heading', { name: 'New study' })).toBeVisible();
	await expect(page.getByLabel('Base trial')).toHaveValue(baseId);
	await page.getByLabel('Name (optional)').fill('gbm tpe');
	// Search n_estimators over 10–20 and the learning rate over its catalog range; fix the rest.
	await page.getByLabel('n_estimators from').fill('10');
	await page.getByLabel('n_estimators to').fill('20');
	for (const name of ['max_depth', 'min_samples_split', 'min_samples_leaf', 'subsample', 'max_features']) {
		const box = page.getByLabel(`Search ${name}`, { exact: true });
		if ((await box.count()) > 0 && (await box.isChecked())) await box.uncheck();
	}
	await page.getByLabel('Sampler').selectOption('tpe');
	await page.getByLabel('Objective', { exact: true }).selectOption('sharpe');
	await page.getByLabel('Trials', { exact: true }).fill('30');
	await page.getByRole('button', { name: 'Start study' }).click();
	await page.waitForURL(/\/studies\/view\/\?id=/);
	const studyId = new URL(page.url()).searchParams.get('id')!;

	// Reload in the middle of the run.
	await expect
		.poll(async () => (await storedStudy(page, studyId)).numbers.length, { timeout: 300_000 })
		.toBeGreaterThanOrEqual(8);
	await page.reload();
	await expect(page.getByTestId('study-status')).toHaveText('completed', { timeout: 480_000 });

	// No trial lost, none duplicated: numbers 0–29 once each, one stored trial per admitted entry.
	const stored = await storedStudy(page, studyId);
	expect(stored.numbers).toEqual(Array.from({ length: 30 }, (_, i) => i));
	const trialIds = await storedTrialIds(page, `${studyId}.`);
	expect(trialIds.sort()).toEqual([...stored.trialIds].sort());
	expect(new Set(trialIds).size).toBe(trialIds.length);

	await expect(page.getByTestId('study-count')).toHaveText('30 of 30 trials');
	await expect(page.getByTestId('study-trial-row')).toHaveCount(30);
	await expect(page.getByTestId('study-best-value')).toHaveText(/^-?\d+\.\d{4}$/);
	await expect(
		page.getByRole('img', { name: 'Parameters and objective of every complete trial' })
	).toBeVisible();
	await expect(
		page.getByRole('application', { name: 'Objective by trial, with the best so far' })
	).toBeVisible();
	await expect(page.locator('canvas[aria-label$="against learning_rate"]')).toBeVisible();
	await expect(page.getByTestId('study-dsr')).toContainText(/Deflated Sharpe Ratio of trial #\d+: \d\.\d{3}/);
	await expect(page.getByTestId('study-dsr')).toContainText(/30|luck/);
	await expect(page.getByTestId('study-pbo')).toContainText(/Probability of backtest overfitting: \d\.\d{3}/);
	// The best trial was checked for look-ahead on its own; gradient boosting on causal features has none.
	await expect(page.getByTestId('lookahead-verdict')).toContainText('No look-ahead found', {
		timeout: 120_000
	});

	// Shared as a link, the study opens read-only with its report, its best trial and Reproduce.
	const share = page.getByTestId('share');
	await share.getByRole('button', { name: 'Share as a link…' }).click();
	await share.getByRole('button', { name: 'Create link' }).click();
	const studyLink = await share.getByTestId('share-url').inputValue();
	const studyUrl = page.url();
	await page.goto(studyLink);
	await expect(page.getByTestId('shared-banner')).toContainText('Shared — not in your workspace');
	await expect(page.getByTestId('shared-study-status')).toHaveText('completed');
	await expect(page.getByTestId('shared-study-report')).toContainText(/0\.\d/);
	await expect(page.getByTestId('shared-study-best')).toBeVisible();
	await expect(page.getByTestId('reproduce').getByTestId('data-found')).toBeVisible();
	await page.goto(studyUrl);
	await expect(page.getByTestId('study-count')).toHaveText('30 of 30 trials');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export CSV (Optuna trials_dataframe)' }).click();
	let text = '';
	for await (const chunk of await (await download).createReadStream()) text += String(chunk);
	const rows = text.trim().split('\n');
	expect(rows[0]).toBe(
		'number,value,datetime_start,datetime_complete,duration,params_learning_rate,params_n_estimators,user_attrs_note,user_attrs_trial_id,state'
	);
	expect(rows).toHaveLength(31);
	expect(rows.slice(1).every((r) => /,(COMPLETE|PRUNED|FAIL)$/.test(r))).toBe(true);

	// Export the whole record, delete the study, import the file: it is back as it was.
	const jsonDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSON' }).click();
	let json = '';
	for await (const chunk of await (await jsonDownload).createReadStream()) json += String(chunk);
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'Delete' }).click();
	await page.waitForURL(/\/studies\/$/);
	await expect(page.getByTestId('study-row')).toHaveCount(0);
	await page.getByLabel('Import a study (JSON)').setInputFiles({
		name: 'study.json',
		mimeType: 'application/json',
		buffer: Buffer.from(json)
	});
	await page.waitForURL(/\/studies\/view\/\?id=/);
	await expect(page.getByTestId('study-count')).toHaveText('30 of 30 trials');
	await expect(page.getByTestId('study-status')).toHaveText('completed');
	await expect(page.getByTestId('study-dsr')).toContainText('Deflated Sharpe Ratio of trial #');

	// Each trial of the study links back to it.
	await page.getByTestId('study-trial-row').first().getByRole('link').click();
	await expect(page.getByTestId('trial-study')).toBeVisible();
	await page.getByRole('link', { name: 'open the study' }).click();
	await expect(page.getByTestId('study-count')).toHaveText('30 of 30 trials');

	// The Feedback page ranks the model on the dataset with the number of trials behind its best score.
	await page.getByRole('link', { name: 'Feedback' }).click();
	const row = page.getByTestId('leaderboard').locator('tr', { hasText: 'gradient_boosting' });
	await expect(row).toContainText(/31 \(\d+ completed, \d+ failed\)/);
	await expect(page.getByTestId('feedback-models')).toContainText('gradient_boosting');
});

test('a study with a holdout never tests on it, then scores its best trial there once', async ({ page }) => {
	test.setTimeout(300_000);
	await page.goto('/');
	await startTrial(page, {
		model: 'ridge',
		name: 'ridge base',
		trainLength: 1000,
		testLength: 500,
		step: 500
	});
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	await page.getByRole('link', { name: 'Start a study from this trial' }).click();
	await expect(page.getByRole('heading', { name: 'New study' })).toBeVisible();
	await page.getByLabel('Sampler').selectOption('random');
	await page.getByLabel('Trials', { exact: true }).fill('4');
	await page.locator('#study-holdout').fill('2000');
	await expect(page.getByTestId('study-holdout-hint')).toContainText('are held out');
	await page.getByRole('button', { name: 'Start study' }).click();
	await page.waitForURL(/\/studies\/view\/\?id=/);
	await expect(page.getByTestId('study-status')).toHaveText('completed', { timeout: 240_000 });
	const holdout = page.getByTestId('study-holdout');
	await expect(holdout).toHaveAttribute('data-state', 'complete');
	await expect(holdout).toContainText(
		/holdout Sharpe ratio after costs -?\d+\.\d{4} vs search best -?\d+\.\d{4}/i
	);
	// Four search trials in the table and the CSV; the holdout trial is apart from them.
	await expect(page.getByTestId('study-trial-row')).toHaveCount(4);
	await holdout.getByRole('link', { name: 'the holdout trial' }).click();
	await expect(page.getByTestId('trial-status')).toHaveText('completed');
});
