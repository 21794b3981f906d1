import { describe, expect, it } from 'vitest';
import { holdPositions } from './hold';

const events = (net: number[]) => ({
	net: Int32Array.from(net),
	any: Uint8Array.from(net, (v) => (v !== 0 ? 1 : 0))
});

describe('holdPositions', () => {
	it('holds each event’s sign for holdBars bars, the event bar included, NaN before the first bar', () => {
		const { net, any } = events([0, 1, 0, 0, 0, 0, -2, 0, 0]);
		expect(Array.from(holdPositions(net, any, 3, 1))).toEqual([NaN, 1, 1, 1, 0, 0, -1, -1, -1]);
	});

	it('lets a newer event replace the held one, and a bullish–bearish tie close it', () => {
		const net = Int32Array.from([1, 0, -1, 0, 1, 0]);
		const any = Uint8Array.from([1, 0, 1, 0, 1, 1]); // bar 5: one bullish and one bearish pattern
		expect(Array.from(holdPositions(net, any, 4, 0))).toEqual([1, 1, -1, -1, 1, 0]);
	});

	it('refuses a hold shorter than one bar', () => {
		const { net, any } = events([1]);
		expect(() => holdPositions(net, any, 0, 0)).toThrow(/holdBars must be a whole number ≥ 1, got 0/);
	});
});
