/**
 * Polygon/Massive → dataset: bars come through the cache (closed days are never fetched twice), are checked,
 * and are stored with provenance in the same transaction as their audit event. A refetch of a stored series
 * replaces its bars and runs the drift check on the new rows.
 */
import { afterNewBars, type AfterNewBars } from './new-bars';
import { cacheKey, barCacheRecordSchema, fetchBarsCached, type BarCacheStore } from '../data/bar-cache';
import {
	newBarsDataset,
	newValueSeries,
	refreshBarsDataset,
	refreshValueSeries
} from '../data/dataset-record';
import { latestVersion, pruneUnusedVersions } from './dataset-versions';
import { ConnectorError } from '../data/http-types';
import {
	aggregatesEndpoint,
	checkAggregatesRequest,
	createPolygonClient,
	type AggregatesRequest
} from '../data/polygon';
import { appendAudit } from '../db/audit-log';
import { keepPinnedSeries } from '../db/series-archive';
import {
	seriesRecordSchema,
	type BarsRequest,
	type DatasetRecord,
	type DriftAlert,
	type SeriesRecord
} from '../db/records';
import { AppError, errorMessage } from '../domain/errors';
import type { Provenance } from '../domain/provenance';
import { checkBars } from '../domain/series';
import { db } from './db';
import { getNet } from './net';
import { loadSettings } from './settings';
import { getVault } from './vault';

const barStore: BarCacheStore = {
	async get(key) {
		const row = await db.barCache.get(key);
		if (!row) return undefined;
		const parsed = barCacheRecordSchema.safeParse(row);
		// A damaged cache row is dropped, not trusted: the bars are fetched again.
		return parsed.success ? parsed.data : undefined;
	},
	async put(record) {
		await db.barCache.put(record as unknown as { key: string } & Record<string, unknown>);
	}
};

/** A client for the Polygon host chosen in Settings; the key is read from the vault on every call. */
async function polygonClient() {
	const [settings, vault, net] = await Promise.all([loadSettings(db), getVault(), getNet()]);
	if (vault.state === 'locked' && vault.names().includes('polygon'))
		throw new ConnectorError(
			'no_key',
			'Your keys are locked: unlock them in Settings to download market data.'
		);
	const base = settings.polygonOrigin;
	return { base, client: createPolygonClient({ http: net.http, base, apiKey: () => vault.get('polygon') }) };
}

export interface FetchOutcome {
	readonly record: DatasetRecord;
	readonly fromCache: boolean;
	readonly calls: number;
	readonly refreshed: boolean;
	/** The fetch returned exactly the stored bars: no new version was written. */
	readonly unchanged: boolean;
	readonly newRows: number;
	readonly alert: DriftAlert | null;
	/** What the new bars did to the paper portfolio and to recommendations (absent when nothing was stored). */
	readonly after?: AfterNewBars;
}

function frequencyOf(r: Required<AggregatesRequest>): DatasetRecord['frequency'] {
	if (r.timespan === 'day' && r.multiplier === 1) return 'daily';
	if (r.timespan === 'week' && r.multiplier === 1) return 'weekly';
	if (r.timespan === 'month' && r.multiplier === 1) return 'monthly';
	return 'intraday';
}

/** AppError.detail of a refusal for missing volume: the page then offers to store the closes as a value series. */
export const NO_VOLUME = 'no_volume';

type CachedBars = Awaited<ReturnType<typeof fetchBarsCached>>;

/** Fetches through the cache; a failure is audited and thrown, and no bars at all is refused in words. */
async function fetchAudited(
	r: Required<AggregatesRequest>,
	signal?: AbortSignal
): Promise<{ res: CachedBars; base: string; endpoint: string }> {
	const { client, base } = await polygonClient();
	const endpoint = aggregatesEndpoint(r);
	let res: CachedBars;
	try {
		res = await fetchBarsCached({ client, store: barStore, now: Date.now }, r, signal);
	} catch (e) {
		const code = e instanceof ConnectorError || e instanceof AppError ? e.code : 'error';
		await appendAudit(db, {
			type: 'data.fetch',
			subject: cacheKey(r),
			summary: `Polygon fetch of ${r.ticker} ${r.from}…${r.to} failed (${code})`,
			detail: { ok: false, code, message: errorMessage(e), host: base, endpoint }
		});
		throw e;
	}
	if (res.bars.t.length === 0)
		throw new AppError(
			'invalid_spec',
			`Polygon returned no ${r.timespan} bars for ${r.ticker} between ${r.from} and ${r.to}.`
		);
	return { res, base, endpoint };
}

