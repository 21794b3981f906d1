import { describe, expect, it } from 'vitest';
import { APPROVED_SOURCE_HOSTS } from '../compliance/hosts.js';
import { createRng } from '../domain/random';
import { createVirtualClock, worstWindow } from '../testing/virtual-clock';
import {
	backoffCeilingMs,
	backoffDelayMs,
	createHttpClient,
	cryptoRandom,
	parseRetryAfter,
	type FetchLike
} from './http';
import { ConnectorError, type NetStatus } from './http-types';
import { createLocalLocks, createMemoryLimiterStore, createRateLimiter } from './rate-limiter';

const START_MS = Date.UTC(2025, 0, 2, 14, 30);
const URL_OK = 'https://api.polygon.io/v2/aggs/ticker/SPY/range/1/day/2024-01-02/2024-12-31';
const SECRET = 'SECRET-KEY-123';
const KEY_HEADERS = { Authorization: `Bearer ${SECRET}` };

type Reply = Response | Error | 'hang';
type Responder = (n: number, net: { online: boolean }) => Reply;

const ok = (body = '{"ok":true}', headers: Record<string, string> = {}) =>
	new Response(body, { status: 200, headers });
const status = (code: number, headers: Record<string, string> = {}) =>
	new Response('', { status: code, headers });
const corsFailure = () => new TypeError('Failed to fetch');

/** A client on a virtual clock whose fake server answers the n-th request (from 0) with `respond(n)`. */
function setup(
	respond: Responder = () => ok(),
	options: { random?: () => number; maxAttempts?: number } = {}
) {
	const clock = createVirtualClock(START_MS);
	const store = createMemoryLimiterStore();
	const locks = createLocalLocks();
	const requests: Array<{ url: string; init: RequestInit; at: number }> = [];
	const statuses: NetStatus[] = [];
	const net = { online: true };
	const fetch: FetchLike = (url, init) => {
		const reply = respond(requests.length, net);
		requests.push({ url, init, at: clock.now() });
		if (reply === 'hang') return new Promise<Response>(() => {});
		return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
	};
	const makeClient = () =>
		createHttpClient({
			fetch,
			limiter: createRateLimiter({ store, locks, clock }),
			clock,
			allowedOrigins: APPROVED_SOURCE_HOSTS.polygon.hosts,
			isOnline: () => net.online,
			random: options.random ?? (() => 0.5),
			maxAttempts: options.maxAttempts,
			onStatus: (s) => statuses.push(s)
		});
	const limiter = createRateLimiter({ store, locks, clock });
	return { clock, limiter, requests, statuses, net, client: makeClient(), makeClient };
}

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof ConnectorError) return e;
		throw e;
	}
	throw new Error('expected the call to fail');
}

