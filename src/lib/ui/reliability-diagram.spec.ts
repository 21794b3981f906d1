import { describe, expect, it } from 'vitest';
import { reliabilityBins } from '../research/recommend/calibration-metrics';
import { DOT_MAX_R, DOT_MIN_R, exitsText, reliabilityGeometry } from './reliability-diagram';

describe('reliabilityGeometry', () => {
	// Bins [0.5, 0.6]: 0.55 up and 0.6 not (observed 0.5, 2 rows); [0.6, 0.7]: 0.65 and 0.7 both up (1.0, 2);
	// [0.8, 0.9]: 0.9 not up (0.0, 1).
	const bins = reliabilityBins([0.55, 0.6, 0.65, 0.7, 0.9], [1, 0, 1, 1, 0]);
	const g = reliabilityGeometry(bins, 200, 20);

	it('puts stated probability on x and observed share up on y, 0 at the bottom left', () => {
		expect(g.x(0)).toBe(20);
		expect(g.x(1)).toBe(180);
		expect(g.y(0)).toBe(180);
		expect(g.y(1)).toBe(20);
		expect(g.points[1].cx).toBeCloseTo(20 + 0.675 * 160, 12);
		expect(g.points[1].cy).toBe(20); // observed 1.0
		expect(g.points[2].cy).toBe(180); // observed 0.0
	});

	it('sizes dots by count: the largest bins get the largest dot, area proportional to count', () => {
		expect(g.points.map((p) => p.count)).toEqual([2, 2, 1]);
		expect(g.points[0].r).toBe(DOT_MAX_R);
		expect(g.points[2].r).toBeCloseTo(DOT_MIN_R + (DOT_MAX_R - DOT_MIN_R) * Math.SQRT1_2, 12);
	});

	it('describes the diagram in words for a screen reader, naming the bin farthest from the diagonal', () => {
		expect(g.description).toBe(
			'5 resolved recommendations in 3 bins of stated probability; the farthest from the diagonal: stated 90.0%, observed 0.0% up.'
		);
		expect(g.points[0].label).toBe('stated 57.5%, observed 50.0% up, 2 recommendations');
	});
});

describe('exitsText', () => {
	it('lists each exit kind with its count and mean return, and the positions still open', () => {
		const e = (n: number, meanReturn: number) => ({ n, meanReturn });
		expect(
			exitsText({
				exits: { target: e(2, 0.03), stop: e(1, -0.015), timeout: e(0, Number.NaN), open: e(1, Number.NaN) }
			})
		).toBe('target 2 (3.00%) · stop 1 (-1.50%) · timeout 0 · open 1');
	});
});
