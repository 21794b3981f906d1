/**
 * The bar cache: on a 5-calls-a-minute plan the cache is the product (ARCHITECTURE §5). Bars of a closed New
 * York day never change, so each closed day is fetched once per series and kept; the open day (today) is
 * fetched on every request and never recorded as covered. A longer request fetches only the days it lacks.
 *
 * Only series whose bars each fall inside one day are cached (daily bars, and intraday bars whose buckets divide
 * the hour or the day): a week, month or multi-day bar changes with the window it is asked over, so those are
 * fetched whole every time and not stored.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { allocateBars, BAR_FIELDS, sliceBars, type Bars } from '../domain/series';
import {
	addDays,
	clipRange,
	mergeRanges,
	nyDate,
	nyMidnight,
	subtractRanges,
	type DayRange
} from './market-days';
import {
	POLYGON_TIMESPANS,
	checkAggregatesRequest,
	normalizeTicker,
	type AggregatesRequest,
	type PolygonClient,
	type PolygonTimespan
} from './polygon';

const MINUTES_PER_HOUR = 60;
const HOURS_PER_DAY = 24;

export interface BarCacheKeyParts {
	readonly ticker: string;
	readonly multiplier: number;
	readonly timespan: PolygonTimespan;
	readonly adjusted: boolean;
}

/**
 * The request without key, host or dates: Polygon and Massive serve the same data, so switching hosts keeps
 * the cache.
 */
export function cacheKey(parts: BarCacheKeyParts): string {
	const ticker = normalizeTicker(parts.ticker);
	return `polygon|${ticker}|${parts.multiplier}|${parts.timespan}|${parts.adjusted ? 'adj' : 'raw'}`;
}

/** Whether every bar of this series lies inside one New York day, so a day's bars can be cached by day. */
export function isDayCacheable(multiplier: number, timespan: PolygonTimespan): boolean {
	if (timespan === 'day') return multiplier === 1;
	if (timespan === 'hour') return HOURS_PER_DAY % multiplier === 0;
	if (timespan === 'minute') return MINUTES_PER_HOUR % multiplier === 0;
	return false;
}

export interface BarCacheRecord {
	readonly key: string;
	readonly ticker: string;
	readonly multiplier: number;
	readonly timespan: PolygonTimespan;
	readonly adjusted: boolean;
	/** Closed-day ranges already fetched, merged and sorted. Days without bars (weekends) count as covered. */
	readonly covered: [string, string][];
	/** Ascending unique `t`; volume NaN where Polygon reports none (indices). */
	readonly bars: Bars;
	/** Epoch ms of the last write. */
	readonly updatedAt: number;
}

