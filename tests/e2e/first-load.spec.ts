/**
 * What a first visit costs and what the app says about working offline, on the production build: the
 * JavaScript budget of the home page (issue 8 §5), and the offline state shown in the header, its failure
 * when the browser refuses the storage, and its loss (issue 8 §3).
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { describeFile, FIRST_LOAD_JS_BUDGET_KIB, measureFirstLoad } from '../support/first-load';

test('a first visit to / fetches at most 150 KiB of JavaScript (gzip) and still stores the demo dataset', async ({
	page
}) => {
	const load = await measureFirstLoad(page, '/');
	console.log(
		`first load: ${load.jsGzipKiB} KiB gzip of JavaScript in ${load.js.length} files; largest`,
		load.js.slice(0, 5).map(describeFile)
	);
	expect(load.jsGzipKiB).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET_KIB);
	// Neither the chat nor the Anthropic SDK is part of it.
	for (const file of load.js)
		expect(readFileSync(`build${file.path}`, 'utf8')).not.toContain('anthropic-version');
	// The demo data came as a data file, read once to store it.
	expect(load.other.filter((f) => /sp500-2000\.[\w-]+\.csv$/.test(f.path))).toHaveLength(1);
	await expect(page.getByRole('link', { name: /^1 dataset with provenance$/ })).toBeVisible();
});

test('the service worker precaches the demo data file and no threaded wasm (threads are off)', () => {
	const sw = readFileSync('build/sw.js', 'utf8');
	expect(sw).toMatch(/sp500-2000\.[\w-]+\.csv/);
	expect(sw).toMatch(/tfjs-backend-wasm-simd-[\w-]+\.wasm/);
	expect(sw).not.toContain('threaded');
});

test('the header says when the app works offline, and says so when its offline copy is lost', async ({
	page
}) => {
	await page.goto('/');
	const status = page.getByTestId('offline-status');
	await expect(status).toHaveText('works offline');
	await expect(page.getByTestId('offline-unavailable')).toHaveCount(0);

	// The browser drops the cache (storage cleared or evicted) while the page is open.
	await page.evaluate(async () => {
		for (const name of await caches.keys()) await caches.delete(name);
		document.dispatchEvent(new Event('visibilitychange'));
	});
	const alert = page.getByTestId('offline-unavailable');
	await expect(alert).toContainText("Not available offline: the browser removed the app's offline copy");
	await expect(status).toHaveText('online only');

	await alert.getByRole('button', { name: 'Store the app for offline use again' }).click();
	await expect(status).toHaveText('works offline');
	await expect(alert).toHaveCount(0);
	const entries = await page.evaluate(async () => {
		let n = 0;
		for (const name of await caches.keys()) n += (await (await caches.open(name)).keys()).length;
		return n;
	});
	expect(entries).toBeGreaterThan(10);
});

test('with too little storage for its files the app says it will not work offline', async ({
	page,
	baseURL
}) => {
	const cdp = await page.context().newCDPSession(page);
	// 1 MiB: less than the worker chunks and wasm files the precache holds.
	await cdp.send('Storage.overrideQuotaForOrigin', {
		origin: new URL(baseURL!).origin,
		quotaSize: 1024 * 1024
	});
	await page.goto('/');
	const alert = page.getByTestId('offline-unavailable');
	await expect(alert).toContainText(
		'Not available offline: the browser did not let the app store its files for offline use'
	);
	await expect(page.getByTestId('offline-status')).toHaveText('online only');
	// The app itself still works online.
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
