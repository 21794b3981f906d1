/**
 * Outcomes of stored recommendations (issue 12): each recommendation whose outcome is not yet settled gets it
 * from the newest stored version of its series (research/recommend/outcome.ts), and the Feedback page reads
 * their track record per model and horizon (research/recommend/track-record.ts).
 *
 * An outcome is written when it first settles (the close `horizonDays` bars after the data date is known) and
 * once more when its exit settles later (target, stop or timeout after that bar); each write is one audit entry
 * 'recommendation.outcome'. Writes go in batches, one transaction each, and re-read the record inside it, so a
 * second run, or another tab's, writes nothing twice.
 */
import { liveQuery, type Observable } from 'dexie';
import { appendAuditHere } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import {
	recommendationOutcomeSchema,
	recommendationRecordSchema,
	type RecommendationOutcome,
	type RecommendationRecord
} from '../db/scanner-records';
import type { Bars } from '../domain/series';
import { isoDate } from '../domain/series';
import type { DailyBar } from '../research/portfolio/exits';
import { RecommendError } from '../research/recommend/errors';
import { resolveOutcome } from '../research/recommend/outcome';
import { trackRecord, type TrackRecord } from '../research/recommend/track-record';
import { latestVersion } from './dataset-versions';
import { db as appDb } from './db';

/** Outcomes written per transaction: keeps one transaction short while a long backlog resolves. */
export const OUTCOME_BATCH = 100;

export interface ResolveSummary {
	/** Recommendations whose outcome or exit was still open. */
	readonly checked: number;
	/** Outcomes settled for the first time, and exits settled on an outcome settled earlier. */
	readonly resolved: number;
	readonly exitsSettled: number;
	/** Series with no stored bars (their recommendations wait). */
	readonly missingSeries: readonly string[];
	/** Recommendations that cannot be scored (a stop above the entry, an inconsistent bar), with the reason. */
	readonly invalid: readonly { readonly id: string; readonly reason: string }[];
}

/** Bars after `afterDate`, as the exit rules read them. */
function barsAfter(bars: Bars, afterDate: string): DailyBar[] {
	const out: DailyBar[] = [];
	for (let i = 0; i < bars.t.length; i++) {
		const date = isoDate(bars.t[i]);
		if (date <= afterDate) continue;
		out.push({ date, open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i] });
	}
	return out;
}

const unsettled = (r: RecommendationRecord) => r.outcome === null || r.outcome.exit === null;

function sameOutcome(a: RecommendationOutcome | null, b: RecommendationOutcome): boolean {
	return a !== null && a.resolvedDate === b.resolvedDate && a.exit === b.exit && a.exitDate === b.exitDate;
}

function summaryOf(r: RecommendationRecord, o: RecommendationOutcome, first: boolean): string {
	const head = `${r.symbol} (${r.horizonLabel}, ${r.modelId}, p = ${r.probability.toFixed(2)}) from ${r.dataDate}`;
	const exit =
		o.exit === null
			? 'no exit yet'
			: `exit by ${o.exit} on ${o.exitDate} (${((o.exitReturn ?? Number.NaN) * 100).toFixed(2)} %)`;
	return first
		? `${head}: ${o.up ? 'up' : 'not up'} ${(o.forwardReturn * 100).toFixed(2)} % by ${o.resolvedDate}; ${exit}`
		: `${head}: ${exit}`;
}

/**
 * Settles every recommendation whose outcome (or exit) is still open from the newest version of its series.
 * Idempotent: an outcome already stored is written again only when its exit has since settled.
 */
export async function resolveOutcomes(db: MlTrainerDb, now = Date.now()): Promise<ResolveSummary> {
	const open = (await db.recommendations.toArray())
		.map((r) => recommendationRecordSchema.parse(r))
		.filter(unsettled);
	const bySeries = new Map<string, RecommendationRecord[]>();
	for (const r of open) bySeries.set(r.seriesKey, [...(bySeries.get(r.seriesKey) ?? []), r]);
	const updates: { id: string; outcome: RecommendationOutcome }[] = [];
	const missingSeries: string[] = [];
	const invalid: { id: string; reason: string }[] = [];
	for (const [seriesKey, recs] of bySeries) {
		const ds = await latestVersion(db, seriesKey);
		if (!ds || ds.bars.t.length === 0) {
			missingSeries.push(seriesKey);
			continue;
		}
		const earliest = recs.reduce((d, r) => (r.dataDate < d ? r.dataDate : d), recs[0].dataDate);
		const bars = barsAfter(ds.bars, earliest);
		for (const r of recs) {
			let o: RecommendationOutcome | null;
			try {
				o = resolveOutcome(r, bars);
			} catch (e) {
				// One malformed record (or a bar the exit rules refuse) must not hold back the others' outcomes.
				if (!(e instanceof RecommendError || e instanceof RangeError)) throw e;
				invalid.push({ id: r.id, reason: e.message });
				continue;
			}
			if (o === null || sameOutcome(r.outcome, o)) continue;
			updates.push({ id: r.id, outcome: recommendationOutcomeSchema.parse(o) });
		}
	}
	let resolved = 0;
	let exitsSettled = 0;
	for (let i = 0; i < updates.length; i += OUTCOME_BATCH) {
		const batch = updates.slice(i, i + OUTCOME_BATCH);
		await db.transaction('rw', db.recommendations, db.audit, async () => {
			for (const u of batch) {
				const raw = await db.recommendations.get(u.id);
				if (!raw) continue;
				const current = recommendationRecordSchema.parse(raw);
				// Another run got here first with the same or a later settlement.
				if (!unsettled(current) || sameOutcome(current.outcome, u.outcome)) continue;
				const first = current.outcome === null;
				await db.recommendations.put(recommendationRecordSchema.parse({ ...current, outcome: u.outcome }));
				if (first) resolved++;
				else exitsSettled++;
				await appendAuditHere(
					db,
					{
						type: 'recommendation.outcome',
						subject: current.id,
						summary: summaryOf(current, u.outcome, first),
						detail: {
							seriesKey: current.seriesKey,
							modelId: current.modelId,
							horizon: current.horizon,
							probability: current.probability,
							dataDate: current.dataDate,
							entry: current.entry,
							...u.outcome
						}
					},
					now
				);
			}
		});
	}
	return { checked: open.length, resolved, exitsSettled, missingSeries, invalid };
}

/** The track record of every stored recommendation (those without an outcome count as pending). */
export async function readTrackRecord(db: MlTrainerDb): Promise<TrackRecord> {
	const recs = (await db.recommendations.toArray()).map((r) => recommendationRecordSchema.parse(r));
	return trackRecord(recs);
}

export function watchTrackRecord(db: MlTrainerDb = appDb): Observable<TrackRecord> {
	return liveQuery(() => readTrackRecord(db));
}

/** Bound to the app's database (what the pages call). */
export const recommendationOutcomes = {
	resolve: () => resolveOutcomes(appDb),
	watch: () => watchTrackRecord(appDb)
};
