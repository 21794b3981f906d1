/**
 * Benchmarks that need the app's own modules as the build compiles them (runes in `.svelte.ts`, `$app/*`): run by
 * Vitest with the SvelteKit plugin, one `bench/*.run.ts` file at a time, printing JSON lines like the others.
 * Run: npx vitest run --config bench/vitest.config.ts bench/backup.run.ts
 */
import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { catalogCounts, modelIds } from '../scripts/vite-model-ids.ts';

export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	define: {
		__MLTRAINER_EXTRA_HOSTS__: '[]',
		__CATALOG_COUNTS__: JSON.stringify(catalogCounts())
	},
	plugins: [modelIds(), sveltekit()],
	test: {
		include: ['bench/**/*.run.ts'],
		environment: 'node',
		testTimeout: 3_600_000,
		hookTimeout: 600_000,
		// Figures go to stdout as they are, one JSON object per line.
		reporters: ['dot'],
		silent: false
	}
});
