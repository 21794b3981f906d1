import { expect, test, type Page } from '@playwright/test';
import { startTrial } from './helpers';

test.setTimeout(240_000);

/**
 * Makes IndexedDB refuse writes the way a full disk does (QuotaExceededError), for the named stores or for all of
 * them, until called again with none. Injected into the real browser's IndexedDB, under the app's Dexie.
 */
async function fillDisk(page: Page, stores: readonly string[] | 'all' | 'none'): Promise<void> {
	await page.evaluate((which) => {
		const w = window as unknown as { __full?: readonly string[] | 'all' | 'none'; __patched?: boolean };
		w.__full = which;
		if (w.__patched) return;
		w.__patched = true;
		for (const method of ['put', 'add'] as const) {
			const original = IDBObjectStore.prototype[method];
			IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
				const full = w.__full;
				if (full === 'all' || (Array.isArray(full) && full.includes(this.name)))
					throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return original.apply(this, args);
			} as typeof original;
		}
	}, stores);
}

test('with storage full mid-trial the fold is not left running, the user is told what to do, and the trial finishes once space is back', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByText(/datasets? with provenance/)).toBeVisible();
	await startTrial(page, {
		model: 'feedforward_mlp',
		name: 'disk full',
		params: { epochs: '60', hidden_layers: '256, 256' },
		trainLength: 1_000,
		testLength: 800,
		step: 800
	});
	await expect(page.getByTestId('fold-progress')).toHaveText(/^[1-3]\/5 folds$/, { timeout: 120_000 });

	// The disk fills up as a fold's result is written.
	await fillDisk(page, ['results']);
	const banner = page.getByTestId('storage-problem');
	await expect(banner).toContainText(
		/could not be saved: this browser’s storage for mlTrainer is full\. Free space/,
		{
			timeout: 60_000
		}
	);
	// The fold went back to the queue with its reason: never "running" forever; nothing stored was lost.
	await expect(page.locator('[data-testid="fold-row"][data-status="queued"]').first()).toContainText(
		'its result could not be saved'
	);
	await expect(page.locator('[data-testid="fold-row"][data-status="done"]').first()).toBeVisible();

	// A new trial cannot be stored either, and the form says so where Start was pressed.
	await fillDisk(page, 'all');
	await page.getByRole('link', { name: 'New trial' }).first().click();
	await expect(page.getByTestId('fold-count')).toBeVisible();
	await page.getByRole('button', { name: 'Start trial' }).click();
	await expect(page.getByTestId('submit-error')).toContainText('storage for mlTrainer is full');

	// Space is freed: the fold is tried again and the trial completes with every fold.
	await fillDisk(page, 'none');
	await page.goBack();
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 150_000 });
	await expect(page.locator('[data-testid="fold-row"][data-status="done"]')).toHaveCount(5);
	await page.getByRole('button', { name: 'Dismiss' }).click();
	await expect(banner).toHaveCount(0);
});
