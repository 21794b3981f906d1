import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_POLYGON_KEY, startPolygonMock, type PolygonMock } from '../../../tests/mocks/polygon-server';
import { isoDate } from '../domain/series';
import { createMemoryBarCacheStore, fetchBarsCached } from './bar-cache';
import { parseOhlcvCsv } from './csv-bars';
import { ConnectorError, type ConnectorErrorCode, type HttpClient } from './http-types';
import { nyDate } from './market-days';
import { createPolygonClient } from './polygon';

const FILE = parseOhlcvCsv(readFileSync('node_modules/vega-datasets/data/sp500-2000.csv', 'utf8'));
const CODES: Record<number, ConnectorErrorCode> = {
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	429: 'rate_limited'
};

/** Just enough transport for this test: fetch, and map a non-2xx to a ConnectorError. The real one is data/http.ts. */
const fetchHttp: HttpClient = {
	async get(request) {
		const res = await fetch(request.url, { headers: request.headers, signal: request.signal });
		const bytes = new Uint8Array(await res.arrayBuffer());
		const headers: Record<string, string> = {};
		res.headers.forEach((v, k) => (headers[k] = v));
		if (!res.ok) {
			const retry = headers['retry-after'];
			const code = CODES[res.status] ?? 'server_error';
			throw new ConnectorError(
				code,
				`HTTP ${res.status}`,
				res.status,
				retry ? Number(retry) * 1000 : undefined
			);
		}
		return { status: res.status, url: request.url, bytes, text: new TextDecoder().decode(bytes), headers };
	}
};