function provenanceOf(res: CachedBars, base: string, endpoint: string): Provenance {
	return {
		source: 'polygon',
		origin: res.fromCache
			? `${base}${endpoint} (served from the local cache of closed days)`
			: res.provenanceParts.endpoints.map((e) => `${base}${e}`).join(' + '),
		retrievedAt: res.provenanceParts.retrievedAt,
		sha256: res.provenanceParts.sha256,
		rows: res.bars.t.length,
		firstT: res.bars.t[0],
		lastT: res.bars.t[res.bars.t.length - 1]
	};
}

/** Stable id per series: a second fetch of the same ticker and bar size refreshes the same dataset. */
export function polygonDatasetId(r: Pick<AggregatesRequest, 'ticker' | 'multiplier' | 'timespan'>): string {
	return `polygon-${r.ticker.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${r.multiplier}${r.timespan}`;
}

export async function fetchPolygonDataset(
	request: AggregatesRequest,
	signal?: AbortSignal
): Promise<FetchOutcome> {
	const r = checkAggregatesRequest(request);
	const { res, base, endpoint } = await fetchAudited(r, signal);
	const problem = checkBars(res.bars);
	if (problem) {
		const why =
			problem.field === 'volume' && res.volumeMissing > 0
				? `Polygon reports no volume for ${r.ticker} (indices have none), and mlTrainer's features need volume. Fetch a traded instrument (an ETF such as SPY) instead, or store its closes as a value series for a feature input (VIX as a macro input).`
				: `The bars for ${r.ticker} failed a check: ${problem.message}.`;
		await appendAudit(db, {
			type: 'data.fetch',
			subject: cacheKey(r),
			summary: `Polygon bars of ${r.ticker} refused: ${why}`,
			detail: { ok: false, code: 'bad_bars', message: why, host: base, endpoint }
		});
		throw new AppError('dataset_integrity', why, problem.field === 'volume' ? NO_VOLUME : undefined);
	}

	const now = Date.now();
	const provenance = provenanceOf(res, base, endpoint);
	const barsRequest: BarsRequest = { provider: 'polygon', ...r };
	const id = polygonDatasetId(r);

	const outcome = await db.transaction('rw', db.datasets, db.trials, db.audit, async () => {
		const old = await latestVersion(db, id);
		let record: DatasetRecord;
		let alert: DriftAlert | null = null;
		let newRows = res.bars.t.length;
		let unchanged = false;
		if (old) {
			const refreshed = refreshBarsDataset(old, res.bars, provenance, barsRequest, now);
			({ record, alert, newRows, unchanged } = refreshed);
		} else {
			record = newBarsDataset({
				id,
				name: `${r.ticker} ${r.multiplier === 1 ? '' : `${r.multiplier} `}${r.timespan} bars (Polygon)`.replace(
					'  ',
					' '
				),
				symbol: r.ticker,
				frequency: frequencyOf(r),
				provenance,
				bars: res.bars,
				bundled: false,
				request: barsRequest,
				now
			});
		}
		if (!unchanged) {
			await db.datasets.add(record);
			await pruneUnusedVersions(db, record, now);
		}
		await appendAudit(
			db,
			{
				type: 'data.fetch',
				subject: id,
				summary: `${res.bars.t.length} ${r.timespan} bars of ${r.ticker} ${r.from}…${r.to} ${res.fromCache ? 'served from the cache (0 calls)' : `fetched in ${res.calls} call${res.calls === 1 ? '' : 's'}`}`,
				detail: {
					ok: true,
					datasetId: record.id,
					version: record.version,
					unchanged,
					source: 'polygon',
					host: base,
					endpoints: res.provenanceParts.endpoints,
					fetched: res.fetched,
					fromCache: res.fromCache,
					calls: res.calls,
					rows: res.bars.t.length,
					sha256: res.provenanceParts.sha256,
					hashOf: res.provenanceParts.hashOf,
					contentSha256: record.contentSha256,
					retrievedAt: provenance.retrievedAt
				}
			},
			now
		);
		if (alert)
			await appendAudit(
				db,
				{
					type: 'data.drift',
					subject: id,
					summary: `Drift in ${r.ticker}: ${alert.reasons.join('; ')}`,
					detail: {
						meanShiftSd: alert.meanShiftSd,
						varianceRatio: alert.varianceRatio,
						skewChange: alert.skewChange,
						newRows
					}
				},
				now
			);
		return {
			record,
			fromCache: res.fromCache,
			calls: res.calls,
			refreshed: old !== undefined,
			unchanged,
			newRows,
			alert
		};
	});
	// New bars: the paper portfolio is marked with them and recommendations they settle get their outcomes.
	return outcome.unchanged ? outcome : { ...outcome, after: await afterNewBars(db) };
}

