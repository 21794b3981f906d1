/**
 * The one HTTP client of the data connectors (B.11): it refuses hosts off the allowlist and keys in URLs, spends
 * the shared rate-limit budget, times out, retries 429/5xx with backoff (retry-policy.ts), trips a circuit
 * breaker, and turns every failure into a ConnectorError whose message a user can act on. Messages and statuses
 * never carry headers, because headers carry the keys.
 */
import { createCircuitBreaker, type CallOutcome, type CircuitBreaker } from './circuit-breaker';
import {
	ConnectorError,
	type ConnectorErrorCode,
	type HttpClient,
	type HttpResult,
	type NetStatus,
	type ProviderId
} from './http-types';
import { PROVIDER_LABELS, type Clock, type RateLimiter } from './rate-limiter';
import { backoffDelayMs, cryptoRandom, MAX_HONOURED_RETRY_AFTER_MS, parseRetryAfter } from './retry-policy';

export {
	BACKOFF_BASE_MS,
	BACKOFF_CAP_MS,
	MAX_HONOURED_RETRY_AFTER_MS,
	backoffCeilingMs,
	backoffDelayMs,
	cryptoRandom,
	parseRetryAfter
} from './retry-policy';

/** The part of `fetch` the client uses, so tests can pass a fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
	readonly fetch: FetchLike;
	readonly limiter: Pick<RateLimiter, 'acquire' | 'block'>;
	readonly clock: Clock;
	/** Bare origins (`https://api.polygon.io`) this client may call; from compliance/hosts.js. */
	readonly allowedOrigins: readonly string[];
	readonly isOnline?: () => boolean;
	/** Uniform in [0, 1); only spreads retries in time, so it needs no seed. */
	readonly random?: () => number;
	readonly maxAttempts?: number;
	readonly timeoutMs?: number;
	readonly onStatus?: (status: NetStatus) => void;
	/** Defaults to a breaker private to this client. */
	readonly breaker?: CircuitBreaker;
}

/** Five tries (B.11): up to 1 + 2 + 4 + 8 s of backoff between them; still failing, a provider is down, not busy. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Long enough for a large page over a slow link; a connection silent for longer is stuck, not slow. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Query parameters that would carry a secret, compared lower-cased without `-` and `_`. */
const KEY_PARAMS: ReadonlySet<string> = new Set(['apikey', 'key', 'token', 'accesstoken']);

function defaultIsOnline(): boolean {
	return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** Parses and vets a request URL: absolute, on the allowlist, and with no key or credentials in it. */
function checkUrl(raw: string, allowed: ReadonlySet<string>): URL {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConnectorError(
			'host_not_allowed',
			'This app only connects to full https addresses of approved hosts.'
		);
	}
	if (!allowed.has(url.origin))
		throw new ConnectorError(
			'host_not_allowed',
			`This app may not connect to ${url.host || url.protocol}: it is not one of the approved data hosts.`
		);
	const keyParam = [...url.searchParams.keys()].some((k) =>
		KEY_PARAMS.has(k.toLowerCase().replace(/[-_]/g, ''))
	);
	if (keyParam || url.username !== '' || url.password !== '')
		throw new ConnectorError(
			'host_not_allowed',
			`A request to ${url.host} carried a key in its address and was not sent: keys travel in headers only.`
		);
	return url;
}

/** One signal that aborts when any of the given ones does; dispose() detaches the listeners. */
function anySignal(signals: ReadonlyArray<AbortSignal | undefined>) {
	const controller = new AbortController();
	const live = signals.filter((s): s is AbortSignal => s !== undefined);
	const onAbort = () => controller.abort();
	for (const s of live) {
		if (s.aborted) controller.abort();
		else s.addEventListener('abort', onAbort, { once: true });
	}
	return {
		signal: controller.signal,
		dispose: () => live.forEach((s) => s.removeEventListener('abort', onAbort))
	};
}