const column = z.custom<Float64Array>((v) => v instanceof Float64Array, {
	error: 'expected a Float64Array column'
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// Not barsSchema: that refuses NaN volume, which is how an index's missing volume is stored.
const cachedBarsSchema = z
	.object({ t: column, open: column, high: column, low: column, close: column, volume: column })
	.superRefine((bars, ctx) => {
		const n = bars.t.length;
		for (const field of BAR_FIELDS) {
			if (bars[field].length !== n)
				ctx.addIssue({ code: 'custom', message: `${field} length`, path: [field] });
		}
		for (let i = 1; i < n; i++) {
			if (!(bars.t[i] > bars.t[i - 1])) {
				ctx.addIssue({ code: 'custom', message: `t not strictly ascending at row ${i}`, path: ['t'] });
				return;
			}
		}
	});

export const barCacheRecordSchema = z.object({
	key: z.string().min(1),
	ticker: z.string().min(1),
	multiplier: z.number().int().positive(),
	timespan: z.enum(POLYGON_TIMESPANS),
	adjusted: z.boolean(),
	covered: z.array(z.tuple([day, day])),
	bars: cachedBarsSchema,
	updatedAt: z.number().finite()
});

export interface BarCacheStore {
	get(key: string): Promise<BarCacheRecord | undefined>;
	put(record: BarCacheRecord): Promise<void>;
}

/** An in-memory store, copying on the way in and out as IndexedDB's structured clone does. */
export function createMemoryBarCacheStore(): BarCacheStore & { readonly size: () => number } {
	const records = new Map<string, BarCacheRecord>();
	return {
		get: async (key) => {
			const r = records.get(key);
			return r === undefined ? undefined : structuredClone(r);
		},
		put: async (record) => {
			records.set(record.key, structuredClone(barCacheRecordSchema.parse(record)) as BarCacheRecord);
		},
		size: () => records.size
	};
}

export interface BarCacheDeps {
	readonly client: Pick<PolygonClient, 'aggregates'>;
	readonly store: BarCacheStore;
	readonly now: () => number;
}

export interface CachedBarsResult {
	/** Only the requested [from, to] window. */
	readonly bars: Bars;
	/** Rows of `bars` with no reported volume (NaN). */
	readonly volumeMissing: number;
	/** Network calls made: pages fetched across all sub-ranges. */
	readonly calls: number;
	/** Day ranges fetched by this call, in order. */
	readonly fetched: DayRange[];
	/** True when nothing was fetched. */
	readonly fromCache: boolean;
	readonly provenanceParts: {
		/** Endpoints fetched now (path and query, no host or key); empty when all came from cache. */
		readonly endpoints: string[];
		/**
		 * SHA-256 of the response bytes fetched now, concatenated in order; when nothing was fetched, of the
		 * returned bars' canonical bytes (see canonicalBarsSha256), since no response bytes exist for them.
		 */
		readonly sha256: string;
		readonly hashOf: 'response_bytes' | 'cached_bars';
		/** The last fetch now, or the cache record's last write when all came from cache. */
		readonly retrievedAt: string;
		/**
		 * canonicalBarsSha256 of the returned window, always: the hash that identifies what trains, whether its
		 * bars came from one response, several, or the cache.
		 */
		readonly barsSha256: string;
	};
}

const EMPTY_BARS: Bars = allocateBars(0);

/** High 32 bits of the quiet NaN 0x7ff8000000000000 (the low 32 bits are zero). */
const CANONICAL_NAN_HIGH_WORD = 0x7ff80000;

/**
 * Canonical bytes of bars: each column in BAR_FIELDS order as little-endian float64 (NaN as 0x7ff8000000000000),
 * concatenated. Stable
 * across machines and runs, so a cached window has a hash that anyone can recompute from the bars.
 */
export function canonicalBarsSha256(bars: Bars): string {
	const h = sha256.create();
	for (const field of BAR_FIELDS) {
		const col = bars[field];
		const bytes = new Uint8Array(col.length * 8);
		const view = new DataView(bytes.buffer);
		for (let i = 0; i < col.length; i++) {
			// One bit pattern for NaN (an index's missing volume): engines may keep different NaN payloads.
			if (Number.isNaN(col[i])) view.setUint32(i * 8 + 4, CANONICAL_NAN_HIGH_WORD, true);
			else view.setFloat64(i * 8, col[i], true);
		}
		h.update(bytes);
	}
	return bytesToHex(h.digest());
}

/** First index whose t is ≥ `t` (t ascending). */
function lowerBound(ts: Float64Array, t: number): number {
	let lo = 0;
	let hi = ts.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (ts[mid] < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Index range [start, end) of bars whose New York day lies in [from, to]: the day of `t` is in that window
 * exactly when New York midnight of `from` ≤ t < New York midnight of the day after `to`.
 */
function dayWindow(bars: Bars, from: string, to: string): [number, number] {
	const start = lowerBound(bars.t, nyMidnight(from));
	const end = lowerBound(bars.t, nyMidnight(addDays(to, 1)));
	return [start, Math.max(start, end)];
}

function concatBars(parts: readonly Bars[]): Bars {
	const n = parts.reduce((s, p) => s + p.t.length, 0);
	const out = {} as Record<(typeof BAR_FIELDS)[number], Float64Array>;
	for (const field of BAR_FIELDS) {
		const col = new Float64Array(n);
		let at = 0;
		for (const p of parts) {
			col.set(p[field], at);
			at += p[field].length;
		}
		out[field] = col;
	}
	return out;
}

/**
 * Replaces every stored bar whose day lies in [from, to] with `fresh` (restricted to that window): a fetched
 * range is the truth for its days, so a bar Polygon revised replaces the old one and no `t` appears twice.
 */
function replaceWindow(stored: Bars, fresh: Bars, from: string, to: string): Bars {
	const [s0, s1] = dayWindow(stored, from, to);
	const [f0, f1] = dayWindow(fresh, from, to);
	return concatBars([
		sliceBars(stored, 0, s0),
		sliceBars(fresh, f0, f1),
		sliceBars(stored, s1, stored.t.length)
	]);
}

function countNaN(col: Float64Array): number {
	let n = 0;
	for (const v of col) if (Number.isNaN(v)) n++;
	return n;
}

/** Writes one fetched range into the latest stored record (re-read, so another tab's writes are kept). */
async function storeRange(
	deps: BarCacheDeps,
	identity: Omit<BarCacheRecord, 'covered' | 'bars' | 'updatedAt'>,
	fresh: Bars,
	[from, to]: DayRange,
	closedUntil: string
): Promise<BarCacheRecord> {
	const latest = await deps.store.get(identity.key);
	const closed = clipRange([from, to], from, closedUntil);
	const covered = mergeRanges(closed ? [...(latest?.covered ?? []), closed] : (latest?.covered ?? []));
	const record: BarCacheRecord = {
		...identity,
		covered: covered.map(([a, b]) => [a, b]),
		bars: replaceWindow(latest?.bars ?? EMPTY_BARS, fresh, from, to),
		updatedAt: deps.now()
	};
	await deps.store.put(record);
	return record;
}

interface Probe {
	readonly day: string;
	readonly t: number;
	readonly close: number;
}

/** The cached bars just before and just after a range about to be fetched. */
function neighbours(bars: Bars, [from, to]: DayRange): Probe[] {
	const out: Probe[] = [];
	const before = lowerBound(bars.t, nyMidnight(from)) - 1;
	if (before >= 0) out.push({ day: nyDate(bars.t[before]), t: bars.t[before], close: bars.close[before] });
	const after = lowerBound(bars.t, nyMidnight(addDays(to, 1)));
	if (after < bars.t.length)
		out.push({ day: nyDate(bars.t[after]), t: bars.t[after], close: bars.close[after] });
	return out;
}

/** Relative tolerance for "the same close": the same stored price comes back as the same double. */
const SAME_PRICE_TOLERANCE = 1e-9;

function sameBar(fresh: Bars, probe: Probe): boolean {
	const i = lowerBound(fresh.t, probe.t);
	if (i >= fresh.t.length || fresh.t[i] !== probe.t) return false;
	return Math.abs(fresh.close[i] - probe.close) <= SAME_PRICE_TOLERANCE * Math.abs(probe.close);
}

/**
 * Bars for `request`, from the cache where its days are closed and covered, from Polygon otherwise. The cache is
 * written after each fetched range, so a failure halfway keeps what was already paid for.
 */
export async function fetchBarsCached(
	deps: BarCacheDeps,
	request: AggregatesRequest,
	signal?: AbortSignal
): Promise<CachedBarsResult> {
	const r = checkAggregatesRequest(request);

	if (!isDayCacheable(r.multiplier, r.timespan)) {
		const got = await deps.client.aggregates(r, signal);
		return {
			bars: got.bars,
			volumeMissing: got.volumeMissing,
			calls: got.pages,
			fetched: [[r.from, r.to]],
			fromCache: false,
			provenanceParts: {
				endpoints: [got.endpoint],
				sha256: got.sha256,
				hashOf: 'response_bytes',
				retrievedAt: got.retrievedAt,
				barsSha256: canonicalBarsSha256(got.bars)
			}
		};
	}

	const identity = {
		key: cacheKey(r),
		ticker: r.ticker,
		multiplier: r.multiplier,
		timespan: r.timespan,
		adjusted: r.adjusted
	};
	const today = nyDate(deps.now());
	const closedUntil = addDays(today, -1);
	let record = await deps.store.get(identity.key);

	const closedPart = clipRange([r.from, r.to], r.from, closedUntil);
	const missingClosed = closedPart ? subtractRanges(closedPart, record?.covered ?? []) : [];
	// Days from today on are never covered: fetched on every request.
	const openPart = clipRange([r.from, r.to], today, r.to);
	// Touching ranges go out as one request: one call instead of two on a 5-calls-a-minute budget.
	const toFetch = mergeRanges(openPart ? [...missingClosed, openPart] : missingClosed);

	let calls = 0;
	const endpoints: string[] = [];
	const hasher = sha256.create();
	let retrievedAt = '';
	let rebased = false;
	let fetched: DayRange[] = toFetch;
	for (const range of toFetch) {
		// Adjusted prices change after a split or dividend: the cached bars next to a new range are fetched again
		// with it (no extra call) and must come back unchanged, or the cache holds two price bases.
		const probes = r.adjusted && record ? neighbours(record.bars, range) : [];
		const from = probes.length > 0 && probes[0].day < range[0] ? probes[0].day : range[0];
		const last = probes[probes.length - 1];
		const to = last && last.day > range[1] ? last.day : range[1];
		const got = await deps.client.aggregates({ ...r, from, to }, signal);
		calls += got.pages;
		endpoints.push(got.endpoint);
		for (const page of got.pageBytes) hasher.update(page);
		retrievedAt = got.retrievedAt;
		if (!probes.every((p) => sameBar(got.bars, p))) {
			rebased = true;
			break;
		}
		record = await storeRange(deps, identity, got.bars, range, closedUntil);
	}
	if (rebased) {
		// The basis changed: nothing cached can be trusted. Start the series again from this request alone.
		await deps.store.put({ ...identity, covered: [], bars: EMPTY_BARS, updatedAt: deps.now() });
		const whole = mergeRanges(openPart && closedPart ? [closedPart, openPart] : [closedPart ?? openPart!]);
		fetched = whole;
		for (const range of whole) {
			const got = await deps.client.aggregates({ ...r, from: range[0], to: range[1] }, signal);
			calls += got.pages;
			endpoints.push(got.endpoint);
			for (const page of got.pageBytes) hasher.update(page);
			retrievedAt = got.retrievedAt;
			record = await storeRange(deps, identity, got.bars, range, closedUntil);
		}
	}

	const stored = record?.bars ?? EMPTY_BARS;
	const [w0, w1] = dayWindow(stored, r.from, r.to);
	const bars = sliceBars(stored, w0, w1);
	const barsSha256 = canonicalBarsSha256(bars);
	const fromCache = toFetch.length === 0;
	return {
		bars,
		volumeMissing: countNaN(bars.volume),
		calls,
		fetched,
		fromCache,
		provenanceParts: fromCache
			? {
					endpoints: [],
					sha256: barsSha256,
					hashOf: 'cached_bars',
					retrievedAt: new Date(record?.updatedAt ?? deps.now()).toISOString(),
					barsSha256
				}
			: { endpoints, sha256: bytesToHex(hasher.digest()), hashOf: 'response_bytes', retrievedAt, barsSha256 }
	};
}
