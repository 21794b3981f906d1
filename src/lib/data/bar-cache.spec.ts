import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { checkBars, isoDate, type Bars } from '../domain/series';
import {
	barCacheRecordSchema,
	cacheKey,
	canonicalBarsSha256,
	createMemoryBarCacheStore,
	fetchBarsCached,
	isDayCacheable
} from './bar-cache';
import { parseOhlcvCsv } from './csv-bars';
import { ConnectorError } from './http-types';
import { nyMidnight } from './market-days';
import type { AggregatesRequest, AggregatesResult, PolygonClient } from './polygon';

// Real daily S&P 500 bars (vega-datasets, source Yahoo), stamped as Polygon stamps daily bars.
const FILE = parseOhlcvCsv(readFileSync('node_modules/vega-datasets/data/sp500-2000.csv', 'utf8'));
const SPX = Array.from(FILE.t, (t, i) => ({
	day: isoDate(t),
	t: nyMidnight(isoDate(t)),
	o: FILE.open[i],
	h: FILE.high[i],
	l: FILE.low[i],
	c: FILE.close[i],
	v: FILE.volume[i]
}));
type Row = (typeof SPX)[number];

/** 15:00 in New York on 2020-04-17, the file's last day: that day is still open. */
const DURING_LAST_DAY = Date.UTC(2020, 3, 17, 19);
const AFTER_LAST_DAY = Date.UTC(2020, 3, 18, 12);

function toBars(rows: readonly Row[]): Bars {
	return {
		t: Float64Array.from(rows, (r) => r.t),
		open: Float64Array.from(rows, (r) => r.o),
		high: Float64Array.from(rows, (r) => r.h),
		low: Float64Array.from(rows, (r) => r.l),
		close: Float64Array.from(rows, (r) => r.c),
		volume: Float64Array.from(rows, (r) => r.v)
	};
}

/** A client over the real rows that records what it was asked; `revise` lets a test change a bar's data. */
function fakeClient(rows: readonly Row[] = SPX) {
	const asked: AggregatesRequest[] = [];
	let revise: (r: Row) => Row = (r) => r;
	let failAfter = Number.POSITIVE_INFINITY;
	const client: Pick<PolygonClient, 'aggregates'> = {
		async aggregates(request) {
			if (asked.length >= failAfter) throw new ConnectorError('rate_limited', 'Polygon rate limit', 429);
			asked.push(request);
			const picked = rows.filter((r) => r.day >= request.from && r.day <= request.to).map(revise);
			const bytes = new TextEncoder().encode(JSON.stringify(picked.map(({ day: _, ...bar }) => bar)));
			const result: AggregatesResult = {
				bars: toBars(picked),
				volumeMissing: 0,
				endpoint: `/v2/aggs/ticker/${request.ticker}/range/1/day/${request.from}/${request.to}`,
				pages: 1,
				sha256: bytesToHex(sha256(bytes)),
				pageBytes: [bytes],
				retrievedAt: '2020-04-17T19:00:00.000Z',
				resultsCount: picked.length
			};
			return result;
		}
	};
	return {
		client,
		asked: () => asked.map((a) => [a.from, a.to]),
		setRevise: (f: (r: Row) => Row) => (revise = f),
		failAfterCalls: (n: number) => (failAfter = n)
	};
}

function setup(now = DURING_LAST_DAY) {
	const fake = fakeClient();
	const store = createMemoryBarCacheStore();
	const clock = { now };
	const deps = { client: fake.client, store, now: () => clock.now };
	return { fake, store, clock, deps };
}

const spx = (from: string, to: string): AggregatesRequest => ({
	ticker: 'I:SPX',
	multiplier: 1,
	timespan: 'day',
	from,
	to
});

