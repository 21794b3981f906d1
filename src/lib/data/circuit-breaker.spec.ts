import { describe, expect, it } from 'vitest';
import { CIRCUIT_COOL_OFF_MS, CIRCUIT_FAILURE_THRESHOLD, createCircuitBreaker } from './circuit-breaker';
import { ConnectorError } from './http-types';

function setup() {
	const clock = { t: Date.UTC(2025, 0, 2), now: () => clock.t };
	const breaker = createCircuitBreaker({ clock });
	const fail = (times: number) => {
		for (let i = 0; i < times; i++) breaker.admit('polygon').settle('failure');
	};
	return { clock, breaker, fail };
}

function refusal(run: () => unknown): ConnectorError {
	try {
		run();
	} catch (e) {
		if (e instanceof ConnectorError) return e;
		throw e;
	}
	throw new Error('expected a refusal');
}

describe('createCircuitBreaker', () => {
	it('stays closed for fewer than 5 failures in a row, and a success resets the count', () => {
		const { breaker, fail } = setup();
		fail(CIRCUIT_FAILURE_THRESHOLD - 1);
		breaker.admit('polygon').settle('success');
		fail(CIRCUIT_FAILURE_THRESHOLD - 1);
		expect(breaker.snapshot('polygon')).toMatchObject({ state: 'closed', consecutiveFailures: 4 });
	});

	it('opens after 5 failures in a row and refuses with circuit_open and the time left', () => {
		const { clock, breaker, fail } = setup();
		fail(CIRCUIT_FAILURE_THRESHOLD);
		clock.t += 15_000;
		const e = refusal(() => breaker.admit('polygon'));
		expect(e.code).toBe('circuit_open');
		expect(e.retryAfterMs).toBe(CIRCUIT_COOL_OFF_MS - 15_000);
		expect(e.message).toBe('Polygon failed 5 times in a row, so calls are paused; the next try is in 45 s.');
	});

	it('does not count neutral outcomes (cancelled, offline) as failures', () => {
		const { breaker, fail } = setup();
		fail(4);
		breaker.admit('polygon').settle('neutral');
		expect(breaker.snapshot('polygon')).toMatchObject({ state: 'closed', consecutiveFailures: 4 });
	});

	it('lets exactly one probe through after the cool-off, and closes when it succeeds', () => {
		const { clock, breaker, fail } = setup();
		fail(5);
		clock.t += CIRCUIT_COOL_OFF_MS;
		const probe = breaker.admit('polygon');
		expect(breaker.snapshot('polygon').state).toBe('half_open');
		expect(refusal(() => breaker.admit('polygon')).code).toBe('circuit_open');
		probe.settle('success');
		expect(breaker.snapshot('polygon')).toEqual({ state: 'closed', consecutiveFailures: 0, openUntil: 0 });
		breaker.admit('polygon');
	});

	it('opens again for a full cool-off when the probe fails', () => {
		const { clock, breaker, fail } = setup();
		fail(5);
		clock.t += CIRCUIT_COOL_OFF_MS;
		breaker.admit('polygon').settle('failure');
		expect(breaker.snapshot('polygon')).toMatchObject({
			state: 'open',
			openUntil: clock.t + CIRCUIT_COOL_OFF_MS
		});
		expect(refusal(() => breaker.admit('polygon')).retryAfterMs).toBe(CIRCUIT_COOL_OFF_MS);
	});

	it('frees the probe slot when the probe ends without a verdict', () => {
		const { clock, breaker, fail } = setup();
		fail(5);
		clock.t += CIRCUIT_COOL_OFF_MS;
		breaker.admit('polygon').settle('neutral');
		expect(() => breaker.admit('polygon')).not.toThrow();
	});

	it('aborts the signal of calls admitted before it opened, so queued calls stop waiting', () => {
		const { breaker, fail } = setup();
		const queued = breaker.admit('polygon');
		expect(queued.signal.aborted).toBe(false);
		fail(5);
		expect(queued.signal.aborted).toBe(true);
		queued.settle('neutral');
		expect(breaker.snapshot('polygon').state).toBe('open');
	});

	it('counts a settle only once per call', () => {
		const { breaker } = setup();
		const permit = breaker.admit('polygon');
		for (let i = 0; i < 5; i++) permit.settle('failure');
		expect(breaker.snapshot('polygon')).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
	});

	it('keeps one circuit per provider', () => {
		const { breaker, fail } = setup();
		fail(5);
		expect(() => breaker.admit('fred-relay')).not.toThrow();
		expect(breaker.snapshot('fred-relay').state).toBe('closed');
	});
});
