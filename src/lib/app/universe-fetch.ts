/**
 * "Fetch all" for a universe (issue 12): each member's daily bars from Polygon/Massive, one member after the
 * other, each through fetchPolygonDataset — so every call takes its slot from the shared rate limiter (5 calls a
 * minute on the free plan, across tabs) and lands in the bar cache, checks and versions like a single fetch.
 * One member's failure is that member's outcome; the others are still fetched. Only an abort stops the rest.
 */
import { ConnectorError } from '../data/http-types';
import type { AggregatesRequest } from '../data/polygon';
import type { MlTrainerDb } from '../db/database';
import type { UniverseMember } from '../db/universe-records';
import { AppError, errorMessage } from '../domain/errors';
import { db as appDb } from './db';
import { fetchPolygonDataset, type FetchOutcome } from './market-data';
import { getUniverse, tickerMember } from './universes';

export interface UniverseFetchRange {
	/** New York calendar days, inclusive (YYYY-MM-DD). */
	readonly from: string;
	readonly to: string;
}

export type MemberFetchOutcome = {
	readonly symbol: string;
	readonly seriesKey: string;
} & (
	| {
			readonly ok: true;
			/** The dataset version now newest (a new one unless the bars were unchanged). */
			readonly datasetId: string;
			readonly version: number;
			readonly rows: number;
			readonly newRows: number;
			readonly unchanged: boolean;
			readonly fromCache: boolean;
	  }
	| { readonly ok: false; readonly code: string; readonly reason: string }
);

export interface UniverseFetchProgress {
	/** 0-based index of the member, of `total`. */
	readonly index: number;
	readonly total: number;
	readonly symbol: string;
	readonly state: 'fetching' | 'done';
	/** Set when `state` is 'done'. */
	readonly outcome?: MemberFetchOutcome;
}

export interface UniverseFetchOptions {
	readonly onProgress?: (p: UniverseFetchProgress) => void;
	readonly signal?: AbortSignal;
}

/** One member's fetch: fetchPolygonDataset in the app; a test seam otherwise. */
export type FetchOne = (
	request: AggregatesRequest,
	signal?: AbortSignal
) => Promise<Pick<FetchOutcome, 'record' | 'newRows' | 'unchanged' | 'fromCache'>>;

function failure(m: UniverseMember, code: string, reason: string): MemberFetchOutcome {
	return { symbol: m.symbol, seriesKey: m.seriesKey, ok: false, code, reason };
}

const ABORTED = 'aborted';

/** Fetches every member of a universe in turn (module comment); resolves with one outcome per member. */
export async function fetchUniverseWith(
	db: MlTrainerDb,
	fetchOne: FetchOne,
	universeId: string,
	range: UniverseFetchRange,
	options: UniverseFetchOptions = {}
): Promise<MemberFetchOutcome[]> {
	const universe = await getUniverse(db, universeId);
	const total = universe.members.length;
	const outcomes: MemberFetchOutcome[] = [];
	for (const [index, m] of universe.members.entries()) {
		const report = (outcome: MemberFetchOutcome) => {
			outcomes.push(outcome);
			options.onProgress?.({ index, total, symbol: m.symbol, state: 'done', outcome });
		};
		if (options.signal?.aborted) {
			report(failure(m, ABORTED, 'not fetched: the fetch was stopped'));
			continue;
		}
		let polygonKey: string | null = null;
		try {
			polygonKey = tickerMember(m.symbol).seriesKey;
		} catch {
			// Not a ticker: the member names a series from elsewhere (a file, the bundled demo).
		}
		if (polygonKey !== m.seriesKey) {
			report(
				failure(
					m,
					'not_polygon',
					`its series ${m.seriesKey} is not Polygon daily bars of ${m.symbol}: refresh it where it came from`
				)
			);
			continue;
		}
		options.onProgress?.({ index, total, symbol: m.symbol, state: 'fetching' });
		try {
			const r = await fetchOne(
				{ ticker: m.symbol, multiplier: 1, timespan: 'day', from: range.from, to: range.to, adjusted: true },
				options.signal
			);
			report({
				symbol: m.symbol,
				seriesKey: m.seriesKey,
				ok: true,
				datasetId: r.record.id,
				version: r.record.version,
				rows: r.record.bars.t.length,
				newRows: r.newRows,
				unchanged: r.unchanged,
				fromCache: r.fromCache
			});
		} catch (e) {
			const aborted = options.signal?.aborted === true;
			const code = aborted
				? ABORTED
				: e instanceof ConnectorError || e instanceof AppError
					? e.code
					: 'error';
			report(failure(m, code, aborted ? 'not fetched: the fetch was stopped' : errorMessage(e)));
		}
	}
	return outcomes;
}

/** The app's "Fetch all": every member through fetchPolygonDataset. */
export function fetchUniverse(
	universeId: string,
	range: UniverseFetchRange,
	options: UniverseFetchOptions = {}
): Promise<MemberFetchOutcome[]> {
	return fetchUniverseWith(appDb, fetchPolygonDataset, universeId, range, options);
}
