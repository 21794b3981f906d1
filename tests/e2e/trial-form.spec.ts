/**
 * The New trial form with real keyboard input (never `fill`, which sets a field by script): every typed
 * parameter of the runnable models reaches the stored trial exactly as typed, list fields accept typed and
 * pasted text, and bad text is kept in its field with a message naming the field and its range.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

/** Short trials: ~4 folds of 1,000 test rows each over the bundled S&P 500 (about 5,000 usable rows). */
const SHORT = { 'Training rows': '500', 'Test rows': '1000', 'Step (rows)': '1000' };

/** Replaces a field's text as a user does: click, select all, delete, type key by key. */
async function typeInto(field: Locator, text: string): Promise<void> {
	await field.click();
	await field.press('ControlOrMeta+a');
	await field.press('Backspace');
	if (text !== '') await field.pressSequentially(text);
}

async function openForm(page: Page, model: 'ridge' | 'xgboost' | 'feedforward_mlp'): Promise<void> {
	await page.goto('/trials/new/');
	await expect(page.getByRole('heading', { name: 'New trial' })).toBeVisible();
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await page.getByLabel('Model', { exact: true }).selectOption(model);
	await expect(page.getByTestId('fold-count')).toBeVisible();
}

function param(page: Page, name: string): Locator {
	return page.getByLabel(name, { exact: true });
}

function errorOf(page: Page, id: string): Locator {
	return page.locator(`#${id}-error`);
}

async function typeShortValidation(page: Page): Promise<void> {
	for (const [label, value] of Object.entries(SHORT)) await typeInto(page.getByLabel(label), value);
}

interface Stored {
	/** The params stored with the trial's spec. */
	params: Record<string, unknown>;
	/** What each fold's fitted model reported about itself. */
	modelInfo: Record<string, unknown>[];
}

/** Starts the trial, waits for it to complete and returns what was stored for it. */
async function runAndRead(page: Page): Promise<Stored> {
	await expect(page.getByTestId('fold-count')).toHaveText(/^[1-9]$/);
	await page.getByRole('button', { name: 'Start trial' }).click();
	await page.waitForURL(/\/trials\/view\/\?id=/);
	await expect(page.getByTestId('trial-status')).toHaveText('completed', { timeout: 150_000 });
	const id = new URL(page.url()).searchParams.get('id')!;
	return page.evaluate(
		(trialId) =>
			new Promise<Stored>((resolve, reject) => {
				const open = indexedDB.open('mltrainer');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(['trials', 'results']);
					const trial = tx.objectStore('trials').get(trialId);
					const results = tx.objectStore('results').index('trialId').getAll(trialId);
					tx.oncomplete = () => {
						open.result.close();
						resolve({
							params: (trial.result as { spec: { model: { params: Record<string, unknown> } } }).spec.model
								.params,
							modelInfo: (results.result as { modelInfo: Record<string, unknown> }[]).map((r) => r.modelInfo)
						});
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		id
	);
}

function producedPanel(page: Page): Locator {
	return page.locator('section', { has: page.getByRole('heading', { name: 'What produced these numbers' }) });
}

test('hidden_layers typed key by key and pasted trains the typed architecture, not the default', async ({
	page,
	context
}) => {
	test.setTimeout(240_000);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await openForm(page, 'feedforward_mlp');
	const layers = param(page, 'hidden_layers');
	await expect(layers).toHaveValue('128, 64, 32');

	// Mid-edit text is kept exactly as typed: it never snaps back to the default.
	await typeInto(layers, '64,');
	await expect(layers).toHaveValue('64,');
	await layers.pressSequentially(' 6x');
	await expect(layers).toHaveValue('64, 6x');
	await expect(errorOf(page, 'param-hidden_layers')).toHaveText(
		'hidden_layers: each value must be a whole number from 1 to 1024; got "6x"'
	);
	await expect(page.getByTestId('fold-count')).toHaveCount(0);
	await layers.press('Backspace');
	await layers.pressSequentially('2');
	await expect(layers).toHaveValue('64, 62');
	await expect(errorOf(page, 'param-hidden_layers')).toHaveCount(0);
	await typeInto(layers, '128 64 32 16');
	await expect(layers).toHaveValue('128 64 32 16');
	await expect(errorOf(page, 'param-hidden_layers')).toHaveCount(0);

	// A paste from the clipboard replaces the selection like any other edit.
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.evaluate(() => navigator.clipboard.writeText('16, 8'));
	await layers.click();
	await layers.press('ControlOrMeta+a');
	await layers.press('ControlOrMeta+v');
	await expect(layers).toHaveValue('16, 8');

	// Text inserted in one go (as an input method or a drag-and-drop does) is read the same way.
	await typeInto(param(page, 'epochs'), '');
	await page.keyboard.insertText('2');
	await expect(param(page, 'epochs')).toHaveValue('2');
	await typeInto(param(page, 'batch_size'), '128');
	await typeInto(param(page, 'dropout_rate'), '0.1');
	await typeInto(param(page, 'learning_rate'), '0.005');
	await param(page, 'activation').focus();
	await page.keyboard.press('ArrowDown');
	await expect(param(page, 'activation')).toHaveValue('tanh');
	await typeShortValidation(page);

	// The draft keeps what was typed across a reload.
	await page.reload();
	await expect(param(page, 'hidden_layers')).toHaveValue('16, 8');
	await expect(page.getByLabel('Test rows')).toHaveValue('1000');

	const stored = await runAndRead(page);
	expect(stored.params).toMatchObject({
		hidden_layers: [16, 8],
		epochs: 2,
		batch_size: 128,
		dropout_rate: 0.1,
		learning_rate: 0.005,
		activation: 'tanh'
	});
	await expect(producedPanel(page)).toContainText('"hidden_layers":[16,8]');
	await expect(producedPanel(page)).not.toContainText('[128,64,32]');
	// Each fold's network reports the epochs it trained: the typed params reached the worker.
	expect(stored.modelInfo.length).toBeGreaterThan(0);
	for (const info of stored.modelInfo) expect(info).toMatchObject({ epochs: 2 });
	expect(errors).toEqual([]);
});

test('ridge and gradient-boosting parameters typed from the keyboard reach the stored trial', async ({
	page
}) => {
	test.setTimeout(240_000);
	await openForm(page, 'ridge');
	await typeInto(param(page, 'alpha'), '2.5');
	await param(page, 'fit_intercept').focus();
	await page.keyboard.press('Space');
	await expect(param(page, 'fit_intercept')).not.toBeChecked();
	await typeShortValidation(page);
	expect((await runAndRead(page)).params).toEqual({ alpha: 2.5, fit_intercept: false });
	await expect(producedPanel(page)).toContainText('{"alpha":2.5,"fit_intercept":false}');

	await openForm(page, 'xgboost');
	const typed = {
		n_estimators: '20',
		max_depth: '3',
		learning_rate: '0.1',
		min_samples_leaf: '5',
		subsample: '0.8',
		reg_lambda: '2',
		max_bins: '32'
	};
	for (const [name, text] of Object.entries(typed)) await typeInto(param(page, name), text);
	await typeShortValidation(page);
	expect((await runAndRead(page)).params).toEqual(
		Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, Number(v)]))
	);
	await expect(producedPanel(page)).toContainText('"n_estimators":20,"max_depth":3,"learning_rate":0.1');
});

