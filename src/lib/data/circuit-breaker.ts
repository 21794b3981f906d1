/**
 * A circuit breaker per provider: after CIRCUIT_FAILURE_THRESHOLD calls in a row fail for reasons on the
 * provider's side (network, timeout, 5xx or 429 after every retry), calls are refused at once for a cool-off,
 * then one probe call is let through; its outcome closes the circuit or opens it again.
 *
 * It lives in memory, per page or worker, on purpose. Its job is to fail fast in this page instead of queueing
 * minutes of doomed calls behind the rate limiter; the waits a server asks for (Retry-After) are already shared
 * between tabs by the rate limiter's store. A persisted breaker would also outlive the reload a user tries after
 * fixing their connection, and refuse calls that would now succeed.
 */
import { ConnectorError, type ProviderId } from './http-types';
import { PROVIDER_LABELS, type Clock } from './rate-limiter';

/** Five failed calls in a row (each already retried) is an outage, not bad luck. */
export const CIRCUIT_FAILURE_THRESHOLD = 5;
/** Long enough for a provider's blip or a 1-minute rate window to pass; short enough that users retry soon. */
export const CIRCUIT_COOL_OFF_MS = 60_000;

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * How a call ended, for the breaker: `failure` is the provider's fault (network, timeout, 5xx, 429 after
 * retries); `success` means the provider answered, even 401/403/404 (the host is up, the request was wrong);
 * `neutral` tells nothing about the provider (cancelled by the user, offline, refused before sending).
 */
export type CallOutcome = 'success' | 'failure' | 'neutral';

export interface CircuitPermit {
	/** Aborts when the circuit opens, so calls still queued for a slot give up instead of waiting. */
	readonly signal: AbortSignal;
	/** Reports how the call ended; call it exactly once (later calls are ignored). */
	settle(outcome: CallOutcome): void;
}

export interface CircuitSnapshot {
	readonly state: CircuitState;
	readonly consecutiveFailures: number;
	/** epoch ms when an open circuit lets a probe through (0 when closed). */
	readonly openUntil: number;
}

export interface CircuitBreaker {
	/** Admits a call, or throws ConnectorError 'circuit_open' with retryAfterMs. */
	admit(provider: ProviderId): CircuitPermit;
	snapshot(provider: ProviderId): CircuitSnapshot;
}

export interface CircuitBreakerOptions {
	readonly clock: Pick<Clock, 'now'>;
	readonly failureThreshold?: number;
	readonly coolOffMs?: number;
}

interface ProviderCircuit {
	state: CircuitState;
	failures: number;
	openUntil: number;
	probeInFlight: boolean;
	/**
	 * One controller per admitted, unsettled call, aborted when the circuit opens. Per call rather than one
	 * shared signal, so a hundred queued calls do not hang a hundred listeners on one signal.
	 */
	admitted: Set<AbortController>;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
	const { clock } = options;
	const threshold = options.failureThreshold ?? CIRCUIT_FAILURE_THRESHOLD;
	const coolOffMs = options.coolOffMs ?? CIRCUIT_COOL_OFF_MS;
	const circuits = new Map<ProviderId, ProviderCircuit>();

	function circuitOf(provider: ProviderId): ProviderCircuit {
		let c = circuits.get(provider);
		if (!c) {
			c = { state: 'closed', failures: 0, openUntil: 0, probeInFlight: false, admitted: new Set() };
			circuits.set(provider, c);
		}
		return c;
	}

	function open(c: ProviderCircuit): void {
		c.state = 'open';
		c.openUntil = clock.now() + coolOffMs;
		c.probeInFlight = false;
		const admitted = [...c.admitted];
		c.admitted.clear();
		for (const controller of admitted) controller.abort(new Error('circuit opened'));
	}

	function refuse(provider: ProviderId, retryAfterMs: number, failures: number): ConnectorError {
		const seconds = Math.ceil(retryAfterMs / 1000);
		return new ConnectorError(
			'circuit_open',
			`${PROVIDER_LABELS[provider]} failed ${failures} times in a row, so calls are paused; the next try is in ${seconds} s.`,
			undefined,
			retryAfterMs
		);
	}

	function settle(c: ProviderCircuit, isProbe: boolean, outcome: CallOutcome): void {
		if (isProbe) c.probeInFlight = false;
		if (outcome === 'success') {
			c.state = 'closed';
			c.failures = 0;
			c.openUntil = 0;
		} else if (outcome === 'failure') {
			c.failures += 1;
			// A failed probe reopens at once; in a closed circuit it takes `threshold` failures in a row. Calls
			// admitted before the circuit opened and failing later do not extend the cool-off.
			if ((c.state === 'half_open' && isProbe) || (c.state === 'closed' && c.failures >= threshold)) open(c);
		}
	}

	return {
		admit(provider) {
			const c = circuitOf(provider);
			const now = clock.now();
			if (c.state === 'open') {
				if (now < c.openUntil) throw refuse(provider, c.openUntil - now, c.failures);
				c.state = 'half_open';
			}
			let isProbe = false;
			if (c.state === 'half_open') {
				// One probe at a time; the others wait a cool-off rather than pile onto a host that may be down.
				if (c.probeInFlight) throw refuse(provider, coolOffMs, c.failures);
				c.probeInFlight = true;
				isProbe = true;
			}
			const controller = new AbortController();
			c.admitted.add(controller);
			let settled = false;
			return {
				signal: controller.signal,
				settle(outcome) {
					if (settled) return;
					settled = true;
					c.admitted.delete(controller);
					settle(c, isProbe, outcome);
				}
			};
		},

		snapshot(provider) {
			const c = circuitOf(provider);
			return {
				state: c.state,
				consecutiveFailures: c.failures,
				openUntil: c.state === 'closed' ? 0 : c.openUntil
			};
		}
	};
}
