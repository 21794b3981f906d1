/**
 * The idle countdown behind the vault's auto-lock (vault.ts): every use restarts it, and `onIdle` runs once
 * `idleMs` pass without one. Timers are throttled in background tabs and paused in sleep, so the clock is the
 * authority: `expired()` says whether the time is up even when the timer has not fired yet.
 */

export interface IdleTimerOptions {
	idleMs: number;
	now: () => number;
	onIdle: () => void;
	setTimer?: (callback: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
}

export class IdleTimer {
	readonly #idleMs: number;
	readonly #now: () => number;
	readonly #onIdle: () => void;
	readonly #setTimer: (callback: () => void, ms: number) => unknown;
	readonly #clearTimer: (handle: unknown) => void;

	#timer: { handle: unknown } | undefined;
	#lastActivity = 0;

	constructor(opts: IdleTimerOptions) {
		const { idleMs } = opts;
		if (!(idleMs > 0) || !Number.isFinite(idleMs)) throw new RangeError(`idleMs must be > 0, got ${idleMs}`);
		this.#idleMs = idleMs;
		this.#now = opts.now;
		this.#onIdle = opts.onIdle;
		this.#setTimer = opts.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
		this.#clearTimer = opts.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
	}

	get idleMs(): number {
		return this.#idleMs;
	}

	/** True once `idleMs` have passed since the last restart(), whether or not the timer has fired. */
	expired(): boolean {
		return this.#now() - this.#lastActivity >= this.#idleMs;
	}

	/** Records activity now and starts the countdown again. */
	restart(): void {
		this.#lastActivity = this.#now();
		this.cancel();
		const timer: { handle: unknown } = { handle: undefined };
		timer.handle = this.#setTimer(() => {
			if (this.#timer === timer) {
				this.#timer = undefined;
				this.#onIdle();
			}
		}, this.#idleMs);
		this.#timer = timer;
	}

	/** Stops the countdown without running `onIdle`. */
	cancel(): void {
		if (this.#timer === undefined) return;
		this.#clearTimer(this.#timer.handle);
		this.#timer = undefined;
	}
}
