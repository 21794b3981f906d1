declare module 'virtual:bundled/*' {
	export const meta: { origin: string; sha256: string; bytes: number; retrievedAt: string };
	export const text: string;
}

/** Build-time extra hosts (MLTRAINER_EXTRA_HOSTS), parsed and validated by compliance/hosts.js. */
declare const __MLTRAINER_EXTRA_HOSTS__: Array<{
	role: 'polygon' | 'fred-relay' | 'anthropic';
	origin: string;
}>;

/** Ids of the catalog entries with a model module (scripts/vite-model-ids.ts). */
declare module 'virtual:model-ids' {
	export const IMPLEMENTED_MODEL_IDS: readonly string[];
}