test('bad text in a number or list field names the field and its range, blocks Start and survives a reload', async ({
	page
}) => {
	await openForm(page, 'xgboost');
	const cases: [Locator, string, string, string][] = [
		[
			param(page, 'n_estimators'),
			'param-n_estimators',
			'1.5',
			'n_estimators: must be a whole number from 10 to 1000; got "1.5"'
		],
		[
			param(page, 'n_estimators'),
			'param-n_estimators',
			'',
			'n_estimators: must be a whole number from 10 to 1000; the field is empty'
		],
		[
			param(page, 'learning_rate'),
			'param-learning_rate',
			'abc',
			'learning_rate: must be a number from 0.01 to 1; got "abc"'
		],
		[
			param(page, 'learning_rate'),
			'param-learning_rate',
			'5',
			'learning_rate: must be a number from 0.01 to 1; got "5"'
		],
		[
			page.getByLabel('Training rows'),
			'wf-trainLength',
			'abc',
			'Training rows: must be a whole number from 50 to 100000; got "abc"'
		],
		[
			page.getByLabel('Seed', { exact: true }),
			'seed',
			'-1',
			'Seed: must be a whole number from 0 to 4294967295; got "-1"'
		]
	];
	for (const [field, id, text, message] of cases) {
		await typeInto(field, text);
		await expect(field).toHaveValue(text);
		await expect(errorOf(page, id)).toHaveText(message);
	}
	await typeInto(page.getByLabel('Name (optional)'), 'kept by the draft');
	await typeInto(page.getByLabel('Test rows'), '300');

	await page.getByRole('button', { name: 'Start trial' }).click();
	const summary = page.locator('#form-summary');
	await expect(summary).toContainText('learning_rate: must be a number from 0.01 to 1; got "5"');
	await expect(summary).toContainText('Training rows: must be a whole number from 50 to 100000; got "abc"');
	await expect(page).toHaveURL(/\/trials\/new/);

	// The draft keeps every field, and each invalid one with its text and message.
	await page.reload();
	await expect(page.getByLabel('Name (optional)')).toHaveValue('kept by the draft');
	await expect(page.getByLabel('Test rows')).toHaveValue('300');
	await expect(param(page, 'n_estimators')).toHaveValue('');
	await expect(param(page, 'learning_rate')).toHaveValue('5');
	await expect(page.getByLabel('Training rows')).toHaveValue('abc');
	await expect(errorOf(page, 'wf-trainLength')).toHaveText(
		'Training rows: must be a whole number from 50 to 100000; got "abc"'
	);
	await expect(errorOf(page, 'param-learning_rate')).toHaveText(
		'learning_rate: must be a number from 0.01 to 1; got "5"'
	);

	// A value set by the form replaces the text: the embargo follows the horizon, and a reset clears bad text.
	await typeInto(page.getByLabel('Horizon (trading days)'), '10');
	await expect(page.getByLabel('Embargo (rows)')).toHaveValue('10');
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await expect(page.getByLabel('Training rows')).toHaveValue('1260');
	await expect(page.getByLabel('Embargo (rows)')).toHaveValue('5');
	await expect(errorOf(page, 'wf-trainLength')).toHaveCount(0);
	await expect(page.getByTestId('fold-count')).toBeVisible();

	// A list field: too many values, then a value out of range.
	await page.getByLabel('Model', { exact: true }).selectOption('feedforward_mlp');
	const layers = param(page, 'hidden_layers');
	await typeInto(layers, '8 8 8 8 8 8 8');
	await expect(errorOf(page, 'param-hidden_layers')).toHaveText(
		'hidden_layers: enter 1 to 6 values separated by commas or spaces, each a whole number from 1 to 1024; got 7'
	);
	await typeInto(layers, '64, 0');
	await expect(errorOf(page, 'param-hidden_layers')).toHaveText(
		'hidden_layers: each value must be a whole number from 1 to 1024; got "0"'
	);
	await page.getByRole('button', { name: 'Start trial' }).click();
	await expect(page).toHaveURL(/\/trials\/new/);
	await page.goto('/trials/');
	await expect(page.getByTestId('trial-row')).toHaveCount(0);
});
