/**
 * The paper portfolio's ledger (issue 12; original-system §7.3): open, mark to market with each new trading
 * day's bars, close. Every function returns a NEW state plus the events it produced (for the audit trail) and
 * leaves its input untouched, so a caller can store both in one transaction.
 *
 * Sizing: shares = floor(positionFraction · equity / fill), where fill = price plus slippage and equity = cash
 * + positions at their last close; at least 1 share if cash allows it; reduced to what cash allows (fill and
 * entry cost included); refused, with the reason, when not even one share fits, when maxPositions are open, or
 * when the same symbol is already held for the same horizon (a daily rescan must not pile up one idea).
 */
import { checkExit, slipped, type DailyBar, type ExitFill } from './exits';
import type { LedgerStep, OpenOrder, PortfolioEvent, RefusalReason } from './ledger-types';
import { BPS_PER_UNIT } from './settings';
import { equityOf, type ClosedTrade, type PortfolioState, type Position } from './state';

export type { LedgerStep, OpenOrder, PortfolioEvent, RefusalReason } from './ledger-types';

function assertPrice(field: string, v: number): void {
	if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${field} must be a positive number, got ${v}`);
}

function assertNotBefore(field: string, date: string, asOf: string): void {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
		throw new RangeError(`${field} must be a date (yyyy-mm-dd), got ${date}`);
	if (date < asOf) throw new RangeError(`${field} ${date} is before the portfolio's last mark ${asOf}`);
}

/** Opens a long position at the order's price plus slippage, or refuses (state unchanged) with the reason. */
export function openPosition(state: PortfolioState, order: OpenOrder): LedgerStep {
	assertNotBefore('order.date', order.date, state.asOf);
	assertPrice('order.price', order.price);
	assertPrice('order.stop', order.stop);
	if (!(order.target > order.price))
		throw new RangeError(`order.target ${order.target} must be above the price`);
	if (!(order.stop < order.price)) throw new RangeError(`order.stop ${order.stop} must be below the price`);
	const s = state.settings;
	const refuse = (reason: RefusalReason, message: string): LedgerStep => ({
		state,
		events: [{ kind: 'refused', date: order.date, symbol: order.symbol, reason, message }]
	});
	if (state.positions.length >= s.maxPositions) {
		return refuse('max_positions', `${s.maxPositions} positions are open, the most the settings allow`);
	}
	if (state.positions.some((p) => p.symbol === order.symbol && p.horizon === order.horizon)) {
		return refuse('duplicate', `${order.symbol} is already held for the ${order.horizon} horizon`);
	}
	const fill = slipped(order.price, 'buy', s.slippageBps);
	const costRate = s.costBps / BPS_PER_UNIT;
	const outlay = (n: number) => n * fill + n * fill * costRate;
	let shares = Math.max(1, Math.floor((s.positionFraction * equityOf(state)) / fill));
	if (outlay(shares) > state.cash) shares = Math.floor(state.cash / (fill * (1 + costRate)));
	// Rounding can leave the floor one share too many; step down until the outlay fits the cash.
	while (shares > 0 && outlay(shares) > state.cash) shares--;
	if (shares < 1) {
		return refuse(
			'insufficient_cash',
			`cash ${state.cash.toFixed(2)} cannot buy one share at ${fill.toFixed(4)}`
		);
	}
	const cost = shares * fill * costRate;
	const id = `p${state.nextId}`;
	const position: Position = {
		id,
		symbol: order.symbol,
		horizon: order.horizon,
		modelId: order.modelId,
		...(order.recommendationId === undefined ? {} : { recommendationId: order.recommendationId }),
		entryDate: order.date,
		entryPrice: order.price,
		entryFill: fill,
		shares,
		entryCost: cost,
		target: order.target,
		stop: order.stop,
		lastPrice: order.price,
		lastDate: order.date,
		daysHeld: 0
	};
	return {
		state: {
			...state,
			cash: state.cash - outlay(shares),
			positions: [...state.positions, position],
			nextId: state.nextId + 1
		},
		events: [
			{
				kind: 'opened',
				date: order.date,
				positionId: id,
				symbol: order.symbol,
				horizon: order.horizon,
				modelId: order.modelId,
				shares,
				price: order.price,
				fill,
				cost
			}
		]
	};
}

/**
 * Opens the first `settings.autoOpenTopN` orders, in the order given (best ranked first), one after the other
 * so each is sized on the equity the previous left. An order that is refused is not replaced by the next one:
 * the positions opened are always among the top N. Returns the input state when autoOpenTopN is 0.
 */
