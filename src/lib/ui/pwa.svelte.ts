/**
 * Service-worker updates, offered and never forced: the new version waits until the user asks for it, and the
 * reload is refused while a trial runs in this tab (a reload would interrupt its folds). Also whether the app
 * works offline, and when it stops doing so (see offline-status.ts).
 */
import { browserProbe, probeOffline, type OfflineProbe, type OfflineState } from './offline-status';

export interface PwaOptions {
	/** True while a trial runs in this tab: then nothing reloads the page. */
	readonly busy: () => boolean;
}

/** The offline copy can be evicted silently while the page is open: look again this often. */
const OFFLINE_RECHECK_MS = 60_000;

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

class PwaState {
	needRefresh = $state(false);
	/** Another tab activated a new version; this tab should reload when it is safe. */
	reloadPending = $state(false);
	/** Whether the app works offline; 'checking' until the first service worker has settled. */
	offline = $state<OfflineState>({ kind: 'checking' });
	#update: ((reload?: boolean) => Promise<void>) | null = null;
	#swUrl: string | null = null;
	#probe: OfflineProbe | null = null;
	/** An installing worker of ours became redundant before it ever activated. */
	#installFailed = false;

	async register(options: PwaOptions): Promise<void> {
		if (!('serviceWorker' in navigator)) {
			this.offline = {
				kind: 'unavailable',
				reason:
					'this browser gives the page no service worker (a private window, or a page not served over HTTPS), so the app works only while online.',
				canRetry: false
			};
			return;
		}
		this.#probe = browserProbe();
		const { registerSW } = await import('virtual:pwa-register');
		this.#update = registerSW({
			immediate: true,
			// Called when a new service worker took control (e.g. another tab applied the update). The default
			// would reload at once; a running trial must not be interrupted, so defer and ask.
			onNeedReload: () => {
				if (options.busy()) this.reloadPending = true;
				else location.reload();
			},
			onNeedRefresh: () => {
				this.needRefresh = true;
			},
			onOfflineReady: () => void this.recheck(),
			onRegisteredSW: (swUrl: string, registration: ServiceWorkerRegistration | undefined) => {
				this.#swUrl = swUrl;
				if (registration) this.#watch(registration);
				void this.recheck();
			},
			onRegisterError: (error: unknown) => {
				this.offline = {
					kind: 'unavailable',
					reason: `the service worker could not be registered (${errorText(error)}), so the app works only while online.`,
					canRetry: false
				};
			}
		});
		void navigator.serviceWorker.ready.then(() => this.recheck());
		setInterval(() => void this.recheck(), OFFLINE_RECHECK_MS);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void this.recheck();
		});
	}

	/** Looks at the service worker and its precache again and updates `offline`. */
	async recheck(): Promise<void> {
		if (!this.#probe) return;
		try {
			this.offline = await probeOffline(this.#probe, { installFailed: this.#installFailed });
		} catch (e) {
			this.offline = {
				kind: 'unavailable',
				reason: `the offline copy of the app could not be checked (${errorText(e)}).`,
				canRetry: false
			};
		}
	}

	/**
	 * Installs the offline copy again after it failed or the browser removed it: a fresh registration precaches
	 * every file (an active worker never refills a precache it lost). The page keeps running; nothing reloads.
	 */
	async reinstall(): Promise<void> {
		if (!this.#swUrl) return;
		this.offline = { kind: 'checking' };
		try {
			await (await navigator.serviceWorker.getRegistration())?.unregister();
			this.#watch(await navigator.serviceWorker.register(this.#swUrl, { type: 'classic' }));
		} catch (e) {
			this.offline = {
				kind: 'unavailable',
				reason: `the offline copy could not be installed again (${errorText(e)}).`,
				canRetry: true
			};
			return;
		}
		await this.recheck();
	}

	/** Re-checks whenever an installing worker of this registration settles (installed, or failed: redundant). */
	#watch(registration: ServiceWorkerRegistration): void {
		const follow = (worker: ServiceWorker | null) =>
			worker?.addEventListener('statechange', () => {
				if (worker.state === 'activated') this.#installFailed = false;
				else if (worker.state === 'redundant' && registration.active === null) this.#installFailed = true;
				else return;
				void this.recheck();
			});
		follow(registration.installing);
		registration.addEventListener('updatefound', () => follow(registration.installing));
	}

	/** Applies a waiting update; the caller checks that no trial runs. */
	async apply(): Promise<void> {
		await this.#update?.(true);
	}
}

export const pwa = new PwaState();
