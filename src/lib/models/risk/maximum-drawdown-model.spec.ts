import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import type { Bars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import { implementation } from './maximum-drawdown-model.model';

const DAY = 86_400_000;
const barsOf = (close: number[]): Bars => {
	const c = Float64Array.from(close);
	return {
		t: Float64Array.from(c, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
		open: c,
		high: c,
		low: c,
		close: c,
		volume: new Float64Array(c.length)
	};
};
const run = (bars: Bars, params = {}) =>
	implementation.evaluate({ datasets: [{ name: 'x', bars }] }, params, { rng: createRng(1) });
const value = (r: Awaited<ReturnType<typeof run>>, key: string) =>
	r.numbers.find((n) => n.key === key)!.value;

describe('maximum_drawdown_model', () => {
	it('reports the hand-computed depth, duration and recovery', async () => {
		// Peak 120 (day 2), trough 84 (day 4): 30 %; 95 % of 120 = 114 is passed on day 6 (115).
		const r = await run(barsOf([100, 110, 120, 90, 84, 100, 115, 125, 110, 112]), { lookback_window: 50 });
		expect(value(r, 'max_drawdown')).toBeCloseTo(0.3, 15);
		expect(value(r, 'decline_bars')).toBe(2);
		expect(value(r, 'recovery_bars')).toBe(2);
		expect(value(r, 'drawdown_duration')).toBe(4);
		expect(value(r, 'current_drawdown')).toBeCloseTo(1 - 112 / 125, 15);
		expect(r.tables[0].rows[0]).toEqual(['2020-01-03', '2020-01-05', '2020-01-07', value(r, 'max_drawdown')]);
		// Full recovery to 100 % of the peak takes one more bar (125 on day 7).
		const full = await run(barsOf([100, 110, 120, 90, 84, 100, 115, 125, 110, 112]), {
			lookback_window: 50,
			recovery_threshold: 1
		});
		expect(value(full, 'recovery_bars')).toBe(3);
	});

	it('says why the recovery is missing when the price never came back', async () => {
		const r = await run(barsOf([100, 90, 80, 70, 60, 65, 70, 72, 71, 73]), { lookback_window: 50 });
		expect(value(r, 'recovery_bars')).toBeNaN();
		expect(r.numbers.find((n) => n.key === 'recovery_bars')!.note).toMatch(/not back to 95 % of the peak/);
	});

	it('finds the 2007–2009 fall of the S&P 500 (peak 9 Oct 2007 at 1,565.15, trough 9 Mar 2009 at 676.53: −56.8 %)', async () => {
		// The published closing high and low of the index (S&P Dow Jones Indices; widely quoted as a 56.8 % fall).
		const r = await run(sp500Bars(), { lookback_window: 1000 });
		const full = r.numbers.find((n) => n.key === 'max_drawdown_full_history')!;
		expect(full.value).toBeCloseTo(1 - 676.53 / 1565.15, 4);
		expect(full.label).toContain('2007-10-09 to 2009-03-09');
	});
});
