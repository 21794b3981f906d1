import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { equityOf } from '../research/portfolio/state';
import type { Bars } from '../domain/series';
import { sp500Dataset } from '../testing/sp500';
import {
	closePaper,
	markPaper,
	openPaper,
	PortfolioError,
	portfolioEvents,
	readPortfolio,
	resetPortfolio
} from './portfolio';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5); // a Monday

/** Daily bars from [open, high, low, close] rows, one calendar day apart. */
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

const V1: [number, number, number, number][] = [
	[99, 100, 98, 99],
	[99, 101, 99, 100]
];
/** v2 adds two days: nothing on the first, the 3 % target (103) inside the second. */
const V2: [number, number, number, number][] = [...V1, [100, 101, 99.5, 100.5], [101, 103.5, 100.8, 102]];

let db: MlTrainerDb;
let dbs = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`portfolio-${dbs++}`);
	await db.open();
	await db.datasets.put(sp500Dataset('syn', { bars: bars(V1) }));
	await resetPortfolio(db, { costBps: 0, slippageBps: 10 }, T0);
});
afterEach(async () => db.delete());

async function addVersion2(): Promise<void> {
	await db.datasets.put({ ...sp500Dataset('syn', { bars: bars(V2) }), id: 'syn@v2', version: 2 });
}

