import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MlTrainerDb } from '../db/database';
import { portfolioRecordSchema, type PortfolioRecord } from '../db/portfolio-records';
import { isoDate } from '../domain/series';
import { markToMarket, openPosition } from '../research/portfolio/ledger';
import { portfolioMetrics } from '../research/portfolio/metrics';
import { createPortfolio, equityOf } from '../research/portfolio/state';
import { decodeShare, encodeShare } from '../security/share-link';
import { CURVE_DIGITS, curveTimes, sharedSchema } from '../security/share-schema';
import { decodeMutations } from '../testing/share-mutations';
import { sp500Bars } from '../testing/sp500';
import { PAPER_ID } from './portfolio';
import { readSharedPortfolio } from './share-read';
import { PORTFOLIO_CURVE_POINTS, sharedPortfolioOf } from './share-portfolio';

const SYMBOL = '^GSPC';
const START = 4000;
const DAYS = 500;

/**
 * The paper portfolio as the ledger leaves it after 500 real trading days of the S&P 500 (2015–2017): a position
 * opened at the close whenever none is held (target +3 %, stop −1.5 %), marked with each day's bar, so it
 * closes by target, stop or timeout and opens again; the last one is still open.
 */
function paperOnSp500(): PortfolioRecord {
	const b = sp500Bars();
	let state = createPortfolio({}, isoDate(b.t[START]));
	for (let i = START; i < START + DAYS; i++) {
		const date = isoDate(b.t[i]);
		if (i > START) {
			const bar = { date, open: b.open[i], high: b.high[i], low: b.low[i], close: b.close[i] };
			state = markToMarket(state, date, { [SYMBOL]: bar }).state;
		}
		if (state.positions.length === 0) {
			const price = b.close[i];
			const order = { symbol: SYMBOL, horizon: 'short', modelId: 'manual', date, price } as const;
			state = openPosition(state, { ...order, target: price * 1.03, stop: price * 0.985 }).state;
		}
	}
	return portfolioRecordSchema.parse({
		id: PAPER_ID,
		state,
		sources: { [SYMBOL]: 'sp500' },
		createdAt: 1,
		updatedAt: 2
	});
}

describe('sharing the paper portfolio', () => {
	it('carries its equity curve, the page’s numbers and its open positions, through a link exactly', async () => {
		const record = paperOnSp500();
		const s = record.state;
		expect(s.closed.length).toBeGreaterThan(5);
		const shared = sharedPortfolioOf(record, 'test');
		const m = portfolioMetrics(s.curve, s.closed);
		expect(shared).toMatchObject({
			kind: 'portfolio',
			asOf: s.asOf,
			initialCapital: 100_000,
			equity: equityOf(s),
			cash: s.cash,
			closedTrades: s.closed.length,
			metrics: {
				days: DAYS - 1,
				totalReturn: m.totalReturn,
				sharpe: m.sharpe,
				maxDrawdown: m.maxDrawdown,
				'trades.count': s.closed.length,
				'trades.winRate': m.trades.winRate
			}
		});
		const times = curveTimes(shared.curve);
		expect(times).toHaveLength(PORTFOLIO_CURVE_POINTS);
		expect(times[0]).toBe(Date.parse(`${s.curve[0].date}T00:00:00Z`));
		expect(times.at(-1)).toBe(Date.parse(`${s.asOf}T00:00:00Z`));
		// Curve values to CURVE_DIGITS significant digits (a chart's precision); the exact equity travels beside.
		const last = s.curve.at(-1)!.equity;
		expect(Math.abs(shared.curve.value.at(-1)! - last) / last).toBeLessThan(10 ** -(CURVE_DIGITS - 1));
		expect(shared.positions).toEqual(
			s.positions.map((p) =>
				expect.objectContaining({ symbol: SYMBOL, side: 'long', quantity: p.shares, lastPrice: p.lastPrice })
			)
		);
		const link = await encodeShare(shared);
		console.info(`portfolio link: ${link.length} characters`);
		expect(await decodeShare(link)).toEqual({ ok: true, value: shared, encrypted: false });
		expect(link.length).toBeLessThan(3_000);
	});

	it('is read from the stored portfolio, and refused with a reason when there is none', async () => {
		const db = new MlTrainerDb('share-portfolio');
		try {
			await expect(readSharedPortfolio(db, 'test')).rejects.toThrow(/no paper portfolio to share/);
			const record = paperOnSp500();
			await db.portfolios.put(record);
			expect(await readSharedPortfolio(db, 'test')).toEqual(sharedPortfolioOf(record, 'test'));
		} finally {
			db.close();
			await db.delete();
		}
	});

	it('shares a new portfolio with only its starting point (ratios not available, as null)', async () => {
		const record = portfolioRecordSchema.parse({
			id: PAPER_ID,
			state: createPortfolio({}, '2024-01-02'),
			sources: {},
			createdAt: 1,
			updatedAt: 1
		});
		const shared = sharedPortfolioOf(record, 'test');
		expect(shared.curve.value).toEqual([100_000]);
		expect(shared.metrics.sharpe).toBeNull();
		expect(await decodeShare(await encodeShare(shared))).toEqual({
			ok: true,
			value: shared,
			encrypted: false
		});
	});

	it('survives 300 seeded mutations of its link: each refused with a message or a valid portfolio', async () => {
		const link = await encodeShare(sharedPortfolioOf(paperOnSp500(), 'test'));
		const results = await decodeMutations(link, 300, 20261208);
		for (const r of results) {
			if (r.ok) expect(sharedSchema.parse(r.value).kind).toBe('portfolio');
			else expect(r.message.length).toBeGreaterThan(10);
		}
		expect(results.filter((r) => !r.ok).length).toBeGreaterThan(150);
	}, 60_000);
});
