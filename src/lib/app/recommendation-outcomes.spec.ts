import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { recommendationRecordSchema, type RecommendationRecord } from '../db/scanner-records';
import type { Bars } from '../domain/series';
import { sp500Dataset } from '../testing/sp500';
import { OUTCOME_BATCH, readTrackRecord, resolveOutcomes } from './recommendation-outcomes';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5); // 2026-01-05, the data date of the recommendations below

/** Daily bars from [open, high, low, close] rows, one calendar day apart from T0. */
function bars(rows: readonly (readonly [number, number, number, number])[]): Bars {
	const col = (k: number) => Float64Array.from(rows, (r) => r[k]);
	return {
		t: Float64Array.from(rows, (_, i) => T0 + i * DAY),
		open: col(0),
		high: col(1),
		low: col(2),
		close: col(3),
		volume: Float64Array.from(rows, () => 1_000)
	};
}

/** The data date's bar (close 100 = the entry), then quiet days inside the 98.5–103 band. */
const ROWS: [number, number, number, number][] = [
	[99, 100.5, 98, 100],
	[100, 101, 99.5, 100.5],
	[100.5, 101.5, 99.8, 101],
	[101, 102, 99.6, 99.9],
	[100, 102.5, 99.1, 102.2]
];

/** A made-up but valid stored recommendation: entry 100 on 2026-01-05, +3 % / −1.5 %, horizon 2, expiry 4. */
function rec(id: string, over: Partial<RecommendationRecord> = {}): RecommendationRecord {
	return recommendationRecordSchema.parse({
		id,
		scanId: 'scan-1',
		createdAt: T0,
		seriesKey: 'syn',
		symbol: 'SYN',
		horizon: 'short',
		horizonLabel: '7–12 days',
		horizonDays: 2,
		modelId: 'gbm',
		promotedId: 'promo-1',
		trialId: 'trial-1',
		dataDate: '2026-01-05',
		entry: 100,
		probability: 0.62,
		probabilityStdError: null,
		calibration: {
			method: 'isotonic',
			holdoutBrier: 0.24,
			baselineBrier: 0.25,
			holdoutEce: 0.03,
			fitRows: 400,
			holdoutRows: 100,
			cutTime: T0 - 100 * DAY
		},
		signal: 0.4,
		confidence: 0.5,
		target: 103,
		stop: 98.5,
		expiryDays: 4,
		expiryDate: '2026-01-09',
		riskReward: 2,
		expectedReturn: null,
		composite: 0.5,
		rank: 1,
		regime: null,
		...over
	});
}

let db: MlTrainerDb;
let dbs = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`rec-outcomes-${dbs++}`);
	await db.open();
});
afterEach(async () => db.delete());

async function storeVersion(version: number, rows: readonly (readonly [number, number, number, number])[]) {
	const ds = sp500Dataset('syn', { bars: bars(rows) });
	await db.datasets.put(version === 1 ? ds : { ...ds, id: `syn@v${version}`, version });
}

const auditCount = () => db.audit.where('type').equals('recommendation.outcome').count();