describe('the stored paper portfolio', () => {
	it('opens at the series’ last close, then exits at the target when newer bars arrive', async () => {
		const opened = await openPaper(
			db,
			{ seriesKey: 'syn', horizon: 'short', targetPct: 0.03, stopPct: -0.015 },
			T0 + 2 * DAY
		);
		if (opened.kind !== 'opened') throw new Error('must open');
		expect(opened.date).toBe('2026-01-06');
		expect(opened.price).toBe(100);
		expect(opened.fill).toBeCloseTo(100.1, 12); // 10 bps of slippage against the buyer
		expect(opened.shares).toBe(Math.floor((0.05 * 100_000) / 100.1));

		expect(await markPaper(db)).toEqual([]); // no bar after the entry yet
		await addVersion2();
		const events = await markPaper(db, T0 + 4 * DAY);
		expect(events).toHaveLength(1);
		const closed = events[0];
		if (closed.kind !== 'closed') throw new Error('must close');
		expect(closed.reason).toBe('target');
		expect(closed.date).toBe('2026-01-08');
		expect(closed.fill).toBeCloseTo(103 * 0.999, 12);
		expect(closed.pnl).toBeCloseTo(opened.shares * (103 * 0.999 - 100.1), 9);

		const p = await readPortfolio(db);
		expect(p?.state.positions).toEqual([]);
		expect(p?.state.asOf).toBe('2026-01-08');
		expect(p?.state.cash).toBeCloseTo(100_000 + closed.pnl, 9);
		expect(equityOf(p!.state)).toBeCloseTo(p!.state.cash, 9);
		// One point at creation, then one per marked day.
		expect(p?.state.curve.map((c) => c.date)).toEqual([
			'2026-01-05',
			'2026-01-06',
			'2026-01-07',
			'2026-01-08'
		]);
		// Stored events (newest first) and one audit entry per trade.
		expect((await portfolioEvents(db)).map((e) => e.kind)).toEqual(['closed', 'opened']);
		const audit = await db.audit.where('type').equals('portfolio.trade').toArray();
		expect(audit.map((a) => a.summary)).toEqual([
			expect.stringMatching(/^Opened \d+ \^GSPC \(short\) at 100\.10 on 2026-01-06$/),
			expect.stringMatching(/^Closed \^GSPC \(short\) on 2026-01-08 by target at 102\.90: P&L/)
		]);
		// Marking again changes nothing: each day is marked once.
		expect(await markPaper(db)).toEqual([]);
	});

	it('marks only through the last day every held series has reached, so a series fetched later is not skipped', async () => {
		// A second series ("other") held beside "syn": v2 of syn arrives first, then other's newer bars.
		const flat: [number, number, number, number][] = [
			[50, 50.2, 49.8, 50],
			[50, 50.2, 49.8, 50]
		];
		await db.datasets.put({ ...sp500Dataset('other', { bars: bars(flat) }), symbol: 'OTHER' });
		await openPaper(db, { seriesKey: 'syn', horizon: 'short', targetPct: 0.1, stopPct: -0.1 }, T0 + 2 * DAY);
		await openPaper(
			db,
			{ seriesKey: 'other', horizon: 'short', targetPct: 0.03, stopPct: -0.015 },
			T0 + 2 * DAY
		);
		await addVersion2();
		// other still ends on 2026-01-06: nothing is marked yet.
		expect(await markPaper(db)).toEqual([]);
		expect((await readPortfolio(db))?.state.asOf).toBe('2026-01-06');
		// other's new version has 01-07 (nothing) and 01-08, whose high reaches its +3 % target (51.5).
		await db.datasets.put({
			...sp500Dataset('other', { bars: bars([...flat, [50, 50.5, 49.9, 50.2], [50.3, 51.6, 50.2, 51]]) }),
			symbol: 'OTHER',
			id: 'other@v2',
			version: 2
		});
		const events = await markPaper(db);
		expect(events.map((e) => (e.kind === 'closed' ? `${e.symbol} ${e.reason} ${e.date}` : e.kind))).toEqual([
			'OTHER target 2026-01-08'
		]);
		expect((await readPortfolio(db))?.state.asOf).toBe('2026-01-08');
	});

	it('refuses with the reason: the same idea twice, data older than the last mark, no portfolio', async () => {
		const order = { seriesKey: 'syn', horizon: 'short', targetPct: 0.03, stopPct: -0.015 } as const;
		await openPaper(db, order);
		await expect(openPaper(db, order)).rejects.toThrow(/already held for the short horizon/);
		await addVersion2();
		await markPaper(db);
		await db.datasets.delete('syn@v2');
		await expect(openPaper(db, { ...order, horizon: 'long' })).rejects.toThrow(
			/last bar \(2026-01-06\) is older than the portfolio's last mark \(2026-01-08\)/
		);
		await db.portfolios.clear();
		await expect(markPaper(db)).rejects.toBeInstanceOf(PortfolioError);
	});

	it('starts a portfolio that has done nothing yet on its first trade’s day, even when created later', async () => {
		await resetPortfolio(db, {}, Date.UTC(2026, 11, 5));
		const opened = await openPaper(db, {
			seriesKey: 'syn',
			horizon: 'short',
			targetPct: 0.03,
			stopPct: -0.015
		});
		expect(opened).toMatchObject({ kind: 'opened', date: '2026-01-06' });
		const p = await readPortfolio(db);
		expect(p?.state.curve).toEqual([{ date: '2026-01-06', equity: 100_000, cash: 100_000, held: 0 }]);
	});

	it('closes a position at its last close on request, and a reset starts again from cash', async () => {
		const opened = await openPaper(db, {
			seriesKey: 'syn',
			horizon: 'long',
			targetPct: 0.08,
			stopPct: -0.04
		});
		if (opened.kind !== 'opened') throw new Error('must open');
		const closed = await closePaper(db, opened.positionId);
		expect(closed).toMatchObject({ kind: 'closed', reason: 'manual', price: 100 });
		expect((await readPortfolio(db))?.state.positions).toEqual([]);
		await resetPortfolio(db, { initialCapital: 50_000 });
		const p = await readPortfolio(db);
		expect(p?.state.cash).toBe(50_000);
		expect(await portfolioEvents(db)).toEqual([]);
	});

	it('refuses a step computed from a state another tab changed in between', async () => {
		// Two steps read the same state; the first to commit wins, the other is refused rather than undoing it.
		const order = { seriesKey: 'syn', targetPct: 0.03, stopPct: -0.015 } as const;
		const results = await Promise.allSettled([
			openPaper(db, { ...order, horizon: 'short' }, T0 + 10),
			openPaper(db, { ...order, horizon: 'long' }, T0 + 20)
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toMatchObject({ code: 'stale_data' });
		expect((await readPortfolio(db))?.state.positions).toHaveLength(1);
	});
});
