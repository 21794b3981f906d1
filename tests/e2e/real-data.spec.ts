/**
 * Issue 3, as a new user would go through it: a (mock) Polygon key → daily bars → chart → the same request
 * served from the cache → a FRED CSV imported with source FRED → a file without a source refused → a stored
 * dataset tampered with → a trial on it refused with the reason → the Audit page shows every step and verifies
 * the chain; then an edited audit event is caught, and no key is anywhere in IndexedDB.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { FRED_RELAY_MOCK_ORIGIN, POLYGON_MOCK_ORIGIN } from '../../playwright.config';
import { dumpStorage, editStored } from './storage';

const KEY = 'mock-polygon-key';
const PASSPHRASE = 'correct horse battery staple';

/** A FRED download, built from real BLS data (vega-datasets us-employment: total nonfarm, thousands). */
function fredCsv(): Buffer {
	const lines = readFileSync('node_modules/vega-datasets/data/us-employment.csv', 'utf8').trim().split('\n');
	const out = ['observation_date,PAYEMS'];
	for (const line of lines.slice(1)) {
		const [month, nonfarm] = line.split(',');
		out.push(`${month},${nonfarm}`);
	}
	return Buffer.from(`${out.join('\n')}\n`);
}

/** Real S&P 500 rows (Yahoo, via vega-datasets) as a Yahoo-style download. */
function yahooCsv(): Buffer {
	const text = readFileSync('node_modules/vega-datasets/data/sp500-2000.csv', 'utf8');
	return Buffer.from(text.split('\n').slice(0, 300).join('\n'));
}

async function mockCalls(request: APIRequestContext): Promise<number> {
	const stats = (await (await request.get(`${POLYGON_MOCK_ORIGIN}/__mock/stats`)).json()) as {
		calls: { path: string }[];
	};
	return stats.calls.filter((c) => c.path.startsWith('/v2/aggs/')).length;
}

async function fetchBars(page: Page, ticker: string, from: string, to: string, bars = 'Daily') {
	await page.getByLabel('Ticker').fill(ticker);
	await page.getByLabel('Bars', { exact: true }).selectOption({ label: bars });
	await page.getByLabel('From', { exact: true }).fill(from);
	await page.getByLabel('To', { exact: true }).fill(to);
	await page.getByRole('button', { name: 'Fetch bars' }).click();
}