describe('resolveOutcomes', () => {
	it('waits for the horizon, settles up from the newest version, then the exit when it happens', async () => {
		await db.recommendations.put(rec('r1'));
		await storeVersion(1, ROWS.slice(0, 2)); // one bar after the data date: horizon 2 not reached
		expect(await resolveOutcomes(db, T0)).toMatchObject({ checked: 1, resolved: 0 });
		expect((await db.recommendations.get('r1'))?.outcome).toBeNull();

		await storeVersion(2, ROWS.slice(0, 3)); // the second bar after: up settles, no level touched yet
		expect(await resolveOutcomes(db, T0 + DAY)).toMatchObject({ resolved: 1, exitsSettled: 0 });
		const settled = (await db.recommendations.get('r1'))?.outcome;
		expect(settled).toMatchObject({ resolvedDate: '2026-01-07', up: true, exit: null });
		expect(settled?.forwardReturn).toBeCloseTo(0.01, 14);

		await storeVersion(3, ROWS); // the fourth bar after: timeout at its close
		expect(await resolveOutcomes(db, T0 + 2 * DAY)).toMatchObject({ resolved: 0, exitsSettled: 1 });
		const done = (await db.recommendations.get('r1'))?.outcome;
		expect(done).toMatchObject({
			resolvedDate: '2026-01-07',
			up: true,
			exit: 'timeout',
			exitDate: '2026-01-09'
		});
		expect(done?.exitReturn).toBeCloseTo(0.022, 14);

		const audit = await db.audit.where('type').equals('recommendation.outcome').sortBy('seq');
		expect(audit.map((a) => a.subject)).toEqual(['r1', 'r1']);
		expect(audit[0].summary).toContain('up 1.00 % by 2026-01-07; no exit yet');
		expect(audit[1].summary).toContain('exit by timeout on 2026-01-09 (2.20 %)');
	});

	it('is idempotent: a second run writes no outcome and no audit entry', async () => {
		await storeVersion(1, ROWS);
		await db.recommendations.bulkPut([rec('a'), rec('b', { probability: 0.7, target: 101.2 })]);
		const first = await resolveOutcomes(db, T0);
		expect(first).toMatchObject({ checked: 2, resolved: 2 });
		expect((await db.recommendations.get('b'))?.outcome).toMatchObject({
			exit: 'target',
			exitDate: '2026-01-07'
		});
		expect(await auditCount()).toBe(2);
		expect(await resolveOutcomes(db, T0 + DAY)).toMatchObject({ checked: 0, resolved: 0, exitsSettled: 0 });
		expect(await auditCount()).toBe(2);
	});

	it('reports series without bars and malformed records, and still settles the others', async () => {
		await storeVersion(1, ROWS);
		await db.recommendations.bulkPut([
			rec('ok'),
			rec('gone', { seriesKey: 'deleted' }),
			rec('bad', { stop: 100.5 })
		]);
		const s = await resolveOutcomes(db, T0);
		expect(s.resolved).toBe(1);
		expect(s.missingSeries).toEqual(['deleted']);
		expect(s.invalid.map((i) => i.id)).toEqual(['bad']);
		expect(s.invalid[0].reason).toMatch(/^target: needs 0 < stop < entry < target/);
		expect((await db.recommendations.get('gone'))?.outcome).toBeNull();
	});

	it(`writes a backlog of more than ${OUTCOME_BATCH} outcomes in batches, one audit entry each`, async () => {
		await storeVersion(1, ROWS);
		const n = OUTCOME_BATCH + 7;
		await db.recommendations.bulkPut(Array.from({ length: n }, (_, i) => rec(`r${i}`)));
		expect(await resolveOutcomes(db, T0)).toMatchObject({ checked: n, resolved: n });
		expect(await auditCount()).toBe(n);
		expect(await db.recommendations.filter((r) => r.outcome === null).count()).toBe(0);
	});

	it('feeds the track record: hit rate and reliability per model and horizon', async () => {
		await storeVersion(1, ROWS);
		await db.recommendations.bulkPut([
			rec('up', { probability: 0.6 }), // close 101 two bars on: up
			rec('down', { probability: 0.8, horizonDays: 3 }), // close 99.9 three bars on: not up
			rec('later', { modelId: 'lstm', horizon: 'long', horizonLabel: '50–70 days', horizonDays: 60 })
		]);
		await resolveOutcomes(db, T0);
		const t = await readTrackRecord(db);
		expect(t.groups.map((g) => [g.modelId, g.horizon, g.resolved, g.pending])).toEqual([
			['gbm', 'short', 2, 0],
			['lstm', 'long', 0, 1]
		]);
		expect(t.groups[0].hitRate).toBe(0.5);
		expect(t.groups[0].brier).toBeCloseTo((0.4 ** 2 + 0.8 ** 2) / 2, 14);
		expect(t.overall.reliability?.counts).toEqual([1, 1]);
	});
});