/** Settles as `promise` does, or rejects once `signal` aborts, even if the promise ignores the signal. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	promise.catch(() => {});
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		if (signal.aborted) onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}

const FAILURE_CODES: ReadonlySet<ConnectorErrorCode> = new Set([
	'network',
	'timeout',
	'server_error',
	'rate_limited'
]);
const ANSWERED_CODES: ReadonlySet<ConnectorErrorCode> = new Set([
	'unauthorized',
	'forbidden',
	'not_found',
	'bad_response'
]);

function outcomeOf(e: unknown): CallOutcome {
	if (!(e instanceof ConnectorError)) return 'neutral';
	if (FAILURE_CODES.has(e.code)) return 'failure';
	return ANSWERED_CODES.has(e.code) ? 'success' : 'neutral';
}

function isRetryable(status: number): boolean {
	return status === 429 || (status >= 500 && status <= 599);
}

/** Answers that are final: the provider is up and said no. Messages name the provider, never the URL. */
const REFUSALS: Partial<
	Record<number, readonly [ConnectorErrorCode, (label: string, host: string) => string]>
> = {
	401: ['unauthorized', (label) => `${label} refused the API key (401). Check the key in Settings.`],
	403: ['forbidden', (label) => `${label} refused this request (403): your plan may not include this data.`],
	404: [
		'not_found',
		(label, host) => `${label} has no such data (404 from ${host}). Check the ticker, series or dates.`
	]
};