test('real data in, nothing else: fetch, cache, import, refuse, tamper, audit', async ({ page, request }) => {
	await request.post(`${POLYGON_MOCK_ORIGIN}/__mock/reset`);

	// 1. A new user enters a Polygon key (session only) and points the app at the Polygon host of this build.
	await page.goto('/settings/');
	await expect(page.getByTestId('key-status-polygon')).toHaveText('not set');
	await page.getByLabel('Polygon.io / Massive API key').fill(KEY);
	await page.getByLabel('Polygon.io / Massive API key').press('Enter');
	await expect(page.getByTestId('key-status-polygon')).toHaveText('set');
	await page.getByLabel('Polygon / Massive host').selectOption(POLYGON_MOCK_ORIGIN);
	await expect(page.getByTestId('settings-message')).toHaveText('Settings saved.');
	await expect(page.getByTestId('reachable-hosts')).toContainText(POLYGON_MOCK_ORIGIN);

	// 2. Daily bars for a ticker, then the chart. (Client-side navigation keeps the session-only key.)
	await page.getByRole('link', { name: 'Data' }).click();
	await fetchBars(page, 'I:SPX', '2015-01-02', '2019-12-31');
	await expect(page.getByTestId('fetch-outcome')).toContainText(
		'1,258 bars of I:SPX fetched in 2 network calls'
	);
	await expect(page.getByTestId('fetch-outcome')).toContainText('new dataset stored');
	const calls = await mockCalls(request);
	expect(calls).toBe(2);
	await expect(page.getByRole('heading', { name: /I:SPX day bars \(Polygon\)/ })).toBeVisible();
	await expect(page.getByRole('application', { name: /Daily close of I:SPX/ })).toBeVisible();
	await expect(page.getByTestId('provenance')).toContainText('polygon');

	// 3. The same request again: served from the cache, no network call.
	await fetchBars(page, 'I:SPX', '2015-01-02', '2019-12-31');
	await expect(page.getByTestId('fetch-outcome')).toContainText(
		'served from the local cache (0 network calls)'
	);
	expect(await mockCalls(request)).toBe(calls);

	// 4. A 429 with Retry-After is waited out and the fetch still completes; only the missing years are fetched.
	await request.post(`${POLYGON_MOCK_ORIGIN}/__mock/fail?status=429&count=1&retryAfter=3`);
	await fetchBars(page, 'I:SPX', '2013-01-02', '2019-12-31');
	await expect(page.getByTestId('net-status')).toContainText(/next call in \d+ s|Retrying/);
	await expect(page.getByTestId('fetch-outcome')).toContainText(
		'1,762 bars of I:SPX fetched in 1 network call; stored as version 2 (504 new rows'
	);

	// 5. A plan without intraday data is a clear message, not a crash.
	await fetchBars(page, 'I:SPX', '2019-12-02', '2019-12-31', 'Hourly (intraday)');
	await expect(page.getByTestId('fetch-error')).toContainText(/plan/i);

	// 6. A FRED CSV imported with source FRED (detected from its header).
	await page
		.getByLabel(/^File/)
		.setInputFiles({ name: 'PAYEMS.csv', mimeType: 'text/csv', buffer: fredCsv() });
	await expect(page.getByLabel('Source (required)')).toHaveValue('fred');
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByTestId('import-report')).toContainText('120 valid rows of 120');
	await page.getByRole('button', { name: 'Import 120 rows' }).click();
	await expect(page.getByTestId('import-done')).toContainText('Imported 120 observations from PAYEMS.csv');
	await expect(
		page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /PAYEMS/ })
	).toBeVisible();

	// 7. A file without a declared source is refused.
	await page.getByLabel(/^File/).setInputFiles({ name: 'spx.csv', mimeType: 'text/csv', buffer: yahooCsv() });
	await expect(page.getByRole('button', { name: 'Check rows' })).toBeVisible();
	await page.getByLabel('Source (required)').selectOption('');
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByTestId('import-error')).toContainText('No source, no import');
	await expect(page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /spx/ })).toHaveCount(
		0
	);

	// 8. Someone edits the stored bars of the fetched dataset (its newest version); a trial on it is refused.
	await editStored(page, 'datasets', 'polygon-i-spx-1day@v2', { path: ['bars', 'close', 10], multiply: 2 });
	await page.getByRole('link', { name: 'New trial' }).click();
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await page.getByLabel('Dataset').selectOption('polygon-i-spx-1day@v2');
	await page.getByLabel('Training rows').fill('500');
	await page.getByLabel('Test rows').fill('100');
	await page.getByLabel('Step (rows)').fill('100');
	await expect(page.getByTestId('fold-count')).toBeVisible();
	await page.getByRole('button', { name: 'Start trial' }).click();
	await expect(page.getByTestId('refusal')).toContainText(/no longer matches the hash recorded/);
	await expect(page).toHaveURL(/\/trials\/new\//);

	// 9. The Audit page shows every step and verifies the chain.
	await page.getByRole('link', { name: 'Audit' }).click();
	const table = page.getByRole('table', { name: 'Audit events' });
	for (const type of [
		'vault.changed',
		'settings.changed',
		'data.fetch',
		'data.import',
		'data.import_refused',
		'compliance.decision'
	])
		await expect(table.locator(`tr[data-type="${type}"]`).first()).toBeVisible();
	await expect(table).toContainText('Trial refused (content_mismatch)');
	await expect(table).toContainText('served from the cache (0 calls)');
	await page.getByRole('button', { name: 'Verify chain' }).click();
	await expect(page.getByTestId('chain-verdict')).toContainText('Chain intact');

	// 10. Editing one stored event is caught at that event.
	await editStored(page, 'audit', 3, { path: ['summary'], append: ' (edited)' });
	await page.getByRole('button', { name: 'Verify chain' }).click();
	await expect(page.getByTestId('chain-verdict')).toContainText('Chain broken at event #3 (hash_mismatch)');

	// 11. No key anywhere: IndexedDB, localStorage, sessionStorage, Cache Storage.
	expect(await dumpStorage(page)).not.toContain(KEY);

	// 12. Keys stored encrypted survive a reload locked, still never in plain text, and unlock with the passphrase.
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
	await page.getByLabel('Repeat').fill(PASSPHRASE);
	await page.getByRole('button', { name: 'Encrypt and store' }).click();
	await expect(page.getByTestId('settings-message')).toHaveText('Keys are now stored encrypted.');
	await page.reload();
	await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
	const dump = await dumpStorage(page);
	expect(dump).not.toContain(KEY);
	expect(dump).toContain('PBKDF2-SHA256');
	await page.getByLabel('Passphrase').fill('wrong passphrase!');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByTestId('settings-message')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
	await page.getByLabel('Passphrase').fill(PASSPHRASE);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByTestId('key-status-polygon')).toHaveText('set');
});

