/**
 * Polygon.io / Massive REST client: aggregates (bars), previous close and ticker search. It owns the request
 * shapes and reads responses through the schemas of polygon-schemas.ts; transport, rate limits and retries
 * belong to the HttpClient it is given.
 *
 * The key travels only in `Authorization: Bearer`, never in a URL: URLs end up in logs, provenance records and
 * caches, headers do not.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { z } from 'zod';
import { AppError } from '../domain/errors';
import { allocateBars, type Bars } from '../domain/series';
import { ConnectorError, type HttpClient, type HttpResult } from './http-types';
import { isDay } from './market-days';
import { aggsPageSchema, errorBodySchema, tickersPageSchema, type AggBar } from './polygon-schemas';

export const POLYGON_TIMESPANS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type PolygonTimespan = (typeof POLYGON_TIMESPANS)[number];

/** Polygon's own cap on results per aggregates page; asking for it means the fewest calls on a 5/min plan. */
export const POLYGON_AGGS_PAGE_LIMIT_BARS = 50_000;
/** A guard against a server that never stops paging: 100 × 50,000 bars is far past any sane request. */
export const POLYGON_MAX_PAGES = 100;
/** Bounds the multiplier to what a research request can mean (Polygon itself accepts any positive integer). */
export const POLYGON_MAX_MULTIPLIER = 1_000;
export const POLYGON_SEARCH_DEFAULT_LIMIT = 20;
/** Polygon's documented maximum for /v3/reference/tickers. */
export const POLYGON_SEARCH_MAX_LIMIT = 1_000;
export const POLYGON_SEARCH_MAX_QUERY_CHARS = 64;

/** Stock (AAPL, BRK.B), index (I:SPX), crypto (X:BTCUSD) and forex (C:EURUSD) tickers all fit. */
export const TICKER_PATTERN = /^[A-Z0-9.:-]{1,24}$/;

const NO_KEY_MESSAGE = 'Add your Polygon/Massive API key in Settings to download market data.';

export interface AggregatesRequest {
	readonly ticker: string;
	readonly multiplier: number;
	readonly timespan: PolygonTimespan;
	/** New York calendar days, inclusive. */
	readonly from: string;
	readonly to: string;
	/** Split-adjusted prices; Polygon's default is true. */
	readonly adjusted?: boolean;
}

export interface AggregatesResult {
	/** Ascending, unique `t` (epoch ms, bar start). */
	readonly bars: Bars;
	/**
	 * Bars whose response had no `v`. Index aggregates (I:SPX) carry no volume at all: their volume is NaN
	 * ("not reported"), never an invented 0, and this count tells the caller so.
	 */
	readonly volumeMissing: number;
	/** Path and query of the first page, without host or key: the provenance `origin`. */
	readonly endpoint: string;
	readonly pages: number;
	/** Hex SHA-256 over the raw body bytes of every page, concatenated in the order fetched. */
	readonly sha256: string;
	/** Those raw bodies, in order: for hashing across several requests, or for an audit copy. */
	readonly pageBytes: readonly Uint8Array[];
	/** When the last page arrived (ISO). */
	readonly retrievedAt: string;
	/** Sum of the pages' `resultsCount`, before duplicates across pages were removed. */
	readonly resultsCount: number;
}

export interface PreviousCloseBar {
	readonly t: number;
	readonly open: number;
	readonly high: number;
	readonly low: number;
	readonly close: number;
	/** NaN when the response has no volume (indices). */
	readonly volume: number;
}

export interface PreviousCloseResult {
	readonly ticker: string;
	/** Null when Polygon has no bar for the ticker. */
	readonly bar: PreviousCloseBar | null;
	readonly endpoint: string;
	readonly sha256: string;
	readonly retrievedAt: string;
}

export interface TickerInfo {
	readonly ticker: string;
	readonly name: string;
	readonly market: string;
	readonly locale: string;
	readonly primaryExchange?: string;
	readonly type?: string;
	readonly active: boolean;
	readonly currencyName?: string;
}

export interface PolygonClient {
	aggregates(request: AggregatesRequest, signal?: AbortSignal): Promise<AggregatesResult>;
	previousClose(ticker: string, signal?: AbortSignal): Promise<PreviousCloseResult>;
	searchTickers(query: string, options?: { limit?: number }, signal?: AbortSignal): Promise<TickerInfo[]>;
}

export interface PolygonClientOptions {
	readonly http: HttpClient;
	/** Origin only: https://api.polygon.io, https://api.massive.com or a build-time extra host. */
	readonly base: string;
	/** Read on every call, so a key added or removed in Settings applies at once. */
	readonly apiKey: () => string | undefined;
	/** Injected for tests; defaults to Date.now. */
	readonly now?: () => number;
}

// ---- request validation ----

function invalid(message: string): AppError {
	return new AppError('invalid_spec', message);
}

