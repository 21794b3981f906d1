import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Base path for static hosting under a sub-path, e.g. BASE_PATH=/mltrainer npm run build. */
const base = process.env.BASE_PATH ?? '';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		// Absolute asset paths: the service worker must register at the base whatever page loads first.
		paths: { base, relative: false },
		// The PWA plugin generates and registers its own service worker.
		serviceWorker: { register: false },
		version: { name: process.env.npm_package_version ?? '0.0.0' }
	}
};
