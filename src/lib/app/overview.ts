/**
 * The home page's figures: how many datasets (series) are stored, the latest trials and the paper portfolio's value. The trials are parsed
 * with their schema like everywhere else, but the schema module is loaded only when there are trials to show,
 * so a first visit's JavaScript stays small (bench/first-load.ts).
 */
import { liveQuery, type Observable } from 'dexie';
import type { TrialRecord } from '../db/records';
import type { RecommendationRecord } from '../db/scanner-records';
import { db } from './db';

export interface Overview {
	readonly datasets: number;
	readonly recent: readonly TrialRecord[];
	/** The paper portfolio's value at its last mark, or null when there is none (or it cannot be read). */
	readonly portfolio: { readonly value: number; readonly asOf: string; readonly open: number } | null;
	/** The latest completed scan's best recommendations (at most 5) and the date of the data they used. */
	readonly recommendations: {
		readonly dataDate: string | null;
		readonly universe: string;
		readonly total: number;
		readonly top: readonly RecommendationRecord[];
	} | null;
}

const TOP_RECOMMENDATIONS = 5;

/**
 * The portfolio's value from its stored record, read without its schema module (first-load budget): cash plus
 * each open position at its last close, as research/portfolio/state.ts equityOf; null when any of it is missing.
 */
export function portfolioValueOf(raw: unknown): Overview['portfolio'] {
	const state = (raw as { state?: unknown } | undefined)?.state as
		{ cash?: unknown; asOf?: unknown; positions?: unknown } | undefined;
	if (
		!state ||
		typeof state.cash !== 'number' ||
		typeof state.asOf !== 'string' ||
		!Array.isArray(state.positions)
	)
		return null;
	let value = state.cash;
	for (const p of state.positions as { shares?: unknown; lastPrice?: unknown }[]) {
		if (typeof p.shares !== 'number' || typeof p.lastPrice !== 'number') return null;
		value += p.shares * p.lastPrice;
	}
	return Number.isFinite(value) ? { value, asOf: state.asOf, open: state.positions.length } : null;
}

export function watchOverview(limit: number): Observable<Overview> {
	return liveQuery(async () => {
		// Every read comes first: liveQuery observes the queries made before its first non-database await.
		const series = await db.datasets.orderBy('seriesKey').uniqueKeys();
		const rows = await db.trials.orderBy('createdAt').reverse().limit(limit).toArray();
		const portfolio = portfolioValueOf(await db.portfolios.get('paper'));
		const scans = await db.scans.orderBy('startedAt').reverse().toArray();
		const scan = scans.find((x) => x.status === 'completed');
		const recRows = scan ? await db.recommendations.where('scanId').equals(scan.id).toArray() : [];
		let recommendations: Overview['recommendations'] = null;
		if (scan) {
			const { recommendationRecordSchema } = await import('../db/scanner-records');
			const all = recRows.map((r) => recommendationRecordSchema.parse(r)).sort((a, b) => a.rank - b.rank);
			recommendations = {
				dataDate: scan.dataDate,
				universe: scan.universeName,
				total: all.length,
				top: all.slice(0, TOP_RECOMMENDATIONS)
			};
		}
		if (rows.length === 0) return { datasets: series.length, recent: [], portfolio, recommendations };
		const { trialRecordSchema } = await import('../db/records');
		return {
			datasets: series.length,
			recent: rows.map((t) => trialRecordSchema.parse(t)),
			portfolio,
			recommendations
		};
	});
}
