import { expect, test } from '@playwright/test';
import { startTrial } from './helpers';

test.setTimeout(300_000);

test('with storage full mid-trial the fold is not left running, the user is told what to do, and the trial finishes once space is back', async ({
	page,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const cdp = await page.context().newCDPSession(page);
	await page.goto('/');
	await expect(page.getByText(/datasets? with provenance/)).toBeVisible();
	await startTrial(page, {
		model: 'feedforward_mlp',
		name: 'disk full',
		params: { epochs: '60', hidden_layers: '32' },
		trainLength: 1_000,
		testLength: 800,
		step: 800
	});
	await expect(page.getByTestId('fold-progress')).toHaveText(/^1\/\d+ folds$/, { timeout: 120_000 });

	// The disk fills up: the browser grants this origin no more room for anything.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
	const banner = page.getByTestId('storage-problem');
	await expect(banner).toContainText(
		/could not be saved: this browser’s storage for mlTrainer is full\. Free space/,
		{
			timeout: 120_000
		}
	);
	// Nothing is lost: the folds already stored are still there.
	await expect(page.locator('[data-testid="fold-row"][data-status="done"]').first()).toBeVisible();

	// A new trial cannot be stored either, and the form says so where Start was pressed.
	await page.getByRole('link', { name: 'New trial' }).first().click();
	await expect(page.getByTestId('fold-count')).toBeVisible();
	await page.getByRole('button', { name: 'Start trial' }).click();
	await expect(page.getByTestId('submit-error')).toContainText('storage for mlTrainer is full');
	await page.goBack();

	// Space is freed: the fold goes back to the queue (lease recovery in this tab) and the trial completes.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 170_000 });
	await expect(page.locator('[data-testid="fold-row"][data-status="done"]')).toHaveCount(
		await page.getByTestId('fold-row').count()
	);
});
