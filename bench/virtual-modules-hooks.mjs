/** Module hooks for bench/virtual-modules.mjs (they run in the loader thread). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ID = 'virtual:model-ids';
const MODELS = fileURLToPath(new URL('../src/lib/models', import.meta.url));

function modelIds(dir = MODELS) {
	const ids = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) ids.push(...modelIds(join(dir, entry.name)));
		else if (entry.name.endsWith('.model.ts'))
			ids.push(entry.name.slice(0, -'.model.ts'.length).replaceAll('-', '_'));
	}
	return ids.sort();
}

export async function resolve(specifier, context, next) {
	if (specifier === ID) return { url: `${ID}`, shortCircuit: true };
	return next(specifier, context);
}

export async function load(url, context, next) {
	if (url === ID) {
		return {
			format: 'module',
			source: `export const IMPLEMENTED_MODEL_IDS = ${JSON.stringify(modelIds())};`,
			shortCircuit: true
		};
	}
	return next(url, context);
}
