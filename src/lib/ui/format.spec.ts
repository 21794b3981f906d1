import { describe, expect, it } from 'vitest';
import { date, ms, num, pct } from './format';

describe('format', () => {
	it('shows a NaN metric as not available rather than as a number', () => {
		expect(pct(Number.NaN)).toBe('n/a');
		expect(num(Number.NaN)).toBe('n/a');
		expect(date(Number.NaN)).toBe('n/a');
	});

	it('formats percentages, numbers, dates and durations', () => {
		expect(pct(0.12345)).toBe('12.35%');
		expect(num(-0.5, 2)).toBe('-0.50');
		expect(date(Date.UTC(2020, 3, 17))).toBe('2020-04-17');
		expect(ms(250)).toBe('250 ms');
		expect(ms(2_500)).toBe('2.5 s');
	});
});