describe('createHttpClient', () => {
	it('returns the body as bytes and text with lower-cased headers, fetched with no cache, cookies or referrer', async () => {
		const { client, requests } = setup(() => ok('{"ticker":"SPY"}', { 'X-Request-Id': 'abc' }));
		const result = await client.get({ provider: 'polygon', url: URL_OK, headers: KEY_HEADERS });
		expect(result.status).toBe(200);
		expect(result.url).toBe(URL_OK);
		expect(result.text).toBe('{"ticker":"SPY"}');
		expect(new TextDecoder().decode(result.bytes)).toBe(result.text);
		expect(result.headers['x-request-id']).toBe('abc');
		expect(requests).toHaveLength(1);
		expect(requests[0].init).toMatchObject({
			method: 'GET',
			headers: KEY_HEADERS,
			cache: 'no-store',
			credentials: 'omit',
			referrerPolicy: 'no-referrer'
		});
		expect(requests[0].init.signal).toBeInstanceOf(AbortSignal);
	});

	it.each([
		'https://evil.example.com/v2/aggs',
		'https://api.polygon.io.evil.com/v2/aggs',
		'http://api.polygon.io/v2/aggs',
		'https://api.polygon.io:8443/v2/aggs',
		'data:text/plain,hello',
		'/v2/aggs'
	])('refuses %s before calling fetch or spending a slot', async (url) => {
		const { client, requests, limiter } = setup();
		expect((await failure(client.get({ provider: 'polygon', url }))).code).toBe('host_not_allowed');
		expect(requests).toHaveLength(0);
		expect((await limiter.peek('polygon')).used).toBe(0);
	});

	it.each([
		`${URL_OK}?apiKey=${SECRET}`,
		`${URL_OK}?adjusted=true&api_key=${SECRET}`,
		`${URL_OK}?APIKEY=${SECRET}`,
		`${URL_OK}?key=${SECRET}`,
		`${URL_OK}?token=${SECRET}`,
		`${URL_OK}?access_token=${SECRET}`,
		`https://user:${SECRET}@api.polygon.io/v2/aggs`
	])('refuses a key in the address (%s) without sending it or repeating it', async (url) => {
		const { client, requests } = setup();
		const e = await failure(client.get({ provider: 'polygon', url }));
		expect(e.code).toBe('host_not_allowed');
		expect(e.message).toBe(
			'A request to api.polygon.io carried a key in its address and was not sent: keys travel in headers only.'
		);
		expect(requests).toHaveLength(0);
	});

	it('fails with offline without calling fetch or spending a slot', async () => {
		const { client, requests, net, limiter } = setup();
		net.online = false;
		const e = await failure(client.get({ provider: 'polygon', url: URL_OK }));
		expect(e.code).toBe('offline');
		expect(requests).toHaveLength(0);
		expect((await limiter.peek('polygon')).used).toBe(0);
	});

	it.each([
		[401, 'unauthorized', 'Polygon refused the API key (401). Check the key in Settings.'],
		[403, 'forbidden', 'Polygon refused this request (403): your plan may not include this data.'],
		[
			404,
			'not_found',
			'Polygon has no such data (404 from api.polygon.io). Check the ticker, series or dates.'
		],
		[400, 'bad_response', 'Polygon answered 400, which this app does not expect.']
	])('maps %i to %s and does not retry it', async (code, expected, message) => {
		const { client, requests, statuses } = setup(() => status(code));
		const e = await failure(client.get({ provider: 'polygon', url: URL_OK }));
		expect([e.code, e.status, e.message]).toEqual([expected, code, message]);
		expect(requests).toHaveLength(1);
		expect(statuses).toEqual([]);
	});

	it('retries a 503 once and returns the 200 that follows, after a jittered backoff', async () => {
		const { client, requests, statuses } = setup((n) => (n === 0 ? status(503) : ok()));
		expect((await client.get({ provider: 'polygon', url: URL_OK })).status).toBe(200);
		expect(requests).toHaveLength(2);
		// random() = 0.5 of a 1 s ceiling.
		expect(requests[1].at - requests[0].at).toBe(500);
		expect(statuses).toEqual([
			{
				provider: 'polygon',
				state: 'retrying',
				untilMs: requests[0].at + 500,
				attempt: 1,
				reason: 'server error (503)'
			},
			{ provider: 'polygon', state: 'idle' }
		]);
	});

	it('fails with server_error after 5 attempts when the server keeps failing, backing off 1, 2, 4, 8 s at most', async () => {
		const { client, requests } = setup(() => status(502), { random: () => 0.999_999 });
		const e = await failure(client.get({ provider: 'polygon', url: URL_OK }));
		expect([e.code, e.status]).toEqual(['server_error', 502]);
		expect(e.message).toBe(
			'api.polygon.io answered with a server error (502) 5 times in a row. The service may be down; try again later.'
		);
		expect(requests).toHaveLength(5);
		const gaps = requests.slice(1).map((r, i) => r.at - requests[i].at);
		expect(gaps).toEqual([999, 1_999, 3_999, 7_999]);
	});

	it('waits out a 429 with Retry-After: 30 before the next request, in this tab and in another', async () => {
		const { client, makeClient, requests, clock } = setup((n) =>
			n === 0 ? status(429, { 'Retry-After': '30' }) : ok()
		);
		const otherTab = makeClient();
		const first = client.get({ provider: 'polygon', url: URL_OK });
		await clock.sleep(1_000);
		const second = otherTab.get({ provider: 'polygon', url: URL_OK });
		await Promise.all([first, second]);
		expect(requests).toHaveLength(3);
		for (const later of requests.slice(1)) expect(later.at - requests[0].at).toBeGreaterThanOrEqual(30_000);
	});

	it('reads Retry-After given as an HTTP date', async () => {
		const retryAt = new Date(START_MS + 20_000).toUTCString();
		const { client, requests } = setup((n) => (n === 0 ? status(503, { 'Retry-After': retryAt }) : ok()));
		await client.get({ provider: 'polygon', url: URL_OK });
		expect(requests[1].at - requests[0].at).toBe(20_000);
	});

	it('fails with rate_limited and the wait left when every attempt gets a 429', async () => {
		const { client, requests } = setup(() => status(429), { maxAttempts: 3 });
		const e = await failure(client.get({ provider: 'polygon', url: URL_OK }));
		expect([e.code, e.status, e.retryAfterMs]).toEqual(['rate_limited', 429, 2_000]);
		expect(e.message).toBe('Polygon is still limiting requests (429) after 3 tries. Try again in 2 s.');
		expect(requests).toHaveLength(3);
	});

	it('gives up at once on a Retry-After of an hour, but keeps every tab waiting for it', async () => {
		const { client, requests, limiter, clock } = setup(() => status(429, { 'Retry-After': '3600' }));
		const e = await failure(client.get({ provider: 'polygon', url: URL_OK }));
		expect([e.code, e.retryAfterMs]).toEqual(['rate_limited', 3_600_000]);
		expect(requests).toHaveLength(1);
		expect((await limiter.peek('polygon')).nextSlotAt).toBe(clock.now() + 3_600_000);
	});

	it('explains a fetch that fails while online as a connection or CORS problem, without retrying', async () => {
		const { client, requests } = setup(() => corsFailure());
		const e = await failure(client.get({ provider: 'polygon', url: URL_OK }));
		expect(e.code).toBe('network');
		expect(e.message).toBe(
			'The browser could not reach api.polygon.io — the host may be down or refused this site (CORS).'
		);
		expect(requests).toHaveLength(1);
	});

	it('reports offline when the connection drops during the request', async () => {
		const { client } = setup((_, net) => {
			net.online = false;
			return corsFailure();
		});
		expect((await failure(client.get({ provider: 'polygon', url: URL_OK }))).code).toBe('offline');
	});

	it('times out a request that never answers after 30 s', async () => {
		const { client, clock } = setup(() => 'hang');
		const e = await failure(client.get({ provider: 'polygon', url: URL_OK }));
		expect([e.code, e.message]).toEqual(['timeout', 'api.polygon.io did not answer within 30 s.']);
		expect(clock.elapsedMs()).toBe(30_000);
	});

	it('fails with aborted when the caller cancels during the request', async () => {
		const { client, clock } = setup(() => 'hang');
		const controller = new AbortController();
		const pending = client.get({ provider: 'polygon', url: URL_OK, signal: controller.signal });
		await clock.sleep(2_000);
		controller.abort();
		expect((await failure(pending)).code).toBe('aborted');
	});

	it('fails with aborted when cancelled while waiting for a slot, and spends no slot', async () => {
		const { client, clock, limiter, requests, statuses } = setup();
		for (let i = 0; i < 5; i++) await limiter.acquire('polygon');
		const controller = new AbortController();
		const pending = client.get({ provider: 'polygon', url: URL_OK, signal: controller.signal });
		await clock.sleep(1_000);
		controller.abort();
		expect((await failure(pending)).code).toBe('aborted');
		expect(requests).toHaveLength(0);
		expect((await limiter.peek('polygon')).used).toBe(5);
		expect(statuses).toEqual([
			{ provider: 'polygon', state: 'waiting_rate_limit', untilMs: START_MS + 60_000 },
			{ provider: 'polygon', state: 'idle' }
		]);
	});

	it('opens the circuit after 5 failed calls, refuses without fetching, then lets a probe through after 60 s', async () => {
		let down = true;
		const { client, requests, clock, statuses } = setup(() => (down ? corsFailure() : ok()));
		for (let i = 0; i < 5; i++) await failure(client.get({ provider: 'polygon', url: URL_OK }));
		const refused = await failure(client.get({ provider: 'polygon', url: URL_OK }));
		expect([refused.code, refused.retryAfterMs]).toEqual(['circuit_open', 60_000]);
		expect(requests).toHaveLength(5);
		expect(statuses.at(-1)).toEqual({
			provider: 'polygon',
			state: 'circuit_open',
			untilMs: clock.now() + 60_000
		});

		await clock.sleep(60_000);
		down = false;
		expect((await client.get({ provider: 'polygon', url: URL_OK })).status).toBe(200);
		expect((await client.get({ provider: 'polygon', url: URL_OK })).status).toBe(200);
		expect(requests).toHaveLength(7);
	});

	it('fails calls still queued for a slot as soon as the circuit opens', async () => {
		const { client, requests, clock } = setup(() => corsFailure());
		const codes = await Promise.all(
			Array.from(
				{ length: 8 },
				async () => (await failure(client.get({ provider: 'polygon', url: URL_OK }))).code
			)
		);
		expect(codes).toEqual([...Array(5).fill('network'), ...Array(3).fill('circuit_open')]);
		expect(requests).toHaveLength(5);
		expect(clock.elapsedMs()).toBeLessThan(60_000);
	});

	it('does not open the circuit on answers like 404: the host is up', async () => {
		const { client, requests } = setup(() => status(404));
		for (let i = 0; i < 6; i++) {
			expect((await failure(client.get({ provider: 'polygon', url: URL_OK }))).code).toBe('not_found');
		}
		expect(requests).toHaveLength(6);
	});

	it('refuses a response redirected to a host off the allowlist', async () => {
		const { client } = setup(() => {
			const r = ok();
			Object.defineProperty(r, 'url', { value: 'https://evil.example.com/v2' });
			return r;
		});
		expect((await failure(client.get({ provider: 'polygon', url: URL_OK }))).code).toBe('host_not_allowed');
	});

	it('never puts a header value into an error message or a status', async () => {
		const replies: Responder[] = [
			() => status(401),
			() => status(403),
			() => status(404),
			() => status(429),
			() => status(503),
			() => corsFailure(),
			() => 'hang'
		];
		for (const respond of replies) {
			const { client, statuses } = setup(respond, { maxAttempts: 2 });
			const e = await failure(client.get({ provider: 'polygon', url: URL_OK, headers: KEY_HEADERS }));
			expect(`${e.message} ${JSON.stringify(e)} ${JSON.stringify(statuses)}`).not.toContain(SECRET);
		}
	});

	it('keeps going when the status listener throws', async () => {
		const clock = createVirtualClock(START_MS);
		let listened = 0;
		const client = createHttpClient({
			fetch: async () => (listened === 0 ? status(503) : ok()),
			limiter: createRateLimiter({ store: createMemoryLimiterStore(), locks: createLocalLocks(), clock }),
			clock,
			allowedOrigins: APPROVED_SOURCE_HOSTS.polygon.hosts,
			isOnline: () => true,
			onStatus: () => {
				listened++;
				throw new Error('UI bug');
			}
		});
		expect((await client.get({ provider: 'polygon', url: URL_OK })).status).toBe(200);
		expect(listened).toBe(2);
	});

	it('sends 100 requests from 3 tabs and 2 workers with at most 5 reaching the server in any 60 s', async () => {
		const { makeClient, requests, clock } = setup();
		const clients = Array.from({ length: 5 }, makeClient);
		const results = await Promise.all(
			Array.from({ length: 100 }, (_, i) => clients[i % 5].get({ provider: 'polygon', url: URL_OK }))
		);
		expect(results.every((r) => r.status === 200)).toBe(true);
		expect(requests).toHaveLength(100);
		expect(
			worstWindow(
				requests.map((r) => r.at),
				60_000
			)
		).toBeLessThanOrEqual(5);
		expect(clock.elapsedMs()).toBeGreaterThanOrEqual(19 * 60_000);
		expect(clock.elapsedMs()).toBeLessThan(20 * 60_000);
	});
});

