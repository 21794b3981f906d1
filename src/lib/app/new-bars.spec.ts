import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import type { Bars } from '../domain/series';
import { sp500Dataset } from '../testing/sp500';
import { afterNewBars } from './new-bars';
import { openPaper, resetPortfolio } from './portfolio';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);

function bars(closes: readonly number[]): Bars {
	const c = Float64Array.from(closes);
	return {
		t: Float64Array.from(closes, (_, i) => T0 + i * DAY),
		open: c.slice(),
		high: Float64Array.from(closes, (x) => x * 1.001),
		low: Float64Array.from(closes, (x) => x * 0.999),
		close: c,
		volume: Float64Array.from(closes, () => 1_000)
	};
}

let db: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`new-bars-${n++}`);
	await db.open();
	await db.datasets.put(sp500Dataset('syn', { bars: bars([100, 100]) }));
});
afterEach(async () => db.delete());

describe('after a new version of a series is stored', () => {
	it('marks the paper portfolio with the new bars: a position reaching its target closes', async () => {
		await resetPortfolio(db, { costBps: 0, slippageBps: 0 }, T0);
		await openPaper(db, { seriesKey: 'syn', horizon: 'short', targetPct: 0.03, stopPct: -0.015 }, T0 + DAY);
		await db.datasets.put({
			...sp500Dataset('syn', { bars: bars([100, 100, 101, 104]) }),
			id: 'syn@v2',
			version: 2
		});
		const after = await afterNewBars(db, T0 + 5 * DAY);
		expect(after.portfolio.map((e) => e.kind)).toEqual(['closed']);
		expect(after.portfolio[0]).toMatchObject({ reason: 'target', date: '2026-01-08' });
		expect(after.resolved).toBe(0);
		expect((await db.portfolios.get('paper'))?.state.asOf).toBe('2026-01-08');
	});

	it('does nothing without a portfolio or positions, and never throws', async () => {
		expect(await afterNewBars(db)).toEqual({ portfolio: [], resolved: 0 });
		await resetPortfolio(db, {}, T0);
		expect(await afterNewBars(db)).toEqual({ portfolio: [], resolved: 0 });
	});
});