describe('the Polygon mock, called by the real client', () => {
	let mock: PolygonMock;
	const polygon = (key: string | undefined = MOCK_POLYGON_KEY) =>
		createPolygonClient({ http: fetchHttp, base: mock.origin, apiKey: () => key });

	beforeAll(async () => {
		mock = await startPolygonMock({ port: 0 });
	});
	afterAll(() => mock.close());
	beforeEach(() => mock.reset());

	it('serves the real Apple file as the stock AAPL, with its volume', async () => {
		const apple = parseOhlcvCsv(readFileSync('node_modules/@observablehq/sample-datasets/aapl.csv', 'utf8'));
		const r = await polygon().aggregates({
			ticker: 'AAPL',
			multiplier: 1,
			timespan: 'day',
			from: '2017-01-01',
			to: '2017-12-31'
		});
		const first = Array.from(apple.t).findIndex((t) => isoDate(t) >= '2017-01-01');
		expect(r.bars.t.length).toBe(251);
		expect(r.bars.close[0]).toBe(apple.close[first]);
		expect(r.bars.volume[0]).toBe(apple.volume[first]);
		expect(r.volumeMissing).toBe(0);
	});

	it('serves every row of the real S&P 500 file across pages, in order, with the key only in the header', async () => {
		const r = await polygon().aggregates({
			ticker: 'I:SPX',
			multiplier: 1,
			timespan: 'day',
			from: '2000-01-01',
			to: '2020-12-31'
		});
		expect(r.bars.t.length).toBe(FILE.t.length);
		expect(r.bars.t.length).toBe(5105);
		expect(r.pages).toBe(Math.ceil(FILE.t.length / 1000));
		expect(Array.from(r.bars.close)).toEqual(Array.from(FILE.close));
		expect(Array.from(r.bars.t, nyDate)).toEqual(Array.from(FILE.t, isoDate));
		// Polygon sends no volume for an index, and neither does the mock by default.
		expect(r.volumeMissing).toBe(FILE.t.length);
		const calls = mock.stats().calls;
		expect(calls).toHaveLength(r.pages);
		expect(
			calls.every((c) => c.auth === 'valid' && c.status === 200 && !c.path.includes(MOCK_POLYGON_KEY))
		).toBe(true);
		expect(calls[1].path).toMatch(/\?cursor=/);
	});

	it('serves only the rows inside the requested dates', async () => {
		const r = await polygon().aggregates({
			ticker: 'i:spx',
			multiplier: 1,
			timespan: 'day',
			from: '2010-01-01',
			to: '2010-12-31'
		});
		expect(r.bars.t.length).toBe(252);
		expect(nyDate(r.bars.t[0])).toBe('2010-01-04');
		expect(nyDate(r.bars.t[251])).toBe('2010-12-31');
	});

	it('answers 401 without the key, and the client reports it as unauthorized', async () => {
		const raw = await fetch(`${mock.origin}/v2/aggs/ticker/I:SPX/prev`);
		expect(raw.status).toBe(401);
		expect(await raw.json()).toMatchObject({ status: 'ERROR', message: 'Unknown API Key' });
		await expect(polygon('wrong').previousClose('I:SPX')).rejects.toMatchObject({ code: 'unauthorized' });
		expect(mock.stats().calls.map((c) => c.auth)).toEqual(['missing', 'invalid']);
	});

	it('refuses a key sent in the URL', async () => {
		const raw = await fetch(`${mock.origin}/v2/aggs/ticker/I:SPX/prev?apiKey=${MOCK_POLYGON_KEY}`, {
			headers: { Authorization: `Bearer ${MOCK_POLYGON_KEY}` }
		});
		expect(raw.status).toBe(400);
	});

	it('answers 403 for a timeframe the plan lacks and an empty 200 for an unknown ticker', async () => {
		const hourly = polygon().aggregates({
			ticker: 'I:SPX',
			multiplier: 1,
			timespan: 'hour',
			from: '2010-01-04',
			to: '2010-01-05'
		});
		await expect(hourly).rejects.toMatchObject({ code: 'forbidden' });
		const none = await polygon().aggregates({
			ticker: 'ZZZZ',
			multiplier: 1,
			timespan: 'day',
			from: '2010-01-04',
			to: '2010-01-05'
		});
		expect(none.bars.t.length).toBe(0);
	});

	it('answers the next requests with 429 and Retry-After when told to', async () => {
		const armed = await fetch(`${mock.origin}/__mock/fail?status=429&count=1&retryAfter=2`, {
			method: 'POST'
		});
		expect(armed.status).toBe(200);
		await expect(polygon().previousClose('I:SPX')).rejects.toMatchObject({
			code: 'rate_limited',
			retryAfterMs: 2000
		});
		expect((await polygon().previousClose('I:SPX')).bar?.close).toBeCloseTo(2874.560059, 6);
		const stats = (await (await fetch(`${mock.origin}/__mock/stats`)).json()) as {
			calls: { status: number }[];
		};
		expect(stats.calls.map((c) => c.status)).toEqual([429, 200]);
	});

	it('answers the CORS preflight for the Authorization header and marks every answer cross-origin readable', async () => {
		const pre = await fetch(`${mock.origin}/v2/aggs/ticker/I:SPX/prev`, { method: 'OPTIONS' });
		expect(pre.status).toBe(204);
		expect(pre.headers.get('access-control-allow-origin')).toBe('*');
		expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
		expect(pre.headers.get('access-control-allow-methods')).toMatch(/GET/);
		const denied = await fetch(`${mock.origin}/v1/unknown`);
		expect(denied.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('finds I:SPX by name and 404s an unknown path', async () => {
		const found = await polygon().searchTickers('s&p', { limit: 10 });
		expect(found.map((t) => t.ticker)).toEqual(['I:SPX']);
		const raw = await fetch(`${mock.origin}/v9/nothing`, {
			headers: { Authorization: `Bearer ${MOCK_POLYGON_KEY}` }
		});
		expect(raw.status).toBe(404);
	});

	it('lets the cache serve a repeated closed-day request without a second call', async () => {
		const deps = { client: polygon(), store: createMemoryBarCacheStore(), now: () => Date.UTC(2024, 0, 1) };
		const request = {
			ticker: 'I:SPX',
			multiplier: 1,
			timespan: 'day',
			from: '2019-01-01',
			to: '2019-12-31'
		} as const;
		const first = await fetchBarsCached(deps, request);
		const second = await fetchBarsCached(deps, request);
		expect(first.calls).toBe(1);
		expect(second).toMatchObject({ calls: 0, fromCache: true });
		expect(second.bars).toEqual(first.bars);
		expect(mock.stats().calls).toHaveLength(1);
	});

	it("serves the file's own volume when asked to", async () => {
		const withVolume = await startPolygonMock({ port: 0, includeVolume: true, pageSize: 100 });
		try {
			const c = createPolygonClient({
				http: fetchHttp,
				base: withVolume.origin,
				apiKey: () => MOCK_POLYGON_KEY
			});
			const r = await c.aggregates({
				ticker: 'I:SPX',
				multiplier: 1,
				timespan: 'day',
				from: '2000-01-01',
				to: '2000-12-31'
			});
			expect(r.pages).toBe(3);
			expect(r.volumeMissing).toBe(0);
			expect(Array.from(r.bars.volume)).toEqual(Array.from(FILE.volume.subarray(0, r.bars.t.length)));
		} finally {
			await withVolume.close();
		}
	});
});
