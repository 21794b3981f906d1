import { describe, expect, it } from 'vitest';
import type { DailyBar } from './exits';
import { closePosition, markToMarket, openPosition, openTopN, type OpenOrder } from './ledger';
import type { PortfolioSettingsInput } from './settings';
import { createPortfolio, equityOf, parsePortfolioState } from './state';

// Hand-computed: 10 bps slippage and 10 bps cost a side, 5 % of $100,000 equity. Tolerance 1e-9 dollars.
const SETTINGS: PortfolioSettingsInput = { costBps: 10, slippageBps: 10 };
const ORDER: OpenOrder = {
	symbol: 'AAA',
	horizon: 'short',
	modelId: 'm1',
	date: '2024-01-02',
	price: 50,
	target: 51.5,
	stop: 49.25
};
const bar = (date: string, open: number, high: number, low: number, close: number): DailyBar => ({
	date,
	open,
	high,
	low,
	close
});

function opened(settings: PortfolioSettingsInput = SETTINGS, order: OpenOrder = ORDER) {
	return openPosition(createPortfolio(settings, '2024-01-02'), order);
}

describe('opening a position', () => {
	it('buys floor(5 % of equity / fill) shares at the price plus slippage and pays the cost on entry', () => {
		const { state, events } = opened();
		// fill 50 · 1.001 = 50.05; floor(5000 / 50.05) = 99 shares = 4954.95; cost 4.95495.
		const p = state.positions[0];
		expect(p).toMatchObject({ id: 'p1', shares: 99, entryPrice: 50, daysHeld: 0 });
		expect(p.entryFill).toBeCloseTo(50.05, 9);
		expect(p.entryCost).toBeCloseTo(4.95495, 9);
		expect(state.cash).toBeCloseTo(100_000 - 4954.95 - 4.95495, 9);
		// Marked at the quoted 50: equity falls by the slippage (4.95) and the cost.
		expect(equityOf(state)).toBeCloseTo(95_040.09505 + 4950, 9);
		expect(events).toEqual([expect.objectContaining({ kind: 'opened', positionId: 'p1', shares: 99 })]);
	});

	it('buys one share when 5 % of equity is less than a share but the cash allows one', () => {
		const { state } = opened({ initialCapital: 1000 }, { ...ORDER, price: 200, target: 210, stop: 190 });
		expect(state.positions[0].shares).toBe(1);
	});

	it('refuses with a reason, state unchanged, when cash cannot buy one share', () => {
		const start = createPortfolio({ initialCapital: 100 }, '2024-01-02');
		const r = openPosition(start, { ...ORDER, price: 150, target: 160, stop: 140 });
		expect(r.state).toBe(start);
		expect(r.events).toEqual([expect.objectContaining({ kind: 'refused', reason: 'insufficient_cash' })]);
	});

	it('reduces the size to what the cash allows, fill and cost included', () => {
		// positionFraction 1 on $1,000 at a fill of 9.99 · 1.001 = 9.99999 wants floor(100.0001) = 100 shares, but
		// 100 · 9.99999 · 1.001 = 1000.999 > 1000, so it buys floor(1000 / (9.99999 · 1.001)) = 99.
		const { state } = opened(
			{ ...SETTINGS, initialCapital: 1000, positionFraction: 1 },
			{ ...ORDER, price: 9.99, target: 11, stop: 9 }
		);
		expect(state.positions[0].shares).toBe(99);
		expect(state.cash).toBeGreaterThanOrEqual(0);
		const again = openPosition(state, { ...ORDER, symbol: 'BBB', price: 10, target: 11, stop: 9 });
		expect(again.events[0]).toMatchObject({ kind: 'refused', reason: 'insufficient_cash' });
	});

	it('refuses beyond maxPositions and a second position in the same symbol and horizon', () => {
		const { state } = opened({ maxPositions: 1 });
		expect(openPosition(state, { ...ORDER, symbol: 'BBB' }).events[0]).toMatchObject({
			reason: 'max_positions'
		});
		const two = opened({ maxPositions: 2 }).state;
		expect(openPosition(two, ORDER).events[0]).toMatchObject({ reason: 'duplicate' });
		expect(openPosition(two, { ...ORDER, horizon: 'long' }).events[0].kind).toBe('opened');
	});

	it('refuses inverted levels and orders dated before the last mark, naming the field', () => {
		const start = createPortfolio({}, '2024-01-02');
		expect(() => openPosition(start, { ...ORDER, target: 49 })).toThrow(/order\.target/);
		expect(() => openPosition(start, { ...ORDER, stop: 51 })).toThrow(/order\.stop/);
		expect(() => openPosition(start, { ...ORDER, date: '2024-01-01' })).toThrow(/order\.date/);
	});
});

