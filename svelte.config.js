import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives, parseExtraHosts } from './src/lib/compliance/hosts.js';

/** Base path for static hosting under a sub-path, e.g. BASE_PATH=/mltrainer npm run build. */
const base = process.env.BASE_PATH ?? '';

/** Recorded with every trial result (ARCHITECTURE §6): read from package.json, whatever runs the build. */
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * Hosts beyond the approved sources that this build may reach (a FRED relay of one's own, the tests' local
 * mocks). A static build's CSP is fixed at build time, so they are a build setting; see the README.
 */
const extraHosts = parseExtraHosts(process.env.MLTRAINER_EXTRA_HOSTS);

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		// Absolute asset paths: the service worker must register at the base whatever page loads first.
		paths: { base, relative: false },
		// The PWA plugin generates and registers its own service worker.
		serviceWorker: { register: false },
		version: { name: version },
		// Prerendered pages carry the policy as a <meta> tag; hash mode lets kit's inline bootstrap run and
		// nothing else. connect-src is generated from the same allowlist the compliance gateway uses.
		csp: { mode: 'hash', directives: cspDirectives(extraHosts) }
	}
};
