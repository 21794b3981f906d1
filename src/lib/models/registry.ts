/**
 * Which module implements each runnable catalog id, derived from the files: `<kebab-id>.model.ts` anywhere
 * under models/ (catalog/model-files.ts). Modules load lazily, so a worker that only fits trees never
 * downloads or starts TF.js. The catalog reads the same file names at build time to mark entries runnable;
 * registry.spec.ts fails when the two disagree.
 */
import { modelIdOfPath } from '../catalog/model-files';
import type { Implementation, Runtime, RuntimeEnv } from './seam';

const MODULES = import.meta.glob<Implementation>('./**/*.model.ts', { import: 'implementation' });

const LOADERS: ReadonlyMap<string, () => Promise<Implementation>> = new Map(
	Object.entries(MODULES).map(([path, load]) => [modelIdOfPath(path) ?? path, load])
);

/** Ids with a module, in file order. */
export const REGISTERED_IDS: readonly string[] = [...LOADERS.keys()];

export class UnknownModelError extends Error {
	readonly code = 'model_not_implemented';
	constructor(id: string) {
		super(`model "${id}" has no implementation`);
	}
}

export interface LoadedModel {
	readonly implementation: Implementation;
	readonly runtime: Runtime;
}

const prepared = new Map<string, Promise<LoadedModel>>();

/** Loads an entry's module and prepares its runtime, once per id per worker. */
export function loadModel(id: string, env: RuntimeEnv = {}): Promise<LoadedModel> {
	let loading = prepared.get(id);
	if (!loading) {
		const load = LOADERS.get(id);
		if (!load) return Promise.reject(new UnknownModelError(id));
		loading = load().then(async (implementation) => {
			if (implementation.id !== id) {
				throw new Error(`the module for "${id}" implements "${implementation.id}"`);
			}
			return { implementation, runtime: await implementation.prepare(env) };
		});
		// A failed load (a chunk that did not arrive) may succeed on the next try.
		loading.catch(() => prepared.delete(id));
		prepared.set(id, loading);
	}
	return loading;
}
