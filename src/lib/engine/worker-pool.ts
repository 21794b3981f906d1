/**
 * A fixed-size pool of workers with a supervisor's rules (ARCHITECTURE §5, STYLE rule 5): every call races a
 * deadline, a heartbeat watchdog and the worker's error events. Comlink never rejects a pending call when its
 * worker dies, so the pool does: on any failure it terminates the worker, rejects with a coded error and
 * spawns a fresh worker for the next call. A silent pending promise is a bug.
 */
import { AppError } from '../domain/errors';

export interface WorkerEndpoint<Api> {
	readonly api: Api;
	/** Registers a listener for fatal worker events (error, messageerror). */
	onFailure(listener: (error: Error) => void): void;
	terminate(): void;
}

export type SpawnWorker<Api> = () => WorkerEndpoint<Api>;

/**
 * A call on a worker. `beat` shows the worker is alive; `setDeadline(ms)` replaces the call's deadline with
 * one `ms` from now, for a task that learns its real cost from the worker (a model's expected fit time).
 */
export type Task<Api, T> = (api: Api, beat: () => void, setDeadline: (ms: number) => void) => Promise<T>;

export interface PoolOptions<Api> {
	readonly size: number;
	/** Run once on each fresh worker before its first task. */
	readonly init?: (api: Api) => Promise<unknown>;
	/** Deadline for init, in ms. */
	readonly initDeadlineMs?: number;
	/** Timers, injectable for tests. */
	readonly setTimer?: (fn: () => void, ms: number) => unknown;
	readonly clearTimer?: (handle: unknown) => void;
	/** Called when a live worker is thrown away (a crash, a missed deadline or heartbeat), not when the pool closes. */
	readonly onDiscard?: () => void;
}

export interface RunOptions {
	/** Hard deadline for the whole call, ms. */
	readonly deadlineMs: number;
	/** The call fails when no heartbeat arrives for this long, ms. */
	readonly heartbeatMs: number;
	/** Aborting terminates the worker running the call. */
	readonly signal?: AbortSignal;
	/** For error messages: what was running. */
	readonly label: string;
}

/** Bounds from ARCHITECTURE: hardwareConcurrency − 1, at least 1, at most 4 (one core stays with the page). */
export function poolSizeFor(hardwareConcurrency: number | undefined): number {
	const cores = hardwareConcurrency && hardwareConcurrency > 0 ? hardwareConcurrency : 2;
	return Math.min(4, Math.max(1, cores - 1));
}

const DEFAULT_INIT_DEADLINE_MS = 60_000;

interface Slot<Api> {
	readonly index: number;
	endpoint: WorkerEndpoint<Api> | null;
	ready: boolean;
	busy: boolean;
	/** Fails the task running on this slot (set while busy). */
	fail: ((error: AppError) => void) | null;
	generation: number;
}

export class WorkerPool<Api> {
	readonly #spawn: SpawnWorker<Api>;
	readonly #options: PoolOptions<Api>;
	readonly #slots: Slot<Api>[];
	readonly #waiters: Array<(slot: Slot<Api>) => void> = [];
	readonly #setTimer: (fn: () => void, ms: number) => unknown;
	readonly #clearTimer: (handle: unknown) => void;
	#spawned = 0;
	#closed = false;

