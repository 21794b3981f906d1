import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../support/chromium';

test('Chromium reports no installability errors in a persistent profile', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'mltrainer-profile-'));
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM_EXECUTABLE,
		args: [...CHROMIUM_ARGS]
	});
	try {
		const page = await context.newPage();
		await page.goto('http://localhost:4173/');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		const cdp = await context.newCDPSession(page);
		const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
		expect(manifest.errors).toEqual([]);
		expect(manifest.url).toMatch(/manifest\.webmanifest$/);
		const result = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
		expect(result.installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