/** Stable id of the value series holding a ticker's closes. */
export function polygonClosesId(r: Pick<AggregatesRequest, 'ticker' | 'multiplier' | 'timespan'>): string {
	return `polygon-closes-${r.ticker.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${r.multiplier}${r.timespan}`;
}

/**
 * A ticker's closes stored as a value series (db.series), for a feature input: an index such as I:VIX has no
 * volume, so it cannot be a trial's dataset, but its level is a macro input (joined as of each day, with the lag
 * the trial states). Every close must be a finite positive price. A refetch replaces the series and checks the new
 * observations for drift, like a FRED series.
 */
export async function fetchPolygonCloses(
	request: AggregatesRequest,
	signal?: AbortSignal
): Promise<{ record: SeriesRecord; refreshed: boolean }> {
	const r = checkAggregatesRequest(request);
	const { res, base, endpoint } = await fetchAudited(r, signal);
	const close = res.bars.close;
	for (let i = 0; i < close.length; i++)
		if (!(close[i] > 0) || !Number.isFinite(close[i]))
			throw new AppError(
				'dataset_integrity',
				`The close of ${r.ticker} on row ${i} is not a positive price.`
			);
	const id = polygonClosesId(r);
	const now = Date.now();
	const next = {
		id,
		name: `${r.ticker} closes (Polygon)`,
		seriesId: r.ticker,
		title: `${r.ticker} close`,
		frequency: frequencyOf(r),
		units: 'price',
		provenance: provenanceOf(res, base, endpoint),
		t: Float64Array.from(res.bars.t),
		value: Float64Array.from(close),
		now
	};
	return db.transaction('rw', db.series, db.trials, db.analyses, db.audit, async () => {
		const old = await db.series.get(id);
		const { record, alert } = old
			? refreshValueSeries(seriesRecordSchema.parse(old), next)
			: { record: newValueSeries(next), alert: null };
		// A trial or analysis pinned to the old closes keeps them (db/series-archive.ts).
		await keepPinnedSeries(db, id, record.contentSha256);
		await db.series.put(record);
		await appendAudit(
			db,
			{
				type: 'data.fetch',
				subject: id,
				summary: `${close.length} closes of ${r.ticker} ${r.from}…${r.to} stored as a value series (no volume: for feature inputs)`,
				detail: {
					ok: true,
					source: 'polygon',
					host: base,
					endpoints: res.provenanceParts.endpoints,
					fromCache: res.fromCache,
					calls: res.calls,
					rows: close.length,
					sha256: res.provenanceParts.sha256,
					contentSha256: record.contentSha256,
					drift: alert ? alert.reasons : null
				}
			},
			now
		);
		return { record, refreshed: old !== undefined };
	});
}

export async function searchPolygonTickers(query: string, signal?: AbortSignal) {
	const { client } = await polygonClient();
	return client.searchTickers(query, { limit: 10 }, signal);
}

/** The last closed bar of a ticker: a quick check that a key and a ticker work, recorded like any fetch. */
export async function polygonPreviousClose(ticker: string, signal?: AbortSignal) {
	const { client, base } = await polygonClient();
	const res = await client.previousClose(ticker, signal);
	await appendAudit(db, {
		type: 'data.fetch',
		subject: `polygon|${res.ticker}|prev`,
		summary: `Previous close of ${res.ticker}${res.bar ? `: ${res.bar.close}` : ': none'}`,
		detail: {
			ok: true,
			host: base,
			endpoint: res.endpoint,
			sha256: res.sha256,
			retrievedAt: res.retrievedAt
		}
	});
	return res;
}