/** Uppercases and checks a ticker; throws AppError('invalid_spec') otherwise. */
export function normalizeTicker(ticker: string): string {
	const t = ticker.trim().toUpperCase();
	if (!TICKER_PATTERN.test(t)) throw invalid(`"${ticker}" is not a ticker (letters, digits, . : - only)`);
	return t;
}

/**
 * Percent-encodes a path segment but keeps ':' literal: ':' is legal in a path (RFC 3986 pchar), and index
 * tickers are sent as I:SPX by Polygon's own clients, so that is the form known to route.
 */
function pathSegment(text: string): string {
	return encodeURIComponent(text).replace(/%3A/gi, ':');
}

/** Validates and normalises a request (uppercased ticker, `adjusted` filled in); throws AppError('invalid_spec'). */
export function checkAggregatesRequest(request: AggregatesRequest): Required<AggregatesRequest> {
	const ticker = normalizeTicker(request.ticker);
	const { multiplier, timespan, from, to } = request;
	if (!Number.isInteger(multiplier) || multiplier < 1 || multiplier > POLYGON_MAX_MULTIPLIER) {
		throw invalid(`multiplier must be a whole number from 1 to ${POLYGON_MAX_MULTIPLIER}, got ${multiplier}`);
	}
	if (!POLYGON_TIMESPANS.includes(timespan)) throw invalid(`unknown timespan "${timespan}"`);
	if (!isDay(from)) throw invalid(`from "${from}" is not a YYYY-MM-DD day`);
	if (!isDay(to)) throw invalid(`to "${to}" is not a YYYY-MM-DD day`);
	if (from > to) throw invalid(`from ${from} is after to ${to}`);
	return { ticker, multiplier, timespan, from, to, adjusted: request.adjusted ?? true };
}

/** The path and query of an aggregates request, without host or key. */
export function aggregatesEndpoint(request: AggregatesRequest): string {
	const r = checkAggregatesRequest(request);
	const query = new URLSearchParams({
		adjusted: String(r.adjusted),
		sort: 'asc',
		limit: String(POLYGON_AGGS_PAGE_LIMIT_BARS)
	});
	return `/v2/aggs/ticker/${pathSegment(r.ticker)}/range/${r.multiplier}/${r.timespan}/${r.from}/${r.to}?${query}`;
}

function normalizeBase(base: string): string {
	let url: URL;
	try {
		url = new URL(base);
	} catch {
		throw invalid(`Polygon base "${base}" is not a URL`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`Polygon base must be http(s)`);
	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
		throw invalid(`Polygon base must be a bare origin, got "${base}"`);
	}
	return url.origin;
}

// ---- response handling ----

function badResponse(message: string, status?: number): ConnectorError {
	return new ConnectorError('bad_response', message, status);
}

function parseJson(result: HttpResult): unknown {
	try {
		return JSON.parse(result.text);
	} catch {
		throw badResponse('Polygon sent a response that is not JSON.', result.status);
	}
}

/** Parses a page: a documented error body in a 2xx becomes bad_response with Polygon's own words. */
function parsePage<T>(result: HttpResult, schema: z.ZodType<T>): T {
	const body = parseJson(result);
	const asError = errorBodySchema.safeParse(body);
	if (asError.success) {
		const said = asError.data.error ?? asError.data.message ?? asError.data.status;
		throw badResponse(`Polygon answered with an error: ${said}`, result.status);
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unknown shape';
		throw badResponse(`Polygon's response has an unexpected shape (${where}).`, result.status);
	}
	return parsed.data;
}

/** Builds ascending, unique bars; a `t` repeated across pages keeps the row that arrived last. */
function toBars(rows: readonly AggBar[]): { bars: Bars; volumeMissing: number } {
	const lastIndexOfT = new Map<number, number>();
	rows.forEach((row, i) => lastIndexOfT.set(row.t, i));
	const order = [...lastIndexOfT.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i);
	const n = order.length;
	const bars = allocateBars(n);
	let volumeMissing = 0;
	order.forEach((rowIndex, k) => {
		const row = rows[rowIndex];
		bars.t[k] = row.t;
		bars.open[k] = row.o;
		bars.high[k] = row.h;
		bars.low[k] = row.l;
		bars.close[k] = row.c;
		if (row.v === undefined) volumeMissing++;
		bars.volume[k] = row.v ?? Number.NaN;
	});
	return { bars, volumeMissing };
}

function concatHash(chunks: readonly Uint8Array[]): string {
	const h = sha256.create();
	for (const c of chunks) h.update(c);
	return bytesToHex(h.digest());
}

