import { describe, expect, it } from 'vitest';
import { realTradeOutcome, recordBuy, recordSell, watch, watchEntrySchema } from './watchlist';

const base = { id: 'w1', symbol: 'SPY', addedDate: '2024-03-01', modelId: 'gbm', horizon: 'short' as const };

describe('the watch list', () => {
	it('moves an entry from watching to bought to sold and measures the real trade', () => {
		const w = watch(base);
		expect(w).toMatchObject({ status: 'watching', note: '' });
		const b = recordBuy(w, { date: '2024-03-04', price: 500, shares: 10 });
		expect(b.status).toBe('bought');
		expect(realTradeOutcome(b)).toBeNull();
		const s = recordSell(b, { date: '2024-03-14', price: 515 });
		// 10 · (515 − 500) = 150; 515 / 500 − 1 = 0.03; 4 → 14 March = 10 days.
		expect(realTradeOutcome(s)).toEqual({
			pnl: 150,
			tradeReturn: expect.closeTo(0.03, 12),
			calendarDays: 10
		});
	});

	it('refuses a transition out of order', () => {
		const w = watch(base);
		expect(() => recordSell(w, { date: '2024-03-04', price: 1 })).toThrow(/only a bought entry/);
		const b = recordBuy(w, { date: '2024-03-04', price: 500, shares: 1 });
		expect(() => recordBuy(b, { date: '2024-03-05', price: 500, shares: 1 })).toThrow(/only a watched entry/);
	});

	it('refuses a sell dated before its buy, a buy before the entry was added and a non-positive price, naming the field', () => {
		const b = recordBuy(watch(base), { date: '2024-03-04', price: 500, shares: 1 });
		expect(() => recordSell(b, { date: '2024-03-01', price: 510 })).toThrow(/sell\.date is before buy\.date/);
		expect(() => recordBuy(watch(base), { date: '2024-02-01', price: 500, shares: 1 })).toThrow(/buy\.date/);
		expect(() => recordBuy(watch(base), { date: '2024-03-04', price: 0, shares: 1 })).toThrow(/buy\.price/);
	});

	it('a stored entry whose status and fills disagree does not parse', () => {
		const r = watchEntrySchema.safeParse({
			...base,
			status: 'sold',
			buy: { date: '2024-03-04', price: 1, shares: 1 }
		});
		expect(r.success).toBe(false);
		expect(r.error?.issues[0].path).toEqual(['sell']);
		const stored = JSON.parse(
			JSON.stringify(recordBuy(watch(base), { date: '2024-03-04', price: 5, shares: 2 }))
		);
		expect(watchEntrySchema.parse(stored).buy).toEqual({ date: '2024-03-04', price: 5, shares: 2 });
	});
});