describe('the bar cache', () => {
	it('makes one network call for the same closed-day request asked twice', async () => {
		const { fake, deps } = setup();
		const first = await fetchBarsCached(deps, spx('2020-01-02', '2020-03-31'));
		const second = await fetchBarsCached(deps, spx('2020-01-02', '2020-03-31'));
		expect(fake.asked()).toEqual([['2020-01-02', '2020-03-31']]);
		expect(first).toMatchObject({ calls: 1, fromCache: false });
		expect(second).toMatchObject({ calls: 0, fromCache: true, fetched: [] });
		expect(second.bars).toEqual(first.bars);
		expect(second.bars.t.length).toBe(62);
	});

	it('fetches only the missing days when a longer range is asked for', async () => {
		const { fake, deps } = setup();
		await fetchBarsCached(deps, spx('2020-03-02', '2020-03-31'));
		const longer = await fetchBarsCached(deps, spx('2020-02-03', '2020-04-09'));
		expect(longer.fetched).toEqual([
			['2020-02-03', '2020-03-01'],
			['2020-04-01', '2020-04-09']
		]);
		// Each new range goes out with the cached bar next to it, to check the adjusted prices did not change.
		expect(fake.asked().slice(1)).toEqual([
			['2020-02-03', '2020-03-02'],
			['2020-03-31', '2020-04-09']
		]);
		const direct = await fakeClient().client.aggregates(spx('2020-02-03', '2020-04-09'));
		expect(longer.bars).toEqual(direct.bars);
	});

	it('starts again when adjusted prices changed under the cache (a split), never mixing two price bases', async () => {
		const { fake, deps } = setup();
		await fetchBarsCached(deps, spx('2020-03-02', '2020-03-31'));
		// A 2-for-1 split after the first fetch: every earlier adjusted price is halved.
		fake.setRevise((r) => ({ ...r, o: r.o / 2, h: r.h / 2, l: r.l / 2, c: r.c / 2 }));
		const longer = await fetchBarsCached(deps, spx('2020-03-02', '2020-04-09'));
		expect(fake.asked().slice(1)).toEqual([
			['2020-03-31', '2020-04-09'],
			['2020-03-02', '2020-04-09']
		]);
		const halved = SPX.filter((r) => r.day >= '2020-03-02' && r.day <= '2020-04-09').map((r) => r.c / 2);
		expect(Array.from(longer.bars.close)).toEqual(halved);
		expect(checkBars(longer.bars)).toBeNull();
		expect(longer.fetched).toEqual([['2020-03-02', '2020-04-09']]);
	});

	it('re-fetches today on every call and never records it as covered', async () => {
		const { fake, store, deps } = setup();
		const req = spx('2020-04-13', '2020-04-17');
		await fetchBarsCached(deps, req);
		const again = await fetchBarsCached(deps, req);
		const third = await fetchBarsCached(deps, req);
		expect(fake.asked()).toEqual([
			['2020-04-13', '2020-04-17'],
			['2020-04-16', '2020-04-17'],
			['2020-04-16', '2020-04-17']
		]);
		expect(again).toMatchObject({ calls: 1, fromCache: false });
		expect(third.bars.t.length).toBe(5);
		const record = await store.get(
			cacheKey({ ticker: 'I:SPX', multiplier: 1, timespan: 'day', adjusted: true })
		);
		expect(record?.covered).toEqual([['2020-04-13', '2020-04-16']]);
	});

	it('fetches yesterday once more after midnight, then serves it from cache for good', async () => {
		const { fake, deps, clock } = setup();
		const req = spx('2020-04-13', '2020-04-17');
		await fetchBarsCached(deps, req);
		clock.now = AFTER_LAST_DAY;
		expect((await fetchBarsCached(deps, req)).fetched).toEqual([['2020-04-17', '2020-04-17']]);
		expect(await fetchBarsCached(deps, req)).toMatchObject({ calls: 0, fromCache: true });
		expect(fake.asked()).toHaveLength(2);
	});

	it('replaces a bar re-fetched with new data instead of keeping two with the same time', async () => {
		const { fake, store, deps } = setup();
		const req = spx('2020-04-13', '2020-04-17');
		await fetchBarsCached(deps, req);
		fake.setRevise((r) => (r.day === '2020-04-17' ? { ...r, c: r.c + 1 } : r));
		const after = await fetchBarsCached(deps, req);
		const last = SPX[SPX.length - 1];
		expect(after.bars.t.length).toBe(5);
		expect(after.bars.close[4]).toBe(last.c + 1);
		const record = await store.get('polygon|I:SPX|1|day|adj');
		expect(record?.bars.t.length).toBe(5);
	});

	it('keeps the stored series sorted with strictly increasing times after overlapping fetches', async () => {
		const { store, deps } = setup();
		for (const [from, to] of [
			['2020-03-10', '2020-03-20'],
			['2020-01-02', '2020-01-31'],
			['2020-03-01', '2020-04-17'],
			['2019-12-01', '2020-04-17']
		] as const) {
			const r = await fetchBarsCached(deps, spx(from, to));
			expect(checkBars(r.bars)).toBeNull();
		}
		const record = await store.get('polygon|I:SPX|1|day|adj');
		expect(record).toBeDefined();
		expect(checkBars(record!.bars)).toBeNull();
		expect(barCacheRecordSchema.safeParse(record).success).toBe(true);
		expect(record!.covered).toEqual([['2019-12-01', '2020-04-16']]);
		expect(Array.from(record!.bars.t)).toEqual(SPX.filter((r) => r.day >= '2019-12-01').map((r) => r.t));
	});

	it('treats closed weekends and holidays as covered even though they have no bars', async () => {
		const { fake, deps } = setup();
		await fetchBarsCached(deps, spx('2020-04-11', '2020-04-12')); // Saturday and Sunday
		const again = await fetchBarsCached(deps, spx('2020-04-11', '2020-04-12'));
		expect(again).toMatchObject({ calls: 0, fromCache: true });
		expect(again.bars.t.length).toBe(0);
		expect(fake.asked()).toHaveLength(1);
	});

	it('keeps what was fetched before a failure halfway through', async () => {
		const { fake, store, deps } = setup();
		await fetchBarsCached(deps, spx('2020-02-01', '2020-02-29'));
		fake.failAfterCalls(2);
		await expect(fetchBarsCached(deps, spx('2020-01-01', '2020-03-31'))).rejects.toMatchObject({
			code: 'rate_limited'
		});
		const record = await store.get('polygon|I:SPX|1|day|adj');
		expect(record?.covered).toEqual([['2020-01-01', '2020-02-29']]);
	});

	it('hashes the fetched response bytes, or the cached bars when nothing was fetched', async () => {
		const { deps } = setup();
		const req = spx('2020-03-02', '2020-03-06');
		const fetched = await fetchBarsCached(deps, req);
		const rows = SPX.filter((r) => r.day >= '2020-03-02' && r.day <= '2020-03-06').map(
			({ day: _, ...bar }) => bar
		);
		expect(fetched.provenanceParts).toMatchObject({
			hashOf: 'response_bytes',
			sha256: bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(rows)))),
			endpoints: ['/v2/aggs/ticker/I:SPX/range/1/day/2020-03-02/2020-03-06']
		});
		const cached = await fetchBarsCached(deps, req);
		expect(cached.provenanceParts).toMatchObject({ hashOf: 'cached_bars', endpoints: [] });
		expect(cached.provenanceParts.sha256).toBe(canonicalBarsSha256(cached.bars));
		expect(cached.provenanceParts.barsSha256).toBe(fetched.provenanceParts.barsSha256);
	});

	it('caches intraday bars of a closed day too', async () => {
		// The file's real daily values, re-stamped hourly: the cache only looks at `t`, never at prices.
		const day = nyMidnight('2020-04-14');
		const hourly = SPX.slice(0, 8).map((r, i) => ({ ...r, day: '2020-04-14', t: day + (9 + i) * 3_600_000 }));
		const fake = fakeClient(hourly);
		const deps = { client: fake.client, store: createMemoryBarCacheStore(), now: () => DURING_LAST_DAY };
		const req: AggregatesRequest = { ...spx('2020-04-14', '2020-04-14'), multiplier: 1, timespan: 'hour' };
		expect((await fetchBarsCached(deps, req)).bars.t.length).toBe(8);
		expect(await fetchBarsCached(deps, req)).toMatchObject({ calls: 0, fromCache: true });
		expect(fake.asked()).toHaveLength(1);
	});

	it('fetches week bars whole every time, since their buckets depend on the window', async () => {
		const { fake, store, deps } = setup();
		const req: AggregatesRequest = { ...spx('2020-01-06', '2020-03-27'), timespan: 'week' };
		await fetchBarsCached(deps, req);
		await fetchBarsCached(deps, req);
		expect(fake.asked()).toHaveLength(2);
		expect(store.size()).toBe(0);
		expect(isDayCacheable(5, 'minute')).toBe(true);
		expect(isDayCacheable(7, 'minute')).toBe(false);
		expect(isDayCacheable(2, 'day')).toBe(false);
	});

	it('hashes bars canonically: little-endian float64 columns, one bit pattern for NaN', () => {
		const one = (v: number): Bars => ({
			t: Float64Array.of(1),
			open: Float64Array.of(2),
			high: Float64Array.of(3),
			low: Float64Array.of(1),
			close: Float64Array.of(2),
			volume: Float64Array.of(v)
		});
		const bytes = new Uint8Array(48);
		const view = new DataView(bytes.buffer);
		[1, 2, 3, 1, 2].forEach((v, i) => view.setFloat64(i * 8, v, true));
		view.setUint32(44, 0x7ff80000, true);
		expect(canonicalBarsSha256(one(Number.NaN))).toBe(bytesToHex(sha256(bytes)));
		expect(canonicalBarsSha256(one(0 / 0))).toBe(canonicalBarsSha256(one(Number.NaN)));
	});

	it('keys a series by ticker, bar size and adjustment, never by host or key', () => {
		expect(cacheKey({ ticker: 'i:spx', multiplier: 1, timespan: 'day', adjusted: true })).toBe(
			'polygon|I:SPX|1|day|adj'
		);
		expect(cacheKey({ ticker: 'AAPL', multiplier: 5, timespan: 'minute', adjusted: false })).toBe(
			'polygon|AAPL|5|minute|raw'
		);
	});
});