export function openTopN(state: PortfolioState, ranked: readonly OpenOrder[]): LedgerStep {
	let current = state;
	const events: PortfolioEvent[] = [];
	for (const order of ranked.slice(0, state.settings.autoOpenTopN)) {
		const step = openPosition(current, order);
		current = step.state;
		events.push(...step.events);
	}
	return { state: current, events };
}

interface Closing {
	readonly trade: ClosedTrade;
	readonly proceeds: number;
	readonly event: PortfolioEvent;
}

function closeAt(p: Position, date: string, exit: ExitFill, costBps: number): Closing {
	const gross = p.shares * exit.fill;
	const exitCost = (gross * costBps) / BPS_PER_UNIT;
	const invested = p.shares * p.entryFill + p.entryCost;
	const pnl = gross - exitCost - invested;
	const trade: ClosedTrade = {
		...p,
		exitDate: date,
		exitReason: exit.reason,
		exitPrice: exit.price,
		exitFill: exit.fill,
		exitCost,
		gap: exit.gap,
		pnl,
		tradeReturn: pnl / invested
	};
	const event: PortfolioEvent = {
		kind: 'closed',
		date,
		positionId: p.id,
		symbol: p.symbol,
		horizon: p.horizon,
		modelId: p.modelId,
		reason: exit.reason,
		price: exit.price,
		fill: exit.fill,
		cost: exitCost,
		gap: exit.gap,
		pnl,
		tradeReturn: trade.tradeReturn
	};
	return { trade, proceeds: gross - exitCost, event };
}

/**
 * Marks the portfolio to `date`'s bars (one call per trading day, dates strictly ascending): each position
 * bought before `date` whose symbol has a bar counts one more trading day held, is checked for an exit
 * (exits.ts) and otherwise takes the close as its last price. A held symbol without a bar (a halt, a late
 * feed) keeps its last price and its day count. `reversals` lists position ids whose model turned on this day.
 * Appends the day's point to the equity curve.
 */
export function markToMarket(
	state: PortfolioState,
	date: string,
	bars: Readonly<Record<string, DailyBar>>,
	options: { readonly reversals?: readonly string[] } = {}
): LedgerStep {
	assertNotBefore('date', date, state.asOf);
	if (date === state.asOf) throw new RangeError(`date ${date} is already marked; mark each trading day once`);
	const s = state.settings;
	const reversals = new Set(options.reversals ?? []);
	const positions: Position[] = [];
	const closed: ClosedTrade[] = [];
	const events: PortfolioEvent[] = [];
	let cash = state.cash;
	let held = 0;
	for (const p of state.positions) {
		if (p.entryDate >= date) {
			positions.push(p);
			continue;
		}
		held++;
		const bar = bars[p.symbol];
		if (bar === undefined) {
			positions.push(p);
			continue;
		}
		if (bar.date !== date) throw new RangeError(`bars.${p.symbol}.date is ${bar.date}, expected ${date}`);
		const daysHeld = p.daysHeld + 1;
		const exit = checkExit({ target: p.target, stop: p.stop, daysHeld }, bar, {
			gapRule: s.gapRule,
			slippageBps: s.slippageBps,
			timeoutDays: s.timeoutDays[p.horizon],
			reversal: reversals.has(p.id)
		});
		const marked: Position = { ...p, daysHeld, lastPrice: bar.close, lastDate: date };
		if (exit === null) {
			positions.push(marked);
			continue;
		}
		const c = closeAt(marked, date, exit, s.costBps);
		cash += c.proceeds;
		closed.push(c.trade);
		events.push(c.event);
	}
	const next = { ...state, cash, positions, closed: [...state.closed, ...closed], asOf: date };
	const point = { date, equity: equityOf(next), cash, held };
	return { state: { ...next, curve: [...state.curve, point] }, events };
}

/** Closes one position at `price` (less slippage, less cost): the user's own exit, or a reversal seen intraday. */
export function closePosition(
	state: PortfolioState,
	positionId: string,
	date: string,
	price: number,
	reason: 'manual' | 'reversal' = 'manual'
): LedgerStep {
	assertNotBefore('date', date, state.asOf);
	assertPrice('price', price);
	const p = state.positions.find((x) => x.id === positionId);
	if (p === undefined) throw new RangeError(`positionId ${positionId} is not an open position`);
	if (date < p.entryDate) throw new RangeError(`date ${date} is before the entry ${p.entryDate}`);
	const exit: ExitFill = {
		reason,
		price,
		fill: slipped(price, 'sell', state.settings.slippageBps),
		gap: false
	};
	const c = closeAt({ ...p, lastPrice: price, lastDate: date }, date, exit, state.settings.costBps);
	return {
		state: {
			...state,
			cash: state.cash + c.proceeds,
			positions: state.positions.filter((x) => x.id !== positionId),
			closed: [...state.closed, c.trade]
		},
		events: [c.event]
	};
}
