import { expect, test, type Page } from '@playwright/test';
import { startTrial } from './helpers';

/** A trial long enough to still be running while the test moves between tabs (an MLP of many epochs). */
async function startSlowTrial(page: Page, name: string): Promise<string> {
	return startTrial(page, {
		model: 'feedforward_mlp',
		name,
		params: { epochs: '400', hidden_layers: '64, 64' },
		trainLength: 1_000,
		testLength: 400,
		step: 400
	});
}

/** The tab running the scheduler and the one watching, told apart by the header's viewer badge. */
async function roles(a: Page, b: Page): Promise<{ leader: Page; viewer: Page }> {
	await expect
		.poll(
			async () =>
				(await a.getByTestId('viewer-badge').count()) + (await b.getByTestId('viewer-badge').count()),
			{
				timeout: 30_000
			}
		)
		.toBe(1);
	return (await a.getByTestId('viewer-badge').count()) === 0
		? { leader: a, viewer: b }
		: { leader: b, viewer: a };
}

test('when the scheduler tab closes, the viewer tab takes over within seconds and loses its viewer badge', async ({
	context
}) => {
	const a = await context.newPage();
	const b = await context.newPage();
	await a.goto('/');
	await b.goto('/trials/');
	const id = await startSlowTrial(a, 'takeover');
	const { leader, viewer } = await roles(a, b);
	await leader.close();
	await expect(viewer.getByTestId('viewer-badge')).toHaveCount(0, { timeout: 5_000 });
	await viewer.goto(`/trials/view/?id=${id}`);
	// The fold the closed tab was running is taken up here: the trial moves on instead of stalling.
	await expect(viewer.getByTestId('trial-status')).toHaveText('running', { timeout: 30_000 });
	await viewer.getByRole('button', { name: 'Cancel trial' }).click();
});

test('cancelling in the viewer tab stops the folds running in the scheduler tab', async ({ context }) => {
	const a = await context.newPage();
	const b = await context.newPage();
	await a.goto('/');
	await b.goto('/');
	const id = await startSlowTrial(a, 'cancel elsewhere');
	const { leader, viewer } = await roles(a, b);
	await expect(leader.locator('header .badge.running')).toBeVisible({ timeout: 30_000 });
	await viewer.goto(`/trials/view/?id=${id}`);
	await viewer.getByRole('button', { name: 'Cancel trial' }).click();
	await expect(viewer.getByTestId('trial-status')).toHaveText('cancelled');
	// The scheduler tab's worker stops: nothing runs there any more.
	await expect(leader.locator('header .badge.running')).toHaveCount(0, { timeout: 10_000 });
});

test('a newer schema in another tab makes the old tabs step down with a banner and free the scheduler', async ({
	context
}) => {
	const a = await context.newPage();
	const b = await context.newPage();
	await a.goto('/');
	await b.goto('/');
	await startSlowTrial(a, 'upgrade');
	await roles(a, b);
	// Stands in for the newer build's tab: same origin, no app code of this build running in it.
	const newer = await context.newPage();
	await newer.goto('/manifest.webmanifest');
	// What a newer build does on first open: upgrade the database to a higher version.
	await newer.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('mltrainer', 10_000);
				open.onsuccess = () => {
					open.result.close();
					resolve();
				};
				open.onerror = () => reject(open.error);
			})
	);
	for (const page of [a, b])
		await expect(page.getByTestId('upgraded-elsewhere')).toContainText('updated in another tab — reload');
	// The old scheduler gave its lock up: the newer tab can take it at once.
	const free = await newer.evaluate(
		() =>
			new Promise<boolean>((resolve) => {
				const deadline = Date.now() + 5_000;
				const attempt = (): void => {
					void navigator.locks.request('mltrainer-scheduler', { ifAvailable: true }, async (lock) => {
						if (lock) resolve(true);
						else if (Date.now() > deadline) resolve(false);
						else setTimeout(attempt, 100);
					});
				};
				attempt();
			})
	);
	expect(free).toBe(true);
});
