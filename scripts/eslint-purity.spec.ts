/**
 * The layering rule is only worth having if it fires: lint snippets as if they lived in the pure layers.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messages(code: string, filePath: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

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
