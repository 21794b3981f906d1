// @ts-check
/**
 * The one allowlist of approved data sources and the hosts the app may reach. It is plain JavaScript (with JSDoc
 * types) because two worlds read it: svelte.config.js generates the Content-Security-Policy `connect-src` from it
 * at build time, and the compliance gateway decides from it at run time. Change it here or nowhere.
 */

/**
 * Approved real data sources. `hosts` are the origins the browser may call for that source; a source reached
 * only through imported files (FRED's API sends no CORS headers; Yahoo and Quandl downloads are files) has none.
 * @type {Readonly<Record<'polygon' | 'fred' | 'yahoo' | 'quandl', { readonly label: string; readonly hosts: readonly string[] }>>}
 */
export const APPROVED_SOURCE_HOSTS = Object.freeze({
	polygon: Object.freeze({
		label: 'Polygon.io / Massive',
		hosts: Object.freeze(['https://api.polygon.io', 'https://api.massive.com'])
	}),
	fred: Object.freeze({ label: 'FRED (Federal Reserve Bank of St. Louis)', hosts: Object.freeze([]) }),
	yahoo: Object.freeze({ label: 'Yahoo Finance', hosts: Object.freeze([]) }),
	quandl: Object.freeze({ label: 'Quandl / Nasdaq Data Link', hosts: Object.freeze([]) })
});

/** Claude, on the user's own key (issue 4). Not a data source, but a host the app may reach. */
export const ANTHROPIC_HOST = 'https://api.anthropic.com';

/** Roles an extra, build-time host can play. */
export const EXTRA_HOST_ROLES = Object.freeze(['polygon', 'fred-relay', 'anthropic']);

/**
 * @typedef {{ role: 'polygon' | 'fred-relay' | 'anthropic'; origin: string }} ExtraHost
 */

/**
 * Parses the build-time setting MLTRAINER_EXTRA_HOSTS: a comma-separated list of `role=origin`, e.g.
 * `fred-relay=https://fred.example.org,polygon=http://127.0.0.1:4181`. Each origin must be a bare http(s)
 * origin — no wildcard, no path, no query, no credentials — because it goes verbatim into the CSP.
 * @param {string | undefined} setting
 * @returns {ExtraHost[]}
 */
export function parseExtraHosts(setting) {
	if (!setting || setting.trim() === '') return [];
	/** @type {ExtraHost[]} */
	const out = [];
	for (const raw of setting.split(',')) {
		const item = raw.trim();
		if (item === '') continue;
		const eq = item.indexOf('=');
		if (eq < 1) throw new Error(`MLTRAINER_EXTRA_HOSTS: "${item}" is not role=origin`);
		const role = item.slice(0, eq).trim();
		const value = item.slice(eq + 1).trim();
		if (!EXTRA_HOST_ROLES.includes(role))
			throw new Error(`MLTRAINER_EXTRA_HOSTS: unknown role "${role}" (use ${EXTRA_HOST_ROLES.join(', ')})`);
		if (value.includes('*')) throw new Error(`MLTRAINER_EXTRA_HOSTS: wildcards are not allowed ("${value}")`);
		/** @type {URL} */
		let url;
		try {
			url = new URL(value);
		} catch {
			throw new Error(`MLTRAINER_EXTRA_HOSTS: "${value}" is not a URL`);
		}
		if (url.protocol !== 'https:' && url.protocol !== 'http:')
			throw new Error(`MLTRAINER_EXTRA_HOSTS: "${value}" must be http(s)`);
		if (
			url.username ||
			url.password ||
			url.search ||
			url.hash ||
			(url.pathname !== '/' && url.pathname !== '')
		)
			throw new Error(
				`MLTRAINER_EXTRA_HOSTS: "${value}" must be a bare origin (no path, query or credentials)`
			);
		out.push({ role: /** @type {ExtraHost['role']} */ (role), origin: url.origin });
	}
	return out;
}

/**
 * Every origin this build may connect to, in a stable order: approved source hosts, Anthropic, then extras.
 * @param {readonly ExtraHost[]} extras
 * @returns {string[]}
 */
export function connectOrigins(extras) {
	const all = [
		...Object.values(APPROVED_SOURCE_HOSTS).flatMap((s) => s.hosts),
		ANTHROPIC_HOST,
		...extras.map((e) => e.origin)
	];
	return [...new Set(all)];
}

/**
 * The Content-Security-Policy directives of a build (kit.csp, hash mode). Scripts: only our own files and the
 * hashes SvelteKit adds for its inline bootstrap; `'wasm-unsafe-eval'` lets TF.js compile its wasm, nothing
 * allows eval. Styles allow inline attributes (Svelte and uPlot set element styles); no remote images at all.
 * @param {readonly ExtraHost[]} extras
 */
export function cspDirectives(extras) {
	return {
		'default-src': ['none'],
		'script-src': ['self', 'wasm-unsafe-eval'],
		'style-src': ['self', 'unsafe-inline'],
		'img-src': ['self', 'data:', 'blob:'],
		'font-src': ['self'],
		'connect-src': ['self', ...connectOrigins(extras)],
		'worker-src': ['self', 'blob:'],
		'manifest-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['none'],
		'form-action': ['none']
	};
}
