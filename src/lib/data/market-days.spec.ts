import { describe, expect, it } from 'vitest';
import {
	addDays,
	clipRange,
	isClosedDay,
	isDay,
	lastClosedDay,
	mergeRanges,
	nyDate,
	nyMidnight,
	subtractRanges
} from './market-days';

describe('market days', () => {
	it('names the New York day of an instant, not the UTC one', () => {
		// 2024-01-03 03:00 UTC is still the evening of 2024-01-02 in New York.
		expect(nyDate(Date.UTC(2024, 0, 3, 3))).toBe('2024-01-02');
		expect(nyDate(Date.UTC(2024, 0, 3, 5))).toBe('2024-01-03');
	});

	it('finds New York midnight in winter and in summer time', () => {
		expect(nyMidnight('2024-01-02')).toBe(Date.UTC(2024, 0, 2, 5));
		expect(nyMidnight('2024-07-01')).toBe(Date.UTC(2024, 6, 1, 4));
		// The days the clocks change: midnight comes before the 02:00 switch.
		expect(nyMidnight('2024-03-10')).toBe(Date.UTC(2024, 2, 10, 5));
		expect(nyMidnight('2024-11-03')).toBe(Date.UTC(2024, 10, 3, 4));
	});

	it('closes a day only once New York has moved past it', () => {
		expect(isClosedDay('2024-01-02', Date.UTC(2024, 0, 3, 3))).toBe(false); // 22:00 on the 2nd in New York
		expect(isClosedDay('2024-01-02', Date.UTC(2024, 0, 3, 5))).toBe(true);
		expect(isClosedDay('2024-01-03', Date.UTC(2024, 0, 3, 5))).toBe(false);
		expect(lastClosedDay(Date.UTC(2024, 0, 3, 5))).toBe('2024-01-02');
	});

	it('adds days across month, year and leap-day boundaries', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
		expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
	});

	it('recognises only real YYYY-MM-DD days', () => {
		expect(isDay('2024-02-29')).toBe(true);
		expect(isDay('2023-02-29')).toBe(false);
		expect(isDay('2024-1-02')).toBe(false);
		expect(isDay('2024-01-02T00:00')).toBe(false);
	});

	it('merges overlapping and touching ranges, and keeps apart ranges with a gap', () => {
		expect(
			mergeRanges([
				['2024-01-10', '2024-01-12'],
				['2024-01-01', '2024-01-05'],
				['2024-01-06', '2024-01-07'],
				['2024-01-11', '2024-01-20']
			])
		).toEqual([
			['2024-01-01', '2024-01-07'],
			['2024-01-10', '2024-01-20']
		]);
		expect(() => mergeRanges([['2024-01-02', '2024-01-01']])).toThrow(RangeError);
	});

	it('subtracts what is held and returns only the missing days', () => {
		const want = ['2024-01-01', '2024-01-31'] as const;
		expect(subtractRanges(want, [])).toEqual([want]);
		expect(subtractRanges(want, [['2023-12-01', '2024-02-01']])).toEqual([]);
		expect(
			subtractRanges(want, [
				['2024-01-05', '2024-01-10'],
				['2023-12-20', '2024-01-02'],
				['2024-01-20', '2024-02-10']
			])
		).toEqual([
			['2024-01-03', '2024-01-04'],
			['2024-01-11', '2024-01-19']
		]);
		expect(subtractRanges(['2024-01-01', '2024-01-01'], [['2024-01-02', '2024-01-03']])).toEqual([
			['2024-01-01', '2024-01-01']
		]);
	});

	it('clips a range to a window', () => {
		expect(clipRange(['2024-01-01', '2024-01-31'], '2024-01-10', '2024-02-10')).toEqual([
			'2024-01-10',
			'2024-01-31'
		]);
		expect(clipRange(['2024-01-01', '2024-01-31'], '2024-02-01', '2024-02-10')).toBeNull();
	});
});