describe('marking to market', () => {
	it('closes at the target with the P&L net of slippage and both costs', () => {
		const { state } = opened();
		const r = markToMarket(state, '2024-01-03', { AAA: bar('2024-01-03', 50.2, 51.6, 50.1, 51.4) });
		// exit fill 51.5 · 0.999 = 51.4485; proceeds 99 · 51.4485 = 5093.4015; exit cost 5.0934015.
		const pnl = 5093.4015 - 5.0934015 - 4954.95 - 4.95495;
		expect(r.events).toEqual([expect.objectContaining({ kind: 'closed', reason: 'target', gap: false })]);
		expect(r.state.closed[0].pnl).toBeCloseTo(pnl, 9);
		expect(r.state.closed[0].tradeReturn).toBeCloseTo(pnl / (4954.95 + 4.95495), 12);
		expect(r.state.cash).toBeCloseTo(100_000 + pnl, 9);
		expect(r.state.positions).toEqual([]);
		expect(r.state.curve.at(-1)).toEqual({
			date: '2024-01-03',
			equity: r.state.cash,
			cash: r.state.cash,
			held: 1
		});
	});

	it('a gap through the stop fills at the open, below the stop', () => {
		const { state } = opened();
		const r = markToMarket(state, '2024-01-03', { AAA: bar('2024-01-03', 48, 48.5, 47.5, 48.2) });
		const t = r.state.closed[0];
		expect(t).toMatchObject({ exitReason: 'stop', exitPrice: 48, gap: true });
		expect(t.pnl).toBeCloseTo(99 * 48 * 0.999 * (1 - 0.001) - 4954.95 - 4.95495, 9);
	});

	it('keeps an untouched position open at the new close and counts the day held', () => {
		const { state } = opened();
		const r = markToMarket(state, '2024-01-03', { AAA: bar('2024-01-03', 50, 50.5, 49.5, 50.4) });
		expect(r.events).toEqual([]);
		expect(r.state.positions[0]).toMatchObject({ lastPrice: 50.4, lastDate: '2024-01-03', daysHeld: 1 });
		expect(r.state.curve.at(-1)?.equity).toBeCloseTo(r.state.cash + 99 * 50.4, 9);
	});

	it('times a short position out at the close of its timeoutDays-th trading day', () => {
		let { state } = opened({ ...SETTINGS, timeoutDays: { short: 2 } });
		state = markToMarket(state, '2024-01-03', { AAA: bar('2024-01-03', 50, 50.5, 49.5, 50.1) }).state;
		const r = markToMarket(state, '2024-01-04', { AAA: bar('2024-01-04', 50, 50.5, 49.5, 50.3) });
		expect(r.state.closed[0]).toMatchObject({ exitReason: 'timeout', exitPrice: 50.3, daysHeld: 2 });
	});

	it('exits a reversed position at the close and leaves a symbol without a bar at its last price', () => {
		let { state } = opened();
		state = openPosition(state, { ...ORDER, symbol: 'BBB' }).state;
		const r = markToMarket(
			state,
			'2024-01-03',
			{ AAA: bar('2024-01-03', 50, 50.5, 49.5, 50.2) },
			{ reversals: ['p1'] }
		);
		expect(r.state.closed.map((t) => [t.id, t.exitReason])).toEqual([['p1', 'reversal']]);
		expect(r.state.positions[0]).toMatchObject({ id: 'p2', lastPrice: 50, daysHeld: 0 });
		expect(r.state.curve.at(-1)?.held).toBe(2);
	});

	it('ignores the entry day and refuses a day already marked or a bar of another day', () => {
		const { state } = opened();
		expect(() => markToMarket(state, '2024-01-02', {})).toThrow(/already marked/);
		expect(() => markToMarket(state, '2024-01-03', { AAA: bar('2024-01-02', 50, 51, 49, 50) })).toThrow(
			/bars\.AAA\.date/
		);
	});

	it('leaves the state it was given untouched', () => {
		const { state } = opened();
		const before = structuredClone(state);
		markToMarket(state, '2024-01-03', { AAA: bar('2024-01-03', 50.2, 51.6, 50.1, 51.4) });
		closePosition(state, 'p1', '2024-01-02', 50.5);
		expect(state).toEqual(before);
	});
});

describe('opening the top N automatically', () => {
	it('opens the first autoOpenTopN orders in rank order; a refused one is not replaced by the next', () => {
		const orders = ['AAA', 'AAA', 'CCC', 'DDD'].map((symbol) => ({ ...ORDER, symbol }));
		const r = openTopN(createPortfolio({ autoOpenTopN: 3 }, '2024-01-02'), orders);
		expect(r.events.map((e) => [e.kind, e.symbol])).toEqual([
			['opened', 'AAA'],
			['refused', 'AAA'],
			['opened', 'CCC']
		]);
		expect(r.state.positions.map((p) => p.id)).toEqual(['p1', 'p2']);
	});

	it('does nothing when autoOpenTopN is 0', () => {
		const start = createPortfolio({}, '2024-01-02');
		expect(openTopN(start, [ORDER])).toEqual({ state: start, events: [] });
	});
});

describe('closing by hand', () => {
	it('sells at the price less slippage and cost', () => {
		const r = closePosition(opened().state, 'p1', '2024-01-02', 50.5);
		expect(r.state.closed[0].exitReason).toBe('manual');
		expect(r.state.closed[0].pnl).toBeCloseTo(99 * 50.5 * 0.999 * 0.999 - 4954.95 - 4.95495, 9);
		expect(() => closePosition(r.state, 'p1', '2024-01-02', 50)).toThrow(/positionId/);
	});

	it('a stored state parses back as it was', () => {
		const { state } = opened();
		expect(parsePortfolioState(JSON.parse(JSON.stringify(state)))).toEqual(state);
		expect(() => parsePortfolioState({ ...state, cash: -1 })).toThrow(/cash/);
	});
});
