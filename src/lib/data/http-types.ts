/**
 * The contract of the network layer (data/http.ts). Connectors (polygon.ts, fred.ts) depend on this interface
 * only, so they are tested against a fake transport and the real client is tested on its own.
 */

/** Who is called: each provider has its own rate limit, back-off state and circuit breaker. */
export type ProviderId = 'polygon' | 'fred-relay';

export interface HttpGet {
	readonly provider: ProviderId;
	/** Absolute URL. It must never carry a key: keys travel in headers. */
	readonly url: string;
	readonly headers?: Readonly<Record<string, string>>;
	readonly signal?: AbortSignal;
}

export interface HttpResult {
	readonly status: number;
	/** The URL that was fetched (never contains a key). */
	readonly url: string;
	/** The raw body bytes (for provenance hashing) and the same decoded as UTF-8. */
	readonly bytes: Uint8Array;
	readonly text: string;
	/** Header names lower-cased. */
	readonly headers: Readonly<Record<string, string>>;
}

/** What the UI shows while a call waits: "waiting for rate limit, next call in N s". */
export type NetStatus =
	| { readonly provider: ProviderId; readonly state: 'waiting_rate_limit'; readonly untilMs: number }
	| {
			readonly provider: ProviderId;
			readonly state: 'retrying';
			readonly untilMs: number;
			readonly attempt: number;
			readonly reason: string;
	  }
	| { readonly provider: ProviderId; readonly state: 'circuit_open'; readonly untilMs: number }
	| { readonly provider: ProviderId; readonly state: 'idle' };

export type ConnectorErrorCode =
	| 'unauthorized' // 401: key missing or wrong
	| 'forbidden' // 403: plan does not include this data
	| 'not_found' // 404: unknown ticker / series / path
	| 'rate_limited' // 429 after every retry
	| 'server_error' // 5xx after every retry
	| 'network' // fetch rejected while online: CORS refused, DNS, connection reset
	| 'offline' // navigator.onLine === false
	| 'circuit_open' // too many recent failures: calls paused
	| 'host_not_allowed' // the URL's origin is not on this build's allowlist
	| 'bad_response' // body not the documented shape
	| 'timeout'
	| 'aborted'
	| 'no_key'; // the vault holds no key for this provider (or is locked)

/** A failed call, with a message written for the user. */
export class ConnectorError extends Error {
	constructor(
		readonly code: ConnectorErrorCode,
		message: string,
		readonly status?: number,
		/** For rate_limited / circuit_open: how long until a call may be tried again. */
		readonly retryAfterMs?: number
	) {
		super(message);
		this.name = 'ConnectorError';
	}
}

export interface HttpClient {
	/** GET with rate limiting, retries and error mapping; resolves only for 2xx, throws ConnectorError otherwise. */
	get(request: HttpGet): Promise<HttpResult>;
}
