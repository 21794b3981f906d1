import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPROVED_SOURCE_HOSTS } from '../compliance/hosts.js';
import { newBarsDataset } from '../data/dataset-record';
import { createHttpClient, type FetchLike } from '../data/http';
import { createPolygonClient } from '../data/polygon';
import {
	createLocalLocks,
	createMemoryLimiterStore,
	createRateLimiter,
	POLYGON_FREE_CALLS_PER_MINUTE,
	RATE_WINDOW_MS
} from '../data/rate-limiter';
import { MlTrainerDb } from '../db/database';
import { createVirtualClock, worstWindow } from '../testing/virtual-clock';
import { fetchUniverseWith, type FetchOne, type UniverseFetchProgress } from './universe-fetch';
import { createFromPreset, createUniverse, parseTickers } from './universes';

const START_MS = Date.UTC(2025, 0, 2, 14, 30);
const BASE = 'https://api.polygon.io';

let db: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`universe-fetch-${n++}`);
	await db.open();
});
afterEach(async () => db.delete());

/**
 * The real Polygon client on the real HTTP client and rate limiter (free plan: 5 calls a minute), on a virtual
 * clock; the fake server answers two daily bars per ticker, or 404 for the tickers in `missing`.
 */
function polygonOnVirtualClock(missing: readonly string[] = []) {
	const clock = createVirtualClock(START_MS);
	const requests: { ticker: string; at: number }[] = [];
	const fetch: FetchLike = async (url) => {
		const ticker = decodeURIComponent(new URL(url).pathname.split('/')[4]);
		requests.push({ ticker, at: clock.now() });
		if (missing.includes(ticker)) return new Response('{"status":"NOT_FOUND"}', { status: 404 });
		const bar = (t: number, c: number) => ({ t, o: c, h: c + 1, l: c - 1, c, v: 1000 });
		const results = [bar(Date.UTC(2024, 0, 2, 5), 100), bar(Date.UTC(2024, 0, 3, 5), 101)];
		return new Response(JSON.stringify({ status: 'OK', resultsCount: 2, results }), { status: 200 });
	};
	const http = createHttpClient({
		fetch,
		limiter: createRateLimiter({ store: createMemoryLimiterStore(), locks: createLocalLocks(), clock }),
		clock,
		allowedOrigins: APPROVED_SOURCE_HOSTS.polygon.hosts,
		random: () => 0.5
	});
	const client = createPolygonClient({ http, base: BASE, apiKey: () => 'k', now: clock.now });
	const fetchOne: FetchOne = async (request, signal) => {
		const r = await client.aggregates(request, signal);
		const id = `polygon-${request.ticker.toLowerCase()}-1day`;
		const record = newBarsDataset({
			id,
			name: request.ticker,
			symbol: request.ticker,
			frequency: 'daily',
			provenance: {
				source: 'polygon',
				origin: BASE,
				retrievedAt: new Date(clock.now()).toISOString(),
				sha256: 'x',
				rows: r.bars.t.length,
				firstT: r.bars.t[0],
				lastT: r.bars.t[r.bars.t.length - 1]
			},
			bars: r.bars,
			bundled: false,
			request: null,
			now: clock.now()
		});
		return { record, newRows: r.bars.t.length, unchanged: false, fromCache: false };
	};
	return { clock, requests, fetchOne };
}

describe('fetching a universe', () => {
	it('fetches the 8 ETFs of the original default in turn, never more than 5 calls in any minute', async () => {
		const u = await createFromPreset(db);
		const { clock, requests, fetchOne } = polygonOnVirtualClock();
		const progress: UniverseFetchProgress[] = [];
		const outcomes = await fetchUniverseWith(
			db,
			fetchOne,
			u.id,
			{ from: '2024-01-02', to: '2024-01-03' },
			{ onProgress: (p) => progress.push(p) }
		);
		expect(requests.map((r) => r.ticker)).toEqual(['SPY', 'QQQ', 'IWM', 'DIA', 'EFA', 'EEM', 'TLT', 'GLD']);
		expect(
			worstWindow(
				requests.map((r) => r.at),
				RATE_WINDOW_MS
			)
		).toBe(POLYGON_FREE_CALLS_PER_MINUTE);
		// The sixth call waits for the first to leave the window.
		expect(requests[5].at - requests[0].at).toBeGreaterThanOrEqual(RATE_WINDOW_MS);
		expect(clock.elapsedMs()).toBeLessThan(2 * RATE_WINDOW_MS);
		expect(outcomes.map((o) => [o.symbol, o.ok, o.ok && o.rows])).toEqual(
			u.members.map((m) => [m.symbol, true, 2])
		);
		expect(progress.filter((p) => p.state === 'fetching').map((p) => p.index)).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7
		]);
		expect(progress.filter((p) => p.state === 'done')).toHaveLength(8);
		expect(progress.every((p) => p.total === 8)).toBe(true);
	});

	it('goes on after a member fails, with its code and reason, and skips a series that is not Polygon bars', async () => {
		const u = await createUniverse(db, {
			name: 'Mixed',
			members: [
				...parseTickers('SPY NOPE'),
				{ symbol: 'DEMO', seriesKey: 'sp500-demo' },
				...parseTickers('GLD')
			]
		});
		const { requests, fetchOne } = polygonOnVirtualClock(['NOPE']);
		const outcomes = await fetchUniverseWith(db, fetchOne, u.id, { from: '2024-01-02', to: '2024-01-03' });
		expect(requests.map((r) => r.ticker)).toEqual(['SPY', 'NOPE', 'GLD']);
		expect(outcomes.map((o) => [o.symbol, o.ok ? 'ok' : o.code])).toEqual([
			['SPY', 'ok'],
			['NOPE', 'not_found'],
			['DEMO', 'not_polygon'],
			['GLD', 'ok']
		]);
		const demo = outcomes[2];
		expect(!demo.ok && demo.reason).toMatch(/sp500-demo is not Polygon daily bars of DEMO/);
	});

	it('stops calling once aborted, reporting the members it did not fetch', async () => {
		const u = await createUniverse(db, { name: 'Three', members: parseTickers('SPY QQQ IWM') });
		const { requests, fetchOne } = polygonOnVirtualClock();
		const controller = new AbortController();
		const outcomes = await fetchUniverseWith(
			db,
			fetchOne,
			u.id,
			{ from: '2024-01-02', to: '2024-01-03' },
			{ signal: controller.signal, onProgress: (p) => p.state === 'done' && controller.abort() }
		);
		expect(requests).toHaveLength(1);
		expect(outcomes.map((o) => (o.ok ? 'ok' : o.code))).toEqual(['ok', 'aborted', 'aborted']);
	});
});
