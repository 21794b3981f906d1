import { describe, expect, it } from 'vitest';
import { aggregateFolds, stitchFolds, type FoldSeries } from './aggregate';

function fold(index: number, rows: number[], predicted: number[]): FoldSeries {
	return {
		fold: index,
		row: Float64Array.from(rows),
		t: Float64Array.from(rows, (r) => r * 86_400_000),
		predicted: Float64Array.from(predicted),
		realised: Float64Array.from(rows, (r) => (r % 2 === 0 ? 0.01 : -0.01)),
		nextReturn: Float64Array.from(rows, (r) => (r % 2 === 0 ? 0.01 : -0.01)),
		aux: null
	};
}

describe('stitchFolds', () => {
	it('orders rows in time and counts each test row once, owned by the latest fold', () => {
		const s = stitchFolds([fold(1, [12, 13, 14], [5, 6, 7]), fold(0, [10, 11, 12], [1, 2, 3])]);
		expect([...s.t].map((t) => t / 86_400_000)).toEqual([10, 11, 12, 13, 14]);
		// row 12 is covered by fold 0 (prediction 3) and fold 1 (prediction 5): the later fold wins.
		expect([...s.predicted]).toEqual([1, 2, 5, 6, 7]);
	});
});

describe('aggregateFolds', () => {
	it('scores the stitched series: perfect-sign predictions hit every day and beat buy-and-hold', () => {
		// returns alternate +1% / -1%; predictions have the right sign every day.
		const rows = [10, 11, 12, 13];
		const a = aggregateFolds([fold(0, rows, [1, -1, 1, -1])], 'regression', {
			mode: 'long_short',
			sizing: 'sign',
			costBps: 0
		});
		expect(a.rows).toBe(4);
		expect(a.direction.hitRate).toBe(1);
		expect(a.regression?.hitRate).toBe(1);
		// strategy earns +1% four times: 1.01^4 - 1
		expect(a.strategy.totalReturn).toBeCloseTo(1.01 ** 4 - 1, 12);
		// buy and hold: 1.01 * 0.99 * 1.01 * 0.99 - 1
		expect(a.buyHold.totalReturn).toBeCloseTo(1.01 * 0.99 * 1.01 * 0.99 - 1, 12);
	});

	it('charges costs across fold boundaries as one continuous position series', () => {
		const a = aggregateFolds([fold(0, [10, 11], [1, 1]), fold(1, [12, 13], [-1, -1])], 'regression', {
			mode: 'long_short',
			sizing: 'sign',
			costBps: 10
		});
		// turnover: enter long (1), flip to short at row 12 (2) → 3 units × 10 bps
		// net: 0.01-0.001, -0.01, -0.01-0.002, 0.01 (short on a -1% day)
		const expected = (1.01 - 0.001) * 0.99 * (0.99 - 0.002) * 1.01 - 1;
		expect(a.strategy.totalReturn).toBeCloseTo(expected, 12);
	});
});
