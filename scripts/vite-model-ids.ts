/**
 * Vite plugin behind `virtual:model-ids`: the ids of the catalog entries that have an implementation, read
 * from the file names of src/lib/models/**\/<kebab-id>.model.ts at build time. The catalog derives "runnable"
 * from this list, so adding a model is one module and its test: nothing else names the new id. Only the names
 * are read; no model code reaches a bundle through this module (workers load it lazily, models/registry.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

import { MODEL_FILE_SUFFIX, modelIdOfPath } from '../src/lib/catalog/model-files.ts';
import { isStudyProcedureId } from '../src/lib/catalog/study-procedures.ts';
import { PROCEDURE_RUNS } from '../src/lib/catalog/procedures.ts';

const ID = 'virtual:model-ids';

export function listModelFiles(root: string): string[] {
	const out: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name.endsWith(MODEL_FILE_SUFFIX)) out.push(relative(root, path));
		}
	};
	walk(root);
	return out.sort();
}

export function modelIds(root: string = join(process.cwd(), 'src/lib/models')): Plugin {
	return {
		name: 'mltrainer-model-ids',
		resolveId(id) {
			return id === ID ? '\0' + ID : null;
		},
		load(id) {
			if (id !== '\0' + ID) return null;
			this.addWatchFile(root);
			const ids = listModelFiles(root).map((f) => modelIdOfPath(f));
			return `export const IMPLEMENTED_MODEL_IDS = ${JSON.stringify(ids)};\n`;
		}
	};
}

/**
 * The catalog's size and how many entries run, read from the entry files' source (the build config cannot load
 * the catalog module itself: it imports the virtual module above). ui/catalog-counts.spec.ts checks the figures
 * against the real catalog.
 */
export function catalogCounts(root: string = join(process.cwd(), 'src/lib')): {
	total: number;
	runnable: number;
} {
	// Runnable procedures (catalog/procedures.ts) run through other models, without a module of their own.
	const implemented = new Set([
		...listModelFiles(join(root, 'models')).map((f) => modelIdOfPath(f)),
		...Object.keys(PROCEDURE_RUNS)
	]);
	const dir = join(root, 'catalog/entries');
	let total = 0;
	let runnable = 0;
	for (const file of readdirSync(dir)) {
		if (!file.endsWith('.ts') || file === 'helpers.ts' || file.endsWith('.spec.ts')) continue;
		for (const block of readFileSync(join(dir, file), 'utf8')
			.split(/\n\t\{\n/)
			.slice(1)) {
			const id = /\bid: '([a-z0-9_]+)'/.exec(block)?.[1];
			if (!id) continue;
			total++;
			const runs = implemented.has(id) || isStudyProcedureId(id);
			if (runs && !/status: unavailable\(/.test(block)) runnable++;
		}
	}
	return { total, runnable };
}
