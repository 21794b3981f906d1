import { describe, expect, it } from 'vitest';
import { date, ms, namedValue, num, pct } from './format';
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

describe('namedValue', () => {
	it('shows fractions as percentages, units after the value, six significant digits', () => {
		expect(namedValue(-0.5678, '%')).toBe('-56.78%');
		expect(namedValue(4.759422392871532, 'USD')).toBe('4.75942 USD');
		expect(namedValue(1234567, '')).toBe('1,234,567');
		expect(namedValue(0.123456789)).toBe('0.123457');
	});

	it('switches to scientific notation far from 1, and says n/a for a missing value', () => {
		expect(namedValue(3.2e-12)).toBe('3.200e-12');
		expect(namedValue(2.5e10, 'USD')).toBe('2.500e+10 USD');
		expect(namedValue(0)).toBe('0');
		expect(namedValue(Number.NaN, '%')).toBe('n/a');
	});
});
