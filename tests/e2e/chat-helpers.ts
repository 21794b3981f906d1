/** What the chat end-to-end tests share: the Anthropic mock's script and log, and a key set through Settings. */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { ANTHROPIC_MOCK_ORIGIN } from '../../playwright.config';

export type Reply = Record<string, unknown>;

export const MOCK_KEY = 'sk-ant-api03-mock-key-for-tests-only-0000000000';

export async function script(request: APIRequestContext, replies: Reply[]): Promise<void> {
	const res = await request.post(`${ANTHROPIC_MOCK_ORIGIN}/__mock/script`, { data: replies });
	expect(res.ok()).toBe(true);
}

/** The Messages API requests the app made (the Settings page's model listings are left out). */
export async function requests(request: APIRequestContext) {
	const all = (await (await request.get(`${ANTHROPIC_MOCK_ORIGIN}/__mock/requests`)).json()) as {
		path: string;
		body: { system: unknown; messages: { role: string; content: unknown }[]; tools?: { name: string }[] };
	}[];
	return all.filter((r) => r.path === '/v1/messages');
}

export async function setUp(page: Page, request: APIRequestContext) {
	await request.post(`${ANTHROPIC_MOCK_ORIGIN}/__mock/reset`);
	// Every chat test also proves the chat runs under the build's CSP without a single violation.
	await page.addInitScript(() => {
		const seen: string[] = [];
		Object.assign(window, { __cspViolations: seen });
		document.addEventListener('securitypolicyviolation', (e) =>
			seen.push(`${e.effectiveDirective} ${e.blockedURI}`)
		);
	});
	await page.goto('/settings/');
	// The host first: a saved key lists its models at once, and no test may reach the real API.
	await page.getByLabel('Anthropic host').selectOption(ANTHROPIC_MOCK_ORIGIN);
	await expect(page.getByTestId('settings-message')).toHaveText('Settings saved.');
	await page.getByLabel('Anthropic API key').fill(MOCK_KEY);
	await page.getByLabel('Anthropic API key').press('Enter');
	await expect(page.getByTestId('key-status-anthropic')).toHaveText('set');
	await page.getByRole('link', { name: 'Chat' }).click();
	await expect(page.getByRole('heading', { name: 'mlTrainer' })).toBeVisible();
}

export async function cspViolations(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}
