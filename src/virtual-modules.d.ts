declare module 'virtual:bundled/*' {
	/** Facts of the file recorded at build time from its package (see scripts/vite-bundled-datasets.ts). */
	export const meta: { origin: string; sha256: string; bytes: number; publishedAt: string };
	/** Where the page fetches the file (a hashed static asset). */
	export const url: string;
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

/** How many catalog entries there are and how many run, counted from the catalog at build time (vite.config.ts). */
declare const __CATALOG_COUNTS__: { total: number; runnable: number };
