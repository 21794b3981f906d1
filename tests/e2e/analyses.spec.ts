/**
 * Issue 10, analyses: every runnable formula, measure, test and transform runs with its defaults in the
 * production build, on real data a user would give it — the bundled S&P 500, monthly AAPL and MSFT prices
 * (Yahoo, via vega-datasets), the 3-month T-bill rate (FRED TB3MS as bundled with statsmodels) and Treasury
 * constant-maturity yields (FRED DGS*), each imported through the Data page with its declared source.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const tbill = JSON.parse(readFileSync('src/lib/testing/tbill.fixture.json', 'utf8')) as {
	rows: [number, number, number][];
};
const treasury = JSON.parse(readFileSync('src/lib/testing/treasury.fixture.json', 'utf8')) as {
	columns: string[];
	rows: (string | number)[][];
};

test.setTimeout(900_000);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A Yahoo-style monthly download of one symbol from vega-datasets stocks.csv (prices only, volume 0). */
function yahooMonthly(symbol: string): Buffer {
	const rows = readFileSync('node_modules/vega-datasets/data/stocks.csv', 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split(','))
		.filter(([s]) => s === symbol)
		.map(([, date, price]) => {
			const [mon, day, year] = date.split(' ');
			const iso = `${year}-${String(MONTHS.indexOf(mon) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
			return `${iso},${price},${price},${price},${price},${price},0`;
		});
	return Buffer.from(`Date,Open,High,Low,Close,Adj Close,Volume\n${rows.join('\n')}\n`);
}

/** A FRED download (observation_date, SERIES) of the given rows. */
function fredCsv(id: string, rows: readonly [string, number][]): Buffer {
	return Buffer.from(`observation_date,${id}\n${rows.map(([d, v]) => `${d},${v}`).join('\n')}\n`);
}

const tbillRows = (): [string, number][] =>
	tbill.rows.map(([year, quarter, rate]) => [
		`${year}-${String(3 * (quarter - 1) + 1).padStart(2, '0')}-01`,
		rate
	]);

function treasuryRows(symbol: string): [string, number][] {
	const column = treasury.columns.indexOf(symbol);
	return treasury.rows.map((row) => [`${String(row[0])}-01`, Number(row[column])]);
}

async function importFile(page: Page, name: string, buffer: Buffer, source: 'yahoo' | 'fred'): Promise<void> {
	await page.getByLabel(/^File/).setInputFiles({ name, mimeType: 'text/csv', buffer });
	await page.getByLabel('Source (required)').selectOption(source);
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByTestId('import-report')).toBeVisible();
	const acknowledge = page.locator('input[name="acknowledge-warnings"]');
	if (await acknowledge.isVisible()) await acknowledge.check();
	await page.getByRole('button', { name: /^Import \d/ }).click();
	await expect(page.getByTestId('import-done')).toBeVisible();
}

/**
 * The value of the option of `select` whose text starts with `text`, once it is there (the stored inputs arrive
 * through a live query after the form has rendered).
 */
async function optionStartingWith(page: Page, selector: string, text: string): Promise<string> {
	const read = () =>
		page
			.locator(`${selector} option`)
			.evaluateAll(
				(options, t) =>
					options
						.filter((o) => o.textContent?.trim().startsWith(t))
						.map((o) => (o as HTMLOptionElement).value),
				text
			);
	await expect
		.poll(async () => (await read()).length, { message: `an option starting with ${text}` })
		.toBeGreaterThan(0);
	return (await read())[0];
}

/** What each entry reads in this test, when the form's default (the first stored input) is not it. */
const SERIES_INPUT: Record<string, string> = {
	vasicek_model: 'TB3MS',
	cox_ingersoll_ross_model: 'TB3MS'
};
const PANEL_INPUTS: Record<string, string[]> = {
	yield_curve_analysis: ['DGS3MO', 'DGS1', 'DGS5', 'DGS10', 'DGS30']
};

test('every runnable analysis runs with its defaults on real data in the production build', async ({
	page
}) => {
	await page.goto('/data/');
	await importFile(page, 'AAPL.csv', yahooMonthly('AAPL'), 'yahoo');
	await importFile(page, 'MSFT.csv', yahooMonthly('MSFT'), 'yahoo');
	await importFile(page, 'TB3MS.csv', fredCsv('TB3MS', tbillRows()), 'fred');
	for (const symbol of PANEL_INPUTS.yield_curve_analysis)
		await importFile(page, `${symbol}.csv`, fredCsv(symbol, treasuryRows(symbol)), 'fred');

	await page.goto('/analyses/new/');
	// The form renders once the page has loaded; the options are read only then.
	await expect(page.locator('#analysis-model option').first()).toBeAttached();
	const models = await page
		.locator('#analysis-model option')
		.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
	expect(models.length).toBeGreaterThanOrEqual(30);
	for (const model of models) {
		await test.step(model, async () => {
			await page.goto('/analyses/new/');
			await page.getByRole('button', { name: 'Reset to defaults' }).click();
			await page.locator('#analysis-model').selectOption(model);
			await page.getByLabel('Name (optional)').fill(`${model} defaults`);
			if (await page.locator('#analysis-input-1').isVisible()) {
				await page
					.locator('#analysis-input-0')
					.selectOption(await optionStartingWith(page, '#analysis-input-0', 'AAPL'));
				await page
					.locator('#analysis-input-1')
					.selectOption(await optionStartingWith(page, '#analysis-input-1', 'MSFT'));
			} else if (await page.locator('#analysis-input-0').isVisible()) {
				const name = SERIES_INPUT[model] ?? 'S&P 500';
				await page
					.locator('#analysis-input-0')
					.selectOption(await optionStartingWith(page, '#analysis-input-0', name));
			} else if (await page.getByRole('checkbox').first().isVisible()) {
				for (const name of PANEL_INPUTS[model] ?? ['AAPL', 'MSFT'])
					await page.getByRole('checkbox', { name: new RegExp(`^${name} `) }).check();
			}
			const started = Date.now();
			await page.getByRole('button', { name: 'Run analysis' }).click();
			await page.waitForURL(/\/analyses\/view\/\?id=/);
			await expect(page.getByTestId('analysis-status')).not.toHaveText('running', { timeout: 240_000 });
			const error = page.getByTestId('analysis-error');
			if (await error.isVisible()) throw new Error(`${model} failed: ${await error.textContent()}`);
			await expect(page.getByTestId('analysis-status')).toHaveText('completed');
			await expect(page.getByTestId('analysis-numbers')).toBeVisible();
			console.log(`${model}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
		});
	}

	// The list shows every run, and the audit trail recorded each one.
	await page.goto('/analyses/');
	await expect(page.getByTestId('analysis-row')).toHaveCount(models.length);
	await page.goto('/audit/');
	const table = page.getByRole('table', { name: 'Audit events' });
	await expect(table.locator('tr[data-type="analysis.completed"]').first()).toBeVisible();
});

