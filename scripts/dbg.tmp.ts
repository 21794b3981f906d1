import { chromium } from '@playwright/test';
import { serveStatic } from '../tests/support/static-server.ts';
const server = await serveStatic(4180);
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
const context = await browser.newContext({ serviceWorkers: 'allow' });
const page = await context.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => console.log('console', m.text()));
page.on('request', (r) => {
	if (/DTOWK8BT|Bd17z0YL|sw.js/.test(r.url())) console.log('req', r.url());
});
page.on('requestfailed', (r) => console.log('failed', r.url()));
await page.goto(server.origin + '/');
await page.waitForTimeout(4000);
console.log('readyState', await page.evaluate(() => document.readyState));
console.log(
	await page.evaluate(async () =>
		JSON.stringify(
			(await navigator.serviceWorker.getRegistrations()).map((r) => [!!r.active, !!r.installing, !!r.waiting])
		)
	)
);
await browser.close();
await server.stop();
