/**
 * The layering rule is only worth having if it fires: lint snippets as if they lived in the pure layers.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../eslint.config.js';

const eslint = new ESLint({ cwd: process.cwd() });

async function messages(code: string, filePath: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** routes/ files live outside src/lib. */
function fileIn(layer: string, name = 'probe.ts'): string {
	return layer === 'routes' ? `src/routes/${name}` : `src/lib/${layer}/${name}`;
}

describe('ESLint boundaries of every layer (ARCHITECTURE §3)', () => {
	it('refuses an import from any layer above, for every layer', async () => {
		for (let i = 1; i < LAYERS.length; i++) {
			const layer = LAYERS[i];
			for (const above of LAYERS.slice(1, i)) {
				const code = `import { x } from '$lib/${above}/thing';\nexport const y = x;\n`;
				expect((await messages(code, fileIn(layer))).join(), `${layer} → ${above}`).toMatch(
					/no-restricted-imports: .*dependencies point down only/
				);
			}
		}
	});

	it('allows an import from the layer below', async () => {
		for (let i = 0; i < LAYERS.length - 1; i++) {
			const below = LAYERS[i + 1];
			const code = `import { x } from '$lib/${below}/thing';\nexport const y = x;\n`;
			expect(await messages(code, fileIn(LAYERS[i])), `${LAYERS[i]} → ${below}`).toEqual([]);
		}
	});

	it('keeps pages and components off the database: Dexie, db/ and the app’s connection', async () => {
		for (const layer of ['routes', 'ui']) {
			for (const from of ['dexie', '$lib/db/records', '$lib/app/db']) {
				const code = `import { x } from '${from}';\nexport const y = x;\n`;
				expect((await messages(code, fileIn(layer))).join(), `${layer} → ${from}`).toMatch(
					/through app\/ services/
				);
			}
			// Naming a record's shape is not reaching storage.
			expect(
				await messages(
					"import type { TrialRecord } from '$lib/db/records';\nexport type T = TrialRecord;\n",
					fileIn(layer)
				)
			).toEqual([]);
		}
	});

	it('keeps test-only code out of every product layer', async () => {
		for (const layer of LAYERS) {
			const code = "import { tinySpec } from '$lib/testing/fixtures';\nexport const s = tinySpec;\n";
			expect((await messages(code, fileIn(layer))).join(), layer).toMatch(/test-only/);
		}
	});

	it('refuses each layer the globals it may not use', async () => {
		const cases: Array<[string, string]> = [
			['engine', 'document.title'],
			['engine', 'fetch("/x")'],
			['workers', 'localStorage.length'],
			['db', 'fetch("/x")'],
			['data', 'window.name'],
			['security', 'fetch("/x")'],
			['research', 'indexedDB.open("x")'],
			['ai', 'localStorage.length'],
			['ui', 'indexedDB.open("x")'],
			['routes', 'indexedDB.open("x")']
		];
		for (const [layer, expr] of cases) {
			expect(
				(await messages(`export const v = () => ${expr};\n`, fileIn(layer))).join(),
				`${layer}: ${expr}`
			).toMatch(/no-restricted-globals/);
		}
	});
});

describe('ESLint layering rules', () => {
	it('refuses Dexie, Svelte and the engine inside domain/, catalog/, models/ and compliance/', async () => {
		for (const dir of ['domain', 'catalog', 'models', 'compliance']) {
			const file = `src/lib/${dir}/probe.ts`;
			expect(
				(await messages("import { Dexie } from 'dexie';\nexport const d = Dexie;\n", file)).join()
			).toMatch(/no-restricted-imports/);
			expect(
				(await messages("import { mount } from 'svelte';\nexport const m = mount;\n", file)).join()
			).toMatch(/no-restricted-imports/);
			expect(
				(await messages("import { db } from '../app/db';\nexport const x = db;\n", file)).join()
			).toMatch(/no-restricted-imports/);
			expect((await messages("export const f = () => fetch('/x');\n", file)).join()).toMatch(
				/no-restricted-globals/
			);
		}
	});

	it('allows the same imports outside the pure layers', async () => {
		expect(
			await messages("import { Dexie } from 'dexie';\nexport const d = Dexie;\n", 'src/lib/db/probe.ts')
		).toEqual([]);
	});

	it('refuses Math.random everywhere in product code', async () => {
		expect((await messages('export const r = Math.random();\n', 'src/lib/app/probe.ts')).join()).toMatch(
			/seeded generator/
		);
	});
});