describe('backoff', () => {
	it('doubles its ceiling from 1 s and stops at 60 s', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(backoffCeilingMs)).toEqual([
			1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000
		]);
	});

	it('keeps full jitter within [0, ceiling] for any random draw (seed 20250102)', () => {
		const rng = createRng(20250102);
		const draws = [0, 1, -0.5, 1.5, ...Array.from({ length: 1_000 }, () => rng.next())];
		for (let failures = 1; failures <= 8; failures++) {
			for (const r of draws) {
				const delay = backoffDelayMs(failures, () => r);
				expect(delay).toBeGreaterThanOrEqual(0);
				expect(delay).toBeLessThanOrEqual(backoffCeilingMs(failures));
			}
		}
	});

	it('draws platform randomness in [0, 1)', () => {
		for (let i = 0; i < 1_000; i++) {
			const r = cryptoRandom();
			expect(r >= 0 && r < 1).toBe(true);
		}
	});
});

describe('parseRetryAfter', () => {
	const now = START_MS;
	it('reads delta-seconds and HTTP dates, and ignores anything else', () => {
		expect(parseRetryAfter('30', now)).toBe(30_000);
		expect(parseRetryAfter(' 0 ', now)).toBe(0);
		expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
		expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).toBe(0);
		expect(parseRetryAfter(null, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter('-5', now)).toBeUndefined();
		expect(parseRetryAfter('1.5', now)).toBeUndefined();
	});
});
