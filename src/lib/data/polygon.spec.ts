import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors';
import { ConnectorError, type HttpClient, type HttpGet, type HttpResult } from './http-types';
import { createPolygonClient, type AggregatesRequest } from './polygon';

const BASE = 'https://api.polygon.io';
const KEY = 'pk_test_0123456789';
const encoder = new TextEncoder();

/** A transport that answers from a table of URL → body and records every request. */
function fakeHttp(routes: Record<string, unknown>): HttpClient & { requests: HttpGet[] } {
	const requests: HttpGet[] = [];
	return {
		requests,
		async get(request: HttpGet): Promise<HttpResult> {
			requests.push(request);
			if (!(request.url in routes)) throw new ConnectorError('not_found', `no route for ${request.url}`, 404);
			const body = routes[request.url];
			const text = typeof body === 'string' ? body : JSON.stringify(body);
			return { status: 200, url: request.url, bytes: encoder.encode(text), text, headers: {} };
		}
	};
}

function client(http: HttpClient, apiKey: () => string | undefined = () => KEY) {
	return createPolygonClient({ http, base: BASE, apiKey, now: () => Date.UTC(2024, 2, 5, 12) });
}

const bar = (t: number, c: number, v?: number) => ({
	t,
	o: c,
	h: c + 1,
	l: c - 1,
	c,
	...(v === undefined ? {} : { v })
});
const DAY_MS = 86_400_000;
const T0 = Date.UTC(2024, 0, 2, 5); // 2024-01-02 00:00 New York

const request: AggregatesRequest = {
	ticker: 'aapl',
	multiplier: 1,
	timespan: 'day',
	from: '2024-01-02',
	to: '2024-01-05'
};
const FIRST = `${BASE}/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-05?adjusted=true&sort=asc&limit=50000`;
const SECOND = `${BASE}/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-05?cursor=abc`;

function page(results: object[], next?: string) {
	return {
		ticker: 'AAPL',
		queryCount: results.length,
		resultsCount: results.length,
		adjusted: true,
		...(results.length ? { results } : {}),
		status: 'OK',
		request_id: 'r1',
		count: results.length,
		...(next ? { next_url: next } : {})
	};
}

