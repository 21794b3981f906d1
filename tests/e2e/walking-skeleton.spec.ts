/**
 * The walking skeleton, as a new user would meet it: real data with provenance → two trials in workers →
 * results survive a reload → the app works offline (and trains offline) → a worker killed mid-trial does not
 * cost a fold or duplicate one.
 */
import { expect, test, type Page } from '@playwright/test';
import { countResults, startTrial } from './helpers';
import { startPreview, type PreviewServer } from '../support/preview-server';

const PORT = 4174;

let server: PreviewServer;

/** A gradient-boosting trial slow enough (about half a second a fold) to be interrupted mid-fold. */
function slowGbm(name: string) {
	return {
		model: 'xgboost' as const,
		name,
		params: { n_estimators: '300', max_depth: '8', learning_rate: '0.05' },
		testLength: 126,
		step: 126
	};
}

async function foldCount(page: Page): Promise<number> {
	return Number((await page.getByTestId('fold-progress').textContent())?.split('/')[1]?.split(' ')[0]);
}

test.beforeAll(async () => {
	server = await startPreview(PORT);
});

test.afterAll(async () => {
	await server.stop();
});

test('a new user runs real trials that survive reloads, work offline and survive a worker crash', async ({
	browser
}) => {
	test.setTimeout(420_000);
	const context = await browser.newContext({ serviceWorkers: 'allow' });
	await context.addInitScript(() => localStorage.setItem('mltrainer:debug', '1'));
	const page = await context.newPage();
	const errors: string[] = [];
	const started = Date.now();
	const log = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
	page.on('pageerror', (e) => errors.push(e.message));

	await test.step('the S&P 500 dataset is there with its provenance', async () => {
		log('the S&P 500 dataset is there with its provenance');
		await page.goto(`${server.origin}/`);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
		const provenance = page.getByTestId('provenance');
		await expect(provenance).toContainText('yahoo');
		await expect(provenance).toContainText(/vega-datasets@\d+\.\d+\.\d+\/data\/sp500-2000\.csv/);
		await expect(provenance).toContainText(
			'9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8'
		);
		await expect(provenance).toContainText('2000-01-03 – 2020-04-17');
		await expect(page.getByRole('application', { name: /Daily close/ })).toBeVisible();
	});

	const ids: string[] = [];
	await test.step('a ridge trial and a gradient-boosting trial both complete with metrics', async () => {
		log('a ridge trial and a gradient-boosting trial both complete with metrics');
		for (const [model, name] of [
			['ridge', 'e2e ridge'],
			['xgboost', 'e2e gbm']
		] as const) {
			const id = await startTrial(page, { model, name });
			ids.push(id);
			await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
			const strategy = page.getByTestId('strategy-metrics');
			await expect(strategy).toContainText('Sharpe');
			// Out-of-sample Sharpe is a computed number, not "n/a".
			await expect(strategy.getByRole('row', { name: /^Sharpe/ })).toHaveText(
				/Sharpe\s*-?\d+\.\d\d\s*-?\d+\.\d\d/
			);
			await expect(page.getByRole('application', { name: /Equity curve/ })).toBeVisible();
		}
	});

	await test.step('after a reload both trials are still there', async () => {
		log('after a reload both trials are still there');
		await page.reload();
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trials' }).click();
		for (const id of ids) {
			await expect(page.locator(`[data-trial-id="${id}"]`).getByTestId('trial-status')).toHaveText(
				'completed'
			);
		}
	});

	await test.step('a re-run with the same seed reproduces every number, and the results download', async () => {
		log('a re-run with the same seed reproduces every number, and the results download');
		await page.goto(`${server.origin}/trials/view/?id=${ids[1]}`);
		await expect(page.getByTestId('trial-status')).toHaveText('completed');
		const original = await page.getByTestId('strategy-metrics').innerText();
		const originalPrediction = await page.getByTestId('prediction-metrics').innerText();
		const csvDownload = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download CSV' }).click();
		const csv = await (await csvDownload).createReadStream();
		let text = '';
		for await (const chunk of csv) text += String(chunk);
		const rows = text.trim().split('\n');
		expect(rows[0]).toBe('date,predicted,realised,next_day_return,position,strategy_net_return');
		expect(rows.length - 1).toBe(Number(originalPrediction.match(/Rows\s+([\d,]+)/)![1].replace(',', '')));
		await page.getByRole('button', { name: 'Run again' }).click();
		await page.waitForURL((url) => url.searchParams.get('id') !== ids[1]);
		await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
		expect(await page.getByTestId('strategy-metrics').innerText()).toBe(original);
		expect(await page.getByTestId('prediction-metrics').innerText()).toBe(originalPrediction);
	});

	await test.step('offline, the app reloads and shows the data and the trials', async () => {
		log('offline, the app reloads and shows the data and the trials');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload();
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
			.toBe(true);
		await expect
			.poll(
				() =>
					page.evaluate(async () => {
						let n = 0;
						for (const key of await caches.keys()) n += (await (await caches.open(key)).keys()).length;
						return n;
					}),
				{ timeout: 30_000 }
			)
			.toBeGreaterThan(30);
		await server.stop();
		await context.setOffline(true);
		await page.reload();
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
		await expect(page.getByTestId('provenance')).toContainText('yahoo');
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trials' }).click();
		for (const id of ids) await expect(page.locator(`[data-trial-id="${id}"]`)).toBeVisible();
		// A trial's own page, reloaded offline, still shows its stored results.
		await page.locator(`[data-trial-id="${ids[1]}"]`).getByRole('link').first().click();
		await page.waitForURL(/\/trials\/view\/\?id=/);
		await page.reload();
		await expect(page.getByTestId('trial-status')).toHaveText('completed');
		await expect(page.getByTestId('folds-table')).toBeVisible();
	});

	await test.step('offline, a new trial still runs to completion', async () => {
		log('offline, a new trial still runs to completion');
		const id = await startTrial(page, { model: 'ridge', name: 'e2e offline ridge' });
		ids.push(id);
		await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	});

	await test.step('offline, a neural network trains on the bundled wasm backend', async () => {
		log('offline, a neural network trains on the bundled wasm backend');
		const id = await startTrial(page, {
			model: 'feedforward_mlp',
			name: 'e2e offline mlp',
			params: { hidden_layers: '16, 8', epochs: '3' }
		});
		ids.push(id);
		await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 180_000 });
		await expect(page.getByText('tfjs-wasm')).toBeVisible();
		// Every fold leaves the worker with the same number of live tensors: nothing leaks between fits.
		const live = await page.evaluate(
			(trialId) =>
				new Promise<unknown[]>((resolve, reject) => {
					const open = indexedDB.open('mltrainer');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const req = open.result
							.transaction('results')
							.objectStore('results')
							.index('trialId')
							.getAll(trialId);
						req.onsuccess = () => {
							open.result.close();
							resolve(
								(req.result as Array<{ modelInfo: { liveTensors?: number } }>).map(
									(r) => r.modelInfo.liveTensors
								)
							);
						};
					};
				}),
			id
		);
		expect(live.length).toBeGreaterThan(5);
		expect(new Set(live).size).toBe(1);
		expect(typeof live[0]).toBe('number');
	});

	await test.step('a trial interrupted by a reload resumes and completes with one result per fold', async () => {
		log('a trial interrupted by a reload resumes and completes with one result per fold');
		const id = await startTrial(page, slowGbm('e2e reload'));
		const folds = await foldCount(page);
		await expect(page.locator('[data-testid="fold-row"][data-status="done"]').first()).toBeVisible({
			timeout: 120_000
		});
		await page.reload();
		await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 240_000 });
		const stored = await countResults(page, id);
		expect(stored.folds).toEqual(Array.from({ length: folds }, (_, i) => i));
	});

	await test.step('a cancelled trial stops', async () => {
		log('a cancelled trial stops');
		await startTrial(page, slowGbm('e2e cancel'));
		await expect(page.locator('[data-testid="fold-row"][data-status="running"]')).toHaveCount(1, {
			timeout: 60_000
		});
		await page.getByRole('button', { name: 'Cancel trial' }).click();
		await expect(page.getByTestId('trial-status')).toHaveText('cancelled');
		await expect(page.locator('[data-testid="fold-row"][data-status="running"]')).toHaveCount(0);
		const done = await page.locator('[data-testid="fold-row"][data-status="done"]').count();
		await page.waitForTimeout(1_500);
		// Nothing else runs after the cancel.
		await expect(page.locator('[data-testid="fold-row"][data-status="done"]')).toHaveCount(done);
	});

	await test.step('a worker killed mid-trial costs no fold and duplicates none', async () => {
		log('a worker killed mid-trial costs no fold and duplicates none');
		const id = await startTrial(page, slowGbm('e2e crash'));
		const folds = await foldCount(page);
		expect(folds).toBeGreaterThan(10);
		// Kill the worker once at least one fold is stored and another is running.
		await expect(
			page
				.getByTestId('fold-row')
				.filter({ has: page.locator('.badge.completed') })
				.first()
		).toBeVisible({
			timeout: 120_000
		});
		await expect(page.getByTestId('fold-row').and(page.locator('[data-status="running"]'))).toHaveCount(1);
		// Kill only while a fold runs (between folds there is nothing to interrupt): retry until one is hit.
		await expect
			.poll(() =>
				page.evaluate(() =>
					(
						globalThis as unknown as { __mltrainerDebug: { killWorker(): boolean } }
					).__mltrainerDebug.killWorker()
				)
			)
			.toBe(true);
		await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 240_000 });
		const stored = await countResults(page, id);
		expect(stored.results).toBe(folds);
		expect(stored.folds).toEqual(Array.from({ length: folds }, (_, i) => i));
		await expect(page.getByText('attempt 2')).toHaveCount(1);
	});

	expect(errors).toEqual([]);
	await context.close();
});