export function createPolygonClient(options: PolygonClientOptions): PolygonClient {
	const base = normalizeBase(options.base);
	const now = options.now ?? Date.now;

	function authHeaders(): Record<string, string> {
		const key = options.apiKey()?.trim();
		if (!key) throw new ConnectorError('no_key', NO_KEY_MESSAGE);
		return { Authorization: `Bearer ${key}` };
	}

	function get(url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<HttpResult> {
		return options.http.get({ provider: 'polygon', url, headers, signal });
	}

	/** Accepts a next_url only back to our own origin and the aggregates path; strips any key it carries. */
	function checkNextUrl(next: string): string {
		let url: URL;
		try {
			url = new URL(next);
		} catch {
			throw badResponse('Polygon sent a next page link that is not a URL.');
		}
		if (url.origin !== base || !url.pathname.startsWith('/v2/aggs/')) {
			throw badResponse(
				`Polygon sent a next page link to an unexpected place (${url.origin}${url.pathname}).`
			);
		}
		// Touch the query only if it must change: re-serialising could re-encode Polygon's opaque cursor.
		if (url.searchParams.has('apiKey')) url.searchParams.delete('apiKey');
		url.hash = '';
		return url.toString();
	}

	async function aggregates(request: AggregatesRequest, signal?: AbortSignal): Promise<AggregatesResult> {
		const r = checkAggregatesRequest(request);
		const endpoint = aggregatesEndpoint(r);
		const headers = authHeaders();
		const rows: AggBar[] = [];
		const chunks: Uint8Array[] = [];
		const seen = new Set<string>();
		let url: string | undefined = base + endpoint;
		let resultsCount = 0;
		while (url !== undefined) {
			if (chunks.length === POLYGON_MAX_PAGES) {
				throw badResponse(`Polygon kept paging past ${POLYGON_MAX_PAGES} pages; narrow the date range.`);
			}
			if (seen.has(url)) throw badResponse('Polygon sent a next page link that loops back.');
			seen.add(url);
			const result = await get(url, headers, signal);
			chunks.push(result.bytes);
			const page = parsePage(result, aggsPageSchema);
			if (page.ticker !== undefined && page.ticker.toUpperCase() !== r.ticker) {
				throw badResponse(`Polygon answered for ${page.ticker}, not ${r.ticker}.`, result.status);
			}
			resultsCount += page.resultsCount;
			// A loop, not push(...results): 50,000 spread arguments can overflow some engines' call stacks.
			for (const row of page.results ?? []) rows.push(row);
			url = page.next_url ? checkNextUrl(page.next_url) : undefined;
		}
		const { bars, volumeMissing } = toBars(rows);
		return {
			bars,
			volumeMissing,
			endpoint,
			pages: chunks.length,
			sha256: concatHash(chunks),
			pageBytes: chunks,
			retrievedAt: new Date(now()).toISOString(),
			resultsCount
		};
	}

	async function previousClose(ticker: string, signal?: AbortSignal): Promise<PreviousCloseResult> {
		const t = normalizeTicker(ticker);
		const endpoint = `/v2/aggs/ticker/${pathSegment(t)}/prev?adjusted=true`;
		const result = await get(base + endpoint, authHeaders(), signal);
		const page = parsePage(result, aggsPageSchema);
		const row = page.results?.[page.results.length - 1];
		return {
			ticker: t,
			bar: row
				? { t: row.t, open: row.o, high: row.h, low: row.l, close: row.c, volume: row.v ?? Number.NaN }
				: null,
			endpoint,
			sha256: concatHash([result.bytes]),
			retrievedAt: new Date(now()).toISOString()
		};
	}

	async function searchTickers(
		query: string,
		searchOptions: { limit?: number } = {},
		signal?: AbortSignal
	): Promise<TickerInfo[]> {
		const q = query.trim();
		if (q.length === 0 || q.length > POLYGON_SEARCH_MAX_QUERY_CHARS) {
			throw invalid(`a ticker search needs 1 to ${POLYGON_SEARCH_MAX_QUERY_CHARS} characters`);
		}
		const limit = searchOptions.limit ?? POLYGON_SEARCH_DEFAULT_LIMIT;
		if (!Number.isInteger(limit) || limit < 1 || limit > POLYGON_SEARCH_MAX_LIMIT) {
			throw invalid(`search limit must be a whole number from 1 to ${POLYGON_SEARCH_MAX_LIMIT}`);
		}
		const params = new URLSearchParams({ search: q, active: 'true', limit: String(limit) });
		// One page only: a search box wants the best matches, not every ticker that contains "a".
		const result = await get(`${base}/v3/reference/tickers?${params}`, authHeaders(), signal);
		const page = parsePage(result, tickersPageSchema);
		return (page.results ?? []).map((x) => ({
			ticker: x.ticker,
			name: x.name,
			market: x.market,
			locale: x.locale,
			primaryExchange: x.primary_exchange,
			type: x.type,
			active: x.active,
			currencyName: x.currency_name
		}));
	}

	return { aggregates, previousClose, searchTickers };
}