test('a price from typed inputs: Black–Scholes reproduces Hull’s example, survives a reload and reproduces from a link', async ({
	page
}) => {
	await page.goto('/analyses/new/?model=black_scholes');
	await page.getByLabel('underlying_price').fill('42');
	await page.getByLabel('strike').fill('40');
	await page.getByLabel('time_to_expiry').fill('0.5');
	await page.getByLabel('risk_free_rate').fill('0.1');
	await page.getByLabel('volatility').fill('0.2');
	await expect(page.getByTestId('analysis-no-data')).toBeVisible();
	await page.getByRole('button', { name: 'Run analysis' }).click();
	await page.waitForURL(/\/analyses\/view\/\?id=/);
	await expect(page.getByTestId('analysis-status')).toHaveText('completed');
	// Hull, Options, Futures and Other Derivatives, Example 15.6: call 4.76, put 0.81.
	await expect(page.getByTestId('analysis-numbers')).toContainText('4.759');
	await expect(page.getByTestId('analysis-numbers')).toContainText('0.808');
	await page.reload();
	await expect(page.getByTestId('analysis-status')).toHaveText('completed');
	await expect(page.getByTestId('analysis-numbers')).toContainText('4.759');

	// Shared as a link, it opens read-only and reproduces to the last digit.
	const share = page.getByTestId('share');
	await share.getByRole('button', { name: 'Share as a link…' }).click();
	await share.getByRole('button', { name: 'Create link' }).click();
	await page.goto(await share.getByTestId('share-url').inputValue());
	await expect(page.getByTestId('shared-banner')).toContainText('Shared — not in your workspace');
	await expect(page.getByTestId('shared-analysis-numbers')).toContainText('4.759');
	const panel = page.getByTestId('reproduce');
	await expect(panel.getByTestId('data-found')).toContainText('reads no stored data');
	await panel.getByRole('button', { name: 'Reproduce' }).click();
	await expect(panel.getByTestId('reproduce-verdict')).toContainText('identical');
	await panel.getByRole('link', { name: 'Open the reproduction in your workspace' }).click();
	await expect(page.getByTestId('analysis-status')).toHaveText('completed');
	await expect(page.getByTestId('analysis-numbers')).toContainText('4.759');
});
