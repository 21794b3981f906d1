/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { bundledDatasets } from './scripts/vite-bundled-datasets.ts';
import { catalogCounts, modelIds } from './scripts/vite-model-ids.ts';
import { parseExtraHosts } from './src/lib/compliance/hosts.js';

const base = process.env.BASE_PATH ?? '';

/** The hand-written manifest is not matched by the plugin's globs; precache it with a content revision. */
const manifestRevision = createHash('sha256')
	.update(readFileSync('static/manifest.webmanifest'))
	.digest('hex')
	.slice(0, 16);

export default defineConfig({
	// The build-time extra hosts (see svelte.config.js) reach the app too, so the gateway and the Settings page
	// agree with the CSP.
	define: {
		__MLTRAINER_EXTRA_HOSTS__: JSON.stringify(parseExtraHosts(process.env.MLTRAINER_EXTRA_HOSTS)),
		// The home page shows these counts without loading the catalog (22 KiB gzip) on a first visit.
		__CATALOG_COUNTS__: JSON.stringify(catalogCounts())
	},
	plugins: [
		bundledDatasets(),
		modelIds(),
		sveltekit(),
		SvelteKitPWA({
			// 'prompt': an update is offered, never applied by reloading a page behind the user's back.
			registerType: 'prompt',
			injectRegister: false,
			manifest: false,
			workbox: {
				globPatterns: [
					// csv: the bundled demo dataset, so that a visit which could not store it yet can store it offline.
					'client/**/*.{js,css,ico,png,svg,webp,woff,woff2,wasm,webmanifest,csv}',
					'prerendered/**/*.{html,json}'
				],
				// The TF.js worker chunk is ~1-2 MB, above workbox's 2 MiB default with margin to spare.
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
				additionalManifestEntries: [{ url: 'manifest.webmanifest', revision: manifestRevision }],
				navigateFallback: null,
				// Pages read their state from the query string (/trials/view?id=…) on the client; any URL parameters
				// still match the precached page, so a trial's page also opens offline.
				ignoreURLParametersMatching: [/.*/],
				// API responses are never runtime-cached: market data is cached in IndexedDB under our rules,
				// and a cached Polygon response would keep the API key of its query string.
				runtimeCaching: []
			},
			kit: { base: base === '' ? '/' : `${base}/`, includeVersionFile: true, trailingSlash: 'always' }
		})
	],
	// Worker bundles take only worker.plugins: the catalog (imported by the worker's gateway check) needs the ids.
	worker: { format: 'es', plugins: () => [modelIds()] },
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
