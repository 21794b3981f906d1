/**
 * When the HTTP client (http.ts) tries again: exponential backoff with full jitter, capped at one rate window, or
 * the time a server names in Retry-After.
 */

/** Backoff ceilings double from 1 s (1, 2, 4 … s) and stop at 60 s, one rate window (B.11). */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;
/** A Retry-After longer than this is a quota, not a hiccup: report it rather than hold the call that long. */
export const MAX_HONOURED_RETRY_AFTER_MS = 5 * 60_000;

/** The largest backoff after `failures` failed attempts: 1 s, 2 s, 4 s … capped at 60 s. */
export function backoffCeilingMs(failures: number): number {
	const exponent = Math.max(0, failures - 1);
	return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30));
}

/** Full jitter: uniform in [0, ceiling], so tabs that failed together do not retry together. */
export function backoffDelayMs(failures: number, random: () => number): number {
	const r = Math.min(1, Math.max(0, random()));
	return Math.floor(r * backoffCeilingMs(failures));
}

/**
 * Retry-After as milliseconds to wait: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if absent or
 * unreadable. Dates must end in GMT, as HTTP dates do, because Date.parse reads almost anything as some date.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
	if (value === null) return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const at = /GMT$/i.test(text) ? Date.parse(text) : Number.NaN;
	return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/** Uniform in [0, 1) from the platform's CSPRNG (the product never calls Math.random). */
export function cryptoRandom(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0] / 2 ** 32;
}
