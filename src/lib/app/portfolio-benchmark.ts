/**
 * The paper portfolio's benchmark (issue 12: "a benchmark line"): which stored series it is compared with, kept
 * in the portfolio record (`benchmark`), and the line drawn from that series' newest version.
 */
import type { MlTrainerDb } from '../db/database';
import { portfolioRecordSchema, type PortfolioRecord } from '../db/portfolio-records';
import { appendAuditHere } from '../db/audit-log';
import type { DatasetRecord } from '../db/records';
import { benchmarkLine, chooseBenchmark, type BenchmarkResult } from '../research/portfolio/benchmark';
import { latestVersion } from './dataset-versions';
import { db as appDb } from './db';
import { PAPER_ID, PortfolioError } from './portfolio';

/** Stores the benchmark choice (a stored series' key, or null for none), with an audit entry. */
export async function setPortfolioBenchmark(
	db: MlTrainerDb,
	seriesKey: string | null,
	now = Date.now()
): Promise<PortfolioRecord> {
	if (seriesKey !== null && !(await latestVersion(db, seriesKey)))
		throw new PortfolioError('no_data', `benchmark: no stored series ${seriesKey}`);
	return db.transaction('rw', db.portfolios, db.audit, async () => {
		const raw = await db.portfolios.get(PAPER_ID);
		if (!raw) throw new PortfolioError('no_portfolio', 'start the paper portfolio first');
		// updatedAt moves so that a mark computed before this change is refused as stale rather than undo it.
		const record = portfolioRecordSchema.parse({ ...raw, benchmark: seriesKey, updatedAt: now });
		await db.portfolios.put(record);
		await appendAuditHere(
			db,
			{
				type: 'settings.changed',
				subject: PAPER_ID,
				summary: `Paper portfolio benchmark: ${seriesKey ?? 'none'}`,
				detail: { benchmark: seriesKey }
			},
			now
		);
		return record;
	});
}

export interface PortfolioBenchmarkView {
	/** The series drawn, or null (none chosen, none stored, or the stored choice was removed). */
	readonly seriesKey: string | null;
	readonly label: string | null;
	readonly line: BenchmarkResult | null;
}

/** The benchmark of `record` among the stored series' newest versions (what the page shows). */
export function portfolioBenchmark(
	record: Pick<PortfolioRecord, 'benchmark' | 'state'>,
	latest: readonly DatasetRecord[]
): PortfolioBenchmarkView {
	const key = chooseBenchmark(record.benchmark, latest);
	const ds = key === null ? undefined : latest.find((d) => d.seriesKey === key);
	if (!ds) return { seriesKey: null, label: null, line: null };
	const { curve, settings } = record.state;
	return {
		seriesKey: ds.seriesKey,
		label: ds.symbol || ds.name,
		line: benchmarkLine(curve, settings.initialCapital, ds.bars)
	};
}

/** Bound to the app's database. */
export const paperBenchmark = {
	set: (seriesKey: string | null) => setPortfolioBenchmark(appDb, seriesKey)
};
