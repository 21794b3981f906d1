/**
 * From recommendations to paper positions (issue 12): one chosen by the user, or the best N of a scan. A position
 * opens at the close the recommendation was scored on, with its target and stop, for its horizon
 * (app/portfolio.ts openPaper); a recommendation whose series has newer bars than its data date is refused —
 * its probability was about another entry, so the scan has to run again. The position's id is stored on the
 * recommendation, so its outcome and the paper trade can be followed together.
 */
import { liveQuery } from 'dexie';
import type { MlTrainerDb } from '../db/database';
import {
	promotedRecordSchema,
	recommendationRecordSchema,
	type RecommendationRecord,
	type ScanRecord
} from '../db/scanner-records';
import { isoDate } from '../domain/series';
import type { PortfolioEvent } from '../research/portfolio/ledger';
import { latestVersion } from './dataset-versions';
import { closePaper, openPaper, PortfolioError, readPortfolio } from './portfolio';

async function readRecommendation(db: MlTrainerDb, id: string): Promise<RecommendationRecord> {
	const row = await db.recommendations.get(id);
	if (!row) throw new PortfolioError('refused', 'that recommendation no longer exists');
	return recommendationRecordSchema.parse(row);
}

/** Opens the recommendation as a paper position; throws a PortfolioError saying why when it cannot. */
export async function openRecommendation(
	db: MlTrainerDb,
	id: string,
	now = Date.now()
): Promise<PortfolioEvent> {
	const rec = await readRecommendation(db, id);
	if (rec.positionId)
		throw new PortfolioError('refused', `${rec.symbol} (${rec.horizonLabel}) is already open`);
	const ds = await latestVersion(db, rec.seriesKey);
	if (!ds || ds.bars.t.length === 0) throw new PortfolioError('no_data', `no stored bars for ${rec.symbol}`);
	const last = isoDate(ds.bars.t[ds.bars.t.length - 1]);
	if (last !== rec.dataDate)
		throw new PortfolioError(
			'stale_data',
			`the recommendation is for the close of ${rec.dataDate}, but ${rec.symbol}'s data now ends ${last}: scan again`
		);
	const event = await openPaper(
		db,
		{
			seriesKey: rec.seriesKey,
			horizon: rec.horizon,
			targetPct: rec.target / rec.entry - 1,
			stopPct: rec.stop / rec.entry - 1,
			modelId: rec.modelId
		},
		now
	);
	if (event.kind === 'opened') await db.recommendations.update(id, { positionId: event.positionId });
	return event;
}

export interface OpenedOrRefused {
	readonly recommendationId: string;
	readonly symbol: string;
	readonly event: PortfolioEvent | null;
	/** Why it was not opened. */
	readonly reason: string | null;
}

/** Opens the best `n` recommendations of a scan not opened yet, in rank order; refusals are reported, not fatal. */
export async function openTopN(
	db: MlTrainerDb,
	scanId: string,
	n: number,
	now = Date.now()
): Promise<OpenedOrRefused[]> {
	if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1, got ${n}`);
	const recs = (await db.recommendations.where('scanId').equals(scanId).toArray())
		.map((r) => recommendationRecordSchema.parse(r))
		.filter((r) => !r.positionId)
		.sort((a, b) => a.rank - b.rank);
	const out: OpenedOrRefused[] = [];
	for (const rec of recs) {
		if (out.filter((o) => o.event?.kind === 'opened').length >= n) break;
		try {
			const event = await openRecommendation(db, rec.id, now);
			out.push({ recommendationId: rec.id, symbol: rec.symbol, event, reason: null });
		} catch (e) {
			if (!(e instanceof PortfolioError)) throw e;
			// Without a portfolio nothing further can open either.
			if (e.code === 'no_portfolio') throw e;
			out.push({ recommendationId: rec.id, symbol: rec.symbol, event: null, reason: e.message });
		}
	}
	return out;
}

/**
 * Signal reversal: a paper position opened from a promoted model is closed when a later scan of the same model,
 * series and horizon, scored on the close the position was last marked with, gives P(up) below ½ — the model now
 * expects the opposite of the trade. It closes at that close (less slippage and costs), like the user's own exit.
 * Positions marked past the scan's data date are left alone: the scan is older than what they have seen.
 */
export async function closeReversals(
	db: MlTrainerDb,
	scan: ScanRecord,
	now = Date.now()
): Promise<PortfolioEvent[]> {
	const record = await readPortfolio(db);
	if (!record) return [];
	const modelOf = new Map(
		(await db.promoted.toArray())
			.map((r) => promotedRecordSchema.parse(r))
			.map((p) => [p.id, p.spec.model.id])
	);
	const events: PortfolioEvent[] = [];
	for (const p of record.state.positions) {
		const turned = scan.cells.some(
			(c) =>
				c.probability !== null &&
				c.probability < 0.5 &&
				c.horizon === p.horizon &&
				c.seriesKey === record.sources[p.symbol] &&
				c.dataDate === p.lastDate &&
				modelOf.get(c.promotedId) === p.modelId
		);
		if (turned && p.lastDate >= record.state.asOf) events.push(await closePaper(db, p.id, now, 'reversal'));
	}
	return events;
}

export function watchRecommendations(db: MlTrainerDb, scanId: string) {
	return liveQuery(async () =>
		(await db.recommendations.where('scanId').equals(scanId).toArray())
			.map((r) => recommendationRecordSchema.parse(r))
			.sort((a, b) => a.rank - b.rank)
	);
}
