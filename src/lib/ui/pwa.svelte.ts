/**
 * Service-worker updates, offered and never forced: the new version waits until the user asks for it, and the
 * reload is refused while a trial runs in this tab (a reload would interrupt its folds).
 */
export interface PwaOptions {
	/** True while a trial runs in this tab: then nothing reloads the page. */
	readonly busy: () => boolean;
}

class PwaState {
	needRefresh = $state(false);
	offlineReady = $state(false);
	/** Another tab activated a new version; this tab should reload when it is safe. */
	reloadPending = $state(false);
	/** Why the service worker could not be registered (the app then works online only). */
	registerError = $state<string | null>(null);
	#update: ((reload?: boolean) => Promise<void>) | null = null;

	async register(options: PwaOptions): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
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
			onOfflineReady: () => {
				this.offlineReady = true;
			},
			onRegisterError: (error: unknown) => {
				this.registerError = error instanceof Error ? error.message : String(error);
			}
		});
	}

	/** Applies a waiting update; the caller checks that no trial runs. */
	async apply(): Promise<void> {
		await this.#update?.(true);
	}
}

export const pwa = new PwaState();