describe('the Polygon client', () => {
	it('follows next_url and returns every page as ascending bars', async () => {
		const http = fakeHttp({
			[FIRST]: page([bar(T0, 100, 10), bar(T0 + DAY_MS, 101, 11)], SECOND),
			[SECOND]: page([bar(T0 + 2 * DAY_MS, 102, 12), bar(T0 + 3 * DAY_MS, 103, 13)])
		});
		const r = await client(http).aggregates(request);
		expect(http.requests.map((q) => q.url)).toEqual([FIRST, SECOND]);
		expect(r.pages).toBe(2);
		expect(Array.from(r.bars.close)).toEqual([100, 101, 102, 103]);
		expect(Array.from(r.bars.volume)).toEqual([10, 11, 12, 13]);
		expect(r.resultsCount).toBe(4);
		expect(r.volumeMissing).toBe(0);
		expect(r.endpoint).toBe(
			'/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-05?adjusted=true&sort=asc&limit=50000'
		);
		expect(r.retrievedAt).toBe('2024-03-05T12:00:00.000Z');
	});

	it('removes a bar repeated across pages, keeping the copy that came last', async () => {
		const http = fakeHttp({
			[FIRST]: page([bar(T0, 100), bar(T0 + DAY_MS, 101)], SECOND),
			[SECOND]: page([bar(T0 + DAY_MS, 111), bar(T0 + 2 * DAY_MS, 102)])
		});
		const r = await client(http).aggregates(request);
		expect(Array.from(r.bars.t)).toEqual([T0, T0 + DAY_MS, T0 + 2 * DAY_MS]);
		expect(Array.from(r.bars.close)).toEqual([100, 111, 102]);
		expect(r.resultsCount).toBe(4);
	});

	it('hashes the raw bytes of all pages, in order', async () => {
		const pages = [page([bar(T0, 100)], SECOND), page([bar(T0 + DAY_MS, 101)])];
		const http = fakeHttp({ [FIRST]: pages[0], [SECOND]: pages[1] });
		const r = await client(http).aggregates(request);
		const all = encoder.encode(JSON.stringify(pages[0]) + JSON.stringify(pages[1]));
		expect(r.sha256).toBe(bytesToHex(sha256(all)));
		expect(r.pageBytes).toHaveLength(2);
	});

	it('sends the key only in the Authorization header, never in a URL', async () => {
		const http = fakeHttp({ [FIRST]: page([bar(T0, 100)], `${SECOND}&apiKey=${KEY}`), [SECOND]: page([]) });
		const r = await client(http).aggregates(request);
		for (const q of http.requests) {
			expect(q.headers?.Authorization).toBe(`Bearer ${KEY}`);
			expect(q.url).not.toContain(KEY);
			expect(q.provider).toBe('polygon');
		}
		expect(r.endpoint).not.toContain(KEY);
	});

	it('refuses to call Polygon without a key, with a message that says where to add one', async () => {
		const http = fakeHttp({});
		const err = await client(http, () => undefined)
			.aggregates(request)
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ConnectorError);
		expect((err as ConnectorError).code).toBe('no_key');
		expect((err as ConnectorError).message).toMatch(/Settings/);
		expect(http.requests).toHaveLength(0);
	});

	it('refuses a next_url to another host or outside the aggregates path', async () => {
		for (const next of ['https://evil.example/v2/aggs/ticker/AAPL?cursor=1', `${BASE}/v1/other?cursor=1`]) {
			const http = fakeHttp({ [FIRST]: page([bar(T0, 100)], next) });
			await expect(client(http).aggregates(request)).rejects.toMatchObject({ code: 'bad_response' });
			expect(http.requests).toHaveLength(1);
		}
	});

	it('refuses a next_url that loops back to a page already fetched', async () => {
		const http = fakeHttp({ [FIRST]: page([bar(T0, 100)], SECOND), [SECOND]: page([bar(T0, 100)], SECOND) });
		await expect(client(http).aggregates(request)).rejects.toMatchObject({ code: 'bad_response' });
	});

	it('turns an ERROR status inside a 200 into bad_response carrying Polygon’s words', async () => {
		const http = fakeHttp({ [FIRST]: { status: 'ERROR', request_id: 'x', error: 'Something broke' } });
		await expect(client(http).aggregates(request)).rejects.toMatchObject({
			code: 'bad_response',
			message: expect.stringContaining('Something broke')
		});
	});

	it('turns a body that is not JSON, or not the documented shape, into bad_response', async () => {
		for (const body of [
			'<html>gateway</html>',
			{ status: 'OK', resultsCount: 1, results: [{ t: T0, o: -1 }] }
		]) {
			const http = fakeHttp({ [FIRST]: body });
			await expect(client(http).aggregates(request)).rejects.toMatchObject({ code: 'bad_response' });
		}
	});

	it('passes transport errors through unchanged', async () => {
		const http: HttpClient = {
			get: async () => {
				throw new ConnectorError('unauthorized', 'Polygon refused the key.', 401);
			}
		};
		await expect(client(http).aggregates(request)).rejects.toMatchObject({
			code: 'unauthorized',
			status: 401
		});
	});

	it('answers an empty range with no bars rather than an error', async () => {
		const http = fakeHttp({ [FIRST]: page([]) });
		const r = await client(http).aggregates(request);
		expect(r.bars.t.length).toBe(0);
		expect(r.resultsCount).toBe(0);
		expect(r.pages).toBe(1);
	});

	it('stores an index’s missing volume as NaN and counts it, never as an invented 0', async () => {
		const url = `${BASE}/v2/aggs/ticker/I:SPX/range/1/day/2024-01-02/2024-01-03?adjusted=true&sort=asc&limit=50000`;
		const http = fakeHttp({ [url]: { ...page([bar(T0, 4700), bar(T0 + DAY_MS, 4710)]), ticker: 'I:SPX' } });
		const r = await client(http).aggregates({ ...request, ticker: 'i:spx', to: '2024-01-03' });
		expect(r.volumeMissing).toBe(2);
		expect(Number.isNaN(r.bars.volume[0])).toBe(true);
		expect(r.endpoint).toContain('/ticker/I:SPX/');
	});

	it('refuses bad tickers, bad dates and reversed ranges before any call', async () => {
		const http = fakeHttp({});
		const c = client(http);
		const bad: AggregatesRequest[] = [
			{ ...request, ticker: 'AAPL/../x' },
			{ ...request, ticker: '' },
			{ ...request, ticker: 'A'.repeat(25) },
			{ ...request, from: '2024-02-30' },
			{ ...request, to: '24-01-05' },
			{ ...request, from: '2024-02-01', to: '2024-01-01' },
			{ ...request, multiplier: 0 },
			{ ...request, multiplier: 1.5 }
		];
		for (const r of bad) await expect(c.aggregates(r)).rejects.toBeInstanceOf(AppError);
		expect(http.requests).toHaveLength(0);
	});

	it('asks for unadjusted prices when told to', async () => {
		const url = `${BASE}/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-05?adjusted=false&sort=asc&limit=50000`;
		const http = fakeHttp({ [url]: page([]) });
		await client(http).aggregates({ ...request, adjusted: false });
		expect(http.requests[0].url).toBe(url);
	});

	it('refuses a page that answers for a different ticker', async () => {
		const http = fakeHttp({ [FIRST]: { ...page([bar(T0, 100)]), ticker: 'MSFT' } });
		await expect(client(http).aggregates(request)).rejects.toMatchObject({ code: 'bad_response' });
	});

	it('reads the previous close, and null when Polygon has none', async () => {
		const prev = `${BASE}/v2/aggs/ticker/AAPL/prev?adjusted=true`;
		const http = fakeHttp({ [prev]: { ...page([{ T: 'AAPL', ...bar(T0, 185, 1000) }]) } });
		const r = await client(http).previousClose('aapl');
		expect(r.bar).toEqual({ t: T0, open: 185, high: 186, low: 184, close: 185, volume: 1000 });
		expect(r.endpoint).toBe('/v2/aggs/ticker/AAPL/prev?adjusted=true');

		const none = fakeHttp({ [prev]: page([]) });
		expect((await client(none).previousClose('AAPL')).bar).toBeNull();
	});

	it('searches tickers with an encoded query and maps the fields', async () => {
		const url = `${BASE}/v3/reference/tickers?search=s%26p+500&active=true&limit=5`;
		const http = fakeHttp({
			[url]: {
				results: [
					{ ticker: 'I:SPX', name: 'S&P 500', market: 'indices', locale: 'us', active: true },
					{
						ticker: 'SPY',
						name: 'SPDR S&P 500 ETF Trust',
						market: 'stocks',
						locale: 'us',
						primary_exchange: 'ARCX',
						type: 'ETF',
						active: true,
						currency_name: 'usd'
					}
				],
				status: 'OK',
				request_id: 'r',
				count: 2
			}
		});
		const found = await client(http).searchTickers(' s&p 500 ', { limit: 5 });
		expect(found.map((t) => t.ticker)).toEqual(['I:SPX', 'SPY']);
		expect(found[1]).toMatchObject({ primaryExchange: 'ARCX', type: 'ETF', currencyName: 'usd' });
		await expect(client(http).searchTickers('', {})).rejects.toBeInstanceOf(AppError);
		await expect(client(http).searchTickers('spx', { limit: 0 })).rejects.toBeInstanceOf(AppError);
	});

	it('accepts the Massive host and a local mock origin as its base, and nothing with a path', () => {
		const http = fakeHttp({});
		expect(() =>
			createPolygonClient({ http, base: 'https://api.massive.com/', apiKey: () => KEY })
		).not.toThrow();
		expect(() =>
			createPolygonClient({ http, base: 'http://127.0.0.1:4181', apiKey: () => KEY })
		).not.toThrow();
		expect(() => createPolygonClient({ http, base: 'https://api.polygon.io/v2', apiKey: () => KEY })).toThrow(
			AppError
		);
	});
});
