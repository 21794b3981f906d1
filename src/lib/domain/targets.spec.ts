import { describe, expect, it } from 'vitest';
import { forwardDirection, forwardLogReturn } from './targets';

describe('targets', () => {
	const close = new Float64Array([100, 110, 99, 99, 120]);

	it('computes the forward log return over the horizon and leaves the unknown future as NaN', () => {
		const r = forwardLogReturn(close, 2);
		expect(r[0]).toBeCloseTo(Math.log(99 / 100), 12);
		expect(r[1]).toBeCloseTo(Math.log(99 / 110), 12);
		expect(r[2]).toBeCloseTo(Math.log(120 / 99), 12);
		expect(Number.isNaN(r[3])).toBe(true);
		expect(Number.isNaN(r[4])).toBe(true);
	});

	it('gives the direction as the sign of the forward return, 0 when flat', () => {
		const d = forwardDirection(close, 1);
		expect([...d.slice(0, 4)]).toEqual([1, -1, 0, 1]);
		expect(Number.isNaN(d[4])).toBe(true);
	});

	it('refuses horizons outside 1-70 trading days', () => {
		expect(() => forwardLogReturn(close, 0)).toThrow(/horizon/);
		expect(() => forwardLogReturn(close, 71)).toThrow(/horizon/);
		expect(() => forwardLogReturn(close, 1.5)).toThrow(/horizon/);
	});
});
