/**
 * The paper portfolio → a snapshot its share link carries (share-schema.ts sharedPortfolioSchema). Pure. The
 * numbers are the portfolio page's (research/portfolio/metrics.ts portfolioMetrics over the stored daily equity
 * curve and closed trades); the curve is that equity, down-sampled and compacted (share-schema.ts curveOf: day
 * steps, 5 significant digits — the exact equity and cash on `asOf` travel beside it), dated at 00:00 UTC; open
 * positions are as last marked (each carries its own last close and its day, so the snapshot is the book on
 * `asOf`, not prices fetched later).
 */
import type { PortfolioRecord } from '../db/portfolio-records';
import { portfolioMetrics } from '../research/portfolio/metrics';
import { equityOf } from '../research/portfolio/state';
import {
	curveOf,
	downsampleIndices,
	finiteOrNull,
	sharedPortfolioSchema,
	type SharedMetrics,
	type SharedPortfolio
} from '../security/share-schema';
import { SHARE_CURVE_POINTS } from './share-trial';

/** Points of the equity curve in a portfolio link: the same budget as a trial's curve. */
export const PORTFOLIO_CURVE_POINTS = SHARE_CURVE_POINTS;

const clean = (x: number | null | undefined): number | null => {
	const v = finiteOrNull(x);
	return v === 0 ? 0 : v;
};

const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

export function sharedPortfolioOf(
	record: PortfolioRecord,
	appVersion: string,
	points: number = PORTFOLIO_CURVE_POINTS
): SharedPortfolio {
	const s = record.state;
	const m = portfolioMetrics(s.curve, s.closed);
	const metrics: SharedMetrics = {
		days: m.days,
		totalReturn: clean(m.totalReturn),
		annualReturn: clean(m.annualReturn),
		volatility: clean(m.volatility),
		sharpe: clean(m.sharpe),
		sortino: clean(m.sortino),
		maxDrawdown: clean(m.maxDrawdown),
		exposure: clean(m.exposure),
		'trades.count': m.trades.trades,
		'trades.wins': m.trades.wins,
		'trades.losses': m.trades.losses,
		'trades.winRate': clean(m.trades.winRate),
		'trades.avgWin': clean(m.trades.avgWin),
		'trades.avgLoss': clean(m.trades.avgLoss),
		'trades.profitFactor': clean(m.trades.profitFactor),
		'trades.totalPnl': clean(m.trades.totalPnl),
		'trades.best': clean(m.trades.best),
		'trades.worst': clean(m.trades.worst)
	};
	const keep = downsampleIndices(s.curve.length, points);
	return sharedPortfolioSchema.parse({
		kind: 'portfolio',
		name: 'Paper portfolio',
		asOf: s.asOf,
		initialCapital: s.settings.initialCapital,
		equity: equityOf(s),
		cash: s.cash,
		curve: curveOf(
			s.curve.map((p) => dayMs(p.date)),
			s.curve.map((p) => p.equity),
			keep
		),
		metrics,
		positions: s.positions.map((p) => ({
			symbol: p.symbol,
			side: 'long',
			quantity: p.shares,
			horizon: p.horizon,
			entryDate: p.entryDate,
			entryPrice: p.entryFill,
			target: p.target,
			stop: p.stop,
			lastPrice: p.lastPrice,
			lastDate: p.lastDate
		})),
		closedTrades: s.closed.length,
		appVersion: appVersion.slice(0, 40)
	});
}
