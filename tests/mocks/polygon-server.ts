/**
 * A local stand-in for Polygon/Massive REST, for unit and end-to-end tests. It serves real data only: the daily
 * S&P 500 bars of vega-datasets (source Yahoo Finance, 2000-01-03 … 2020-04-17) as the index ticker I:SPX, and the
 * daily Apple bars of @observablehq/sample-datasets (source Yahoo Finance, split-adjusted OHLC and volume,
 * 2013-05-13 … 2018-05-11) as the stock AAPL. It never makes up a price; a request it cannot back with that file gets what Polygon gives a plan without the
 * data (403) or a ticker without bars (200 with no results).
 *
 * Where it is stricter than Polygon, on purpose: the key must come as `Authorization: Bearer` (an `apiKey` query
 * parameter is refused, because our rule is that keys never travel in URLs).
 *
 * CLI: `npx tsx tests/mocks/polygon-server.ts` listens on $PORT (default 4181) and prints its origin.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseOhlcvCsv } from '../../src/lib/data/csv-bars';
import { isDay, nyMidnight } from '../../src/lib/data/market-days';
import { isoDate } from '../../src/lib/domain/series';
import { isMain, listenOnLoopback, serveFromCli } from './cli';

export const MOCK_POLYGON_KEY = 'mock-polygon-key';
export const MOCK_POLYGON_DEFAULT_PORT = 4181;
/** Small enough that a few years of daily bars take several pages, so tests exercise next_url. */
export const MOCK_DEFAULT_PAGE_SIZE_BARS = 1000;
/** Polygon's documented default and maximum for the aggregates `limit` parameter. */
const POLYGON_DEFAULT_LIMIT = 5000;
const POLYGON_MAX_LIMIT = 50_000;
/** How long a browser may cache the preflight answer. */
const PREFLIGHT_MAX_AGE_S = 600;

const SP500_CSV = fileURLToPath(
	new URL('../../node_modules/vega-datasets/data/sp500-2000.csv', import.meta.url)
);
const AAPL_CSV = fileURLToPath(
	new URL('../../node_modules/@observablehq/sample-datasets/aapl.csv', import.meta.url)
);
const SPX = 'I:SPX';
const AAPL = 'AAPL';
const TIMESPANS = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);
const RATE_LIMIT_MESSAGE =
	"You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://polygon.io/pricing";

interface MockBar {
	readonly day: string;
	readonly t: number;
	readonly o: number;
	readonly h: number;
	readonly l: number;
	readonly c: number;
	readonly v: number;
}

/** Reference data for the tickers the mock can back with real bars. */
const TICKERS = [
	{ ticker: SPX, name: 'S&P 500', market: 'indices', locale: 'us', active: true },
	{ ticker: AAPL, name: 'Apple Inc.', market: 'stocks', locale: 'us', active: true }
] as const;

export interface PolygonMockOptions {
	/** 0 picks a free port. */
	readonly port?: number;
	readonly key?: string;
	readonly pageSize?: number;
	/**
	 * Polygon sends no `v` for index bars, and by default neither does the mock. True adds the file's own (real,
	 * Yahoo) volume, for tests that need a volume column.
	 */
	readonly includeVolume?: boolean;
}

export interface PolygonMockCall {
	/** Path and query as requested. */
	readonly path: string;
	readonly auth: 'valid' | 'invalid' | 'missing';
	readonly status: number;
}

export interface PolygonMock {
	readonly origin: string;
	close(): Promise<void>;
	stats(): { calls: PolygonMockCall[] };
	reset(): void;
	/** The next `count` API requests answer `status` (with Retry-After when given). */
	failNext(status: number, count: number, retryAfterS?: number): void;
}

function loadDaily(file: string): MockBar[] {
	const bars = parseOhlcvCsv(readFileSync(file, 'utf8'));
	const out: MockBar[] = [];
	for (let i = 0; i < bars.t.length; i++) {
		const day = isoDate(bars.t[i]);
		// Polygon stamps a daily bar with the start of its day in New York.
		out.push({
			day,
			t: nyMidnight(day),
			o: bars.open[i],
			h: bars.high[i],
			l: bars.low[i],
			c: bars.close[i],
			v: bars.volume[i]
		});
	}
	return out;
}

interface Cursor {
	readonly offset: number;
	readonly limit: number;
	readonly sort: 'asc' | 'desc';
	readonly adjusted: boolean;
}

