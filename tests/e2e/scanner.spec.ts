/**
 * Issue 12 end to end, in the production build with the Polygon mock (real bars only: the S&P 500 as I:SPX and
 * Apple as AAPL; the mock has no bars for QQQ or IWM, so those two members of the 4-symbol universe fail to fetch
 * and are reported, not invented). A gradient-boosting trial on AAPL passes the look-ahead check and is promoted;
 * the scan re-runs it per symbol and horizon (four walk-forward trials), scores the close of 2017-03-31 and ranks
 * recommendations for both horizons; the best four open as paper positions; a longer fetch (the mock's data
 * advanced to 2017-07-31) marks them to market by their rules on the real bars:
 *   AAPL 7–12 days (+3 % / −1.5 %): stopped 2017-04-11;  I:SPX 7–12 days: timeout 2017-04-19 (12th day);
 *   AAPL 50–70 days (+8 % / −4 %): target 2017-05-12;     I:SPX 50–70 days: timeout 2017-07-12 (70th day).
 * The same figures come from the Node run of the same code (src/lib/app/scanner.spec.ts covers the pieces).
 * Everything is still there after a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { POLYGON_MOCK_ORIGIN } from '../../playwright.config';

const nav = (page: Page, name: string) =>
	page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function fetchUniverse(page: Page, from: string, to: string): Promise<void> {
	await nav(page, 'Data').click();
	await page.getByLabel('Fetch from', { exact: true }).fill(from);
	await page.getByLabel('Fetch to', { exact: true }).fill(to);
	const row = page.locator('[data-testid="universe-row"][data-universe-name="Four"]');
	await row.getByTestId('universe-fetch-all').click();
	const status = (symbol: string) =>
		row
			.locator(`[data-testid="universe-member"][data-symbol="${symbol}"]`)
			.getByTestId('universe-member-status');
	await expect(status('AAPL')).toContainText(/rows, version \d/, { timeout: 60_000 });
	await expect(status('I:SPX')).toContainText(/rows, version \d/, { timeout: 60_000 });
	await expect(status('QQQ')).toContainText('failed', { timeout: 60_000 });
	await expect(status('IWM')).toContainText('failed', { timeout: 60_000 });
}

test('a promoted gradient-boosting trial scans a universe, and its recommendations trade on paper', async ({
	page,
	request
}) => {
	test.setTimeout(360_000);
	await request.post(`${POLYGON_MOCK_ORIGIN}/__mock/reset`);
	await page.goto('/settings/');
	await page.getByLabel('Polygon.io / Massive API key').fill('mock-polygon-key');
	await page.getByLabel('Polygon.io / Massive API key').press('Enter');
	await page.getByLabel('Polygon / Massive host').selectOption(POLYGON_MOCK_ORIGIN);
	// A paid plan's budget: the second fetch of the universe would otherwise wait for the free plan's minute (the
	// limiter itself is proven in src/lib/app/universe-fetch.spec.ts on a virtual clock).
	await page.getByLabel('Calls per minute (your plan; free = 5)').fill('100');
	await page.getByLabel('Calls per minute (your plan; free = 5)').press('Tab');

	// A 4-symbol universe, fetched within the rate limit.
	await nav(page, 'Data').click();
	await page.getByTestId('universe-name').fill('Four');
	await page.getByTestId('universe-tickers').fill('AAPL, I:SPX, QQQ, IWM');
	await page.getByTestId('universe-create').click();
	await expect(page.getByTestId('universe-message')).toContainText('Universe "Four" created.');
	await fetchUniverse(page, '2013-05-13', '2017-03-31');

	// The trial: gradient boosting on AAPL, 5-day forward return, 250/100/100 rows.
	await page.getByRole('link', { name: 'New trial' }).first().click();
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	const aapl = await page.getByLabel('Dataset').locator('option', { hasText: 'AAPL' }).getAttribute('value');
	await page.getByLabel('Dataset').selectOption(aapl!);
	await page.getByLabel('Name (optional)').fill('gbm aapl');
	await page.getByLabel('Model', { exact: true }).selectOption('gradient_boosting');
	await page.locator('#param-n_estimators').fill('50');
	await page.getByLabel('Training window').selectOption('rolling');
	await page.getByLabel('Training rows').fill('250');
	await page.getByLabel('Test rows').fill('100');
	await page.getByLabel('Step (rows)').fill('100');
	await page.getByLabel('Embargo (rows)').fill('5');
	await page.getByRole('button', { name: 'Start trial' }).click();
	await page.waitForURL(/\/trials\/view\/\?id=/);
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });

	// Not promotable before the look-ahead check; then its DSR is shown and it is promoted.
	await expect(page.getByTestId('promote-state')).toContainText('run the look-ahead check first');
	await page.getByRole('button', { name: 'Check for look-ahead' }).click();
	await expect(page.getByTestId('lookahead-verdict')).toContainText('No look-ahead found', {
		timeout: 120_000
	});
	await expect(page.getByTestId('promote-evidence')).toContainText(/deflated Sharpe ratio -?\d\.\d{3}/);
	await page.getByRole('button', { name: 'Promote to the scanner' }).click();
	await expect(page.getByTestId('promote-state')).toContainText('On the scanner');

	// The rules: the original's, with the minimum probability lowered to 50 %.
	await nav(page, 'Scanner').click();
	await page.getByLabel('Minimum probability (%)').fill('50');
	await page.getByRole('button', { name: 'Save rules' }).click();
	await expect(page.getByTestId('scanner-message')).toContainText('Rules saved');
	await page.getByLabel('Universe').selectOption({ label: 'Four (4)' });
	await page.getByRole('button', { name: 'Scan' }).click();
	await expect(page.getByTestId('scanner-message')).toContainText('Scan finished: 4 of 8 scored', {
		timeout: 180_000
	});
	const cells = page.getByTestId('scan-cells');
	await expect(cells.locator('tr[data-status="failed"]')).toHaveCount(4);
	await expect(cells).toContainText('no stored bars for QQQ: fetch the universe first');
	await expect(page.getByTestId('recs-date')).toContainText('on data to 2017-03-31');
	// The §6.7 regime of each symbol weights its two horizons; QQQ, never fetched, has none.
	const blend = page.getByTestId('regime-blend');
	await expect(blend.locator('tr[data-symbol="I:SPX"]').getByTestId('regime-state')).toHaveText(
		/trending|choppy|neutral/
	);
	await expect(blend.locator('tr[data-symbol="I:SPX"]').getByTestId('regime-blend-value')).toHaveText(/%/);
	await expect(blend.locator('tr[data-symbol="QQQ"]').getByTestId('regime-state')).toHaveText('—');
	const short = page.getByTestId('recs-short').getByTestId('rec-row');
	const long = page.getByTestId('recs-long').getByTestId('rec-row');
	await expect(short).toHaveCount(2);
	await expect(long).toHaveCount(2);
	await expect(long.first()).toHaveAttribute('data-symbol', 'I:SPX');
	await expect(long.first()).toContainText('2362.72'); // the entry: the close of 2017-03-31
	await expect(long.first()).toContainText('2551.74'); // its +8 % target

	// The paper portfolio takes the best four.
	await nav(page, 'Portfolio').click();
	await page.getByRole('button', { name: 'Start with $100,000' }).click();
	await nav(page, 'Scanner').click();
	await page.getByLabel('How many to open').fill('4');
	await page.getByRole('button', { name: 'Open top N' }).click();
	await expect(page.getByTestId('scanner-message')).toContainText(
		'Opened 2 I:SPX (long) at 2363.90 on 2017-03-31'
	);
	await expect(page.getByTestId('scanner-message')).toContainText('Opened 34 AAPL (short) at 143.73');
	await expect(page.getByTestId('rec-opened')).toHaveCount(4);

	// The home page: today's recommendations and the date of their data.
	await page.getByRole('link', { name: 'Overview' }).first().click();
	await expect(page.getByTestId('home-recs-date')).toHaveText('2017-03-31');
	await expect(page.getByTestId('home-rec')).toHaveCount(4);

	// Four more months of bars arrive: the positions exit by their rules.
	await fetchUniverse(page, '2013-05-13', '2017-07-31');
	await nav(page, 'Portfolio').click();
	const closed = page.getByTestId('closed-positions').locator('tbody tr[data-reason]');
	await expect(closed).toHaveCount(4);
	// Newest first.
	await expect(closed.nth(0)).toHaveAttribute('data-reason', 'timeout');
	await expect(closed.nth(0)).toContainText('2017-07-12 at 2442.03');
	await expect(closed.nth(0)).toContainText('151.45');
	await expect(closed.nth(1)).toHaveAttribute('data-reason', 'target');
	await expect(closed.nth(1)).toContainText('2017-05-12 at 155.08');
	await expect(closed.nth(1)).toContainText('380.60');
	await expect(closed.nth(2)).toHaveAttribute('data-reason', 'timeout');
	await expect(closed.nth(2)).toContainText('2017-04-19 at 2337.00');
	await expect(closed.nth(2)).toContainText('-58.50');
	await expect(closed.nth(3)).toHaveAttribute('data-reason', 'stop');
	await expect(closed.nth(3)).toContainText('2017-04-11 at 141.43');
	await expect(closed.nth(3)).toContainText('-82.96');

	// Per horizon and per model: 7–12 days −82.96 − 58.50; 50–70 days 380.60 + 151.45 (532.04 unrounded);
	// the model all four.
	const breakdown = page.getByTestId('trade-breakdown');
	await expect(breakdown.locator('tr[data-group="7–12 days"]')).toContainText('-141.46');
	await expect(breakdown.locator('tr[data-group="50–70 days"]')).toContainText('532.04');
	await expect(breakdown.locator('tr[data-group="gradient_boosting"]')).toContainText('390.58');

	// The outcomes feed the feedback manager's track record.
	await nav(page, 'Feedback').click();
	await expect(page.getByTestId('track-record')).toBeVisible();
	await expect(page.getByTestId('track-record-row').first()).toBeVisible();

	await page.reload();
	await expect(page.getByTestId('track-record-row').first()).toBeVisible();
	await nav(page, 'Portfolio').click();
	await expect(page.getByTestId('closed-positions').locator('tbody tr[data-reason]')).toHaveCount(4);
	await nav(page, 'Scanner').click();
	await expect(page.getByTestId('rec-opened')).toHaveCount(4);
});
