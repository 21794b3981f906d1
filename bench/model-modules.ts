/**
 * Every runnable model's implementation, found the way the build finds them (src/lib/models/**\/<id>.model.ts),
 * so benches need no hand-kept list. Needs the virtual-modules import hook (the modules reach the catalog).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Implementation } from '../src/lib/models/seam';

const MODELS_DIR = fileURLToPath(new URL('../src/lib/models', import.meta.url));

function modelFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? modelFiles(join(dir, e.name)) : e.name.endsWith('.model.ts') ? [join(dir, e.name)] : []
	);
}

/** Implementations sorted by id; `only` (ids) narrows the list. */
export async function loadImplementations(only: readonly string[] = []): Promise<Implementation[]> {
	const all: Implementation[] = [];
	for (const file of modelFiles(MODELS_DIR)) {
		const mod = (await import(pathToFileURL(file).href)) as { implementation: Implementation };
		if (only.length === 0 || only.includes(mod.implementation.id)) all.push(mod.implementation);
	}
	return all.sort((a, b) => a.id.localeCompare(b.id));
}
