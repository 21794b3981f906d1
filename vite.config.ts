/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { bundledDatasets } from './scripts/vite-bundled-datasets';

const base = process.env.BASE_PATH ?? '';

export default defineConfig({
	plugins: [
		bundledDatasets(),
		sveltekit(),
		SvelteKitPWA({
			// 'prompt': an update is offered, never applied by reloading a page behind the user's back.
			registerType: 'prompt',
			injectRegister: false,
			manifest: false,
			workbox: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff,woff2,wasm,webmanifest}',
					'prerendered/**/*.{html,json}'
				],
				// The TF.js worker chunk is ~1-2 MB, above workbox's 2 MiB default with margin to spare.
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
				navigateFallback: null,
				// API responses are never runtime-cached: market data is cached in IndexedDB under our rules,
				// and a cached Polygon response would keep the API key of its query string.
				runtimeCaching: []
			},
			kit: { base: base === '' ? '/' : `${base}/`, includeVersionFile: true }
		})
	],
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