function encodeCursor(c: Cursor): string {
	return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor | null {
	try {
		const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
		if (!Number.isInteger(c.offset) || !Number.isInteger(c.limit)) return null;
		return {
			offset: c.offset!,
			limit: c.limit!,
			sort: c.sort === 'desc' ? 'desc' : 'asc',
			adjusted: c.adjusted !== false
		};
	} catch {
		return null;
	}
}

export async function startPolygonMock(options: PolygonMockOptions = {}): Promise<PolygonMock> {
	const key = options.key ?? MOCK_POLYGON_KEY;
	const pageSize = options.pageSize ?? MOCK_DEFAULT_PAGE_SIZE_BARS;
	const defaultVolume = options.includeVolume ?? false;
	// An index's volume as Polygon really sends it (none) can be asked for at run time: POST /__mock/index-volume?on=0.
	let includeVolume = defaultVolume;
	const daily = new Map([
		[SPX, loadDaily(SP500_CSV)],
		[AAPL, loadDaily(AAPL_CSV)]
	]);
	// Polygon sends no volume for an index (unless the tests ask for the file's own); a stock always has it.
	const volumeOf = (ticker: string) => includeVolume || ticker !== SPX;
	let calls: PolygonMockCall[] = [];
	let failures: { status: number; count: number; retryAfterS?: number } | null = null;
	let requestSeq = 0;
	let origin = '';

	// Deterministic ids: the mock must not depend on randomness any more than the app does.
	const requestId = () => `mock${(++requestSeq).toString(16).padStart(8, '0')}`;

	function send(
		res: ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string> = {}
	): void {
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': 'application/json',
			'Access-Control-Allow-Origin': '*',
			// Without this a browser hides Retry-After from cross-origin code, and back-off could not honour it.
			'Access-Control-Expose-Headers': 'Retry-After',
			...headers
		});
		res.end(text);
	}

	function failNext(status: number, count: number, retryAfterS?: number): void {
		if (!Number.isInteger(status) || status < 400 || status > 599)
			throw new RangeError(`bad status ${status}`);
		failures = count > 0 ? { status, count, retryAfterS } : null;
	}

	function aggregates(url: URL, parts: string[], res: ServerResponse): number {
		// parts: ['v2','aggs','ticker',T,'range',m,ts,from,to]
		const [, , , rawTicker, , m, timespan, from, to] = parts;
		const ticker = decodeURIComponent(rawTicker);
		const multiplier = Number(m);
		if (
			!Number.isInteger(multiplier) ||
			multiplier < 1 ||
			!TIMESPANS.has(timespan) ||
			!isDay(from) ||
			!isDay(to)
		) {
			send(res, 400, {
				status: 'ERROR',
				request_id: requestId(),
				error: 'Could not parse the request parameters.'
			});
			return 400;
		}
		if (multiplier !== 1 || timespan !== 'day') {
			send(res, 403, {
				status: 'NOT_AUTHORIZED',
				request_id: requestId(),
				message: "Your plan doesn't include this data timeframe."
			});
			return 403;
		}
		const cursorText = url.searchParams.get('cursor');
		const cursor = cursorText
			? decodeCursor(cursorText)
			: {
					offset: 0,
					limit: Math.min(
						Number(url.searchParams.get('limit') ?? POLYGON_DEFAULT_LIMIT) || POLYGON_DEFAULT_LIMIT,
						POLYGON_MAX_LIMIT
					),
					sort: url.searchParams.get('sort') === 'desc' ? ('desc' as const) : ('asc' as const),
					adjusted: url.searchParams.get('adjusted') !== 'false'
				};
		if (!cursor) {
			send(res, 400, { status: 'ERROR', request_id: requestId(), error: 'Invalid cursor.' });
			return 400;
		}
		const all = (daily.get(ticker) ?? []).filter((b) => b.day >= from && b.day <= to);
		if (cursor.sort === 'desc') all.reverse();
		const take = Math.min(pageSize, cursor.limit);
		const page = all.slice(cursor.offset, cursor.offset + take);
		const nextOffset = cursor.offset + page.length;
		const body: Record<string, unknown> = {
			ticker,
			queryCount: page.length,
			resultsCount: page.length,
			adjusted: cursor.adjusted,
			status: 'OK',
			request_id: requestId(),
			count: page.length
		};
		if (page.length > 0) {
			body.results = page.map((b) => ({
				...(volumeOf(ticker) ? { v: b.v } : {}),
				o: b.o,
				c: b.c,
				h: b.h,
				l: b.l,
				t: b.t
			}));
		}
		if (nextOffset < all.length) {
			const path = `/v2/aggs/ticker/${rawTicker}/range/${m}/${timespan}/${from}/${to}`;
			body.next_url = `${origin}${path}?cursor=${encodeCursor({ ...cursor, offset: nextOffset })}`;
		}
		send(res, 200, body);
		return 200;
	}

	function previousClose(rawTicker: string, res: ServerResponse): number {
		const ticker = decodeURIComponent(rawTicker);
		const last = daily.get(ticker)?.at(-1);
		const body: Record<string, unknown> = {
			ticker,
			queryCount: last ? 1 : 0,
			resultsCount: last ? 1 : 0,
			adjusted: true,
			status: 'OK',
			request_id: requestId(),
			count: last ? 1 : 0
		};
		if (last) {
			body.results = [
				{
					T: ticker,
					...(volumeOf(ticker) ? { v: last.v } : {}),
					o: last.o,
					c: last.c,
					h: last.h,
					l: last.l,
					t: last.t
				}
			];
		}
		send(res, 200, body);
		return 200;
	}

	function tickers(url: URL, res: ServerResponse): number {
		const search = (url.searchParams.get('search') ?? '').toLowerCase();
		const limit = Number(url.searchParams.get('limit') ?? 100) || 100;
		const results = TICKERS.filter(
			(t) => t.ticker.toLowerCase().includes(search) || t.name.toLowerCase().includes(search)
		).slice(0, limit);
		send(res, 200, { results, status: 'OK', request_id: requestId(), count: results.length });
		return 200;
	}

	function control(url: URL, req: IncomingMessage, res: ServerResponse): void {
		if (url.pathname === '/__mock/stats' && req.method === 'GET') return send(res, 200, { calls });
		if (url.pathname === '/__mock/reset' && req.method === 'POST') {
			calls = [];
			failures = null;
			includeVolume = defaultVolume;
			return send(res, 200, { ok: true });
		}
		if (url.pathname === '/__mock/index-volume' && req.method === 'POST') {
			includeVolume = url.searchParams.get('on') !== '0';
			return send(res, 200, { ok: true, includeVolume });
		}
		if (url.pathname === '/__mock/fail' && req.method === 'POST') {
			const status = Number(url.searchParams.get('status') ?? 429);
			const count = Number(url.searchParams.get('count') ?? 1);
			const retry = url.searchParams.get('retryAfter');
			try {
				failNext(status, count, retry === null ? undefined : Number(retry));
			} catch (e) {
				return send(res, 400, { ok: false, message: (e as Error).message });
			}
			return send(res, 200, { ok: true });
		}
		send(res, 404, { status: 'NOT_FOUND', message: 'Unknown mock control.' });
	}

	function api(url: URL, req: IncomingMessage, res: ServerResponse): number {
		if (failures) {
			const { status, retryAfterS } = failures;
			if (--failures.count <= 0) failures = null;
			const message = status === 429 ? RATE_LIMIT_MESSAGE : 'Injected failure.';
			const headers: Record<string, string> =
				retryAfterS === undefined ? {} : { 'Retry-After': String(retryAfterS) };
			send(res, status, { status: 'ERROR', request_id: requestId(), error: message }, headers);
			return status;
		}
		if (url.searchParams.has('apiKey')) {
			send(res, 400, {
				status: 'ERROR',
				request_id: requestId(),
				error: 'Mock: the key must travel in the Authorization header, never in the URL.'
			});
			return 400;
		}
		if (req.headers.authorization !== `Bearer ${key}`) {
			send(res, 401, { status: 'ERROR', request_id: requestId(), message: 'Unknown API Key' });
			return 401;
		}
		if (req.method !== 'GET') {
			send(res, 405, { status: 'ERROR', request_id: requestId(), error: 'Method not allowed.' });
			return 405;
		}
		const parts = url.pathname.split('/').filter((p) => p !== '');
		if (
			parts.length === 9 &&
			parts[0] === 'v2' &&
			parts[1] === 'aggs' &&
			parts[2] === 'ticker' &&
			parts[4] === 'range'
		) {
			return aggregates(url, parts, res);
		}
		if (
			parts.length === 5 &&
			parts[0] === 'v2' &&
			parts[1] === 'aggs' &&
			parts[2] === 'ticker' &&
			parts[4] === 'prev'
		) {
			return previousClose(parts[3], res);
		}
		if (url.pathname === '/v3/reference/tickers') return tickers(url, res);
		send(res, 404, { status: 'NOT_FOUND', request_id: requestId(), message: 'Data not found.' });
		return 404;
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', origin);
		if (req.method === 'OPTIONS') {
			res.writeHead(204, {
				'Access-Control-Allow-Origin': '*',
				'Access-Control-Allow-Headers': 'authorization',
				'Access-Control-Allow-Methods': 'GET',
				'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S)
			});
			res.end();
			return;
		}
		if (url.pathname.startsWith('/__mock/')) return control(url, req, res);
		const header = req.headers.authorization;
		const auth = header === undefined ? 'missing' : header === `Bearer ${key}` ? 'valid' : 'invalid';
		let status = 500;
		try {
			status = api(url, req, res);
		} catch (e) {
			send(res, 500, {
				status: 'ERROR',
				request_id: requestId(),
				error: `Mock failure: ${(e as Error).message}`
			});
		}
		calls.push({ path: url.pathname + url.search, auth, status });
	});

	const listening = await listenOnLoopback(server, options.port ?? 0);
	origin = listening.origin;

	return {
		origin,
		close: listening.close,
		stats: () => ({ calls: calls.map((c) => ({ ...c })) }),
		reset: () => {
			calls = [];
			failures = null;
		},
		failNext
	};
}

if (isMain(import.meta.url)) {
	await serveFromCli(MOCK_POLYGON_DEFAULT_PORT, (port) =>
		startPolygonMock({ port, includeVolume: process.env.POLYGON_MOCK_VOLUME === '1' })
	);
}
