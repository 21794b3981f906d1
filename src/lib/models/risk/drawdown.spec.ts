import { describe, expect, it } from 'vitest';
import { drawdownCurve, growth, maxDrawdown } from './drawdown';

describe('drawdowns', () => {
	it('measure the hand-computed fall from the running peak', () => {
		// Peak 120 at t = 2, trough 84 at t = 4: 1 − 84/120 = 30 %; back to 95 % of 120 = 114 at t = 6, to 120 at t = 7.
		const v = [100, 110, 120, 90, 84, 100, 115, 125, 110];
		expect(Array.from(drawdownCurve(v)).map((x) => +x.toFixed(12))).toEqual([
			0, 0, 0, -0.25, -0.3, -0.166666666667, -0.041666666667, 0, -0.12
		]);
		expect(maxDrawdown(v, 0.95)).toEqual({ depth: 0.30000000000000004, peak: 2, trough: 4, recovery: 6 });
		expect(maxDrawdown(v, 1).recovery).toBe(7);
		// Never recovered: −1.
		expect(maxDrawdown([100, 50, 60], 1)).toMatchObject({ peak: 0, trough: 1, recovery: -1 });
		// Rising only: no drawdown.
		expect(maxDrawdown([1, 2, 3]).depth).toBe(0);
	});

	it('compounds returns into the growth of one unit', () => {
		expect(Array.from(growth([0.1, -0.5]))).toEqual([1, 1.1, 0.55]);
	});
});
