/**
 * Regenerates docs/screenshot.png for the README: runs a real gradient-boosting trial on the bundled data in
 * the production build and captures its page. Run: npx tsx scripts/screenshot.ts (after npm run build).
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../tests/support/chromium';
import { startPreview } from '../tests/support/preview-server';

const server = await startPreview(4177);
const browser = await chromium.launch({
	executablePath: CHROMIUM_EXECUTABLE,
	args: [...CHROMIUM_ARGS]
});
try {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await page.goto(`${server.origin}/trials/new`);
	await page.getByTestId('fold-count').waitFor();
	await page.getByLabel('Name (optional)').fill('GBM, 5-day S&P 500 return');
	await page.getByLabel('Model', { exact: true }).selectOption('xgboost');
	await page.locator('#param-learning_rate').fill('0.05');
	await page.locator('#param-max_depth').fill('3');
	await page.getByRole('button', { name: 'Start trial' }).click();
	await page.waitForURL(/\/trials\/view/);
	await page.getByTestId('trial-status').filter({ hasText: 'completed' }).waitFor({ timeout: 120_000 });
	await page.waitForTimeout(500);
	await page.screenshot({
		path: 'docs/screenshot.png',
		clip: { x: 0, y: 0, width: 1280, height: 1500 },
		fullPage: true
	});
	console.log('wrote docs/screenshot.png');
} finally {
	await browser.close();
	await server.stop();
}
