/**
 * Vite plugin behind `virtual:model-ids`: the ids of the catalog entries that have an implementation, read
 * from the file names of src/lib/models/**\/<kebab-id>.model.ts at build time. The catalog derives "runnable"
 * from this list, so adding a model is one module and its test: nothing else names the new id. Only the names
 * are read; no model code reaches a bundle through this module (workers load it lazily, models/registry.ts).
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

import { MODEL_FILE_SUFFIX, modelIdOfPath } from '../src/lib/catalog/model-files.ts';

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
