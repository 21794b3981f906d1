/**
 * Whether this app works offline, in words: the service worker's precache is the offline copy, and it can fail
 * to be made (the browser refused the storage) or be lost later (storage cleared or evicted, the worker
 * unregistered). The browser facts come through a probe, so the decisions are tested without a browser.
 */

export type OfflineState =
	| { readonly kind: 'checking' }
	| { readonly kind: 'ready' }
	| {
			readonly kind: 'unavailable';
			readonly reason: string;
			/** True when installing the offline copy again may help (it failed for lack of room, or was lost). */
			readonly canRetry: boolean;
	  };

/** What the page can observe of its service worker and its caches. */
export interface OfflineProbe {
	/** This scope's registration: which of its workers exist, or null when none is registered. */
	registration(): Promise<{ active: boolean; installing: boolean; waiting: boolean } | null>;
	/** How many responses the service worker's precache holds (0 when the cache is missing). */
	precacheEntries(): Promise<number>;
	/** The browser's storage estimate for this origin, when it gives one. */
	storageEstimate(): Promise<{ usage?: number; quota?: number } | null>;
}

/** Workbox names its precache `workbox-precache-v2-<scope>`. */
export const PRECACHE_PREFIX = 'workbox-precache';

const MB = 1024 * 1024;
/**
 * The app's offline copy is ~3.4 MB; below this much free room, shortage is the likely cause and worth a figure.
 * Above it the estimate explains nothing (browsers may report a quota they do not grant), so none is shown.
 */
const LOW_STORAGE_BYTES = 50 * MB;

/** Why the first install failed, as precisely as the page can tell. */
export async function installFailure(probe: OfflineProbe): Promise<OfflineState> {
	const estimate = await probe.storageEstimate().catch(() => null);
	const free =
		estimate?.quota !== undefined ? Math.max(0, estimate.quota - (estimate.usage ?? 0)) : undefined;
	const room =
		free !== undefined && free < LOW_STORAGE_BYTES
			? ` (only ${(free / MB).toFixed(1)} MB of storage are left for this site)`
			: '';
	return {
		kind: 'unavailable',
		reason: `the browser did not let the app store its files for offline use${room}. It works while online; free some storage and try again.`,
		canRetry: true
	};
}

/**
 * The state once installation has settled: ready when an active worker has a non-empty precache; otherwise
 * why not. While a first worker is still installing the answer is 'checking'. `installFailed` says that the
 * page saw its installing worker become redundant (a failed install can also take the registration with it).
 */
export async function probeOffline(
	probe: OfflineProbe,
	seen: { installFailed: boolean } = { installFailed: false }
): Promise<OfflineState> {
	const registration = await probe.registration();
	if (registration?.active !== true) {
		if (registration?.installing || registration?.waiting) return { kind: 'checking' };
		if (registration !== null || seen.installFailed) return installFailure(probe);
		return {
			kind: 'unavailable',
			reason: 'the offline copy of the app is not installed (its service worker is not registered).',
			canRetry: true
		};
	}
	if ((await probe.precacheEntries()) === 0)
		return {
			kind: 'unavailable',
			reason: "the browser removed the app's offline copy (its storage was cleared or ran short).",
			canRetry: true
		};
	return { kind: 'ready' };
}

/** The probe over the real browser APIs. */
export function browserProbe(): OfflineProbe {
	return {
		async registration() {
			const r = await navigator.serviceWorker.getRegistration();
			return r
				? { active: r.active !== null, installing: r.installing !== null, waiting: r.waiting !== null }
				: null;
		},
		async precacheEntries() {
			let entries = 0;
			for (const name of await caches.keys()) {
				if (name.startsWith(PRECACHE_PREFIX)) entries += (await (await caches.open(name)).keys()).length;
			}
			return entries;
		},
		async storageEstimate() {
			return (await navigator.storage?.estimate?.()) ?? null;
		}
	};
}
