/**
 * The home page's figures: how many datasets (series) are stored, the latest trials and the paper portfolio's value. The trials are parsed
 * with their schema like everywhere else, but the schema module is loaded only when there are trials to show,
 * so a first visit's JavaScript stays small (bench/first-load.ts).
 */
import { liveQuery, type Observable } from 'dexie';
import type { TrialRecord } from '../db/records';
import { db } from './db';

export interface Overview {
	readonly datasets: number;
	readonly recent: readonly TrialRecord[];
	/** The paper portfolio's value at its last mark, or null when there is none (or it cannot be read). */
	readonly portfolio: { readonly value: number; readonly asOf: string; readonly open: number } | null;
}

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
		// Both reads come first: liveQuery observes the queries made before its first non-database await.
		const series = await db.datasets.orderBy('seriesKey').uniqueKeys();
		const rows = await db.trials.orderBy('createdAt').reverse().limit(limit).toArray();
		const portfolio = portfolioValueOf(await db.portfolios.get('paper'));
		if (rows.length === 0) return { datasets: series.length, recent: [], portfolio };
		const { trialRecordSchema } = await import('../db/records');
		return { datasets: series.length, recent: rows.map((t) => trialRecordSchema.parse(t)), portfolio };
	});
}
