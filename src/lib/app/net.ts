/**
 * Wires the network layer for this page: the rate limiter's state in IndexedDB and its locks in the Web Locks
 * API (so every tab and worker shares one budget per provider), the allowlist from compliance/hosts.js, and a
 * status line the UI shows ("waiting for rate limit, next call in N s").
 */
import { connectOrigins } from '../compliance/hosts.js';
import { createCircuitBreaker } from '../data/circuit-breaker';
import { createHttpClient } from '../data/http';
import { createDexieLimiterStore } from '../data/rate-limit-store';
import type { HttpClient, NetStatus, ProviderId } from '../data/http-types';
import {
	createLocalLocks,
	createRateLimiter,
	RATE_WINDOW_MS,
	systemClock,
	type LimiterStore,
	type LockLike,
	type RateLimiter
} from '../data/rate-limiter';
import { db } from './db';
import { EXTRA_HOSTS, FRED_RELAY_CALLS_PER_MINUTE, loadSettings } from './settings';

const store: LimiterStore = createDexieLimiterStore(db);

/** navigator.locks where the browser has it (every current one); an in-page lock otherwise. */
const locks: LockLike =
	typeof navigator !== 'undefined' && 'locks' in navigator
		? { request: (name, callback) => navigator.locks.request(name, callback) }
		: createLocalLocks();

type StatusListener = (status: NetStatus) => void;
const statusListeners = new Set<StatusListener>();

export function onNetStatus(listener: StatusListener): () => void {
	statusListeners.add(listener);
	return () => statusListeners.delete(listener);
}

let current: { key: string; http: HttpClient; limiter: RateLimiter } | null = null;
/** One breaker per page, shared by every client this page builds, so a rebuild does not forget failures. */
const breaker = createCircuitBreaker({ clock: systemClock });

/** The page's HTTP client, rebuilt only when the plan's call budget changes (the breaker state survives). */
export async function getNet(): Promise<{ http: HttpClient; limiter: RateLimiter }> {
	const settings = await loadSettings(db);
	const key = String(settings.polygonCallsPerMinute);
	if (current?.key === key) return current;
	const limiter = createRateLimiter({
		store,
		locks,
		clock: systemClock,
		limits: {
			polygon: { limit: settings.polygonCallsPerMinute, windowMs: RATE_WINDOW_MS },
			'fred-relay': { limit: FRED_RELAY_CALLS_PER_MINUTE, windowMs: RATE_WINDOW_MS }
		}
	});
	const http = createHttpClient({
		fetch: (url, init) => fetch(url, init),
		limiter,
		clock: systemClock,
		allowedOrigins: connectOrigins(EXTRA_HOSTS),
		isOnline: () => navigator.onLine,
		breaker,
		onStatus: (s) => {
			for (const l of statusListeners) l(s);
		}
	});
	current = { key, http, limiter };
	return current;
}

export type { ProviderId };
