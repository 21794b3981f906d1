/**
 * Issue 13, telemetry (local only): after a trial, the Telemetry page counts it by status and model, shows its
 * fit times, and exports the same numbers as a Prometheus text file (checked line by line here; the format's
 * strict parser is in src/lib/domain/prometheus.spec.ts).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startTrial } from './helpers';

test('the Telemetry page counts a finished trial and exports it in the Prometheus text format', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.goto('/');
	await startTrial(page, { model: 'ridge', name: 'counted', trainLength: 1000, testLength: 500, step: 500 });
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 120_000 });

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Settings', exact: true })
		.click();
	await page.getByRole('link', { name: 'Telemetry' }).click();
	const trials = page.locator('[data-testid="telemetry-family"][data-name="mltrainer_trials_total"]');
	await expect(trials).toContainText('status completed · model ridge');
	await expect(page.getByTestId('telemetry-fits')).toContainText('ridge');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export (Prometheus text)' }).click()
	]);
	expect(download.suggestedFilename()).toBe('mltrainer.prom');
	const text = readFileSync((await download.path()) as string, 'utf8');
	expect(text).toContain('# TYPE mltrainer_trials_total counter\n');
	expect(text).toContain('mltrainer_trials_total{model="ridge",status="completed"} 1\n');
	expect(text).toMatch(/mltrainer_fit_seconds_count\{model="ridge"\} [1-9]\d*\n/);
	expect(text).toMatch(/mltrainer_folds_total\{model="ridge",status="done"\} [1-9]\d*\n/);
	expect(text.endsWith('\n')).toBe(true);
});
