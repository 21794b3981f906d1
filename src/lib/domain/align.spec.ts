import { describe, expect, it } from 'vitest';
import { alignOnDays, dayOf, valueBars } from './align';

const DAY = 86_400_000;
const f = (v: number[]): Float64Array => Float64Array.from(v);
const bars = (days: number[], close: number[], hourMs = 0) =>
	valueBars(f(days.map((d) => d * DAY + hourMs)), f(close));

describe('alignOnDays', () => {
	it('keeps the days every series has, in order, whatever the time of day of each row', () => {
		// A at 14:30 UTC (the New York open), B at midnight (a FRED value).
		const a = bars([1, 2, 3, 5, 6], [10, 11, 12, 13, 14], 14.5 * 3_600_000);
		const b = bars([2, 3, 4, 6], [1, 2, 3, 4]);
		const [x, y] = alignOnDays([a, b]);
		expect(Array.from(x.t, dayOf)).toEqual([2, 3, 6]);
		expect([...x.close]).toEqual([11, 12, 14]);
		expect([...y.close]).toEqual([1, 2, 4]);
		expect([...y.t]).toEqual([2 * DAY, 3 * DAY, 6 * DAY]);
	});

	it('limits to [from, to] by day and leaves out rows without a finite value (a FRED gap)', () => {
		const a = bars([1, 2, 3, 4, 5], [1, Number.NaN, 3, 4, 5]);
		const [x] = alignOnDays([a], 2 * DAY + 5, 4 * DAY);
		expect([...x.close]).toEqual([3, 4]);
	});

	it('returns empty series when they share no day, and nothing for no series', () => {
		const [x, y] = alignOnDays([bars([1, 2], [1, 2]), bars([3, 4], [1, 2])]);
		expect(x.t.length).toBe(0);
		expect(y.close.length).toBe(0);
		expect(alignOnDays([])).toEqual([]);
	});

	it('reads a value series as bars with every price the value and no volume', () => {
		const v = valueBars(f([0, DAY]), f([4.5, 4.25]));
		expect([...v.open]).toEqual([4.5, 4.25]);
		expect([...v.high]).toEqual([...v.close]);
		expect([...v.volume]).toEqual([0, 0]);
		expect(() => valueBars(f([0]), f([1, 2]))).toThrow(/t has 1 rows, value 2/);
	});
});
