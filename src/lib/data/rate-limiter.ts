/**
 * A sliding-window rate limiter per provider: "at most `limit` calls start in any `windowMs`". Its state (the
 * start times of recent calls and a Retry-After deadline) lives in an injected store and every read-modify-write
 * runs inside an exclusive lock named `rl:<provider>`, so every tab and worker of the app spends one shared
 * budget — Polygon's free plan counts calls per key, not per tab. Storage and locks are injected (Dexie and
 * navigator.locks in the app) so this module runs the same in a worker, a page and a Node test.
 */
import { ConnectorError, type ProviderId } from './http-types';

export interface LimiterState {
	/** Start times (epoch ms) of the calls still inside the window, ascending. */
	readonly calls: readonly number[];
	/** epoch ms before which no call may start (Retry-After) */
	readonly notBefore: number;
}

export interface LimiterStore {
	read(provider: ProviderId): Promise<LimiterState | undefined>;
	write(provider: ProviderId, state: LimiterState): Promise<void>;
}

/** navigator.locks-shaped: `request` runs the callback while holding the named lock exclusively. */
export interface LockLike {
	request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface Clock {
	now(): number;
	/** Resolves after `ms`; rejects (with the signal's reason) as soon as the signal aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RateLimit {
	readonly limit: number;
	readonly windowMs: number;
}

/** Polygon/Massive free plan: 5 calls per minute per key (B.11). */
export const POLYGON_FREE_CALLS_PER_MINUTE = 5;
/** FRED allows 120 requests/min per key; a relay stays at 100 to keep headroom for the relay's own retries. */
export const FRED_RELAY_CALLS_PER_MINUTE = 100;
export const RATE_WINDOW_MS = 60_000;

export const DEFAULT_RATE_LIMITS: Readonly<Record<ProviderId, RateLimit>> = {
	polygon: { limit: POLYGON_FREE_CALLS_PER_MINUTE, windowMs: RATE_WINDOW_MS },
	'fred-relay': { limit: FRED_RELAY_CALLS_PER_MINUTE, windowMs: RATE_WINDOW_MS }
};

export interface AcquireOptions {
	readonly signal?: AbortSignal;
	/** Called each time the caller must wait, with the epoch ms of the next possible slot. */
	readonly onWait?: (untilMs: number) => void;
}

/** What Settings shows: calls used in the current window and when the next one may start. */
export interface RateLimitSnapshot {
	readonly used: number;
	readonly limit: number;
	readonly windowMs: number;
	/** epoch ms; ≤ now when a call may start right away. */
	readonly nextSlotAt: number;
}

export interface RateLimiter {
	/** Resolves with the recorded start time once a slot is taken; rejects with ConnectorError 'aborted'. */
	acquire(provider: ProviderId, options?: AcquireOptions): Promise<number>;
	/** Records a server's Retry-After: no call to this provider starts before `untilMs`, in any tab. */
	block(provider: ProviderId, untilMs: number): Promise<void>;
	peek(provider: ProviderId): Promise<RateLimitSnapshot>;
}

export interface RateLimiterOptions {
	readonly store: LimiterStore;
	readonly locks: LockLike;
	readonly clock: Clock;
	readonly limits?: Partial<Record<ProviderId, RateLimit>>;
}

const EMPTY_STATE: LimiterState = { calls: [], notBefore: 0 };

/**
 * The calls still inside the window at `now`. A start time after `now` can only come from a clock set back;
 * it is counted as `now`, so the budget stays safe without locking the provider out for the size of the jump.
 */
function liveCalls(state: LimiterState, now: number, windowMs: number): number[] {
	return state.calls
		.filter((t) => Number.isFinite(t))
		.map((t) => Math.min(t, now))
		.filter((t) => t > now - windowMs)
		.sort((a, b) => a - b);
}

function notBeforeOf(state: LimiterState): number {
	return Number.isFinite(state.notBefore) ? state.notBefore : 0;
}

/** The earliest epoch ms at which a call may start, given the live calls. */
function nextSlot(calls: readonly number[], notBefore: number, now: number, rate: RateLimit): number {
	// With `limit` calls in the window, the next slot opens when the oldest of the last `limit` leaves it.
	const windowFreeAt = calls.length >= rate.limit ? calls[calls.length - rate.limit] + rate.windowMs : now;
	return Math.max(now, notBefore, windowFreeAt);
}

/** How messages name a provider, at the start of a sentence. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
	polygon: 'Polygon',
	'fred-relay': 'The FRED relay'
};

function abortedError(provider: ProviderId): ConnectorError {
	return new ConnectorError(
		'aborted',
		`Cancelled while waiting for a rate-limit slot (${PROVIDER_LABELS[provider]}).`
	);
}

function checkRate(provider: string, rate: RateLimit): void {
	if (!Number.isInteger(rate.limit) || rate.limit < 1)
		throw new RangeError(`rate limit for ${provider}: limit must be a positive integer`);
	if (!Number.isFinite(rate.windowMs) || rate.windowMs <= 0)
		throw new RangeError(`rate limit for ${provider}: windowMs must be positive`);
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
	const { store, locks, clock } = options;
	const limits: Record<ProviderId, RateLimit> = { ...DEFAULT_RATE_LIMITS, ...options.limits };
	for (const [provider, rate] of Object.entries(limits)) checkRate(provider, rate);

	const lockName = (provider: ProviderId) => `rl:${provider}`;

	/** One locked attempt: takes a slot (returns `taken`) or says until when to wait. */
	function tryTake(provider: ProviderId, signal: AbortSignal | undefined) {
		return locks.request(lockName(provider), async () => {
			// Checked inside the lock too: an abort that lands while queued for the lock must not spend a slot.
			if (signal?.aborted) return { kind: 'aborted' as const };
			const state = (await store.read(provider)) ?? EMPTY_STATE;
			const now = clock.now();
			const rate = limits[provider];
			const calls = liveCalls(state, now, rate.windowMs);
			const notBefore = notBeforeOf(state);
			const slotAt = nextSlot(calls, notBefore, now, rate);
			if (slotAt > now) {
				// Persist the clamp of future-stamped calls, or each read would push them a window ahead again.
				if (state.calls.some((t) => t > now)) await store.write(provider, { calls, notBefore });
				return { kind: 'wait' as const, waitUntil: slotAt, now };
			}
			await store.write(provider, { calls: [...calls, now], notBefore });
			return { kind: 'taken' as const, at: now };
		});
	}

	return {
		async acquire(provider, { signal, onWait } = {}) {
			for (;;) {
				if (signal?.aborted) throw abortedError(provider);
				const outcome = await tryTake(provider, signal);
				if (outcome.kind === 'aborted') throw abortedError(provider);
				if (outcome.kind === 'taken') return outcome.at;
				onWait?.(outcome.waitUntil);
				// Sleep outside the lock so other tabs can read, block or take freed slots meanwhile.
				try {
					await clock.sleep(Math.max(0, outcome.waitUntil - outcome.now), signal);
				} catch (e) {
					if (signal?.aborted) throw abortedError(provider);
					throw e;
				}
			}
		},

		async block(provider, untilMs) {
			if (!Number.isFinite(untilMs)) return;
			await locks.request(lockName(provider), async () => {
				const state = (await store.read(provider)) ?? EMPTY_STATE;
				const now = clock.now();
				const calls = liveCalls(state, now, limits[provider].windowMs);
				await store.write(provider, { calls, notBefore: Math.max(notBeforeOf(state), untilMs) });
			});
		},

		async peek(provider) {
			// A read without the lock: Settings shows a snapshot, and a stale one is harmless.
			const state = (await store.read(provider)) ?? EMPTY_STATE;
			const now = clock.now();
			const rate = limits[provider];
			const calls = liveCalls(state, now, rate.windowMs);
			return {
				used: calls.length,
				limit: rate.limit,
				windowMs: rate.windowMs,
				nextSlotAt: nextSlot(calls, notBeforeOf(state), now, rate)
			};
		}
	};
}

/**
 * A LimiterStore in memory. The app persists limiter state in IndexedDB so a reload keeps its budget; this one
 * serves where that is impossible (IndexedDB refused, a Node script) and in tests. States are copied in and out
 * so no caller can change the stored state behind the lock.
 */
export function createMemoryLimiterStore(): LimiterStore {
	const states = new Map<ProviderId, LimiterState>();
	return {
		async read(provider) {
			const s = states.get(provider);
			return s && { calls: [...s.calls], notBefore: s.notBefore };
		},
		async write(provider, state) {
			states.set(provider, { calls: [...state.calls], notBefore: state.notBefore });
		}
	};
}

/**
 * Exclusive, first-come-first-served locks within one JavaScript realm. The app uses navigator.locks so that
 * tabs and workers share a lock; this one serves where Web Locks are missing (Node, an old browser) and in tests.
 */
export function createLocalLocks(): LockLike {
	const tails = new Map<string, Promise<void>>();
	return {
		request<T>(name: string, callback: () => Promise<T>): Promise<T> {
			const previous = tails.get(name) ?? Promise.resolve();
			let release: () => void = () => {};
			const held = new Promise<void>((resolve) => (release = resolve));
			const tail = previous.then(() => held);
			tails.set(name, tail);
			return previous
				.then(() => callback())
				.finally(() => {
					release();
					if (tails.get(name) === tail) tails.delete(name);
				});
		}
	};
}

/** The real clock: Date.now and an abortable setTimeout. */
export const systemClock: Clock = {
	now: () => Date.now(),
	sleep(ms, signal) {
		return new Promise<void>((resolve, reject) => {
			if (signal?.aborted) {
				reject(signal.reason);
				return;
			}
			const onAbort = () => {
				clearTimeout(timer);
				reject(signal?.reason);
			};
			const timer = setTimeout(() => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			}, ms);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}
};