function statusError(provider: ProviderId, host: string, status: number): ConnectorError {
	const label = PROVIDER_LABELS[provider];
	const [code, message] = REFUSALS[status] ?? [
		'bad_response',
		(l: string) => `${l} answered ${status}, which this app does not expect.`
	];
	return new ConnectorError(code, message(label, host), status);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
	const { fetch: fetchFn, limiter, clock, onStatus } = options;
	const isOnline = options.isOnline ?? defaultIsOnline;
	const random = options.random ?? cryptoRandom;
	const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const breaker = options.breaker ?? createCircuitBreaker({ clock });
	const allowed: ReadonlySet<string> = new Set(options.allowedOrigins.map((o) => new URL(o).origin));

	return {
		async get(request) {
			const url = checkUrl(request.url, allowed);
			const { provider } = request;
			const host = url.host;
			const aborted = () => new ConnectorError('aborted', `The request to ${host} was cancelled.`);
			const offline = () =>
				new ConnectorError(
					'offline',
					`You are offline, so ${host} cannot be reached. Try again when connected.`
				);
			if (request.signal?.aborted) throw aborted();
			if (!isOnline()) throw offline();

			let showing = false;
			const emit = (status: NetStatus) => {
				showing = status.state !== 'idle';
				// A status listener is UI; its failure must not fail the fetch.
				try {
					onStatus?.(status);
				} catch {
					/* ignored on purpose */
				}
			};
			const clearStatus = () => {
				if (showing) emit({ provider, state: 'idle' });
			};

			const admit = () => {
				try {
					return breaker.admit(provider);
				} catch (e) {
					if (e instanceof ConnectorError && e.retryAfterMs !== undefined)
						emit({ provider, state: 'circuit_open', untilMs: clock.now() + e.retryAfterMs });
					throw e;
				}
			};
			const permit = admit();
			const circuitSignal = permit.signal;
			const waits = anySignal([request.signal, circuitSignal]);
			/** Why a wait was cut short: the caller cancelled, or the circuit opened meanwhile. */
			const stopped = (): ConnectorError | undefined => {
				if (request.signal?.aborted) return aborted();
				if (circuitSignal.aborted) {
					const snapshot = breaker.snapshot(provider);
					const retryAfterMs = Math.max(0, snapshot.openUntil - clock.now());
					return new ConnectorError(
						'circuit_open',
						`${PROVIDER_LABELS[provider]} failed several times in a row, so calls are paused; the next try is in ${Math.ceil(retryAfterMs / 1000)} s.`,
						undefined,
						retryAfterMs
					);
				}
				return undefined;
			};
			const checkStopped = () => {
				const e = stopped();
				if (e) throw e;
			};

			/** One fetch, bounded by the timeout and the caller's signal; reads the body of a 2xx. */
			const fetchOnce = async () => {
				const controller = new AbortController();
				const timer = new AbortController();
				let timedOut = false;
				clock.sleep(timeoutMs, timer.signal).then(
					() => {
						timedOut = true;
						controller.abort(new Error('timeout'));
					},
					() => {}
				);
				const onCallerAbort = () => controller.abort(request.signal?.reason);
				request.signal?.addEventListener('abort', onCallerAbort, { once: true });
				try {
					const response = await raceAbort(
						fetchFn(url.href, {
							method: 'GET',
							headers: { ...request.headers },
							signal: controller.signal,
							cache: 'no-store',
							credentials: 'omit',
							referrerPolicy: 'no-referrer'
						}),
						controller.signal
					);
					const ok = response.status >= 200 && response.status <= 299;
					const bytes = ok
						? new Uint8Array(await raceAbort(response.arrayBuffer(), controller.signal))
						: undefined;
					// The body of an error is not read; cancelling it frees the connection.
					if (!ok) response.body?.cancel().catch(() => {});
					return { response, bytes };
				} catch {
					if (request.signal?.aborted) throw aborted();
					if (timedOut)
						throw new ConnectorError(
							'timeout',
							`${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`
						);
					if (!isOnline()) throw offline();
					throw new ConnectorError(
						'network',
						`The browser could not reach ${host} — the host may be down or refused this site (CORS).`
					);
				} finally {
					timer.abort();
					request.signal?.removeEventListener('abort', onCallerAbort);
				}
			};

			const attempt = async (): Promise<HttpResult> => {
				for (let tries = 1; ; tries++) {
					checkStopped();
					if (!isOnline()) throw offline();
					try {
						await limiter.acquire(provider, {
							signal: waits.signal,
							onWait: (untilMs) => emit({ provider, state: 'waiting_rate_limit', untilMs })
						});
					} catch (e) {
						throw stopped() ?? e;
					}
					clearStatus();
					checkStopped();
					const { response, bytes } = await fetchOnce();
					if (response.url !== '' && !allowed.has(new URL(response.url).origin))
						throw new ConnectorError(
							'host_not_allowed',
							`${host} redirected to a host this app may not use.`
						);
					const status = response.status;
					if (bytes) {
						const headers: Record<string, string> = Object.create(null);
						response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
						return { status, url: url.href, bytes, text: new TextDecoder().decode(bytes), headers };
					}
					if (!isRetryable(status)) throw statusError(provider, host, status);

					const now = clock.now();
					const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
					const waitMs = retryAfterMs ?? backoffDelayMs(tries, random);
					// A 429, or any answer naming a time, applies to the key: every tab and worker must wait too.
					if (status === 429 || retryAfterMs !== undefined) await limiter.block(provider, now + waitMs);
					if (tries >= maxAttempts || waitMs > MAX_HONOURED_RETRY_AFTER_MS) {
						const seconds = Math.ceil(waitMs / 1000);
						throw status === 429
							? new ConnectorError(
									'rate_limited',
									`${PROVIDER_LABELS[provider]} is still limiting requests (429) after ${tries} tries. Try again in ${seconds} s.`,
									429,
									waitMs
								)
							: new ConnectorError(
									'server_error',
									`${host} answered with a server error (${status}) ${tries} times in a row. The service may be down; try again later.`,
									status,
									retryAfterMs
								);
					}
					emit({
						provider,
						state: 'retrying',
						untilMs: now + waitMs,
						attempt: tries,
						reason: status === 429 ? 'rate limited (429)' : `server error (${status})`
					});
					try {
						await clock.sleep(waitMs, waits.signal);
					} catch (e) {
						throw stopped() ?? e;
					}
				}
			};

			let outcome: CallOutcome = 'neutral';
			try {
				const result = await attempt();
				outcome = 'success';
				return result;
			} catch (e) {
				outcome = outcomeOf(e);
				throw e;
			} finally {
				permit.settle(outcome);
				waits.dispose();
				clearStatus();
			}
		}
	};
}
