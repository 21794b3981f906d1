/**
 * Which tab runs the scheduler: the holder of one origin-wide Web Lock. A tab that finds it taken queues for it
 * and takes over when the holder goes away (closed, crashed, or stepped down for a newer schema in another tab);
 * its role changes with it. Releasing gives the lock up at once, so a tab with a newer schema takes over within
 * a moment instead of waiting for this one to close.
 */
export type SchedulerRole = 'leader' | 'follower' | 'stopped';

/** The part of navigator.locks this needs (injectable: Node tests have no Web Locks). */
export interface LockManagerLike {
	request(
		name: string,
		options: { ifAvailable?: boolean; signal?: AbortSignal },
		callback: (lock: unknown) => Promise<unknown>
	): Promise<unknown>;
}

export interface LeaseCallbacks {
	/** Runs when this tab becomes the scheduler. */
	lead(): Promise<void>;
	/** Every change of role, including taking over later. */
	onRole(role: SchedulerRole): void;
}

export class SchedulerLease {
	readonly #locks: LockManagerLike | undefined;
	readonly #name: string;
	readonly #callbacks: LeaseCallbacks;
	#release: (() => void) | null = null;
	readonly #queue = new AbortController();
	#role: SchedulerRole | null = null;
	#started: Promise<SchedulerRole> | null = null;

	constructor(locks: LockManagerLike | undefined, name: string, callbacks: LeaseCallbacks) {
		this.#locks = locks;
		this.#name = name;
		this.#callbacks = callbacks;
	}

	get role(): SchedulerRole | null {
		return this.#role;
	}

	#set(role: SchedulerRole): void {
		this.#role = role;
		this.#callbacks.onRole(role);
	}

	/** Holds the lock until released; `lead` runs first. */
	async #hold(): Promise<void> {
		if (this.#role === 'stopped') return;
		await this.#callbacks.lead();
		this.#set('leader');
		await new Promise<void>((resolve) => (this.#release = resolve));
	}

	/** Resolves with the role this tab got at first; later changes go to onRole. */
	start(): Promise<SchedulerRole> {
		this.#started ??= new Promise((resolve) => {
			if (!this.#locks) {
				void this.#callbacks.lead().then(() => {
					this.#set('leader');
					resolve('leader');
				});
				return;
			}
			const locks = this.#locks;
			void locks.request(this.#name, { ifAvailable: true }, async (lock) => {
				if (lock) {
					const held = this.#hold();
					resolve('leader');
					return held;
				}
				this.#set('follower');
				resolve('follower');
				// Queue for the lock so this tab takes over when the leader goes away.
				void locks
					.request(this.#name, { signal: this.#queue.signal }, () => this.#hold())
					.catch(() => undefined); // aborted by release(): this tab stepped down
			});
		});
		return this.#started;
	}

	/** Steps down for good: gives the lock back (or leaves the queue) and never leads again in this page. */
	release(): void {
		this.#set('stopped');
		this.#queue.abort();
		this.#release?.();
		this.#release = null;
	}
}