	constructor(spawn: SpawnWorker<Api>, options: PoolOptions<Api>) {
		if (!(options.size >= 1)) throw new RangeError('a pool needs at least one worker');
		this.#spawn = spawn;
		this.#options = options;
		this.#slots = Array.from({ length: options.size }, (_, index) => ({
			index,
			endpoint: null,
			ready: false,
			busy: false,
			fail: null,
			generation: 0
		}));
		this.#setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
		this.#clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
	}

	get size(): number {
		return this.#slots.length;
	}

	get idle(): number {
		return this.#slots.filter((s) => !s.busy).length;
	}

	/** How many workers were started in the pool's life (respawns included). */
	get spawnCount(): number {
		return this.#spawned;
	}

	/**
	 * Runs `task` on an idle worker. `beat` must be called by the task whenever the worker shows life (progress
	 * callbacks); the watchdog fails the call after `heartbeatMs` without one.
	 */
	async run<T>(task: Task<Api, T>, options: RunOptions): Promise<T> {
		if (this.#closed) throw new AppError('aborted', 'the worker pool is closed');
		if (options.signal?.aborted) throw new AppError('aborted', `${options.label} was cancelled`);
		const slot = await this.#acquire();
		try {
			const endpoint = await this.#ensureWorker(slot, options.label);
			return await this.#race(slot, endpoint, task, options);
		} finally {
			slot.busy = false;
			slot.fail = null;
			this.#release(slot);
		}
	}

	/**
	 * Terminates the worker of a slot while it runs a call, as if it had died; the call fails (and is retried by
	 * its owner). Returns false, killing nothing, when the slot is idle.
	 */
	killWorker(slotIndex: number, reason = 'terminated from outside'): boolean {
		const slot = this.#slots[slotIndex];
		const fail = slot?.fail;
		if (!slot?.endpoint || !fail) return false;
		this.#discard(slot);
		fail(new AppError('worker_crashed', `the trial worker stopped (${reason})`));
		return true;
	}

	close(): void {
		this.#closed = true;
		for (const slot of this.#slots) {
			const fail = slot.fail;
			this.#discard(slot);
			fail?.(new AppError('aborted', 'the worker pool was closed'));
		}
	}

	#acquire(): Promise<Slot<Api>> {
		const free = this.#slots.find((s) => !s.busy);
		if (free) {
			free.busy = true;
			return Promise.resolve(free);
		}
		return new Promise((resolve) => this.#waiters.push(resolve));
	}

	#release(slot: Slot<Api>): void {
		const next = this.#waiters.shift();
		if (next) {
			slot.busy = true;
			next(slot);
		}
	}

	#discard(slot: Slot<Api>): void {
		const endpoint = slot.endpoint;
		if (endpoint && !this.#closed) this.#options.onDiscard?.();
		slot.endpoint = null;
		slot.ready = false;
		slot.generation++;
		try {
			endpoint?.terminate();
		} catch {
			// already gone
		}
	}

	async #ensureWorker(slot: Slot<Api>, label: string): Promise<WorkerEndpoint<Api>> {
		if (slot.endpoint && slot.ready) return slot.endpoint;
		const endpoint = this.#spawn();
		this.#spawned++;
		slot.endpoint = endpoint;
		const generation = ++slot.generation;
		let failed: ((e: AppError) => void) | null = null;
		endpoint.onFailure((error) => {
			if (slot.generation !== generation) return;
			const e = new AppError('worker_crashed', `the trial worker crashed: ${error.message}`, error.stack);
			if (slot.fail) slot.fail(e);
			else failed?.(e);
			this.#discard(slot);
		});
		if (this.#options.init) {
			const deadline = this.#options.initDeadlineMs ?? DEFAULT_INIT_DEADLINE_MS;
			try {
				await new Promise<void>((resolve, reject) => {
					failed = reject;
					const timer = this.#setTimer(
						() => reject(new AppError('init_failed', `the trial worker did not start within ${deadline} ms`)),
						deadline
					);
					this.#options.init!(endpoint.api).then(
						() => {
							this.#clearTimer(timer);
							resolve();
						},
						(e: unknown) => {
							this.#clearTimer(timer);
							reject(new AppError('init_failed', `the trial worker failed to start for ${label}`, String(e)));
						}
					);
				});
			} catch (e) {
				this.#discard(slot);
				throw e;
			} finally {
				failed = null;
			}
		}
		slot.ready = true;
		return endpoint;
	}

	#race<T>(
		slot: Slot<Api>,
		endpoint: WorkerEndpoint<Api>,
		task: Task<Api, T>,
		options: RunOptions
	): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			let settled = false;
			let heartbeat: unknown = null;
			const finish = (error: AppError | null, value?: T): void => {
				if (settled) return;
				settled = true;
				this.#clearTimer(deadline);
				if (heartbeat !== null) this.#clearTimer(heartbeat);
				options.signal?.removeEventListener('abort', onAbort);
				if (error) {
					// A worker that missed its deadline or heartbeat may still be computing: stop it for good. A task
					// that merely threw (the model failed) leaves a healthy worker behind.
					if (slot.endpoint === endpoint && error.code !== 'fit_failed') this.#discard(slot);
					reject(error);
				} else resolve(value as T);
			};
			const armDeadline = (ms: number): unknown =>
				this.#setTimer(
					() => finish(new AppError('deadline_exceeded', `${options.label} did not finish within ${ms} ms`)),
					ms
				);
			let deadline = armDeadline(options.deadlineMs);
			const setDeadline = (ms: number): void => {
				if (settled) return;
				this.#clearTimer(deadline);
				deadline = armDeadline(ms);
			};
			const beat = (): void => {
				if (settled) return;
				if (heartbeat !== null) this.#clearTimer(heartbeat);
				heartbeat = this.#setTimer(
					() =>
						finish(
							new AppError(
								'heartbeat_lost',
								`${options.label}: the worker showed no sign of life for ${options.heartbeatMs} ms`
							)
						),
					options.heartbeatMs
				);
			};
			const onAbort = (): void => finish(new AppError('aborted', `${options.label} was cancelled`));
			options.signal?.addEventListener('abort', onAbort);
			slot.fail = (error) => finish(error);
			beat();
			task(endpoint.api, beat, setDeadline).then(
				(value) => finish(null, value),
				(e: unknown) =>
					finish(
						e instanceof AppError
							? e
							: new AppError(
									'fit_failed',
									`${options.label} failed: ${e instanceof Error ? e.message : String(e)}`
								)
					)
			);
		});
	}
}
