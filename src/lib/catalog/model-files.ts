/**
 * The file-name contract between the catalog and src/lib/models: the implementation of entry `some_id` is the
 * module `some-id.model.ts` (in its family's folder). The build lists those names for the catalog
 * (scripts/vite-model-ids.ts) and the worker's registry loads them lazily (models/registry.ts).
 */
export const MODEL_FILE_SUFFIX = '.model.ts';

/** `models/neural/feedforward-mlp.model.ts` → `feedforward_mlp`; null for any other file. */
export function modelIdOfPath(path: string): string | null {
	const name = path.split('/').pop() ?? '';
	if (!name.endsWith(MODEL_FILE_SUFFIX)) return null;
	return name.slice(0, -MODEL_FILE_SUFFIX.length).replaceAll('-', '_');
}