test('new bars that drift from the baseline raise a visible alert and an audit event', async ({ page }) => {
	await page.goto('/settings/');
	await page.getByLabel('Polygon.io / Massive API key').fill(KEY);
	await page.getByLabel('Polygon.io / Massive API key').press('Enter');
	await expect(page.getByTestId('key-status-polygon')).toHaveText('set');
	await page.getByLabel('Polygon / Massive host').selectOption(POLYGON_MOCK_ORIGIN);
	await page.getByRole('link', { name: 'Data' }).click();
	// A calm baseline (2004 to the summer of 2008), then the autumn of 2008 arrives.
	await fetchBars(page, 'I:SPX', '2004-01-02', '2008-08-29');
	await expect(page.getByTestId('fetch-outcome')).toContainText('new dataset stored');
	await expect(page.getByTestId('drift-alert')).toHaveCount(0);
	await fetchBars(page, 'I:SPX', '2004-01-02', '2008-11-28');
	await expect(page.getByTestId('fetch-outcome')).toContainText('stored as version 2');
	await expect(page.getByTestId('drift-alert')).toContainText(/Data drift in I:SPX.*variance/);
	await page.getByRole('link', { name: 'Audit' }).click();
	await expect(page.locator('tr[data-type="data.drift"]')).toHaveCount(1);
	await page.getByRole('link', { name: 'Data' }).click();
	await page.getByRole('button', { name: 'Accept as new baseline' }).click();
	await expect(page.getByTestId('drift-alert')).toHaveCount(0);
});

test('a FRED series comes in through a relay of the build, its key only in a header, and a key check by previous close', async ({
	page,
	request
}) => {
	await page.goto('/settings/');
	await page
		.getByLabel('FRED API key (sent only to your FRED relay)')
		.fill('abcdef0123456789abcdef0123456789');
	await page.getByLabel('FRED API key (sent only to your FRED relay)').press('Enter');
	await expect(page.getByTestId('key-status-fred')).toHaveText('set');
	await page.getByLabel('FRED relay host').selectOption(FRED_RELAY_MOCK_ORIGIN);
	await expect(page.getByTestId('settings-message')).toHaveText('Settings saved.');
	await page.getByLabel('Polygon.io / Massive API key').fill(KEY);
	await page.getByLabel('Polygon.io / Massive API key').press('Enter');
	await page.getByLabel('Polygon / Massive host').selectOption(POLYGON_MOCK_ORIGIN);

	await page.getByRole('link', { name: 'Data' }).click();
	await page.getByLabel('Series id').fill('PAYEMS');
	await page.getByRole('button', { name: 'Fetch through relay' }).click();
	await expect(page.getByTestId('fred-done')).toContainText('120 observations of PAYEMS');
	await expect(
		page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /PAYEMS/ })
	).toBeVisible();
	// Both requests carried the key in the header, none in the URL.
	const stats = (await (await request.get(`${FRED_RELAY_MOCK_ORIGIN}/__mock/stats`)).json()) as {
		withKeyHeader: number;
		keyInUrl: number;
	};
	expect(stats.withKeyHeader).toBeGreaterThanOrEqual(2);
	expect(stats.keyInUrl).toBe(0);

	await page.getByLabel('Ticker').fill('I:SPX');
	await page.getByRole('button', { name: 'Previous close' }).click();
	await expect(page.getByTestId('prev-close')).toContainText('I:SPX closed at 2874.56 on 2020-04-17');
});
