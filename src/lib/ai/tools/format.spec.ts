import { describe, expect, it } from 'vitest';
import { fitList, MAX_RESULT_CHARS, num, when } from './format';

describe('num', () => {
	it('keeps integers, rounds other numbers to four significant digits and writes -0 as 0', () => {
		expect(num(5_105)).toBe(5_105);
		expect(num(0.0234567)).toBe(0.02346);
		expect(num(-1234.5678)).toBe(-1235);
		expect(Object.is(num(-0), 0)).toBe(true);
		expect(Object.is(num(-0.00000001), -1e-8)).toBe(true);
	});

	it('turns what is not a finite number into null (not available), never 0', () => {
		for (const v of [Number.NaN, Infinity, -Infinity, undefined, null, '1'] as unknown[])
			expect(num(v)).toBeNull();
	});
});

describe('when', () => {
	it('writes a day, or a UTC minute for intraday data, and null for no time', () => {
		expect(when(Date.UTC(2020, 3, 17))).toBe('2020-04-17');
		expect(when(Date.UTC(2020, 3, 17, 14, 30), true)).toBe('2020-04-17T14:30Z');
		expect(when(Number.NaN)).toBeNull();
		expect(when(8.64e15 + 1)).toBeNull();
	});
});

describe('fitList', () => {
	it('keeps the longest prefix that fits the budget', () => {
		const items = Array.from({ length: 1_000 }, (_, i) => `item-${i}-${'x'.repeat(20)}`);
		const fitted = fitList(items, (shown, total) => ({ total, shown }));
		expect(fitted.content.length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
		expect(fitted.shown).toBeGreaterThan(50);
		const oneMore = JSON.stringify({ total: 1_000, shown: items.slice(0, fitted.shown + 1) });
		expect(oneMore.length).toBeGreaterThan(MAX_RESULT_CHARS);
	});

	it('keeps everything when it fits', () => {
		expect(fitList([1, 2, 3], (shown) => shown).shown).toBe(3);
	});
});
